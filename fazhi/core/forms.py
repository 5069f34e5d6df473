from django import forms
from django.core.exceptions import ValidationError

from . import uploads
from .errors import DomainError
from .text import clean_code, clean_text


class NormalisingMixin:
    """Normalises the cleaned value of every text field (``forms.CharField`` and its subclasses).

    Typed text passes ``fazhi.core.text.clean_text`` before the field's validators run: zero-width
    characters removed, trimmed, full-width letters and digits folded; Chinese punctuation is kept.
    Fields named in ``code_fields`` (codes, identifiers, numbers) get ``clean_code`` (NFKC) instead.
    Password fields and fields declared with ``strip=False`` are left exactly as typed.
    """

    code_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, forms.JSONField):
                continue
            if not getattr(field, "strip", True) or isinstance(field.widget, forms.PasswordInput):
                continue
            field.to_python = _normalising(field, clean_code if name in self.code_fields else clean_text)


def _normalising(field, clean):
    to_python = field.to_python

    def normalised(value):
        value = to_python(value)
        if isinstance(value, str):
            return clean(value) or field.empty_value  # only invisible characters: as if left empty
        return value
    return normalised


class Form(NormalisingMixin, forms.Form):
    """The platform's base form: every text field normalised (see ``NormalisingMixin``)."""


class ModelForm(NormalisingMixin, forms.ModelForm):
    """The platform's base model form: every text field normalised (see ``NormalisingMixin``)."""


class UploadField(forms.FileField):
    """The one file field of every form: ``kind`` is a kind of ``fazhi.core.uploads`` (document, image, scan,
    audio_video, spreadsheet, material, evidence); the file is checked by extension, content and size."""

    def __init__(self, *, kind, **kwargs):
        self.kind = uploads.get_kind(kind)
        kwargs.setdefault("help_text", uploads.describe(self.kind))
        super().__init__(**kwargs)
        label = self.label or "附件"
        self.error_messages = {**self.error_messages, **{
            "required": f"请选择“{label}”的文件。",
            "invalid": f"“{label}”没有收到文件，请重新选择后上传。",
            "missing": f"“{label}”没有收到文件，请重新选择后上传。",
            "empty": f"“{label}”是空文件，请选择有内容的文件。",
            "max_length": f"“{label}”的文件名太长，请改短后再上传。",
            "contradiction": f"“{label}”：请上传新文件或勾选清除，不能同时进行。",
        }, **(kwargs.get("error_messages") or {})}
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in self.kind.extensions))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            try:
                uploads.check(upload, kind=self.kind, label=self.label or "附件")
            except DomainError as e:
                raise ValidationError(e.message, code=e.code or "invalid") from e
        return upload


class ImportForm(Form):
    """The upload form of every register's Excel import."""

    file = UploadField(kind="spreadsheet", label="Excel 文件（.xlsx）",
                       error_messages={"required": "请选择要导入的 Excel 文件。"})

