"""What the URL contract test needs to know about the decisions module's URLs.

Every sample belongs to 市场监管局 (the lead unit) or the county government, which the outsider (水利局) does not see.
Public pages take the record id in the query string, so they need no sample.
"""
import datetime


def _decision(county):
    from fazhi.decisions.models import Decision

    found = Decision.objects.filter(title="合同测试决策").first()
    if found:
        return found
    from fazhi.decisions import services

    d = services.decision_create(actor=county.office, title="合同测试决策", category="project", organ=county.gov,
                                 lead_unit=county.market, proposer="市场监管局", year=2026,
                                 draft_text="草案", explanation="说明")
    services.comment_open(actor=county.office, decision=d, comment_start=datetime.date(2026, 1, 1),
                          comment_end=datetime.date(2026, 12, 31))
    services.comment_submit(decision=d, body="合同测试意见内容", address="10.9.9.9",
                            now=datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC))
    return d


def _comment(county):
    return {"pk": _decision(county).comments.first().pk}


def _catalogue(county):
    from fazhi.decisions import services
    from fazhi.decisions.models import DecisionCatalogue

    c = DecisionCatalogue.objects.filter(organ=county.gov, year=2026).first()
    return c or services.catalogue_create(actor=county.office, organ=county.gov, year=2026, title="合同测试目录")


def _adviser(county):
    from fazhi.decisions import services
    from fazhi.decisions.models import LegalAdviser

    a = LegalAdviser.objects.filter(name="合同测试顾问").first()
    return a or services.adviser_register(actor=county.office, name="合同测试顾问", kind="lawyer", firm="某所",
                                          practice_since=2005, client_unit=county.market,
                                          contract_start=datetime.date(2026, 1, 1),
                                          contract_end=datetime.date(2027, 12, 31))


def _evaluation(county):
    from fazhi.decisions.models import Evaluation

    d = _decision(county)
    e = Evaluation.objects.filter(decision=d).first()
    return e or Evaluation.objects.create(decision=d, trigger="organ_need", evaluator="某评估机构",
                                          started_on=datetime.date(2026, 5, 1))


def _attachment(county):
    from django.core.files.base import ContentFile

    from fazhi.decisions.models import DecisionAttachment

    d = _decision(county)
    a = DecisionAttachment.objects.filter(decision=d).first()
    if a is None:
        a = DecisionAttachment(decision=d, title="合同测试材料", sha256="0" * 64)
        a.file.save("contract.txt", ContentFile(b"x"), save=True)
    return a


def _pk(make):
    return lambda c: {"pk": make(c).pk}


def _step(code):
    return lambda c: {"pk": _decision(c).pk, "code": code}


SAMPLES = {
    "decisions:decision_detail": _pk(_decision),
    "decisions:decision_edit": _pk(_decision),
    "decisions:draft_revise": _pk(_decision),
    "decisions:step_edit": _step("risk_assessment"),
    "decisions:step_not_applicable": _step("expert_consultation"),
    "decisions:expert_add": _pk(_decision),
    "decisions:comment_open": _pk(_decision),
    "decisions:comment_close": _pk(_decision),
    "decisions:review_submit": _pk(_decision),
    "decisions:review_opinion": _pk(_decision),
    "decisions:decision_act": lambda c: {"pk": _decision(c).pk, "action": "withdraw"},
    "decisions:meeting_record": _pk(_decision),
    "decisions:decide": _pk(_decision),
    "decisions:party_report": _pk(_decision),
    "decisions:publish": _pk(_decision),
    "decisions:progress_add": _pk(_decision),
    "decisions:evaluation_start": _pk(_decision),
    "decisions:evaluation_finish": _pk(_evaluation),
    "decisions:attachment_add": _pk(_decision),
    "decisions:attachment_download": _pk(_attachment),
    "decisions:comment_dispose": _comment,
    "decisions:comment_hide": _comment,
    "decisions:decision_archive": _pk(_decision),
    "decisions:decision_bundle": _pk(_decision),
    "decisions:catalogue_detail": _pk(_catalogue),
    "decisions:catalogue_approve": _pk(_catalogue),
    "decisions:catalogue_publish": _pk(_catalogue),
    "decisions:catalogue_adjust": _pk(_catalogue),
    "decisions:adviser_detail": _pk(_adviser),
    "decisions:adviser_edit": _pk(_adviser),
    "decisions:adviser_end": _pk(_adviser),
}

PUBLIC = {"decisions:public_list", "decisions:public_detail", "decisions:public_comment"}

SECRET_TEXT = {
    "decisions:decision_detail": "合同测试决策",
    "decisions:decision_archive": "合同测试决策",
    "decisions:catalogue_detail": "合同测试目录",
    "decisions:adviser_detail": "合同测试顾问",
}
