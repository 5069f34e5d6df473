"""学法档案: the person sees their own, the unit its staff, the office all — sessions, hours, exam results."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.legal_education import services
from fazhi.legal_education.services import exams

from . import factories

pytestmark = pytest.mark.django_db


def _history(county):
    for day, hours in ((datetime.date(2019, 3, 1), 2), (datetime.date(2019, 9, 1), 1.5), (datetime.date(2018, 5, 1), 3)):
        services.study_save(actor=county.liaison, unit=county.market, kind="lecture", topic="《行政许可法》",
                            held_on=day, hours=hours, attendees=[county.liaison])
    exam = factories.exam(county)
    attempt, token = exams.attempt_start(actor=county.liaison, exam=exam)
    factories.answer_all(attempt, token)
    exams.attempt_submit(actor=county.liaison, attempt=attempt, token=token)
    return exam


def test_unit_sees_its_staff_office_everyone_with_figures_and_export(county, client):
    exam = _history(county)
    year = exam.starts_at.year
    client.force_login(county.liaison)
    page = client.get(reverse("legal_education:record_list")).content.decode()
    assert county.liaison.full_name in page and county.outsider.full_name not in page
    client.force_login(county.office)
    r = client.get(reverse("legal_education:record_list"), {"q": county.liaison.full_name})
    row = next(p for p in r.context["page"] if p.pk == county.liaison.pk)
    assert (row.sessions_n, row.hours, row.exams_sat, row.exams_passed, row.best_score) == (3, 6.5, 1, 1, 100)
    r = client.get(reverse("legal_education:record_list"), {"q": county.liaison.full_name, "year": 2018})
    row = r.context["page"][0]
    assert (row.sessions_n, row.hours, row.exams_sat) == (1, 3, 1 if year == 2018 else 0)
    r = client.get(reverse("legal_education:record_list"), {"year": "junk", "unit": "x", "sort": "?", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[0][0] == "姓名" and any(r[0] == county.liaison.full_name and r[3] == 6.5 for r in rows[1:])
    assert county.outsider.full_name in [r[0] for r in rows]
    detail = client.get(reverse("legal_education:record_detail", args=[county.liaison.pk])).content.decode()
    assert "6.5学时" in detail and exam.title in detail


def test_records_refused_outside_the_scope(county, client):
    client.force_login(county.outsider)
    assert client.get(reverse("legal_education:record_detail", args=[county.liaison.pk])).status_code == 404
    assert client.get(reverse("legal_education:record_detail", args=[county.outsider.pk])).status_code == 200
    client.force_login(county.lawyer)  # no legal-education permission: only the own record
    assert client.get(reverse("legal_education:record_list")).status_code == 403
    assert client.get(reverse("legal_education:my_record")).status_code == 200
