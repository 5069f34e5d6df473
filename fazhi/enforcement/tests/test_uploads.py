"""The upload policy in the enforcement module: the service re-checks what the form checked, a mandatory
audio-video record needs a real recording, and a missing file is shown as missing (never "complete", never a 500)."""
import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.core.registry import collect_alerts
from fazhi.enforcement import records, services
from fazhi.enforcement.choices import Act, CaseKind, CoerciveMeasure, Step

from .factories import penalty_case, photo, step, video

pytestmark = pytest.mark.django_db
D = datetime.date
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _seizure_case(enf):
    case = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.COERCION, title="查封过期食品",
                                  registered_on=D(2025, 3, 3), officers=[enf.colleague],
                                  coercive_measure=CoerciveMeasure.SEIZURE)
    return step(enf, case, "investigate", D(2025, 3, 4))


def test_service_refuses_a_web_page_named_mp4_for_a_mandatory_recording(enf):
    case = _seizure_case(enf)
    before = case.records.count()
    with pytest.raises(DomainError, match="网页") as e:
        services.record_add(actor=enf.officer, case=case, step=Step.INVESTIGATE, act=Act.SEIZURE, text="现场查封",
                            occurred_on=D(2025, 3, 4), upload=SimpleUploadedFile("现场.mp4", HTML))
    assert e.value.field == "upload"
    with pytest.raises(DomainError, match="须全程音像记录") as e:
        services.record_add(actor=enf.officer, case=case, step=Step.INVESTIGATE, act=Act.SEIZURE, text="现场查封",
                            occurred_on=D(2025, 3, 4), upload=photo())
    assert "行政处罚法" in e.value.message and "RULES" not in e.value.message and "§" not in e.value.message
    assert case.records.count() == before
    record = services.record_add(actor=enf.officer, case=case, step=Step.INVESTIGATE, act=Act.SEIZURE,
                                 text="现场查封", occurred_on=D(2025, 3, 4), upload=video())
    assert record.file_kind == "video"


def test_service_refuses_an_executable_renamed_pdf(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    with pytest.raises(DomainError, match="可执行程序"):
        services.record_add(actor=enf.officer, case=case, step=Step.REGISTER, text="附件",
                            occurred_on=D(2025, 3, 3), upload=SimpleUploadedFile("决定书.pdf", b"MZ\x90\x00" * 20))
    with pytest.raises(DomainError, match="网页、SVG"):
        services.record_add(actor=enf.officer, case=case, step=Step.REGISTER, text="附件",
                            occurred_on=D(2025, 3, 3), upload=SimpleUploadedFile("图.svg", b"<svg/>"))


def test_execution_of_a_seizure_needs_a_file_that_really_is_a_recording(enf):
    case = _seizure_case(enf)
    case = step(enf, case, "decide", D(2025, 3, 5), decision="查封")
    case = step(enf, case, "serve", D(2025, 3, 6))
    with pytest.raises(DomainError, match="网页"):
        step(enf, case, "execute", D(2025, 3, 7), upload=SimpleUploadedFile("执行.mp4", HTML))
    with pytest.raises(DomainError, match="须全程音像记录"):
        step(enf, case, "execute", D(2025, 3, 7), upload=photo())
    assert step(enf, case, "execute", D(2025, 3, 7), upload=video()).status == "executed"


def test_the_form_refuses_a_web_page_named_mp4_next_to_the_field(client, enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    client.force_login(enf.officer)
    url = reverse("enforcement:case_record_add", args=[case.pk])
    response = client.post(url, {"step": "register", "act": "seizure", "occurred_on": "2025-03-03", "text": "查封",
                                 "upload": SimpleUploadedFile("现场.mp4", HTML)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“附件”的内容是网页" in html and case.records.count() == 1


@pytest.fixture
def missing(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    record = services.record_add(actor=enf.officer, case=case, step=Step.REGISTER, text="现场", upload=video(),
                                 occurred_on=D(2025, 3, 3))
    default_storage.delete(record.file.name)
    return case, record


def test_a_missing_file_is_shown_missing_and_the_chain_not_complete(client, enf, missing):
    case, record = missing
    assert not records.verify_case(case, check_files="exists").ok
    assert records.verify_case(case).ok  # the rows themselves are intact
    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "文件缺失" in html and "记录未被改动" not in html and "附件文件缺失" in html
    assert reverse("enforcement:record_file", args=[record.pk]) not in html
    response = client.get(reverse("enforcement:record_file", args=[record.pk]))
    assert response.status_code == 404
    assert "文件缺失" in response.content.decode() and record.file_name in response.content.decode()


def test_the_record_chain_alert_reports_a_missing_file_to_whom_it_concerns(enf, missing):
    case, _record = missing

    def alerts(user):
        found, failed = collect_alerts(user, clock.today())
        assert not failed
        return [a for a in found if a.source == "enforcement.record_chain"]

    for user in (enf.sysadmin, enf.office):
        found = alerts(user)
        assert len(found) == 1 and case.number in found[0].title and "附件" in found[0].title
    assert alerts(enf.outsider) == []
    default_storage.save(_record.file.name, video())  # restored from a backup
    assert alerts(enf.sysadmin) == []
