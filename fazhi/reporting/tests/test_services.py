"""Drafting the annual report from figures, editing, the procedure and its rules (RULES.md §16)."""
import datetime

import pytest
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import UnitKind
from fazhi.reporting import selectors, services
from fazhi.reporting.choices import REQUIRED_PARTS, THEME_CODES, ReportStatus
from fazhi.reporting.models import FigureSnapshot

pytestmark = pytest.mark.django_db


def draft(county, **kw):
    return services.report_create(actor=county.office, year=kw.get("year", 2019), unit=kw.get("unit", county.gov))


def complete(report, actor):
    bodies = {s.code: s.body.replace("【待填写", "").replace("】", "") or "无。" for s in report.sections.all()}
    bodies = {k: (v if "：" not in v[:1] else v) for k, v in bodies.items()}
    return services.report_update(actor=actor, report=report, title=report.title, bodies=bodies)


def text_of(report, cells=None):
    cells = cells or selectors.report_cells(report, check_changes=False)
    return "".join(p for s in selectors.sections_of(report) for p in selectors.render_text(s.body, cells))


def test_draft_has_the_required_structure_and_numbers_only_from_figures(county, test_figures):
    report = draft(county)
    codes = [s.code for s in report.sections.order_by("position")]
    assert [c for c in codes if c in REQUIRED_PARTS] == REQUIRED_PARTS
    assert codes[1:7] == THEME_CODES  # the six themes sit inside the first part
    # every number is a placeholder of a registered figure, and every figure was snapshotted
    assert set(selectors.report_placeholders(report)) <= set(test_figures.figures())
    assert set(report.snapshots.values_list("key", flat=True)) == set(test_figures.figures())
    text = text_of(report)
    assert "2个村（社区）" in text and "学法用法考试通过率98.5%" in text
    disputes = report.sections.get(code="theme_disputes").body
    assert "{{testmod.villages}}个村（社区）" in disputes
    entry = AuditEntry.objects.filter(event_name="reporting.report_drafted").get()
    assert entry.object_id == str(report.pk) and entry.event_code == 701


def test_a_failing_figure_does_not_stop_the_draft(county, test_figures):
    def broken(*, year, unit_ids=None):
        raise ValueError

    test_figures.register_figure("testmod.broken", label="坏指标", unit="件", chapter="二、", compute=broken)
    report = draft(county)
    snap = report.snapshots.get(key="testmod.broken")
    assert snap.error.startswith("取数失败") and snap.value is None


@pytest.mark.parametrize("who,unit,year,field,message", [
    ("liaison", "gov", 2019, "unit", "不在您可以办理的范围内"),
    ("office", "village_east", 2019, "unit", "只有县政府、县直部门和乡镇"),
    ("office", "gov", 2014, "year", "年度应在"),
])
def test_drafting_is_refused_outside_the_rules(county, test_figures, who, unit, year, field, message):
    with pytest.raises(DomainError) as exc:
        services.report_create(actor=getattr(county, who), year=year, unit=getattr(county, unit))
    assert exc.value.field == field and message in exc.value.message


def test_one_report_per_unit_and_year_and_leaders_change_nothing(county, test_figures):
    draft(county)
    with pytest.raises(DomainError) as exc:
        draft(county)
    assert exc.value.field == "year" and "已经存在" in exc.value.message
    with pytest.raises(DomainError):
        services.report_create(actor=county.leader, year=2018, unit=county.gov)


def test_a_liaison_drafts_the_own_units_report_with_its_figures_limited_to_it(county, test_figures, calls):
    report = services.report_create(actor=county.liaison, year=2019, unit=county.market)
    assert report.unit == county.market
    assert calls.unit_ids[-1] == {county.market.pk, county.market_station.pk}


def test_editing_checks_every_placeholder_and_saves_nothing_when_refused(county, test_figures):
    report = draft(county)
    before = report.sections.get(code="shortcomings").body
    with pytest.raises(DomainError) as exc:
        services.report_update(actor=county.office, report=report, title="新标题",
                               bodies={"shortcomings": "共有{{nosuch.figure}}件", "plan": "明年计划"})
    assert exc.value.field == "body_shortcomings" and "nosuch.figure" in exc.value.message
    report.refresh_from_db()
    assert report.title != "新标题" and report.sections.get(code="shortcomings").body == before
    assert report.sections.get(code="plan").body != "明年计划"

    services.report_update(actor=county.office, report=report, title="新标题",
                           bodies={"shortcomings": "问题在于{{testmod.villages}}个村（社区）覆盖不足。"})
    report.refresh_from_db()
    assert report.title == "新标题"
    entry = AuditEntry.objects.filter(event_name="reporting.report_updated").get()
    assert "shortcomings" in entry.changes and "title" in entry.changes


def test_withheld_content_needs_a_note(county, test_figures):
    report = draft(county)
    with pytest.raises(DomainError) as exc:
        services.report_update(actor=county.office, report=report, title=report.title, bodies={}, withheld=True)
    assert exc.value.field == "withheld_note"
    services.report_update(actor=county.office, report=report, title=report.title, bodies={}, withheld=True,
                           withheld_note="第三部分涉及国家秘密")
    report.refresh_from_db()
    assert report.withheld


def test_submitting_needs_every_part_written(county, test_figures):
    report = draft(county)
    with pytest.raises(DomainError) as exc:
        services.report_submit(actor=county.office, report=report)
    assert "尚未完成" in exc.value.message and "存在的不足和原因" in exc.value.message
    report = complete(report, county.office)
    report = services.report_submit(actor=county.office, report=report)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_on == timezone.localdate()
    # once submitted the text is fixed until it is withdrawn (with a reason)
    with pytest.raises(DomainError) as exc:
        services.report_update(actor=county.office, report=report, title="x", bodies={})
    assert "不能修改" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.report_withdraw(actor=county.office, report=report, reason="")
    assert exc.value.field == "reason"
    report = services.report_withdraw(actor=county.office, report=report, reason="上级要求补充")
    assert report.status == ReportStatus.DRAFT


def test_publishing_freezes_every_figure(county, test_figures):
    report = complete(draft(county), county.office)
    report = services.report_submit(actor=county.office, report=report)
    # a record changes after drafting: the report marks it and refuses to publish until refreshed
    org_services.unit_create(actor=None, code="P-T01-03", name="南坪村", kind=UnitKind.VILLAGE, parent=county.township)
    cells = selectors.report_cells(report)
    assert cells["testmod.villages"].changed and cells["testmod.villages"].new_display == "3"
    with pytest.raises(DomainError) as exc:
        services.report_publish(actor=county.office, report=report)
    assert "刷新指标" in exc.value.message and "村（社区）" in exc.value.message
    report = services.report_withdraw(actor=county.office, report=report, reason="核对数字")
    services.report_refresh(actor=county.office, report=report)
    report = services.report_submit(actor=county.office, report=report)
    report = services.report_publish(actor=county.office, report=report)
    assert report.status == ReportStatus.PUBLISHED and report.published_on == timezone.localdate()
    assert FigureSnapshot.objects.filter(report=report, frozen=False).count() == 0
    assert "3个村（社区）" in text_of(report)

    # corrections after publication never change the published report
    org_services.unit_create(actor=None, code="P-T01-04", name="北坪村", kind=UnitKind.VILLAGE, parent=county.township)
    cells = selectors.report_cells(report)
    assert cells["testmod.villages"].display == "3" and not cells["testmod.villages"].changed
    assert "3个村（社区）" in text_of(report) and "4个村（社区）" not in text_of(report)
    with pytest.raises(DomainError):
        services.report_refresh(actor=county.office, report=report)


def test_deadlines_are_configurable(county):
    from fazhi.core.rules import setting_set

    assert services.deadlines(2019) == (datetime.date(2020, 3, 1), datetime.date(2020, 4, 1))
    setting_set(actor=county.office, key="reporting.submit_month", raw="2")
    setting_set(actor=county.office, key="reporting.submit_day", raw="30")
    assert services.deadlines(2019)[0] == datetime.date(2020, 2, 29)  # clamped to the month's end


def test_values_are_written_as_the_seed_writes_them():
    from decimal import Decimal

    assert selectors.format_value(14500) == "14500"
    assert selectors.format_value(Decimal("98.50")) == "98.5"
    assert selectors.format_value(0.9866) == "0.99"
    assert selectors.format_value("98.0") == "98"
    assert selectors.format_value(None) == "—"
