"""One upload policy for every module: which files each kind of attachment accepts, checked by content.

- A *kind* (``document`` 文书, ``image`` 图片, ``scan`` 扫描件, ``audio_video`` 录音录像, ``spreadsheet``
  Excel 表格, ``material`` 文书或图片, ``evidence`` 文书、图片或录音录像) lists its formats; each format has
  its extensions and a check of the file's first bytes (magic numbers, by the ``filetype`` library plus a
  few signatures of our own for OLE/OOXML/OFD/plain text). A file whose content does not match its
  extension is refused, so an HTML page named ``.mp4`` is not a recording.
- Web pages, SVG, scripts and executables are refused whatever they are called.
- Size limits per kind come from ``settings.FAZHI_UPLOAD_MAX_BYTES`` (spreadsheets: ``FAZHI_IMPORT_MAX_BYTES``).
- ``check(upload, kind=…, field=…, label=…)`` raises a ``DomainError`` in Chinese naming the field; the form
  field ``fazhi.core.forms.UploadField`` and the services that store a file both call it.
- Stored files are read only through Django's storage API: ``is_present`` for pages (a missing file is
  shown as 文件缺失) and ``file_response`` for downloads (a missing file is a 404 page with a message).
"""
import io
import logging
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import render

from .errors import DomainError

logger = logging.getLogger("fazhi.uploads")

HEAD_BYTES = 8192

# Media a checked file turns out to be (enforcement records keep audio/video/photo/document apart).
DOCUMENT, IMAGE, AUDIO, VIDEO, SPREADSHEET = "document", "image", "audio", "video", "spreadsheet"

# Never accepted, whatever the kind: pages a browser would run, vector images with scripts, scripts, programs.
REFUSED_EXTENSIONS = frozenset({
    "html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "js", "mjs", "jse", "vbs", "vbe",
    "wsf", "wsh", "hta", "bat", "cmd", "com", "exe", "dll", "msi", "msp", "scr", "cpl", "ps1", "psm1", "sh", "bash",
    "php", "phtml", "jsp", "jspx", "asp", "aspx", "cgi", "pl", "py", "rb", "jar", "class", "apk", "app", "swf", "lnk",
})
_MARKUP = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|frameset|a\s"
                     rb"|img\s|div|style|link|form|base|!--|\?xml)", re.IGNORECASE)
_MARKUP_ANYWHERE = re.compile(rb"<\s*(?:script|svg|html|iframe|object|embed)\b|javascript:", re.IGNORECASE)
_EXECUTABLE = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
               b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\x00asm")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_IMAGE_BRANDS = {"heic", "heix", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "jpx ", "jp2 "}
_AUDIO_BRANDS = {"M4A ", "M4B ", "M4P ", "F4A ", "F4B "}


# Content checks: (head bytes, seekable file) -> media or None -------------------------------------------

def _zip_names(fileobj):
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            return [n.replace("\\", "/") for n in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        fileobj.seek(0)


def _ooxml(prefix):
    def check(head, fileobj):
        if not head.startswith(_ZIP):
            return False
        names = _zip_names(fileobj) or []
        return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
    return check


def _ofd(head, fileobj):
    if not head.startswith(_ZIP):
        return False
    return any(n.lower() == "ofd.xml" for n in _zip_names(fileobj) or [])


def _ole(head, fileobj):
    return head.startswith(_OLE)


def _either(*checks):
    return lambda head, fileobj: any(c(head, fileobj) for c in checks)


def _pdf(head, fileobj):
    return b"%PDF-" in head[:1024]


def _rtf(head, fileobj):
    return head.startswith(b"{\\rtf")


def _text(head, fileobj):
    if b"\x00" in head or _MARKUP_ANYWHERE.search(head):
        return False
    sample = head[:-4] if len(head) >= HEAD_BYTES else head  # the cut may split a character
    for encoding in ("utf-8", "gb18030"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(c) < 32 and c not in "\t\r\n\f\x1a" for c in text)
    return False


def _guess(head):
    try:
        return filetype.guess(head)
    except Exception:  # a malformed header must not take the check down
        return None


def _image(head, fileobj):
    found = _guess(head)
    return found is not None and found.mime.startswith("image/") and found.extension not in ("psd", "xcf", "dwg")


def av_media(head):
    """``AUDIO`` or ``VIDEO`` if the bytes are a recording, else ``None``."""
    if head[4:8] == b"ftyp":
        brand = head[8:12].decode("latin-1")
        if brand in _IMAGE_BRANDS:
            return None
        return AUDIO if brand in _AUDIO_BRANDS else VIDEO
    found = _guess(head)
    if found is not None and found.mime.startswith("video/"):
        return VIDEO
    if found is not None and found.mime.startswith("audio/"):
        return AUDIO
    if head.startswith(b"#!AMR") or head.startswith(b"ID3"):
        return AUDIO
    if len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:  # MPEG audio / ADTS
        return AUDIO
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):  # ASF (wmv/wma)
        return VIDEO
    return None


def _av(head, fileobj):
    return av_media(head) is not None


@dataclass(frozen=True)
class Format:
    label: str
    extensions: tuple
    media: str
    check: object


PDF = Format("PDF", ("pdf",), DOCUMENT, _pdf)
OFD = Format("OFD", ("ofd",), DOCUMENT, _ofd)
WORD = Format("Word", ("doc", "docx"), DOCUMENT, _either(_ole, _ooxml("word/"), _rtf))
EXCEL = Format("Excel", ("xls", "xlsx"), DOCUMENT, _either(_ole, _ooxml("xl/")))
WPS = Format("WPS", ("wps", "et"), DOCUMENT, _either(_ole, _ooxml("word/"), _ooxml("xl/")))
TEXT = Format("文本", ("txt",), DOCUMENT, _text)
PICTURE = Format("图片", ("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff", "heic"), IMAGE, _image)
RECORDING = Format("录音录像", ("mp4", "m4v", "mov", "3gp", "avi", "mkv", "webm", "flv", "wmv", "mpg", "mpeg",
                              "mp3", "wav", "m4a", "aac", "amr", "ogg", "flac", "wma"), VIDEO, _av)
XLSX = Format("Excel", ("xlsx", "xls"), SPREADSHEET, _either(_ooxml("xl/"), _ole))


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    formats: tuple
    size_class: str = ""  # which limit applies; empty: the format's own (document/image/audio_video)

    @property
    def extensions(self):
        return tuple(e for f in self.formats for e in f.extensions)

    def describe(self):
        return "、".join(f"{f.label}（{'、'.join(f.extensions)}）" for f in self.formats)


DOCUMENT_FORMATS = (PDF, OFD, WORD, EXCEL, WPS, TEXT)
KINDS = {k.name: k for k in (
    Kind("document", "文书", DOCUMENT_FORMATS),
    Kind("image", "图片", (PICTURE,)),
    Kind("scan", "扫描件", (PDF, PICTURE)),
    Kind("audio_video", "录音录像", (RECORDING,)),
    Kind("spreadsheet", "Excel 表格", (XLSX,), size_class="spreadsheet"),
    Kind("material", "文书或图片", (*DOCUMENT_FORMATS, PICTURE)),
    Kind("evidence", "文书、图片或录音录像", (*DOCUMENT_FORMATS, PICTURE, RECORDING)),
)}


def get_kind(kind) -> Kind:
    if isinstance(kind, Kind):
        return kind
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown upload kind {kind!r}; known: {', '.join(KINDS)}") from None


def _size_class(kind, fmt):
    if kind.size_class:
        return kind.size_class
    return {DOCUMENT: "document", IMAGE: "image", VIDEO: "audio_video", AUDIO: "audio_video"}[fmt.media]


def max_bytes(kind, fmt=None) -> int:
    """The size limit of ``kind`` (of its largest format when ``fmt`` is not given)."""
    kind = get_kind(kind)
    limits = dict(getattr(settings, "FAZHI_UPLOAD_MAX_BYTES", {}))
    limits.setdefault("spreadsheet", settings.FAZHI_IMPORT_MAX_BYTES)
    formats = [fmt] if fmt is not None else kind.formats
    return max(int(limits.get(_size_class(kind, f), 0) or 0) for f in formats)


def size_text(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} 字节"


def describe(kind) -> str:
    """Help text for a form: the allowed types and the limit."""
    kind = get_kind(kind)
    limits = {}
    for fmt in kind.formats:
        limits.setdefault(fmt.label if len(kind.formats) > 1 else "", max_bytes(kind, fmt))
    if len(set(limits.values())) == 1:
        return f"可上传{kind.describe()}，单个文件不超过 {size_text(max_bytes(kind))}。"
    grouped = {}
    for label, limit in limits.items():
        grouped.setdefault(limit, []).append(label)
    parts = "，".join(f"{'、'.join(labels)}不超过 {size_text(limit)}" for limit, labels in sorted(grouped.items()))
    return f"可上传{kind.describe()}；{parts}。"


@dataclass(frozen=True)
class Checked:
    kind: str
    extension: str
    media: str  # DOCUMENT, IMAGE, AUDIO, VIDEO or SPREADSHEET: what the content really is
    size: int
    name: str


def _read_head(upload):
    try:
        if hasattr(upload, "seek"):
            upload.seek(0)
        head = upload.read(HEAD_BYTES)
        if hasattr(upload, "seek"):
            upload.seek(0)
    except (OSError, ValueError):
        return None
    return bytes(head) if isinstance(head, (bytes, bytearray, memoryview)) else None


def _size_of(upload, head):
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    try:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
        return size
    except (AttributeError, OSError, ValueError):
        return len(head or b"")


def check(upload, *, kind, field="file", label="附件") -> Checked:
    """Refuse ``upload`` unless it is an allowed, non-empty file of ``kind`` within the size limit and its
    content is what its extension says. Raises ``DomainError(field=field)`` naming ``label``."""
    kind = get_kind(kind)
    allowed = f"只能上传{kind.describe()}。"
    if upload is None:
        raise DomainError(f"请选择“{label}”的文件。", field=field, code="upload_required")
    name = PurePath(str(getattr(upload, "name", "") or "")).name
    ext = PurePath(name).suffix.lower().lstrip(".")
    if ext in REFUSED_EXTENSIONS:
        raise DomainError(f"“{label}”不允许上传网页、SVG 图片、脚本或可执行程序（“{name}”）。{allowed}",
                          field=field, code="upload_refused_type")
    fmt = next((f for f in kind.formats if ext in f.extensions), None)
    if fmt is None:
        shown = f"“.{ext}”" if ext else "没有扩展名的"
        raise DomainError(f"“{label}”不能上传{shown}文件（“{name}”）。{allowed}", field=field,
                          code="upload_wrong_type")
    head = _read_head(upload)
    if head is None:
        raise DomainError(f"“{label}”的文件无法读取，请重新选择后上传。", field=field, code="upload_unreadable")
    size = _size_of(upload, head)
    if not size or not head:
        raise DomainError(f"“{label}”是空文件（“{name}”），请选择有内容的文件。", field=field, code="upload_empty")
    limit = max_bytes(kind, fmt)
    if size > limit:
        raise DomainError(f"“{label}”的文件过大：{size_text(size)}，{fmt.label}文件最大允许 {size_text(limit)}。",
                          field=field, code="upload_too_large")
    if (head.startswith(_EXECUTABLE) and not head.startswith(b"#!AMR")) or _MARKUP.match(head.lstrip(b"\xef\xbb\xbf")):
        raise DomainError(f"“{label}”的内容是网页、SVG 图片、脚本或可执行程序，不允许上传（“{name}”）。",
                          field=field, code="upload_refused_content")
    if not fmt.check(head, upload):
        if fmt.media == SPREADSHEET:
            message = (f"“{label}”不是有效的 Excel 文件（“{name}”）：内容与扩展名不符。"
                       "如果是 CSV、WPS 或其他格式，请用 Excel 另存为 .xlsx 后再上传。")
        else:
            message = f"“{label}”的内容与扩展名不符：“{name}”不是真正的{fmt.label}文件。{allowed}"
        raise DomainError(message, field=field, code="upload_content_mismatch")
    media = av_media(head) if fmt is RECORDING else fmt.media
    if hasattr(upload, "seek"):
        upload.seek(0)
    return Checked(kind=kind.name, extension=ext, media=media, size=size, name=name)


def is_recording(checked: Checked) -> bool:
    return checked.media in (AUDIO, VIDEO)


# Stored files: only through the storage API --------------------------------------------------------------

def is_present(fieldfile) -> bool:
    """Whether a stored file (a ``FieldFile``) is really in storage; a storage failure counts as missing."""
    if not fieldfile or not getattr(fieldfile, "name", ""):
        return False
    try:
        return fieldfile.storage.exists(fieldfile.name)
    except Exception:  # an unreachable storage must not take the page down
        logger.exception("storage check failed for %s", fieldfile.name)
        return False


MISSING_TEXT = "文件缺失"


def missing_message(filename) -> str:
    return (f"文件缺失：“{filename}”在文件存储中找不到，可能已被移走或删除，无法下载。"
            "请联系系统管理员从备份中恢复。")


def file_response(request, fieldfile, *, filename=None):
    """Download a stored file as an attachment; a missing file answers a 404 page that says so."""
    filename = filename or PurePath(getattr(fieldfile, "name", "") or "文件").name
    handle = None
    if fieldfile and getattr(fieldfile, "name", ""):
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except Exception:  # FileNotFoundError on disk; other errors from remote storages
            logger.warning("stored file missing: %s", fieldfile.name)
            handle = None
    if handle is None:
        return render(request, "errors/404.html", {"message": missing_message(filename)}, status=404)
    return FileResponse(handle, as_attachment=True, filename=filename)


# A holding area for an uploaded file between its preview and its confirmation ------------------------------

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def hold(area: str, data: bytes) -> str:
    """Keep ``data`` in storage under ``tmp/<area>/`` and return its token; files older than a day are removed."""
    _sweep(area)
    token = secrets.token_hex(16)
    default_storage.save(f"tmp/{area}/{token}", ContentFile(data))
    return token


def held(area: str, token: str) -> bytes | None:
    if not _TOKEN.match(token or ""):
        return None
    try:
        with default_storage.open(f"tmp/{area}/{token}", "rb") as fh:
            return fh.read()
    except Exception:
        return None


def release(area: str, token: str):
    if _TOKEN.match(token or ""):
        try:
            default_storage.delete(f"tmp/{area}/{token}")
        except Exception:
            logger.warning("could not remove held upload %s/%s", area, token)


def _sweep(area):
    import datetime

    from . import clock

    cutoff = clock.now() - datetime.timedelta(days=1)
    try:
        _dirs, files = default_storage.listdir(f"tmp/{area}")
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for name in files:
        try:
            if default_storage.get_modified_time(f"tmp/{area}/{name}") < cutoff:
                default_storage.delete(f"tmp/{area}/{name}")
        except (NotImplementedError, OSError):
            continue
