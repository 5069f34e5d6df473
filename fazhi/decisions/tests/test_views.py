"""The pages as staff and the public use them: lists, record page, forms, public comment, archive bundle."""
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.masking import find_leaks
from fazhi.decisions import services
from fazhi.decisions.choices import DecisionStatus, StepCode
from fazhi.decisions.models import Decision, PublicComment
from fazhi.testing.challenge import answered

from . import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def _open_now(county, **kw):
    d = f.decision(county, **kw)
    today = clock.today()
    return services.comment_open(actor=county.office, decision=d, comment_start=today - datetime.timedelta(days=1),
                                 comment_end=today + datetime.timedelta(days=30))


class TestStaffPages:
    def test_list_filters_exports_and_marks_overdue_reviews(self, client, county):
        a = f.to_review(county, f.decision(county))  # due 2026-06-10: overdue now
        f.decision(county, title="另一个事项")
        client.force_login(county.office)
        html = client.get(reverse("decisions:decision_list")).content.decode()
        assert 'class="overdue"' in html and a.title in html and "另一个事项" in html
        page = client.get(reverse("decisions:decision_list"), {"q": "另一个"}).context["page"]
        assert [d.title for d in page] == ["另一个事项"]
        response = client.get(reverse("decisions:decision_list"), {"q": "另一个", "export": "xlsx"})
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        assert len(rows) == 2 and rows[1][2] == "另一个事项"

    def test_list_query_count_does_not_grow(self, client, county, settings):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        settings.FAZHI_PAGE_SIZE = 500
        f.decision(county)
        client.force_login(county.office)

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("decisions:decision_list")).status_code == 200
            return len(ctx)

        small = count()
        for i in range(15):
            f.to_review(county, f.decision(county, title=f"事项{i}"))
        assert count() == small

    def test_liaison_sees_own_unit_outsider_gets_404_reviewer_sees_reviews(self, client, county):
        d = f.decision(county)
        client.force_login(county.liaison)
        assert client.get(reverse("decisions:decision_detail", args=[d.pk])).status_code == 200
        client.force_login(county.outsider)
        assert client.get(reverse("decisions:decision_detail", args=[d.pk])).status_code == 404
        client.force_login(county.reviewer)
        assert client.get(reverse("decisions:decision_detail", args=[d.pk])).status_code == 404
        f.to_review(county, d)
        html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
        assert "出具审查意见" in html

    def test_record_page_shows_only_allowed_actions_with_the_reason(self, client, county):
        d = f.decision(county)
        client.force_login(county.office)
        html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
        assert "公开征求意见" in html and "提交合法性审查" in html and "集体讨论作出决定" not in html
        client.force_login(county.leader)
        html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
        assert "提交合法性审查" not in html and d.title in html

    def test_refused_form_keeps_input_and_names_the_field(self, client, county):
        d = f.decision(county)
        client.force_login(county.office)
        response = client.post(reverse("decisions:comment_open", args=[d.pk]),
                               {"comment_start": "2026-03-01", "comment_end": "2026-03-10"})
        html = response.content.decode()
        assert 'data-field="comment_end"' in html and "少于30日" in html and 'value="2026-03-10"' in html
        assert Decision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT

    def test_meeting_form_parses_views_and_decides(self, client, county):
        d = f.to_discussion(county, f.decision(county))
        client.force_login(county.office)
        views = "张副县长｜组成人员｜同意｜同意\n李副县长｜组成人员｜不同意｜建议暂缓\n王县长｜行政首长｜同意｜同意实施"
        data = {"meeting_type": "standing", "meeting_on": "2026-06-20", "attendees": "王县长等", "views": views,
                "outcome": "adopted", "decision_text": "同意"}
        html = client.post(reverse("decisions:meeting_record", args=[d.pk]), data).content.decode()
        assert "李副县长" in html and "如实记载" in html
        client.post(reverse("decisions:meeting_record", args=[d.pk]), {**data, "dissent": "李副县长建议暂缓"})
        client.post(reverse("decisions:decide", args=[d.pk]))
        assert Decision.objects.get(pk=d.pk).status == DecisionStatus.DECIDED

    def test_every_staff_page_renders(self, client, county):
        d = f.to_decided(county, f.decision(county))
        f.adviser(county)
        client.force_login(county.office)
        for name, args in [("decisions:decision_list", []), ("decisions:decision_detail", [d.pk]),
                           ("decisions:decision_archive", [d.pk]), ("decisions:catalogue_list", []),
                           ("decisions:adviser_list", []), ("decisions:service_list", []),
                           ("decisions:coverage", []), ("decisions:party_report", [d.pk]),
                           ("decisions:publish", [d.pk]), ("decisions:adviser_create", []),
                           ("decisions:service_create", []), ("decisions:catalogue_create", [])]:
            assert client.get(reverse(name, args=args)).status_code == 200, name


class TestPublicComment:
    def test_anyone_comments_without_an_account_and_personal_data_stays_private(self, client, county):
        d = _open_now(county)
        url = reverse("decisions:public_detail") + f"?id={d.pk}"
        html = client.get(url).content.decode()
        assert d.title in html and "发表意见" in html
        response = client.post(reverse("decisions:public_comment"), {
            "decision": d.pk, "body": "建议增加停车位，联系我13812345678", "name": "欧阳娜娜",
            "contact": "13812345678", **answered()}, follow=True)
        html = response.content.decode()
        assert "感谢您的意见" in html
        c = PublicComment.objects.get(decision=d)
        assert c.name == "欧阳娜娜" and c.contact == "13812345678"
        assert not find_leaks(html, names=["欧阳娜娜"]) and "13812345678" not in html

    def test_abuse_is_refused_with_the_reason(self, client, county):
        d = _open_now(county)
        post = {"decision": d.pk, "body": "好", **answered()}
        assert "至少5个字" in client.post(reverse("decisions:public_comment"), post).content.decode()
        post["body"] = "建议加强宣传工作"
        client.post(reverse("decisions:public_comment"), post)
        assert "请勿重复提交" in client.post(reverse("decisions:public_comment"), post).content.decode()
        for i in range(4):
            client.post(reverse("decisions:public_comment"), {**post, "body": f"第{i}条建议内容"})
        html = client.post(reverse("decisions:public_comment"), {**post, "body": "第六条建议"}).content.decode()
        assert "提交过于频繁" in html and PublicComment.objects.filter(decision=d).count() == 5

    def test_unpublished_draft_is_not_public(self, client, county):
        d = f.decision(county)
        assert client.get(reverse("decisions:public_detail") + f"?id={d.pk}").status_code == 404
        assert client.post(reverse("decisions:public_comment"), {"decision": d.pk, "body": "xxxxxxx"}).status_code == 404
        assert d.title not in client.get(reverse("decisions:public_list")).content.decode()

    def test_published_decision_shows_the_adoption_note_masked(self, client, county, monkeypatch):
        d = _open_now(county)
        c = services.comment_submit(decision=d, body="王小明建议：增加停车位", address="1.1.1.1", name="王小明")
        services.comment_dispose(actor=county.office, comment=c, disposition="adopted")
        later = clock.today() + datetime.timedelta(days=40)
        monkeypatch.setattr(clock, "today", lambda: later)
        services.comment_close(actor=county.office, decision=d)
        services.step_record(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION), complete=True)
        services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.EXPERT_CONSULTATION),
                                          reason="非技术事项")
        services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.RISK_ASSESSMENT),
                                          reason="无稳定风险")
        d = services.review_submit(actor=county.office, decision=Decision.objects.get(pk=d.pk),
                                   review_unit=county.justice, submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))
        f.opinion_give(county, d)
        d = services.decision_act(actor=county.office, decision=d, action="discussion_submit")
        f.record_meeting(county, d)
        d = services.decision_decide(actor=county.office, decision=d)
        services.party_report_record(actor=county.office, decision=d, reported_on=D(2026, 6, 22), note="已报告")
        services.decision_publish(actor=county.office, decision=Decision.objects.get(pk=d.pk),
                                  published_on=D(2026, 6, 25), published_where="县政府网站",
                                  implementing_unit=county.market)
        html = client.get(reverse("decisions:public_detail") + f"?id={d.pk}").content.decode()
        assert "公众意见采纳情况说明" in html and "采纳1条" in html and "王某" in html
        assert not find_leaks(html, names=["王小明"])


class TestArchive:
    def test_bundle_contains_every_material_in_order(self, client, county):
        d = f.decision(county)
        client.force_login(county.office)
        client.post(reverse("decisions:attachment_add", args=[d.pk]), {
            "title": "听证笔录", "step_code": "public_participation",
            "file": SimpleUploadedFile("hearing.txt", "听证笔录内容".encode())})
        d = f.to_decided(county, Decision.objects.get(pk=d.pk))
        response = client.get(reverse("decisions:decision_bundle", args=[d.pk]))
        assert response["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = archive.namelist()
        assert names[-1] == "00_目录.html"
        ordered = sorted(n for n in names if n.endswith(".txt") and not n.startswith("附件"))
        titles = [n.split("_", 1)[1].rsplit(".", 1)[0] for n in ordered]
        assert titles[:8] == ["决策事项基本情况", "决策草案（第1稿）", "起草说明", "程序环节1：公众参与", "程序环节2：专家论证",
                              "程序环节3：风险评估", "程序环节4：合法性审查", "程序环节5：集体讨论决定"]
        assert "公众意见及处理情况（含已屏蔽意见）" in titles and "办理过程" in titles
        assert archive.read("附件/01_" + names[[n.startswith("附件/") for n in names].index(True)].split("_", 1)[1]
                            ) == "听证笔录内容".encode()
        review = archive.read(next(n for n in names if "合法性审查" in n and n.endswith(".txt"))).decode()
        assert "审查结论：合法" in review and "陈律师" in review
        meeting = archive.read(next(n for n in names if "集体讨论决定" in n and n.endswith(".txt"))).decode()
        assert meeting.index("1. 张副县长") < meeting.index("3. 王县长（行政首长）")
        assert "听证笔录" in archive.read("00_目录.html").decode()

    def test_hidden_comment_stays_in_the_archive_with_who_and_why(self, client, county):
        d = _open_now(county)
        c = services.comment_submit(decision=d, body="广告内容请联系", address="2.2.2.2")
        services.comment_hide(actor=county.office, comment=c, reason="广告")
        client.force_login(county.office)
        html = client.get(reverse("decisions:decision_archive", args=[d.pk])).content.decode()
        assert "广告内容请联系" in html and "已屏蔽" in html and "法治办王主任" in html and "理由：广告" in html


def test_decisions_are_searchable_within_scope(county):
    from fazhi.core import search

    f.decision(county, title="城区农贸市场改造方案")
    assert [h.entry.title for h in search.query("农贸", user=county.liaison)] == ["城区农贸市场改造方案"]
    assert search.query("农贸", user=county.outsider).total == 0


def test_liaison_registers_a_county_decision_and_sends_it_to_the_justice_bureau(client, county):
    client.force_login(county.liaison)
    response = client.post(reverse("decisions:decision_create"), {
        "title": "市场监管领域重大事项", "category": "public_policy", "year": 2026, "organ": county.gov.pk,
        "lead_unit": county.market.pk, "proposer": "市场监管局", "draft_text": "草案", "explanation": "说明"})
    d = Decision.objects.get(title="市场监管领域重大事项")
    assert response.status_code == 302 and d.organ == county.gov
    f.resolve_preliminary(county, d, actor=county.liaison)
    response = client.post(reverse("decisions:review_submit", args=[d.pk]), {
        "review_unit": county.justice.pk, "submitted_on": "2026-06-01", "due_on": "2026-06-10"})
    assert response.status_code == 302 and Decision.objects.get(pk=d.pk).status == DecisionStatus.REVIEW


def test_emergency_matter_is_refused_on_the_form(client, county):
    client.force_login(county.office)
    html = client.post(reverse("decisions:decision_create"), {
        "title": "防汛应急处置", "category": "other", "excluded": "emergency", "year": 2026, "organ": county.gov.pk,
        "lead_unit": county.market.pk, "proposer": "应急局"}).content.decode()
    assert 'data-field="excluded"' in html and "不适用重大行政决策程序" in html
    assert not Decision.objects.exists()


def test_adviser_import_is_all_or_nothing_and_export_round_trips(client, county):
    from fazhi.core import spreadsheets as sheets
    from fazhi.decisions.models import LegalAdviser
    from fazhi.decisions.spreadsheets import adviser_sheet

    good = {"name": "甲律师", "kind": "lawyer", "firm": "甲所", "practice_since": 2005, "client_unit": county.gov,
            "contract_start": D(2026, 1, 1), "contract_end": D(2027, 12, 31), "sanctioned": False,
            "criminal_record": False, "full_time": True}
    bad = {**good, "name": "乙律师", "practice_since": 2024}
    content = sheets.export_workbook(adviser_sheet(), [type("A", (), {**g, "client_unit": g["client_unit"],
                                                                       "license_no": "", "contract_no": ""})
                                                       for g in (good, bad)])
    client.force_login(county.office)
    html = client.post(reverse("decisions:adviser_import"), {
        "file": SimpleUploadedFile("a.xlsx", content)}).content.decode()
    assert "第 3 行" in html and "执业5年以上" in html and not LegalAdviser.objects.exists()
    content = sheets.export_workbook(adviser_sheet(), [type("A", (), {**good, "license_no": "", "contract_no": ""})])
    response = client.post(reverse("decisions:adviser_import"), {"file": SimpleUploadedFile("a.xlsx", content)})
    assert response.status_code == 302 and LegalAdviser.objects.get().name == "甲律师"
    exported = client.get(reverse("decisions:adviser_list"), {"export": "xlsx"}).content
    rows = sheets.read_rows(adviser_sheet(), exported).rows
    assert rows[0]["name"] == "甲律师" and rows[0]["client_unit"] == county.gov


def test_catalogue_pages_draft_approve_publish_adjust(client, county):
    client.force_login(county.office)
    client.post(reverse("decisions:catalogue_create"), {"organ": county.gov.pk, "year": 2026, "title": "2026年目录"})
    from fazhi.decisions.models import DecisionCatalogue

    cat = DecisionCatalogue.objects.get()
    f.decision(county, catalogue=cat)
    url = reverse("decisions:catalogue_approve", args=[cat.pk])
    html = client.post(url, {"party_consent": "", "party_consent_on": "2026-02-01", "approved_on": "2026-02-02"}
                       ).content.decode()
    assert "党委同意" in html and DecisionCatalogue.objects.get().status == "draft"
    client.post(url, {"party_consent": "县委常委会同意", "party_consent_on": "2026-02-01", "approved_on": "2026-02-02"})
    client.post(reverse("decisions:catalogue_publish", args=[cat.pk]),
                {"published_on": "2026-02-05", "published_where": "县政府网站"})
    assert DecisionCatalogue.objects.get().status == "published"
    extra = f.decision(county, title="年中新增事项")
    client.post(reverse("decisions:catalogue_adjust", args=[cat.pk]), {
        "kind": "add", "decision": extra.pk, "reason": "年中新增", "party_consent": "县委同意",
        "adjusted_on": "2026-07-01"})
    html = client.get(reverse("decisions:catalogue_detail", args=[cat.pk])).content.decode()
    assert "年中新增事项" in html and "年中新增" in html and "已公布" in html


def test_adviser_pages_register_log_end_and_coverage(client, county):
    client.force_login(county.office)
    response = client.post(reverse("decisions:adviser_create"), {
        "name": "丙律师", "kind": "lawyer", "firm": "丙所", "practice_since": 2010, "client_unit": county.township.pk,
        "covered_units": [county.village_east.pk], "full_time": "on", "contract_start": "2026-01-01",
        "contract_end": "2027-12-31"})
    assert response.status_code == 302
    from fazhi.decisions.models import AdviserService, LegalAdviser

    a = LegalAdviser.objects.get()
    html = client.get(reverse("decisions:coverage")).content.decode()
    assert "西坪村" in html and "东坪村" not in html  # the gap is named, the covered village is not
    client.post(reverse("decisions:service_create"), {
        "adviser": a.pk, "unit": county.township.pk, "kind": "contract_review", "served_on": "2026-05-01",
        "subject": "土地流转合同审查"})
    assert AdviserService.objects.get().subject == "土地流转合同审查"
    html = client.get(reverse("decisions:service_list"), {"kind": "contract_review"}).content.decode()
    assert "土地流转合同审查" in html
    client.post(reverse("decisions:adviser_end", args=[a.pk]), {"reason": "合同期满不再续聘"})
    assert LegalAdviser.objects.get().ended_reason == "合同期满不再续聘"


def test_after_publication_progress_and_evaluation_pages(client, county):
    d = f.to_decided(county, f.decision(county))
    client.force_login(county.office)
    client.post(reverse("decisions:party_report", args=[d.pk]), {"reported_on": "2026-06-21", "note": "县委同意"})
    client.post(reverse("decisions:publish", args=[d.pk]), {
        "published_on": "2026-06-25", "published_where": "县政府网站", "implementing_unit": county.market.pk})
    assert Decision.objects.get(pk=d.pk).status == DecisionStatus.PUBLISHED
    client.force_login(county.liaison)
    client.post(reverse("decisions:progress_add", args=[d.pk]), {"reported_on": "2026-09-01", "content": "一期完工"})
    client.force_login(county.office)
    client.post(reverse("decisions:evaluation_start", args=[d.pk]), {
        "trigger": "targets_missed", "evaluator": "第三方评估机构", "third_party": "on", "started_on": "2026-10-01"})
    ev = Decision.objects.get(pk=d.pk).evaluations.get()
    client.post(reverse("decisions:evaluation_finish", args=[ev.pk]), {
        "finished_on": "2026-11-01", "conclusion": "基本达到预期", "result": "adjust"})
    html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
    assert "一期完工" in html and "基本达到预期" in html and "调整完善" in html
