"""Leading groups created from the register (the county's and a unit's own), the units' leading bodies at a
glance, and the staff search over meetings and tasks."""
import datetime

import pytest
from django.urls import reverse

from fazhi.assessment.models import LeadingGroup
from fazhi.assessment.search.leadership import meeting_entries, task_entries
from fazhi.assessment.services import leadership as services
from fazhi.core import clock, search
from fazhi.core.errors import DomainError

from .factories_leadership import group, meeting, task

pytestmark = pytest.mark.django_db


def test_the_office_creates_a_units_own_leading_group_from_the_register(client, county):
    client.force_login(county.office)
    html = client.get(reverse("assessment:group_list")).content.decode()
    assert reverse("assessment:group_create") in html and "成立领导小组" in html
    url = reverse("assessment:group_create")
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": county.market.pk, "name": "县市场监管局法治政府建设工作领导小组",
                                 "office_unit": county.market.pk, "established_on": clock.today().isoformat()})
    g = LeadingGroup.objects.get(unit=county.market)
    assert response.status_code == 302 and response.url == g.get_absolute_url()
    assert g.office_unit == county.market and g.established_on == clock.today()
    # a second group for the same unit is refused beside the unit field
    response = client.post(url, {"unit": county.market.pk, "name": "又一个领导小组"})
    assert response.status_code == 200 and "已经成立领导小组" in response.content.decode()
    assert LeadingGroup.objects.filter(unit=county.market).count() == 1


def test_group_creation_is_refused_outside_the_office(client, county):
    for persona in ("leader", "liaison", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(reverse("assessment:group_create")).status_code == 403
        html = client.get(reverse("assessment:group_list")).content.decode()
        assert reverse("assessment:group_create") not in html
    with pytest.raises(DomainError):
        services.group_create(actor=county.liaison, unit=county.market, name="市场监管局领导小组")
    with pytest.raises(DomainError, match="名称"):
        services.group_create(actor=county.office, unit=county.market, name="  ")
    with pytest.raises(DomainError) as e:
        services.group_create(actor=county.office, unit=county.market, name="小组",
                              established_on=clock.today() + datetime.timedelta(days=3))
    assert e.value.field == "established_on"


def test_units_leading_bodies_show_who_chairs_within_the_readers_scope(client, county):
    group(county)
    own = services.group_create(actor=county.office, unit=county.market, name="市场监管局法治政府建设工作领导小组")
    services.post_add(actor=county.office, group=own, post="leader", title="市场监管局局长", user=county.liaison,
                      start_on=clock.today())
    client.force_login(county.leader)
    html = client.get(reverse("assessment:group_units")).content.decode()
    assert "市场监管局法治政府建设工作领导小组" in html and "市场监管局李联络员（市场监管局局长）" in html
    assert "县长甲（县长）" in html and "未成立" in html  # the water bureau has none
    # at a past year's end the chair who took office today was not yet in post
    html = client.get(reverse("assessment:group_units"), {"year": clock.today().year - 1}).content.decode()
    assert "市场监管局李联络员（市场监管局局长）" not in html and "未任命" in html
    assert client.get(reverse("assessment:group_units"), {"year": "abc"}).status_code == 200
    client.force_login(county.outsider)
    html = client.get(reverse("assessment:group_units")).content.decode()
    assert "县长甲" not in html and "市场监管局法治政府建设工作领导小组" not in html


def test_meetings_and_tasks_are_found_by_staff_in_scope(county, leadership_media):
    m = meeting(county)
    task(county)
    assert [h.entry.object_id for h in search.query("示范创建动员会", user=county.office, source="assessment.meeting")] \
        == [str(m.pk)]
    assert search.query("电子营业执照", user=county.liaison, source="assessment.task").total == 1
    assert search.query("电子营业执照", user=county.outsider, source="assessment.task").total == 0
    assert search.query("电子营业执照", public_only=True).total == 0
    assert {obj.pk for obj, _ in meeting_entries()} == {m.pk}
    assert [fields["unit"] for obj, fields in task_entries()] == [county.market]


def test_imported_tasks_are_indexed_too(county):
    from fazhi.assessment.tests.factories_leadership import plan

    p = plan(county)
    services.tasks_import(actor=county.office, plan=p, rows=[{
        "number": "9", "title": "导入的任务：清理证明事项", "lead_code": county.water.code, "area": "依法全面履行政府职能",
        "deadline": datetime.date(p.year, 12, 31)}])
    assert search.query("清理证明事项", user=county.outsider, source="assessment.task").total == 1
