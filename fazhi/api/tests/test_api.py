"""The open API: tokens and their scope, the same rules as the pages, idempotency, masking, throttling, audit."""
import datetime
import html

import pytest
from django.urls import reverse

from fazhi.api import calllog
from fazhi.api.models import ApiCallLog, ApiToken, ExternalRef
from fazhi.core import audit_events
from fazhi.core.models import AuditEntry
from fazhi.enforcement.models import Case
from fazhi.enforcement.workflows import CASE_FLOW

from .conftest import api, make_token

pytestmark = pytest.mark.django_db

REGISTERED = datetime.date(2025, 3, 3)
WRITE_CASES = {"cases": "write", "decisions": "read"}


def case_payload(county, **extra):
    return {"external_id": "SZF-2025-0001", "officer_certificate_no": county.me.certificate_no,
            "body": county.body.pk, "kind": "penalty", "title": "某超市销售过期食品案", "facts": "现场检查发现过期食品。",
            "registered_on": str(REGISTERED), "team_certificate_nos": [county.colleague.certificate_no],
            "parties": [{"kind": "organisation", "name": "某县某超市有限公司", "representative_name": "王某"}],
            **extra}


def post_case(county, raw, **extra):
    with _clock(REGISTERED + datetime.timedelta(days=1)):
        return api(raw).post(reverse("api:cases"), case_payload(county, **extra), format="json")


def _clock(day):
    from unittest import mock

    return mock.patch("fazhi.core.clock.today", return_value=day)


# Tokens -------------------------------------------------------------------------------------------

def test_a_call_without_a_valid_token_is_401(county):
    url = reverse("api:decisions")
    assert api().get(url).status_code == 401
    assert api("fz_not-a-token").get(url).status_code == 401
    assert api().get(url, HTTP_AUTHORIZATION="Bearer two parts").status_code == 401
    raw = make_token([county.market], {"decisions": "read"})
    assert api(raw).get(url).status_code == 200


def test_revoked_and_expired_tokens_are_refused_with_401(county):
    from fazhi.api import services

    raw = make_token([county.market], {"decisions": "read"})
    token = ApiToken.objects.get(system="省行政执法监督平台")
    services.token_revoke(actor=county.sysadmin, token=token)
    response = api(raw).get(reverse("api:decisions"))
    assert response.status_code == 401 and response.json()["detail"] == "令牌已吊销。"
    later = make_token([county.market], {"decisions": "read"}, system="国家平台",
                       expires_on=datetime.date(2030, 1, 1))
    with _clock(datetime.date(2030, 1, 2)):
        response = api(later).get(reverse("api:decisions"))
    assert response.status_code == 401 and response.json()["detail"] == "令牌已过期。"


def test_token_rules(county):
    from fazhi.api import services
    from fazhi.core.errors import DomainError

    for kwargs, field in ((dict(system=" "), "system"), (dict(units=[]), "units"), (dict(scopes={"x": "read"}), "scopes"),
                          (dict(scopes={"petitions": "write"}), "act_as"),
                          (dict(expires_on=datetime.date(2000, 1, 1)), "expires_on")):
        args = {**dict(actor=county.sysadmin, system="甲", units=[county.market], scopes={"decisions": "read"}),
                **kwargs}
        with pytest.raises(DomainError) as refused:
            services.token_create(**args)
        assert refused.value.field == field
    token, raw = services.token_create(actor=county.sysadmin, system="甲", units=[county.market],
                                       scopes={"decisions": "read", "cases": "write"})
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())  # only the digest is kept
    assert token.scope_labels() == ["执法决定公示：只读", "行政执法案件：读写"]
    services.token_revoke(actor=county.sysadmin, token=token)
    with pytest.raises(DomainError):
        services.token_revoke(actor=county.sysadmin, token=token)
    assert set(AuditEntry.objects.filter(object_type="api.ApiToken", object_id=str(token.pk)).values_list("event_code", flat=True)) == {
        audit_events.get("api.token_created").code, audit_events.get("api.token_revoked").code}


def test_a_read_only_token_cannot_write(enf):
    raw = make_token([enf.market], {"cases": "read"})
    response = post_case(enf, raw)
    assert response.status_code == 403
    assert not Case.objects.filter(title="某超市销售过期食品案").exists()
    # and a token without the resource at all cannot read it
    assert api(raw).get(reverse("api:decisions")).status_code == 403


# Writes: the same rules as the pages ------------------------------------------------------------

def test_a_case_is_registered_once_per_external_id(enf):
    raw = make_token([enf.market], WRITE_CASES)
    first = post_case(enf, raw)
    assert first.status_code == 201, first.json()
    again = post_case(enf, raw, title="改过的案由")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    case = Case.objects.get(pk=first.json()["id"])
    assert case.title == "某超市销售过期食品案" and case.handler == enf.officer
    assert Case.objects.filter(body=enf.body).count() == 1
    ref = ExternalRef.objects.get(external_id="SZF-2025-0001")
    assert ref.object_id == case.pk and str(ref) == "省行政执法监督平台 case SZF-2025-0001"
    entry = AuditEntry.objects.get(event_code=audit_events.get("api.case_received").code)
    assert entry.changes["system"] == [None, "省行政执法监督平台"]
    assert entry.changes["method"] == [None, "POST"] and entry.changes["status"] == [None, 201]
    assert entry.changes["path"] == [None, reverse("api:cases")]
    # the module's own audit entry is there too: the same service as the page
    assert AuditEntry.objects.filter(event_code=audit_events.get("enforcement.case_registered").code,
                                     object_id=str(case.pk)).exists()
    assert api(raw).get(reverse("api:case", args=[case.pk])).json()["number"] == case.number


def test_a_step_out_of_order_is_refused_with_the_pages_message(enf):
    raw = make_token([enf.market], WRITE_CASES)
    case = Case.objects.get(pk=post_case(enf, raw).json()["id"])
    expected = CASE_FLOW.refusal(enf.officer, case, "serve", on=REGISTERED + datetime.timedelta(days=1))
    assert expected  # 送达 before a decision is against the procedure
    step = {"external_id": "step-1", "officer_certificate_no": enf.me.certificate_no, "action": "serve",
            "on": str(REGISTERED + datetime.timedelta(days=1)), "text": "直接送达"}
    with _clock(REGISTERED + datetime.timedelta(days=2)):
        response = api(raw).post(reverse("api:case_steps", args=[case.pk]), step, format="json")
    assert response.status_code == 422
    assert response.json()["detail"] == expected
    # the page refuses with the very same words
    from django.test import Client

    page = Client()
    page.force_login(enf.officer)
    with _clock(REGISTERED + datetime.timedelta(days=2)):
        shown = page.get(reverse("enforcement:case_step", args=[case.pk, "serve"]))
    assert html.escape(expected) in shown.content.decode() or expected in shown.content.decode()
    # a step in order goes through, once
    step.update(action="investigate", external_id="step-2", text="询问当事人")
    with _clock(REGISTERED + datetime.timedelta(days=2)):
        done = api(raw).post(reverse("api:case_steps", args=[case.pk]), step, format="json")
        repeat = api(raw).post(reverse("api:case_steps", args=[case.pk]), step, format="json")
    assert done.status_code == 201 and done.json()["status"] == "调查取证"
    assert repeat.status_code == 200 and Case.objects.get(pk=case.pk).record_count == 2


def test_a_record_is_appended_once(enf):
    raw = make_token([enf.market], WRITE_CASES)
    case_id = post_case(enf, raw).json()["id"]
    record = {"external_id": "rec-1", "officer_certificate_no": enf.me.certificate_no, "step": "investigate",
              "text": "调取监控录像", "occurred_on": str(REGISTERED + datetime.timedelta(days=1))}
    with _clock(REGISTERED + datetime.timedelta(days=2)):
        first = api(raw).post(reverse("api:case_records", args=[case_id]), record, format="json")
        again = api(raw).post(reverse("api:case_records", args=[case_id]), record, format="json")
    assert first.status_code == 201 and again.status_code == 200 and first.json()["id"] == again.json()["id"]
    assert first.json()["seq"] == 2


def test_rules_of_the_service_come_back_in_chinese(enf):
    from fazhi.enforcement.qualifications import TEAM_RULE

    raw = make_token([enf.market], WRITE_CASES)
    alone = post_case(enf, raw, team_certificate_nos=[])
    assert alone.status_code == 422
    assert alone.json() == {"detail": f"行政处罚应当由两名以上持有效执法证的执法人员实施（{TEAM_RULE}）。",
                            "field": "officers"}
    unknown = post_case(enf, raw, officer_certificate_no="00000000")
    assert unknown.status_code == 422 and unknown.json()["field"] == "officer_certificate_no"
    stranger = post_case(enf, raw, team_certificate_nos=["00000000"])
    assert stranger.status_code == 422 and stranger.json()["field"] == "team_certificate_nos"
    shape = api(raw).post(reverse("api:cases"), {"kind": "nonsense"}, format="json")
    assert shape.status_code == 400 and "title" in shape.json()
    assert not Case.objects.exists() and not ExternalRef.objects.exists()


def test_a_signer_without_a_platform_account_is_refused(enf):
    raw = make_token([enf.market], WRITE_CASES)
    response = post_case(enf, raw, officer_certificate_no=enf.colleague.certificate_no)
    assert response.status_code == 422 and response.json()["detail"] == f"{enf.colleague.name}没有平台账号，不能签名办理。"


def test_another_units_token_gets_404_and_cannot_write_into_it(enf):
    market = make_token([enf.market], WRITE_CASES)
    case_id = post_case(enf, market).json()["id"]
    water = make_token([enf.water], WRITE_CASES, system="水利执法系统")
    client = api(water)
    assert client.get(reverse("api:case", args=[case_id])).status_code == 404
    assert client.get(reverse("api:case", args=[999999])).status_code == 404
    step = {"external_id": "x", "officer_certificate_no": enf.me.certificate_no, "action": "investigate",
            "on": str(REGISTERED)}
    assert client.post(reverse("api:case_steps", args=[case_id]), step, format="json").status_code == 404
    assert client.post(reverse("api:case_records", args=[case_id]), {}, format="json").status_code == 404
    response = post_case(enf, water, external_id="W-1")
    assert response.status_code == 404
    assert Case.objects.count() == 1
    assert client.get(reverse("api:bodies")).json()["results"] == []
    assert api(market).get(reverse("api:bodies")).json()["results"][0]["id"] == enf.body.pk


# Petitions transferred from the provincial online system -------------------------------------------

def petition_payload(county, **extra):
    return {"external_id": "HBXF-0001", "office": county.justice.code, "petitioner_name": "刘某某",
            "phone": "13907191234", "event_on": "2025-01-10", "received_on": "2025-02-01", "category": "claim",
            "request": "请求解决拖欠工资问题", "facts": "某工地拖欠工资半年。", **extra}


def test_a_transferred_petition_is_registered_once_by_the_same_service(county):
    from fazhi.disputes.models import Petition

    raw = make_token([county.justice], {"petitions": "write"}, act_as=county.office, system="省网上信访系统")
    with _clock(datetime.date(2025, 2, 3)):
        first = api(raw).post(reverse("api:petitions"), petition_payload(county), format="json")
        again = api(raw).post(reverse("api:petitions"), petition_payload(county), format="json")
        wrong = api(raw).post(reverse("api:petitions"),
                              petition_payload(county, external_id="HBXF-0002", category="old_complaint",
                                               petitioner_name="陈某"), format="json")
    assert first.status_code == 201, first.json()
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Petition.objects.filter(petitioner_name="刘某某").count() == 1
    assert wrong.status_code == 422
    assert wrong.json()["detail"].startswith("事项发生于2025年01月10日，适用《信访工作条例》第二十九条至第三十一条")
    assert api(raw).get(reverse("api:petition", args=[first.json()["id"]])).status_code == 200
    other = make_token([county.water], {"petitions": "write"}, act_as=county.office, system="别的系统")
    assert api(other).get(reverse("api:petition", args=[first.json()["id"]])).status_code == 404
    with _clock(datetime.date(2025, 2, 3)):
        refused = api(other).post(reverse("api:petitions"), petition_payload(county, external_id="Z"), format="json")
    assert refused.status_code == 404


def test_a_repeat_petition_is_refused_with_the_pages_message_until_confirmed_as_new(county):
    raw = make_token([county.justice], {"petitions": "write"}, act_as=county.office, system="省网上信访系统")
    with _clock(datetime.date(2025, 2, 3)):
        api(raw).post(reverse("api:petitions"), petition_payload(county), format="json")
        repeat = api(raw).post(reverse("api:petitions"), petition_payload(county, external_id="HBXF-9"),
                               format="json")
        as_new = api(raw).post(reverse("api:petitions"),
                               petition_payload(county, external_id="HBXF-9", as_new=True), format="json")
    assert repeat.status_code == 422 and "一人一事" in repeat.json()["detail"]
    assert as_new.status_code == 201


# Public reads: what the public site shows, nothing more -------------------------------------------

def test_decisions_are_masked_exactly_as_on_the_public_page(county):
    from fazhi.enforcement.tests.contract import _published

    publication = _published(county)
    raw = make_token([county.gov], {"decisions": "read"})
    with _clock(publication.published_on):
        listed = api(raw).get(reverse("api:decisions")).json()
        one = api(raw).get(reverse("api:decision", args=[publication.pk])).json()
        page = api().get(reverse("enforcement:public_decision_detail", args=[publication.pk])).content.decode()
        since = api(raw).get(reverse("api:decisions"), {"changed_since": "2999-01-01"}).json()
    assert [d["id"] for d in listed["results"]] == [publication.pk] and listed["count"] == 1
    assert one == listed["results"][0]
    for field in ("party", "content", "decision_number", "title"):
        assert one[field], field
        for line in one[field].splitlines():
            assert html.escape(line) in page, field
    case = publication.case
    for party in case.parties.all():
        assert party.name not in str(one) and (not party.phone or party.phone not in str(one))
    assert one["party"] == publication.party  # the text frozen when published, not masked a second time
    assert since["count"] == 0
    assert api(raw).get(reverse("api:decision", args=[10**9])).status_code == 404


def test_public_registers_of_the_demo_county(demo_county):
    raw = make_token([demo_county], {"normative_docs": "read", "powers": "read", "reports": "read"})
    client = api(raw)
    docs = client.get(reverse("api:normative_docs"), {"page_size": 2}).json()
    assert docs["count"] > 2 and len(docs["results"]) == 2 and docs["next"]
    doc = client.get(reverse("api:normative_doc", args=[docs["results"][0]["id"]])).json()
    assert doc["versions"] and doc["versions"][0]["text"]
    assert client.get(reverse("api:normative_docs"), {"changed_since": "2999-01-01"}).json()["count"] == 0
    assert client.get(reverse("api:normative_docs"), {"changed_since": "junk"}).status_code == 400
    assert client.get(reverse("api:normative_docs"), {"changed_since": ""}).status_code == 400
    for size in ("0", "201", "abc"):
        assert client.get(reverse("api:normative_docs"), {"page_size": size}).status_code == 400
    assert client.get(reverse("api:power_entries", args=["8\u00b3"])).status_code == 404
    versions = client.get(reverse("api:power_versions")).json()["results"]
    assert sum(v["is_current"] for v in versions) == 1
    current = client.get(reverse("api:power_entries", args=["current"])).json()
    by_id = client.get(reverse("api:power_entries", args=[next(v["id"] for v in versions if v["is_current"])])).json()
    assert current["count"] == by_id["count"] > 0
    assert client.get(reverse("api:power_entries", args=["999999"])).status_code == 404
    assert client.get(reverse("api:normative_doc", args=[10**9])).status_code == 404


def test_published_reports_only(county):
    from fazhi.reporting.choices import ReportStatus
    from fazhi.reporting.models import Report

    shown = Report.objects.create(unit=county.gov, year=2024, title="某县2024年法治政府建设年度报告",
                                  status=ReportStatus.PUBLISHED, published_on=datetime.date(2025, 3, 20))
    Report.objects.create(unit=county.gov, year=2025, title="某县2025年法治政府建设年度报告（草稿）")
    client = api(make_token([county.gov], {"reports": "read"}))
    listed = client.get(reverse("api:reports")).json()["results"]
    assert [r["title"] for r in listed] == [shown.title]
    one = client.get(reverse("api:report", args=[shown.pk])).json()
    assert one["docx_url"] == f'{reverse("reporting:public_report_view")}?id={shown.pk}&export=docx'
    assert client.get(reverse("api:report", args=[shown.pk + 1])).status_code == 404


# Limits and the call log ----------------------------------------------------------------------------

def test_calls_are_throttled_per_token(county):
    from unittest import mock

    from fazhi.api.auth import TokenThrottle

    with mock.patch.object(TokenThrottle, "THROTTLE_RATES", {"token": "3/min"}):
        raw = make_token([county.market], {"decisions": "read"})
        other = make_token([county.market], {"decisions": "read"}, system="另一个系统")
        answers = [api(raw).get(reverse("api:decisions")) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert api(other).get(reverse("api:decisions")).status_code == 200  # per token, not for everyone
        refused = answers[-1]
        wait = int(refused["Retry-After"])
        assert 1 <= wait <= 60
        assert refused.json()["detail"] == f"调用过于频繁，已超过该令牌的调用频率限制，请{wait}秒后再试。"


def test_the_rate_is_one_count_across_workers_and_instances(county):
    """Two throttles, each with its own process-local cache (two gunicorn workers, or two instances), share one
    count in the database; the next window starts afresh."""
    from types import SimpleNamespace
    from unittest import mock

    from django.core.cache.backends.locmem import LocMemCache

    from fazhi.api.auth import TokenThrottle
    from fazhi.api.models import ApiRateCount

    make_token([county.market], {"decisions": "read"})
    request = SimpleNamespace(auth=ApiToken.objects.get(), META={"REMOTE_ADDR": "10.0.0.9"})
    now = [1_800_000_000.0]
    with mock.patch.object(TokenThrottle, "THROTTLE_RATES", {"token": "5/min"}):
        workers = [TokenThrottle(), TokenThrottle()]
        for n, worker in enumerate(workers):
            worker.cache = LocMemCache(f"worker-{n}", {})
            worker.timer = lambda: now[0]
        allowed = [workers[i % 2].allow_request(request, None) for i in range(8)]
        assert allowed == [True] * 5 + [False] * 3
        assert workers[1].wait() == 60 - (1_800_000_000 % 60)
        now[0] += 60
        assert workers[0].allow_request(request, None) and workers[1].allow_request(request, None)
    assert ApiRateCount.objects.get().count == 2 and str(ApiRateCount.objects.get()).endswith(" 2")
    # a call without a token (refused before the throttle in a view) is counted by its address
    anonymous = SimpleNamespace(auth=None, headers={}, META={"REMOTE_ADDR": "10.0.0.9"})
    with mock.patch.object(TokenThrottle, "THROTTLE_RATES", {"token": None}):
        assert TokenThrottle().allow_request(anonymous, None)
    with mock.patch.object(TokenThrottle, "THROTTLE_RATES", {"token": "1/s"}):
        assert TokenThrottle().allow_request(anonymous, None)
    assert ApiRateCount.objects.filter(key="throttle_token_10.0.0.9").exists()


def test_two_workers_creating_a_token_s_count_at_once_both_count():
    """The first call of a window on two workers at once: one creates the row, the other's insert is refused and it
    counts in the row the first one made."""
    from types import SimpleNamespace
    from unittest import mock

    from fazhi.api.auth import TokenThrottle
    from fazhi.api.models import ApiRateCount

    ApiRateCount.objects.create(key="throttle_token_t1", window=60, count=1)  # the other worker's row
    real_filter = ApiRateCount.objects.filter
    seen = []

    def filter_(*args, **kwargs):  # this worker looked a moment before the other worker's row was there
        seen.append(kwargs)
        return SimpleNamespace(update=lambda **_: 0) if len(seen) == 1 else real_filter(*args, **kwargs)

    with mock.patch.object(ApiRateCount.objects, "filter", filter_):
        assert TokenThrottle.count("throttle_token_t1", 60) == 2


def test_every_call_is_in_the_call_log_and_reads_write_in_batches(county, settings):
    raw = make_token([county.market], {"decisions": "read"})
    token = ApiToken.objects.get(system="省行政执法监督平台")
    api(raw).get(reverse("api:decisions"))
    api(raw).post(reverse("api:cases"), {}, format="json")
    api().get(reverse("api:decisions"))
    rows = list(ApiCallLog.objects.order_by("id").values_list("system", "method", "path", "status"))
    assert rows == [("省行政执法监督平台", "GET", reverse("api:decisions"), 200),
                    ("省行政执法监督平台", "POST", reverse("api:cases"), 403), ("", "GET", reverse("api:decisions"), 401)]
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert str(ApiCallLog.objects.order_by("id").last()) == f"无令牌 GET {reverse('api:decisions')} 401"
    settings.FAZHI_API_LOG_BATCH = 100
    settings.FAZHI_API_LOG_SECONDS = 3600
    for _ in range(5):
        api(raw).get(reverse("api:decisions"))
    assert ApiCallLog.objects.count() == 3  # kept in memory: no write per read
    calllog.flush()
    assert ApiCallLog.objects.count() == 8
    calllog.flush()  # nothing waiting: nothing written


def test_the_schema_and_its_reader_are_served_from_our_own_files_under_the_site_policy(client, settings):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    docs = client.get(reverse("api:swagger"))
    page = docs.content.decode()
    assert "http://" not in page and "https://" not in page and "<script>" not in page and "<style" not in page
    assert docs["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY  # the site's policy, unchanged
    script = client.get(reverse("api:swagger") + "?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_unknown_addresses_and_a_list_not_yet_published_answer_json_404(county):
    client = api(make_token([county.gov], {"powers": "read"}))
    missing = client.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing.json()["detail"] == "没有这个接口地址。"
    assert client.get(reverse("api:power_entries", args=["current"])).json()["detail"] == "尚未公布权责清单。"


def test_the_same_id_arriving_twice_at_once_keeps_the_first_record(enf):
    from unittest import mock

    from fazhi.api import services

    raw = make_token([enf.market], WRITE_CASES)
    first = post_case(enf, raw).json()["id"]
    ExternalRef.objects.filter(external_id="SZF-2025-0001").update(external_id="SZF-2025-0002")
    real = services._existing
    calls = []

    def racing(*args):  # the first look finds nothing: the other request has not committed yet
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    with mock.patch.object(services, "_existing", racing):
        again = post_case(enf, raw, external_id="SZF-2025-0002", title="同时到达的第二次提交")
    assert again.status_code == 200 and again.json()["id"] == first
    assert not Case.objects.filter(title="同时到达的第二次提交").exists()


def test_the_sysadmins_token_pages(county, client):
    client.force_login(county.sysadmin)
    assert client.get(reverse("api:token_list")).status_code == 200
    assert client.get(reverse("api:token_create")).status_code == 200
    refused = client.post(reverse("api:token_create"), {"system": "省网上信访系统", "units": [county.justice.pk],
                                                        "scope_petitions": "write"})
    assert "接收信访事项须指定代办账号" in refused.content.decode()
    created = client.post(reverse("api:token_create"), {"system": "省网上信访系统", "units": [county.justice.pk],
                                                        "scope_petitions": "write", "act_as": county.office.pk})
    raw = created.context["raw"]
    assert created.status_code == 200 and raw in created.content.decode()
    assert created["Cache-Control"] == "no-store"
    listing = client.get(reverse("api:token_list")).content.decode()
    assert raw not in listing and raw[:10] in listing
    token = ApiToken.objects.get(system="省网上信访系统")
    assert client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 200
    done = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert done.status_code == 302 and done.url == reverse("api:token_list")
    token.refresh_from_db()
    assert not token.is_active
    client.force_login(county.office)
    assert client.get(reverse("api:token_list")).status_code == 403
