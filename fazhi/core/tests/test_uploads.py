"""The one upload policy: each kind refuses what it must and accepts real files; the audit chain alert."""
import io
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import audit, uploads
from fazhi.core.errors import DomainError
from fazhi.core.forms import UploadField
from fazhi.core.models import AuditEntry
from fazhi.core.registry import collect_alerts

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 32
AMR = b"#!AMR\n" + b"\x00" * 32
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00" + b"\x00" * 24
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def _zip(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX = _zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
OFD = _zip("OFD.xml", "Doc_0/Document.xml")


def ok(name, content, kind):
    return uploads.check(SimpleUploadedFile(name, content), kind=kind, field="f", label="材料")


def refused(name, content, kind, *fragments):
    with pytest.raises(DomainError) as e:
        ok(name, content, kind)
    assert e.value.field == "f" and "“材料”" in e.value.message
    for fragment in fragments:
        assert fragment in e.value.message
    return e.value.message


@pytest.mark.parametrize(("name", "content", "kind", "media"), [
    ("决定书.pdf", PDF, "document", "document"),
    ("决定书.ofd", OFD, "document", "document"),
    ("意见.docx", DOCX, "document", "document"),
    ("台账.xlsx", XLSX, "document", "document"),
    ("旧文书.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "document", "document"),
    ("笔录.txt", "听证笔录：当事人到场。".encode("gb18030"), "document", "document"),
    ("现场.png", PNG, "image", "image"),
    ("现场.jpg", JPEG, "image", "image"),
    ("扫描.pdf", PDF, "scan", "document"),
    ("扫描.jpeg", JPEG, "scan", "image"),
    ("录像.mp4", MP4, "audio_video", "video"),
    ("录音.mp3", MP3, "audio_video", "audio"),
    ("录音.amr", AMR, "audio_video", "audio"),
    ("录音.wav", WAV, "audio_video", "audio"),
    ("导入.xlsx", XLSX, "spreadsheet", "spreadsheet"),
    ("证据.pdf", PDF, "evidence", "document"),
    ("证据.mp4", MP4, "evidence", "video"),
    ("材料.png", PNG, "material", "image"),
])
def test_real_files_are_accepted_with_what_their_content_is(name, content, kind, media):
    checked = ok(name, content, kind)
    assert checked.media == media and checked.size == len(content)


def test_html_named_mp4_is_not_a_recording():
    refused("执法录像.mp4", HTML, "audio_video", "网页")
    refused("执法录像.mp4", HTML, "evidence", "网页")
    refused("执法录像.mp4", PNG, "audio_video", "内容与扩展名不符", "录音录像")


def test_exe_renamed_pdf_is_refused():
    refused("决定书.pdf", EXE, "document", "可执行程序")
    refused("决定书.pdf", EXE, "scan")
    refused("决定书.pdf", b"just some text", "document", "内容与扩展名不符", "PDF")


def test_svg_html_scripts_and_programs_are_refused_by_name_and_by_content():
    for name, content in [("图.svg", SVG), ("页.html", HTML), ("a.js", b"alert(1)"), ("setup.exe", EXE),
                          ("run.bat", b"del *"), ("x.php", b"<?php ?>")]:
        refused(name, content, "evidence", "网页、SVG 图片、脚本或可执行程序")
    refused("图.png", SVG, "image", "网页")
    refused("笔录.txt", b"hello <script>alert(1)</script>", "document", "内容与扩展名不符")
    refused("脚本.txt", b"#!/bin/sh\nrm -rf /\n", "document", "可执行程序")


def test_a_type_outside_the_kind_names_the_allowed_types():
    message = refused("录像.mp4", MP4, "document", "“.mp4”", "只能上传", "PDF（pdf）", "OFD（ofd）")
    assert "录音录像" not in message
    refused("照片.jpg", JPEG, "audio_video", "只能上传录音录像")
    refused("无扩展名", PDF, "document", "没有扩展名")
    refused("文书.pdf", PDF, "image", "只能上传图片")


def test_empty_and_oversize_files_are_refused(settings):
    refused("空.pdf", b"", "document", "空文件")
    settings.FAZHI_UPLOAD_MAX_BYTES = {"document": 1024, "image": 2048, "audio_video": 4096}
    refused("大.pdf", PDF + b"0" * 2000, "document", "文件过大", "最大允许 1 KB")
    assert ok("大.png", PNG + b"\x00" * 1500, "image").size > 1024  # images have their own limit
    refused("大.mp4", MP4 + b"\x00" * 5000, "audio_video", "文件过大", "4 KB")
    settings.FAZHI_IMPORT_MAX_BYTES = 100
    refused("大.xlsx", XLSX, "spreadsheet", "文件过大")


def test_a_text_file_named_xlsx_is_not_a_spreadsheet():
    refused("单位.xlsx", "单位代码,单位名称\n".encode(), "spreadsheet", "不是有效的 Excel")


class _Form(forms.Form):
    recording = UploadField(kind="audio_video", label="现场录像")
    optional = UploadField(kind="scan", label="扫描件", required=False)


def test_the_form_field_names_the_field_and_keeps_the_allowed_types_in_the_page():
    form = _Form(data={}, files={"recording": SimpleUploadedFile("录像.mp4", HTML)})
    assert not form.is_valid()
    assert "“现场录像”" in form.errors["recording"][0] and "网页" in form.errors["recording"][0]
    form = _Form(data={}, files={})
    assert not form.is_valid() and form.errors["recording"] == ["请选择“现场录像”的文件。"]
    form = _Form(data={}, files={"recording": SimpleUploadedFile("录像.mp4", MP4)})
    assert form.is_valid(), form.errors
    html = str(form["recording"])
    assert 'accept=".mp4,' in html and "可上传录音录像" in form.fields["recording"].help_text
    form = _Form(data={}, files={"recording": SimpleUploadedFile("录像.mp4", MP4),
                                 "optional": SimpleUploadedFile("图.svg", SVG)})
    assert not form.is_valid() and "“扫描件”" in form.errors["optional"][0]


def test_every_upload_field_of_every_module_uses_the_policy():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [str(p) for p in root.glob("*/forms.py") if "forms.FileField(" in p.read_text(encoding="utf-8")]
    assert offenders == []


@pytest.mark.django_db
def test_held_uploads_go_through_storage():
    token = uploads.hold("test-area", b"data")
    assert uploads.held("test-area", token) == b"data"
    assert uploads.held("test-area", "../../etc/passwd") is None
    uploads.release("test-area", token)
    assert uploads.held("test-area", token) is None


# The audit chain alert -------------------------------------------------------------------------------------

@pytest.fixture
def chain(county):
    from fazhi.orgs import services

    services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
    services.unit_update(actor=county.office, unit=county.water, name="某县水利和湖泊局")
    return list(AuditEntry.objects.order_by("seq"))


def _audit_alerts(user):
    from fazhi.core import clock

    alerts, failed = collect_alerts(user, clock.today())
    assert not failed
    return [a for a in alerts if a.source == "console.audit_chain"]


@pytest.mark.django_db
class TestAuditChainAlert:
    def test_intact_chain_raises_nothing_and_moves_the_checkpoint(self, county, chain):
        from fazhi.core.models import IntegrityCheckpoint

        assert _audit_alerts(county.sysadmin) == []
        cp = IntegrityCheckpoint.objects.get(key=audit.checkpoint_key(chain[-1].chain))  # one per audit chain
        assert cp.position == chain[-1].seq and cp.position_hash == chain[-1].hash and cp.problems == []

    def test_tampered_entry_is_shown_to_the_sysadmin_only(self, client, county, chain):
        victim = chain[len(chain) // 2]
        AuditEntry.objects.filter(pk=victim.pk).update(object_repr="被篡改")
        alerts = _audit_alerts(county.sysadmin)
        assert len(alerts) == 1 and alerts[0].severity == "overdue"
        assert f"第 {victim.seq} 条" in alerts[0].title and "被修改" in alerts[0].title
        assert "网络安全法" in alerts[0].rule and "RULES" not in alerts[0].rule
        assert _audit_alerts(county.office) == [] and _audit_alerts(county.outsider) == []
        client.force_login(county.sysadmin)
        html = client.get(reverse("console:workbench")).content.decode()
        assert "操作审计日志被篡改" in html and f"第 {victim.seq} 条" in html
        client.force_login(county.office)
        assert "操作审计日志被篡改" not in client.get(reverse("console:workbench")).content.decode()

    def test_tampering_before_the_checkpoint_is_found_by_the_rolling_recheck(self, county, chain):
        assert _audit_alerts(county.sysadmin) == []  # the checkpoint is now at the chain's end
        victim = chain[1]
        AuditEntry.objects.filter(pk=victim.pk).update(actor_name="他人")
        result = audit.verify_incremental()
        assert not result.ok and result.broken_seq == victim.seq
        assert not audit.verify_incremental().ok  # found again until repaired

    def test_entries_added_after_the_checkpoint_are_checked_in_bounded_steps(self, county, chain):
        from fazhi.orgs import services

        assert audit.verify_incremental().ok
        services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
        result = audit.verify_incremental(limit=1, sweep=1)
        from fazhi.core.models import AuditChainHead

        assert result.ok and result.checked <= 2 * AuditChainHead.objects.count()  # bounded in each chain
        newest = AuditEntry.objects.order_by("-seq").first()
        AuditEntry.objects.filter(pk=newest.pk).update(object_repr="改过")
        result = audit.verify_incremental()
        assert not result.ok and result.broken_seq == newest.seq

    def test_deleted_last_entry_is_reported(self, county, chain):
        from django.db import connection

        assert audit.verify_incremental().ok
        from fazhi.orgs import services

        services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
        last = AuditEntry.objects.order_by("-seq").first()
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [last.pk])
        result = audit.verify_incremental()
        assert not result.ok and result.broken_seq == last.seq and "删除" in result.reason
