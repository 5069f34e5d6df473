"""Create/edit pages of the 普法 registers: activities (with photos and sign-in sheets), culture sites (with
photos), study sessions (attendees picker), creation programmes and honours — refused and allowed paths."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core import audit_events
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.legal_education import services
from fazhi.legal_education.models import Activity, CultureSite, Honour, Programme, StudySession

from .contract import _activity, _honour, _programme, _site, _study, png

pytestmark = pytest.mark.django_db


def test_unit_records_activity_with_partners_photos_and_signin_sheet(county, client):
    client.force_login(county.liaison)
    url = reverse("legal_education:activity_create")
    assert client.get(url).status_code == 200
    r = client.post(url, {"kind": "villages", "title": "食品安全进乡村", "unit": county.market.pk,
                          "partners": [county.justice.pk], "held_on": "2019-06-03", "place": county.village_east.pk,
                          "audience": 120, "laws": "《中华人民共和国食品安全法》", "summary": "发放资料",
                          "photos": [png("a.png"), png("b.png")], "signins": [png("签到.png")]})
    obj = Activity.objects.get(title="食品安全进乡村")
    assert r.status_code == 302 and r["Location"] == obj.get_absolute_url()
    assert list(obj.partners.all()) == [county.justice]
    assert sorted(obj.files.values_list("kind", flat=True)) == ["photo", "photo", "signin"]
    page = client.get(obj.get_absolute_url()).content.decode()
    assert "签到表" in page and "司法局" in page or county.justice.name in page
    f = obj.files.first()
    r = client.get(reverse("legal_education:activity_file", args=[obj.pk, f.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"\x89PNG")
    assert client.get(reverse("legal_education:activity_file", args=[obj.pk, 999999])).status_code == 404
    # edit keeps the files and changes the fields (audited)
    r = client.post(reverse("legal_education:activity_edit", args=[obj.pk]), {
        "kind": "villages", "title": "食品安全进乡村（修订）", "unit": county.market.pk, "held_on": "2019-06-03",
        "audience": 150})
    obj.refresh_from_db()
    assert r.status_code == 302 and obj.audience == 150 and obj.files.count() == 3
    assert AuditEntry.objects.filter(event_code=audit_events.get("legal_education.activity_saved").code,
                                     object_id=str(obj.pk)).count() == 2


def test_activity_refusals(county, client):
    base = {"kind": "schools", "title": "进校园", "held_on": datetime.date(2019, 4, 1), "audience": 10}
    with pytest.raises(DomainError) as e:  # the water bureau's liaison cannot file for the market bureau
        services.activity_save(actor=county.outsider, unit=county.market, **base)
    with pytest.raises(DomainError) as e:
        services.activity_save(actor=county.liaison, unit=county.market,
                               **{**base, "held_on": datetime.date(2999, 1, 1)})
    assert e.value.field == "held_on"
    with pytest.raises(DomainError) as e:
        services.activity_save(actor=county.liaison, unit=county.market, partners=[county.market], **base)
    assert e.value.field == "partners"
    with pytest.raises(DomainError):  # the leader only reads
        services.activity_save(actor=county.leader, unit=county.gov, **base)
    client.force_login(county.liaison)  # a web page named .png is refused by the upload policy
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    r = client.post(reverse("legal_education:activity_create"), {**base, "unit": county.market.pk,
                                                                  "held_on": "2019-04-01", "photos": [bad]})
    assert r.status_code == 200 and not Activity.objects.filter(title="进校园").exists()
    client.force_login(county.leader)
    assert client.get(reverse("legal_education:activity_create")).status_code == 403
    obj = _activity(county)
    client.force_login(county.outsider)
    assert client.get(reverse("legal_education:activity_edit", args=[obj.pk])).status_code == 404
    assert client.get(reverse("legal_education:activity_detail", args=[obj.pk])).status_code == 404


def test_culture_site_with_photos_created_and_edited(county, client):
    client.force_login(county.liaison)
    r = client.post(reverse("legal_education:site_create"), {
        "name": "宪法主题公园", "unit": county.market.pk, "level": "provincial", "designation": "省级法治文化建设示范点",
        "designated_year": 2019, "place": county.township.pk, "place_detail": "镇中心", "photos": [png()]})
    site = CultureSite.objects.get(name="宪法主题公园")
    assert r.status_code == 302 and site.photos.count() == 1
    assert "镇中心" in client.get(site.get_absolute_url()).content.decode()
    photo = site.photos.first()
    assert client.get(reverse("legal_education:site_photo", args=[site.pk, photo.pk])).status_code == 200
    assert client.get(reverse("legal_education:site_photo", args=[site.pk, 999999])).status_code == 404
    r = client.post(reverse("legal_education:site_edit", args=[site.pk]), {
        "name": "宪法主题公园", "unit": county.market.pk, "level": "city", "designation": "市级示范点",
        "designated_year": 2018})
    site.refresh_from_db()
    assert r.status_code == 302 and site.level == "city" and site.photos.count() == 1
    with pytest.raises(DomainError) as e:
        services.site_save(actor=county.liaison, unit=county.market, name="未来", level="county", designation="x",
                           designated_year=2999)
    assert e.value.field == "designated_year"
    client.force_login(county.outsider)
    assert client.get(reverse("legal_education:site_edit", args=[_site(county).pk])).status_code == 404


def test_study_session_with_attendees_picker(county, client):
    client.force_login(county.liaison)
    page = client.get(reverse("legal_education:study_create")).content.decode()
    assert 'data-picker' in page
    r = client.post(reverse("legal_education:study_create"), {
        "kind": "executive", "unit": county.market.pk, "meeting": "局务会", "held_on": "2019-03-02",
        "topic": "《中华人民共和国行政处罚法》", "presenter": "法规科长", "hours": "1.5",
        "attendees": [county.liaison.pk]})
    obj = StudySession.objects.get(meeting="局务会")
    assert r.status_code == 302 and list(obj.attendees.all()) == [county.liaison]
    r = client.post(reverse("legal_education:study_edit", args=[obj.pk]), {
        "kind": "executive", "unit": county.market.pk, "meeting": "局务会", "held_on": "2019-03-02",
        "topic": "《中华人民共和国行政处罚法》", "hours": "2", "attendees": []})
    obj.refresh_from_db()
    assert r.status_code == 302 and obj.hours == 2 and obj.attendees.count() == 0
    county.officer.is_active = False
    county.officer.save()
    with pytest.raises(DomainError) as e:
        services.study_save(actor=county.office, unit=county.justice, kind="lecture", topic="x",
                            held_on=datetime.date(2019, 3, 2), attendees=[county.officer])
    assert e.value.field == "attendees"
    client.force_login(county.outsider)
    assert client.get(reverse("legal_education:study_edit", args=[_study(county).pk])).status_code == 404


def test_programmes_and_honours_are_kept_by_the_office(county, client):
    client.force_login(county.office)
    r = client.post(reverse("legal_education:programme_create"), {
        "name": "“四个100”法治示范创建", "year": 2019, "units": [county.market.pk, county.township.pk],
        "outcome": "通过省级验收"})
    p = Programme.objects.get(name="“四个100”法治示范创建")
    assert r.status_code == 302 and p.units.count() == 2
    r = client.post(reverse("legal_education:programme_edit", args=[p.pk]), {
        "name": "“四个100”法治示范创建", "year": 2019, "units": [county.market.pk], "outcome": "通过"})
    assert r.status_code == 302 and p.units.count() == 1
    r = client.post(reverse("legal_education:honour_create"), {
        "title": "全省“七五”普法中期先进县", "awarded_by": "省委宣传部、省司法厅", "year": 2019})
    h = Honour.objects.get(title="全省“七五”普法中期先进县")
    assert r.status_code == 302 and h.recipient == "全县"
    r = client.post(reverse("legal_education:honour_edit", args=[h.pk]), {
        "title": "全省“七五”普法中期先进单位", "unit": county.justice.pk, "awarded_by": "省司法厅", "year": 2019})
    h.refresh_from_db()
    assert h.recipient == county.justice.name
    page = client.get(reverse("legal_education:site_list")).content.decode()
    assert "先进单位" in page and "登记荣誉" in page
    for bad in ({"year": 2999, "units": [county.market]}, {"year": 2019, "units": []}):
        with pytest.raises(DomainError):
            services.programme_save(actor=county.office, name="x", outcome="", **bad)
    with pytest.raises(DomainError):
        services.honour_save(actor=county.office, title="x", unit=None, awarded_by="y", year=2999)
    # a unit's liaison and the leader may not keep county-wide records
    for who in (county.liaison, county.leader):
        with pytest.raises(DomainError):
            services.honour_save(actor=who, title="x", unit=None, awarded_by="y", year=2019)
        client.force_login(who)
        assert client.get(reverse("legal_education:honour_create")).status_code == 403
        assert client.get(reverse("legal_education:programme_edit", args=[_programme(county).pk])).status_code == 403
        assert "登记荣誉" not in client.get(reverse("legal_education:site_list")).content.decode()
    assert _honour(county).recipient == "全县"
