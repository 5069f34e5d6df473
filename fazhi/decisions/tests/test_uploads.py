"""Decision materials under the upload policy: the service refuses what the form refuses; a missing file is
shown as missing, its download is a 404 page that says so, and the archive still exports."""
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.decisions import services

from . import factories as f

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"


def test_service_refuses_an_executable_renamed_pdf_and_svg(county):
    d = f.decision(county)
    with pytest.raises(DomainError, match="可执行程序") as e:
        services.attachment_add(actor=county.office, decision=d, title="意见",
                                file=SimpleUploadedFile("意见.pdf", b"MZ\x90\x00" * 30))
    assert e.value.field == "file" and "“文件”" in e.value.message
    with pytest.raises(DomainError, match="SVG"):
        services.attachment_add(actor=county.office, decision=d, title="图", file=SimpleUploadedFile("图.svg", b"<svg/>"))
    assert not d.attachments.exists()
    row = services.attachment_add(actor=county.office, decision=d, title="意见", file=SimpleUploadedFile("意见.pdf", PDF))
    assert row.file.read() == PDF


def test_the_form_names_the_field_and_the_allowed_types(client, county):
    d = f.decision(county)
    client.force_login(county.office)
    html = client.post(reverse("decisions:attachment_add", args=[d.pk]), {
        "title": "听证笔录", "file": SimpleUploadedFile("笔录.html", b"<html></html>")}).content.decode()
    assert "“文件”不允许上传网页" in html and "PDF（pdf）" in html and not d.attachments.exists()


def test_a_missing_material_is_shown_missing_never_a_500(client, county):
    d = f.decision(county)
    row = services.attachment_add(actor=county.office, decision=d, title="听证笔录",
                                  file=SimpleUploadedFile("笔录.pdf", PDF))
    default_storage.delete(row.file.name)
    client.force_login(county.office)
    html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
    assert "文件缺失" in html and reverse("decisions:attachment_download", args=[row.pk]) not in html
    response = client.get(reverse("decisions:attachment_download", args=[row.pk]))
    assert response.status_code == 404 and "文件缺失" in response.content.decode()
    d = f.to_decided(county, d.__class__.objects.get(pk=d.pk))
    response = client.get(reverse("decisions:decision_bundle", args=[d.pk]))
    assert response.status_code == 200
