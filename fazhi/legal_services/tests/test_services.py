"""Coverage, confirmation, the monthly duty check, the subsidy sheet (hand-computed), the data scope of the logs,
and the purchase contracts."""
import datetime
from decimal import Decimal

import pytest

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.legal_services import policies, selectors, services
from fazhi.legal_services.choices import LogStatus
from fazhi.legal_services.models import ServiceLog

from .factories import log, second_lawyer

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: D(2019, 6, 30))


def test_coverage_by_township_with_gaps_and_overload(ls):
    from fazhi.orgs import services as org_services

    north = org_services.unit_create(actor=None, code="P-T01-03", name="北坪村", kind="village", parent=ls.township)
    rows, overloaded, limit = selectors.coverage(on=D(2019, 6, 30))
    row = next(r for r in rows if r.township == ls.township)
    assert row.gaps == [north] and row.covered == 2
    assert not overloaded and limit == 8
    from fazhi.core.rules import setting_set

    setting_set(actor=ls.office, key="legal_services.max_villages_per_lawyer", raw="1")
    _rows, overloaded, _limit = selectors.coverage(on=D(2019, 6, 30))
    assert [o["lawyer__name"] for o in overloaded] == ["驻村律师周某"]
    from fazhi.legal_services.alerts import coverage_gaps

    titles = [a.title for a in coverage_gaps(ls.office, D(2019, 6, 30))]
    assert "1个村（社区）没有包联律师" in titles and "1名律师包联村（社区）超过1个" in titles


def _pdf(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def test_a_lawyer_logs_only_where_assigned_and_only_as_a_lawyer(ls):
    with pytest.raises(DomainError, match="没有包联"):
        log(ls, unit=ls.township, served_on=D(2019, 6, 3))
    with pytest.raises(DomainError):
        log(ls, actor=ls.officer, served_on=D(2019, 6, 3))
    with pytest.raises(DomainError, match="晚于今天"):
        log(ls, served_on=D(2019, 7, 3))
    with pytest.raises(DomainError, match="村规民约"):
        log(ls, served_on=D(2019, 6, 3), duty="advice", village_rules=True)
    with pytest.raises(DomainError, match="村规民约文本") as e:
        log(ls, served_on=D(2019, 6, 3), duty="governance", village_rules=True)
    assert e.value.field == "document"
    with pytest.raises(DomainError, match="请上传该文书"):
        log(ls, served_on=D(2019, 6, 3), duty="governance", document_kind="opinion", document_items=1)
    entry = log(ls, served_on=D(2019, 6, 3), duty="governance", village_rules=True, document_kind="opinion",
                document_items=1, document=_pdf("村规民约.pdf"))
    assert entry.status == LogStatus.SUBMITTED and entry.lawyer == ls.lawyer_profile and entry.document


def test_confirmation_dispute_and_correction(ls):
    entry = log(ls, served_on=D(2019, 6, 3))
    with pytest.raises(DomainError):
        services.log_confirm(actor=ls.lawyer, log=entry)  # a lawyer never confirms his or her own log
    west = log(ls, unit=ls.village_west, served_on=D(2019, 6, 4))
    with pytest.raises(DomainError, match="范围"):
        services.log_confirm(actor=ls.village_account, log=west)  # 东坪村 does not sign for 西坪村
    entry = services.log_dispute(actor=ls.village_account, log=entry, reason="当天律师未到村", on=D(2019, 6, 5))
    assert entry.status == LogStatus.DISPUTED and entry.dispute_reason == "当天律师未到村"
    with pytest.raises(DomainError):
        services.log_correct(actor=ls.village_account, log=entry, duty="advice", people=1, hours=1, summary="x")
    entry = services.log_correct(actor=ls.lawyer, log=entry, duty="advice", people=2, hours=Decimal("1.5"),
                                 summary="更正：村民咨询")
    assert entry.status == LogStatus.CORRECTED and entry.people == 2
    entry = services.log_confirm(actor=ls.village_account, log=entry, on=D(2019, 6, 6))
    assert entry.status == LogStatus.CONFIRMED and entry.confirmed_by == ls.village_account
    west = services.log_confirm(actor=ls.township_account, log=west, on=D(2019, 6, 6))
    assert west.status == LogStatus.CONFIRMED


def test_unconfirmed_logs_are_alerted_after_the_configured_days(ls):
    from fazhi.legal_services.alerts import logs_unconfirmed

    log(ls, served_on=D(2019, 6, 25))
    assert logs_unconfirmed(ls.village_account, D(2019, 6, 30)) == []
    old = log(ls, served_on=D(2019, 6, 20))
    alerts = logs_unconfirmed(ls.village_account, D(2019, 6, 30))
    assert alerts[0].count == 1 and alerts[0].due == D(2019, 6, 27)
    services.log_confirm(actor=ls.village_account, log=old)
    assert logs_unconfirmed(ls.village_account, D(2019, 6, 30)) == []


def _june(ls):
    """June 2019, as signed by the villages (see the hand-computed sheet below)."""
    other = second_lawyer(ls)
    confirmed = [
        log(ls, served_on=D(2019, 6, 3), duty="advice"),
        log(ls, served_on=D(2019, 6, 3), duty="publicity", people=40),
        log(ls, unit=ls.village_west, served_on=D(2019, 6, 5), duty="governance", document_kind="opinion",
            document_items=2, document=_pdf("法律意见书.pdf")),
        log(ls, served_on=D(2019, 6, 20), duty="advice"),
        log(ls, actor=other.user, unit=ls.village_west, served_on=D(2019, 6, 4)),
    ]
    for entry in confirmed:
        services.log_confirm(actor=ls.township_account, log=entry)
    log(ls, served_on=D(2019, 6, 10), duty="publicity")  # waiting for confirmation: not paid
    disputed = log(ls, served_on=D(2019, 6, 12))
    services.log_dispute(actor=ls.village_account, log=disputed, reason="未到村")  # disputed: not paid
    log(ls, served_on=D(2019, 5, 31))  # another month
    return other


def test_monthly_duty_check(ls):
    other = _june(ls)
    rows = {(r["lawyer"].pk, r["unit"].pk): r for r in selectors.duty_check(year=2019, month=6)}
    me = ls.lawyer_profile
    assert rows[(me.pk, ls.village_east.pk)]["days"] == 2 and not rows[(me.pk, ls.village_east.pk)]["short"]
    assert rows[(me.pk, ls.village_west.pk)]["days"] == 1 and rows[(me.pk, ls.village_west.pk)]["short"]
    assert rows[(other.pk, ls.village_west.pk)]["days"] == 1
    from fazhi.legal_services.alerts import duty_shortfall

    alert = duty_shortfall(ls.office, D(2019, 7, 3))[0]
    assert alert.count == 2 and "2019年6月" in alert.title  # 周某 in 西坪村, 钱某 in 西坪村
    assert duty_shortfall(ls.village_account, D(2019, 7, 3)) == []


def test_subsidy_sheet_by_hand(ls):
    other = _june(ls)
    lines, firms, rates = selectors.subsidy_sheet(year=2019, month=6)
    assert rates == {"day": Decimal("200"), "publicity": Decimal("100"), "opinion": Decimal("300")}
    by = {line.lawyer.pk: line for line in lines}
    me = by[ls.lawyer_profile.pk]
    # 周某: 3 days on site (6/3, 6/5, 6/20) × 200 + 1 publicity event × 100 + 2 opinions × 300 = 1300
    assert (me.days, me.publicity, me.opinions, me.amount) == (3, 1, 2, Decimal("1300"))
    # 钱某: 1 day × 200 = 200
    assert by[other.pk].amount == Decimal("200")
    assert firms == {ls.firm: Decimal("1500")}


def test_subsidy_export_carries_no_citizen_data(ls, client):
    _june(ls)
    from fazhi.core import spreadsheets as sheets
    from fazhi.legal_services.spreadsheets import subsidy_workbook

    lines, firms, rates = selectors.subsidy_sheet(year=2019, month=6)
    _fmt, book = sheets.read_sheets(__import__("io").BytesIO(subsidy_workbook(lines, firms, rates, 2019, 6)))
    text = repr(book)
    assert "1300" in text and "1500" in text and "驻村律师周某" in text
    assert "张某" not in text and "土地承包" not in text
    client.force_login(ls.office)
    response = client.get("/legal-services/subsidy/?year=2019&month=6&export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_scope_a_lawyer_sees_only_own_logs_a_township_its_villages_the_outsider_nothing(ls, client):
    other = second_lawyer(ls)
    mine = log(ls, served_on=D(2019, 6, 3))
    theirs = log(ls, actor=other.user, unit=ls.village_west, served_on=D(2019, 6, 4), summary="村民李某咨询")
    my_west = log(ls, unit=ls.village_west, served_on=D(2019, 6, 4))

    def seen(user):
        return set(selectors.log_list(user=user).values_list("pk", flat=True))

    assert seen(ls.lawyer) == {mine.pk, my_west.pk}  # not 钱某's log in 西坪村, though 周某 serves 西坪村 too
    assert seen(other.user) == {theirs.pk}
    assert seen(ls.village_account) == {mine.pk}
    assert seen(ls.township_account) == {mine.pk, theirs.pk, my_west.pk}
    assert seen(ls.office) >= {mine.pk, theirs.pk, my_west.pk}
    assert seen(ls.outsider) == set() and seen(ls.liaison) == set()
    client.force_login(ls.lawyer)
    assert client.get(f"/legal-services/logs/{theirs.pk}/").status_code == 404
    assert "村民张某" in client.get(f"/legal-services/logs/{mine.pk}/").content.decode()
    client.force_login(ls.outsider)
    assert client.get(f"/legal-services/logs/{mine.pk}/").status_code in (403, 404)
    assert client.get("/legal-services/logs/").status_code == 200
    assert policies.logs.visible(ls.outsider).count() == 0


def test_public_page_shows_the_lawyers_professional_contact_never_a_citizen(ls, client):
    log(ls, served_on=D(2019, 6, 3))
    page = client.get("/public/legal-services/").content.decode()
    assert "驻村律师周某" in page and "0719-6200001" in page and "12348" in page and "东坪村" in page
    assert "村民张某" not in page and "土地承包" not in page


def test_purchase_contract_milestones_must_add_up(ls):
    with pytest.raises(DomainError, match="不一致"):
        services.contract_create(actor=ls.office, unit=ls.justice, firm=ls.firm, number="C-1",
                                 signed_on=D(2019, 1, 5), start=D(2019, 1, 1), end=D(2019, 12, 31),
                                 amount=Decimal("100000"), scope_text="驻村服务",
                                 milestones=[("首付", D(2019, 3, 1), Decimal("50000"))])
    c = services.contract_create(actor=ls.office, unit=ls.justice, firm=ls.firm, number="C-1",
                                 signed_on=D(2019, 1, 5), start=D(2019, 1, 1), end=D(2019, 12, 31),
                                 amount=Decimal("100000"), scope_text="驻村服务",
                                 milestones=[("首付", D(2019, 3, 1), Decimal("50000")),
                                             ("尾款", D(2019, 12, 31), Decimal("50000"))])
    services.contract_accept(actor=ls.office, contract=c, accepted_on=D(2019, 6, 28), acceptance="合格")
    with pytest.raises(DomainError, match="已验收"):
        services.contract_accept(actor=ls.office, contract=c, accepted_on=D(2019, 6, 28), acceptance="合格")
    from fazhi.legal_services.reporting import purchase_amount

    assert purchase_amount(year=2019).value == Decimal("10.00")
    assert ServiceLog.objects.count() == 0
