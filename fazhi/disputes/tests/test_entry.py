"""Entry pages where records used to come only from the demo: petition-hall duty, mediator training, annual
returns, difficult cases (包案: leader, lawyers, meetings, progress, resolution); the unmasked export for the
petition office only (with a reason, audited); the leaders' cross-unit view with drill-down; deadlines that follow
a confirmed holiday year."""
import datetime
import io

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.disputes import services
from fazhi.disputes.models import HallDuty, MediationReturn, Petition, PetitionNote

from .factories import case, org, petition

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2024, 3, 4)


@pytest.fixture
def lawyers(county):
    from fazhi.legal_services.tests.factories import setup

    setup(county)
    return county


# Petition hall ---------------------------------------------------------------------------------

def test_hall_duty_page_records_a_shift_with_the_lawyer_picker(client, lawyers, at):
    county = lawyers
    at(DAY)
    client.force_login(county.office)
    url = reverse("disputes:hall_create")
    page = client.get(url).content.decode()
    assert "data-picker" in page and str(county.lawyer.pk) in page
    data = {"unit": county.justice.pk, "lawyer": county.lawyer.pk, "day": "2024-03-01", "visitors": "12",
            "general": "3", "difficult": "1", "advice": "解答征地补偿政策，引导通过行政复议解决"}
    assert client.post(url, data).status_code == 302
    duty = HallDuty.objects.get()
    assert (duty.visitors, duty.general_disputes, duty.difficult_disputes) == (12, 3, 1)
    assert AuditEntry.objects.filter(event_name="disputes.hall_duty_recorded").count() == 1
    assert "解答征地补偿政策" in client.get(reverse("disputes:hall_list")).content.decode()
    # an account outside the legal-services register is not offered
    response = client.post(url, {**data, "lawyer": county.officer.pk})
    assert response.status_code == 200 and HallDuty.objects.count() == 1


def test_hall_duty_refused_to_leader_and_outsider(client, lawyers):
    county = lawyers
    for user in (county.leader, county.outsider):
        client.force_login(user)
        assert client.get(reverse("disputes:hall_create")).status_code == 403


def test_hall_duty_service_refuses_a_non_lawyer(county, at):
    from fazhi.core.errors import DomainError

    at(DAY)
    with pytest.raises(DomainError, match="不是律师账号"):
        services.hall_duty_record(actor=county.office, unit=county.justice, lawyer=county.officer, day=DAY)


# Mediators' training and annual returns --------------------------------------------------------

def test_training_page_updates_the_mediator(client, county, at):
    at(DAY)
    o = org(county)
    m = o.mediators.first()
    client.force_login(county.office)
    url = reverse("disputes:training_add", args=[o.pk])
    assert "登记培训" in client.get(reverse("disputes:org_list")).content.decode()
    for on, hours in (("2024-01-10", "4"), ("2024-02-20", "6")):
        assert client.post(url, {"mediator": m.pk, "on": on, "hours": hours, "topic": "人民调解法实务",
                                 "organiser": "县司法局"}).status_code == 302
    m.refresh_from_db()
    assert m.trained_on == D(2024, 2, 20) and m.training_hours == 10 and m.trainings.count() == 2
    response = client.post(url, {"mediator": m.pk, "on": "2024-03-01", "hours": "0", "topic": "x"})
    assert response.status_code == 200 and m.trainings.count() == 2


def test_training_refused_to_leader_and_outsider(client, county, at):
    at(DAY)
    o = org(county)
    client.force_login(county.leader)
    assert client.get(reverse("disputes:training_add", args=[o.pk])).status_code == 403
    client.force_login(county.outsider)
    assert client.get(reverse("disputes:training_add", args=[o.pk])).status_code in (403, 404)


def test_return_page_saves_totals_and_lines(client, county, at):
    at(DAY)
    o = org(county)
    client.force_login(county.office)
    url = reverse("disputes:return_edit", args=[o.pk])
    data = {"year": "2023", "accepted": "10", "succeeded": "9", "screenings": "12", "found": "4",
            "acc_family": "6", "suc_family": "6", "acc_neighbour": "3", "suc_neighbour": "2"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("?year=2023")
    report = MediationReturn.objects.get(org=o, year=2023)
    assert sorted(report.lines.values_list("dispute_type", "accepted", "succeeded")) == [
        ("family", 6, 6), ("neighbour", 3, 2)]
    # the page reports the mismatch (6 + 3 ≠ 10) rather than hiding it
    assert "分类型受理小计9件，与报表合计10件不符" in client.get(reverse("disputes:statistics") + "?year=2023").content.decode()
    response = client.post(url, {**data, "succeeded": "11"})
    assert response.status_code == 200 and "不能大于受理数" in response.content.decode()
    client.force_login(county.leader)
    assert client.get(url).status_code == 403


# Difficult petitions (包案) ----------------------------------------------------------------------

def test_difficult_case_leader_lawyers_meetings_and_resolution(client, lawyers, at):
    county = lawyers
    at(DAY)
    p = petition(county, on=DAY, level="difficult")
    p = services.petition_route(actor=county.office, petition=p, unit=county.market, on=DAY)
    client.force_login(county.office)
    detail = reverse("disputes:petition_detail", args=[p.pk])
    charge = reverse("disputes:petition_charge", args=[p.pk])
    assert "包案领导和参与律师" in client.get(detail).content.decode()
    # a difficult case needs its leader in charge
    response = client.post(charge, {"leader_in_charge": "", "lawyers": [county.lawyer.pk]})
    assert response.status_code == 200 and "包案领导" in response.content.decode()
    assert client.post(charge, {"leader_in_charge": "副县长王某", "lawyers": [county.lawyer.pk]}).status_code == 302
    p.refresh_from_db()
    assert p.leader_in_charge == "副县长王某" and list(p.lawyers.all()) == [county.lawyer]

    client.force_login(county.liaison)
    note = reverse("disputes:petition_note", args=[p.pk])
    assert client.post(note, {"kind": "meeting", "text": "召开包案会议，研究化解方案", "on": "2024-03-04"}).status_code == 302
    assert client.post(note, {"kind": "progress", "text": "入户走访信访人，解释政策", "on": "2024-03-04"}).status_code == 302
    assert PetitionNote.objects.filter(petition=p).count() == 2
    resolve = reverse("disputes:petition_resolve", args=[p.pk])
    assert client.post(resolve, {"resolution": "信访人息诉罢访", "on": "2024-03-04"}).status_code == 302
    html = client.get(detail).content.decode()
    assert "召开包案会议" in html and "信访人息诉罢访" in html and "副县长王某" in html
    # resolved: no more notes, no second resolution
    assert "已化解" in client.get(note).content.decode()
    response = client.post(resolve, {"resolution": "再次", "on": "2024-03-04"})
    assert response.status_code == 200 and Petition.objects.get(pk=p.pk).resolution == "信访人息诉罢访"


def test_notes_refused_on_a_general_petition_and_to_leader_and_outsider(client, county, at):
    from fazhi.core.errors import DomainError

    at(DAY)
    p = petition(county, on=DAY)
    with pytest.raises(DomainError, match="只有疑难信访事项"):
        services.petition_note_add(actor=county.office, petition=p, kind="meeting", text="会议", on=DAY)
    with pytest.raises(DomainError, match="只有疑难信访事项"):
        services.petition_resolve(actor=county.office, petition=p, resolution="x", on=DAY)
    hard = petition(county, on=DAY, level="difficult")
    with pytest.raises(DomainError, match="尚未明确包案领导"):
        services.petition_note_add(actor=county.office, petition=hard, kind="meeting", text="会议", on=DAY)
    services.lawyers_assign(actor=county.office, petition=hard, lawyers=[], leader_in_charge="县长")
    with pytest.raises(DomainError, match="记录类型"):
        services.petition_note_add(actor=county.office, petition=hard, kind="zzz", text="会议", on=DAY)
    client.force_login(county.leader)
    for name in ("petition_note", "petition_resolve", "petition_charge"):
        assert client.get(reverse(f"disputes:{name}", args=[hard.pk])).status_code == 403
    client.force_login(county.outsider)
    for name in ("petition_note", "petition_resolve", "petition_charge"):
        assert client.get(reverse(f"disputes:{name}", args=[hard.pk])).status_code in (403, 404)


# Exports --------------------------------------------------------------------------------------

def _sheet_text(content):
    from openpyxl import load_workbook

    return " ".join(str(c.value) for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row
                    if c.value)


def test_unmasked_export_only_for_the_office_with_a_reason_and_audited(client, county, at):
    at(DAY)
    p = petition(county, on=DAY, name="孙小美", phone="13955556666")
    url = reverse("disputes:petition_export_unmasked")
    client.force_login(county.liaison)
    assert client.get(url).status_code == 403
    assert "导出未脱敏台账" not in client.get(reverse("disputes:petition_list")).content.decode()

    client.force_login(county.office)
    assert "导出未脱敏台账" in client.get(reverse("disputes:petition_list")).content.decode()
    # masked by default
    assert "孙小美" not in _sheet_text(client.get(reverse("disputes:petition_list") + "?export=xlsx").content)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and not AuditEntry.objects.filter(
        event_name="disputes.petition_exported_unmasked").exists()
    response = client.post(url + "?year=2024&unit=abc", {"reason": "配合上级信访部门核查"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    text = _sheet_text(response.content)
    assert "孙小美" in text and "13955556666" in text and p.number in text
    entry = AuditEntry.objects.get(event_name="disputes.petition_exported_unmasked")
    assert entry.actor == county.office and "配合上级信访部门核查" in str(entry.changes)


def test_unmasked_export_service_refuses_without_the_office_permission(county, at):
    from fazhi.core.errors import DomainError

    at(DAY)
    petition(county, on=DAY)
    with pytest.raises(DomainError, match="只有信访工作机构"):
        services.petition_export(actor=county.liaison, rows=Petition.objects.all(), unmasked=True, reason="x")


# Leaders' cross-unit view ------------------------------------------------------------------------

def test_leader_overview_counts_by_unit_with_drill_down(client, county, at):
    at(D(2024, 1, 20))
    p = petition(county, on=D(2024, 1, 2))
    services.petition_route(actor=county.office, petition=p, unit=county.market, on=D(2024, 1, 3))
    services.petition_accept(actor=county.liaison, petition=Petition.objects.get(pk=p.pk), on=D(2024, 1, 20))
    o = org(county)
    case(county, o, on=D(2024, 1, 2))  # target 30 days: past on 4 March
    at(DAY)
    petition(county, on=DAY)
    case(county, o, on=DAY)
    client.force_login(county.leader)
    html = client.get(reverse("disputes:overview")).content.decode()
    assert "市场监督管理局" in html or county.market.name in html
    from fazhi.disputes.selectors import unit_overview

    rows, totals = unit_overview(user=county.leader)
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit[county.market]["petitions"] == 1 and by_unit[county.market]["petitions_late"] == 1
    assert by_unit[county.village_east]["cases"] == 2 and by_unit[county.village_east]["cases_late"] == 1
    assert totals["petitions"] == 2 and totals["cases"] == 2
    # drill-down: the late cases of the unit, exactly the count
    page = client.get(reverse("disputes:case_list") + f"?unit={county.village_east.pk}&late=on").content.decode()
    assert page.count("/disputes/cases/") - page.count("/disputes/cases/new/") >= 1
    late = client.get(reverse("disputes:petition_list") + f"?unit={county.market.pk}&late=on").content.decode()
    assert p.number in late
    # read-only: no action buttons on the overview; the outsider sees none of these units
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0] or "method=\"post\"" not in html
    rows, totals = unit_overview(user=county.outsider)
    assert totals["petitions"] == 0 and totals["cases"] == 0


@pytest.mark.parametrize("query", ["?unit=abc&late=zzz", "?unit=8%C2%B3&late=on", "?unit=999999&late=on&sort=bogus", "?year=x&unit=-1"])
def test_junk_filters_on_the_new_filters_are_warnings(client, county, query):
    client.force_login(county.office)
    for name in ("disputes:case_list", "disputes:petition_list", "disputes:hall_list"):
        assert client.get(reverse(name) + query).status_code == 200


# Deadlines follow a confirmed holiday year -----------------------------------------------------

def test_confirming_a_holiday_year_moves_petition_and_mediation_deadlines(county, at):
    from fazhi.core import services as core_services
    from fazhi.core import workdays

    at(D(2026, 12, 28))
    # 15 days from 18 Dec 2026 end on Saturday 2 Jan 2027 → provisionally Monday 4 Jan
    p = petition(county, on=D(2026, 12, 18))
    assert p.route_due == D(2027, 1, 4) and workdays.is_provisional(p.route_due)
    # 30 days from 3 Dec 2026 end on Saturday 2 Jan 2027 as well
    c = case(county, org(county), on=D(2026, 12, 3))
    assert c.target_due == D(2027, 1, 4)
    done = petition(county, on=D(2026, 12, 18))
    done = services.petition_route(actor=county.office, petition=done, unit=county.market, on=D(2026, 12, 20))
    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    entry = core_services.calendar_year_confirm(actor=county.office, year=2027,
                                                source="国务院办公厅关于2027年部分节假日安排的通知")
    p.refresh_from_db()
    c.refresh_from_db()
    done.refresh_from_db()
    assert p.route_due == D(2027, 1, 2) and c.target_due == D(2027, 1, 2)
    # routed on time under the old deadline: the recomputation moves it too (still on time)
    assert done.route_due == D(2027, 1, 2)
    labels = {m.label for m in entry.moved}
    assert {"信访事项转送期限", "调解目标期限"} <= labels


def test_overview_counts_in_the_database_same_queries_at_5_and_50_petitions(client, county, at):
    """The overview counts (all, open, overdue) per unit in the database: the page's query count does not grow
    with the number of petitions, and the overdue count is the same rule as ``is_late`` (extension included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.disputes.selectors import is_late, unit_overview

    at(D(2024, 1, 20))

    def add(n):
        for _ in range(n):
            p = petition(county, on=D(2024, 1, 2))
            services.petition_route(actor=county.office, petition=p, unit=county.market, on=D(2024, 1, 3))

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("disputes:overview")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(county.leader)
    client.get(reverse("disputes:overview"))  # the first request after signing in refreshes the session once
    add(5)
    first = queries()
    add(45)
    assert queries() == first
    accepted = Petition.objects.filter(unit=county.market).order_by("pk")[0]
    services.petition_accept(actor=county.liaison, petition=accepted, on=D(2024, 1, 20))
    at(DAY)
    _rows, totals = unit_overview(user=county.leader)
    late = sum(1 for p in Petition.objects.all() if p.accepted_on and is_late(p))
    assert totals["petitions"] == 50 and totals["petitions_open"] == 50 and totals["petitions_late"] == late == 1
