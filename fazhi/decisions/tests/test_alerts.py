"""Compliance alerts: each fires on its case, and the outsider sees none of them."""
import datetime

import pytest

from fazhi.core.rules import setting_set
from fazhi.decisions import alerts, services
from fazhi.decisions.models import DecisionEvent

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


def titles(check, user, today=TODAY):
    return [a.title for a in check(user, today)]


def test_review_past_its_time(county):
    d = f.to_review(county, f.decision(county))  # due 2026-06-10
    assert titles(alerts.review_overdue, county.office) == [f"“{d.title}”合法性审查已超过期限（2026-06-10）"]
    assert titles(alerts.review_overdue, county.reviewer)  # the reviewing body sees its own overdue review
    assert titles(alerts.review_overdue, county.office, datetime.date(2026, 6, 9)) == []
    assert titles(alerts.review_overdue, county.outsider) == []


def test_decision_heading_to_a_meeting_without_review(county):
    d = f.decision(county, planned_meeting_on=TODAY + datetime.timedelta(days=5))
    assert titles(alerts.meeting_without_review, county.liaison) == [
        f"“{d.title}”拟于2026-11-30提请会议，尚未完成合法性审查"]
    assert titles(alerts.meeting_without_review, county.outsider) == []


def test_comment_window_shorter_than_allowed(county):
    d = f.decision(county)
    services.comment_open(actor=county.office, decision=d, comment_start=TODAY, comment_end=TODAY + datetime.timedelta(days=30))
    assert titles(alerts.short_comment_window, county.office) == []
    setting_set(actor=county.office, key="decisions.comment_min_days", raw="45")
    assert titles(alerts.short_comment_window, county.office) == [f"“{d.title}”征求意见期限少于45日且未说明理由"]
    assert titles(alerts.short_comment_window, county.outsider) == []


def test_catalogue_item_without_progress(county):
    cat = services.catalogue_create(actor=county.office, organ=county.gov, year=2026, title="目录")
    d = f.decision(county, catalogue=cat)
    cat = services.catalogue_approve(actor=county.office, catalogue=cat, party_consent="县委同意",
                                     party_consent_on=datetime.date(2026, 2, 1), approved_on=datetime.date(2026, 2, 2))
    services.catalogue_publish(actor=county.office, catalogue=cat, published_on=datetime.date(2026, 2, 3),
                               published_where="网站")
    assert titles(alerts.stalled_catalogue_items, county.office) == []
    DecisionEvent.objects.filter(decision=d).update(at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    assert titles(alerts.stalled_catalogue_items, county.office) == [f"目录事项“{d.title}”60日以上没有办理进展"]
    assert titles(alerts.stalled_catalogue_items, county.outsider) == []


def test_adviser_contract_expiring_and_coverage_gaps(county):
    a = f.adviser(county, contract_end=TODAY + datetime.timedelta(days=10))
    found = titles(alerts.adviser_contracts, county.office)
    assert f"法律顾问{a.name}（{county.gov.name}）聘期将于2026-12-05届满" in found
    assert any("没有在聘的法律顾问" in t for t in found)
    assert titles(alerts.adviser_contracts, county.outsider) == []
