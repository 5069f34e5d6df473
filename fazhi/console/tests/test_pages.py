"""The audit page, the holiday table and the rule parameters, as the office and a liaison use them."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.models import CalendarDay


@pytest.mark.django_db
class TestAuditPage:
    def test_office_filters_by_unit_person_object_and_date(self, client, county):
        client.force_login(county.office)
        from fazhi.orgs import services

        services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
        page = client.get(reverse("console:audit_list"), {"actor": "法治办", "object": "水利"}).context["page"]
        assert [e.event_name for e in page.object_list] == ["orgs.unit_updated"]
        today = datetime.date.today().isoformat()
        page = client.get(reverse("console:audit_list"), {"unit": county.justice.pk, "date_from": today}).context["page"]
        assert page.paginator.count >= 1 and all(e.unit_id == county.justice.pk for e in page.object_list)
        page = client.get(reverse("console:audit_list"), {"date_to": "2000-01-01"}).context["page"]
        assert page.paginator.count == 0

    @pytest.mark.parametrize("persona", ["liaison", "leader", "outsider", "officer"])
    def test_others_may_not_read_the_audit_trail(self, client, county, persona):
        client.force_login(getattr(county, persona))
        assert client.get(reverse("console:audit_list")).status_code == 403


@pytest.mark.django_db
class TestCalendarPage:
    def test_office_enters_a_makeup_day_and_confirms_a_year(self, client, county):
        client.force_login(county.office)
        url = reverse("console:calendar") + "?year=2027"
        html = client.get(url).content.decode()
        assert "暂定" in html and "2027-02-05" in html  # provisional holidays: 除夕 by the lunar calendar
        client.post(url, {"form": "day", "date": "2027-02-20", "is_working_day": "1", "name": "春节调休上班"})
        assert CalendarDay.objects.get(date=datetime.date(2027, 2, 20)).is_working_day
        response = client.post(url, {"form": "year", "year": "2027", "source": ""})
        assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
        response = client.post(url, {"form": "year", "year": "2027", "source": "国办发明电〔2026〕X号"}, follow=True)
        assert "已按该安排重新计算期限" in response.content.decode()
        from fazhi.core.workdays import Calendar

        assert Calendar().knows(2027)

    def test_liaison_may_not_edit_the_calendar(self, client, county):
        client.force_login(county.liaison)
        assert client.get(reverse("console:calendar")).status_code == 403


@pytest.mark.django_db
class TestRuleSettings:
    def test_office_changes_a_rule_and_it_takes_effect(self, client, county):
        from fazhi.core.models import AuditEntry
        from fazhi.core.rules import get_setting

        client.force_login(county.office)
        url = reverse("console:rule_settings")
        assert "提醒录入次年节假日的月份" in client.get(url).content.decode()
        html = client.post(url, {"key": "core.calendar_warning_month", "value": "13"}).content.decode()
        assert "“提醒录入次年节假日的月份”不能大于12" in html and 'value="13"' in html
        html = client.post(url, {"key": "core.calendar_warning_month", "value": "十"}).content.decode()
        assert "应为整数" in html
        assert get_setting("core.calendar_warning_month") == 11
        client.post(url, {"key": "core.calendar_warning_month", "value": "10"})
        assert get_setting("core.calendar_warning_month") == 10
        entry = AuditEntry.objects.order_by("-seq").first()
        assert entry.event_name == "core.rule_setting_set"
        assert entry.changes == {"core.calendar_warning_month": ["11", "10"]}
        from fazhi.console.alerts import calendar_coverage

        assert calendar_coverage(county.office, datetime.date(2026, 10, 5))  # now warned from October
        client.post(url, {"key": "core.calendar_warning_month", "reset": "1"})
        assert get_setting("core.calendar_warning_month") == 11

    def test_only_the_office_and_administrators_change_rules(self, client, county):
        client.force_login(county.liaison)
        assert client.get(reverse("console:rule_settings")).status_code == 403
