"""Legal aid under the law in force on the application date: the 2003 regulations before 2022-01-01, the
法律援助法 after — matter lists, exemptions, every clock, the allowed and the refused path on both versions."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.legal_services import services
from fazhi.legal_services.alerts import aid_clocks
from fazhi.legal_services.choices import AidStatus, LawVersion

pytestmark = pytest.mark.django_db
D = datetime.date


def today(monkeypatch, day):
    monkeypatch.setattr(clock, "today", lambda: day)


def apply(c, applied_on, matter="wages", **kw):
    kw.setdefault("hardship_proof", True)
    return services.aid_register(actor=c.office, unit=c.justice, applicant="申请人甲", matter=matter,
                                 facts="被拖欠工资", applied_on=applied_on, **kw)


def step(c, app, action, on, **kw):
    return services.aid_step(actor=c.office, app=app, action=action, on=on, **kw)


def report():
    return SimpleUploadedFile("结案报告.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


def test_2003_allowed_path_with_its_clocks(county, ls, monkeypatch):
    today(monkeypatch, D(2019, 7, 1))
    app = apply(county, D(2019, 6, 3))
    assert app.law_version == LawVersion.REGS_2003
    assert app.review_due == D(2019, 6, 10)  # the province's 7 days (the 2003 regulations say 及时)
    app = step(county, app, "approve", D(2019, 6, 5))
    assert app.status == AidStatus.APPROVED and app.assign_due == D(2019, 6, 10)  # 6/8 is a Saturday: rolled
    with pytest.raises(DomainError, match="承办律师"):
        step(county, app, "assign", D(2019, 6, 6))
    app = step(county, app, "assign", D(2019, 6, 6), lawyer=ls.lawyer_profile)
    assert app.status == AidStatus.ASSIGNED
    today(monkeypatch, D(2019, 7, 31))
    with pytest.raises(DomainError, match="结案报告"):
        step(county, app, "close", D(2019, 7, 30))
    app = step(county, app, "close", D(2019, 7, 30), report=report(), subsidy=800)
    assert app.status == AidStatus.CLOSED and app.closing_report


def test_2003_refused_path_objection_in_five_working_days(county, monkeypatch):
    today(monkeypatch, D(2019, 6, 30))
    app = apply(county, D(2019, 6, 3), matter="labour_relation")
    with pytest.raises(DomainError, match="不属于《法律援助条例》"):
        step(county, app, "approve", D(2019, 6, 4))
    with pytest.raises(DomainError, match="理由"):
        step(county, app, "refuse", D(2019, 6, 4))
    app = step(county, app, "refuse", D(2019, 6, 4), reason="确认劳动关系不属于法律援助事项")
    assert app.status == AidStatus.REFUSED and app.refusal_reason
    app = step(county, app, "object", D(2019, 6, 5), reason="申请人不服")
    # 5 working days from Wed 5 June 2019: Thu 6 (1), Fri 7 is 端午节, Mon 10 (2) … Thu 13 (5)
    assert app.objection_due == D(2019, 6, 13)
    alerts = aid_clocks(county.office, D(2019, 6, 14))
    assert any(a.severity == "overdue" and "五个工作日" in a.rule for a in alerts)
    app = step(county, app, "objection_rejected", D(2019, 6, 12))
    assert app.status == AidStatus.REFUSED and app.objection_upheld is False


def test_2003_has_no_exemption_and_no_first_aid(county, monkeypatch):
    today(monkeypatch, D(2019, 6, 30))
    app = apply(county, D(2019, 6, 3), hardship_proof=False, exemption="migrant", limitation_on=D(2019, 6, 6))
    with pytest.raises(DomainError, match="不免予核查"):
        step(county, app, "approve", D(2019, 6, 4))
    with pytest.raises(DomainError, match="未规定先行提供法律援助"):
        step(county, app, "urgent", D(2019, 6, 4))


def test_2021_allowed_path_exemption_and_clocks(county, ls, monkeypatch):
    today(monkeypatch, D(2022, 3, 31))
    app = apply(county, D(2022, 3, 1), hardship_proof=False, exemption="migrant")
    assert app.law_version == LawVersion.LAW_2021
    assert app.review_due == D(2022, 3, 8)  # 法律援助法第四十三条: 7 days
    alerts = aid_clocks(county.office, D(2022, 3, 9))
    assert any(a.severity == "overdue" and a.due == D(2022, 3, 8) for a in alerts)
    app = step(county, app, "approve", D(2022, 3, 7))
    assert app.assign_due == D(2022, 3, 10)  # 3 days
    app = step(county, app, "assign", D(2022, 3, 9), lawyer=ls.lawyer_profile)
    with pytest.raises(DomainError, match="法律援助法》第四十八条"):
        step(county, app, "terminate", D(2022, 3, 20), reason="x", ground="bogus")
    app = step(county, app, "terminate", D(2022, 3, 20), reason="受援人自行委托律师", ground="own_lawyer")
    assert app.status == AidStatus.TERMINATED


def test_2021_refused_path_objection_in_five_days(county, monkeypatch):
    today(monkeypatch, D(2022, 3, 31))
    app = apply(county, D(2022, 3, 1), hardship_proof=False)
    with pytest.raises(DomainError, match="未提交经济困难证明"):
        step(county, app, "approve", D(2022, 3, 2))
    app = step(county, app, "refuse", D(2022, 3, 2), reason="未提交经济困难证明")
    app = step(county, app, "object", D(2022, 3, 3), reason="不服")
    assert app.objection_due == D(2022, 3, 8)  # 法律援助法第四十九条: 5 days (Thu 3 → Tue 8)
    app = step(county, app, "objection_upheld", D(2022, 3, 7))
    assert app.status == AidStatus.APPROVED and app.objection_upheld and app.assign_due == D(2022, 3, 10)


def test_2021_first_aid_when_the_deadline_is_under_seven_days(county, ls, monkeypatch):
    today(monkeypatch, D(2022, 3, 31))
    far = apply(county, D(2022, 3, 1), limitation_on=D(2022, 3, 8))
    with pytest.raises(DomainError, match="不足七日"):
        step(county, far, "urgent", D(2022, 3, 1), lawyer=ls.lawyer_profile)
    near = apply(county, D(2022, 3, 1), limitation_on=D(2022, 3, 7))
    assert any("先行提供" in a.title for a in aid_clocks(county.office, D(2022, 3, 1)))
    near = step(county, near, "urgent", D(2022, 3, 1), lawyer=ls.lawyer_profile)
    assert near.status == AidStatus.ASSIGNED and near.urgent


def test_missing_materials_listed_once_then_deemed_withdrawn(county, monkeypatch):
    today(monkeypatch, D(2022, 3, 31))
    app = apply(county, D(2022, 3, 1))
    with pytest.raises(DomainError, match="一次性列明"):
        step(county, app, "request_materials", D(2022, 3, 2))
    app = step(county, app, "request_materials", D(2022, 3, 2), materials="身份证复印件；劳动合同")
    assert app.materials_due == D(2022, 3, 17)
    with pytest.raises(DomainError, match="尚未届满"):
        step(county, app, "deem_withdrawn", D(2022, 3, 10))
    app = step(county, app, "materials_received", D(2022, 3, 10))
    assert app.review_due == D(2022, 3, 17)  # the 7 days run again from the complete materials
    with pytest.raises(DomainError, match="一次性告知"):
        step(county, app, "request_materials", D(2022, 3, 11), materials="再补充")
    other = apply(county, D(2022, 3, 1))
    other = step(county, other, "request_materials", D(2022, 3, 2), materials="身份证复印件")
    other = step(county, other, "deem_withdrawn", D(2022, 3, 18))
    assert other.status == AidStatus.WITHDRAWN


def test_only_the_legal_aid_agency_handles_applications(county, ls, monkeypatch):
    today(monkeypatch, D(2019, 6, 30))
    for user in (county.liaison, county.outsider, ls.lawyer, ls.village_account):
        with pytest.raises(DomainError):
            services.aid_register(actor=user, unit=county.justice, applicant="甲", matter="wages", facts="x",
                                  applied_on=D(2019, 6, 3), hardship_proof=True)
