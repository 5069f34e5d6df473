"""Unicode normalisation of typed and imported text (``fazhi.core.text``) and where it is applied."""
import datetime
import importlib
import inspect

import pytest
from django import forms as django_forms

from fazhi.core import forms as core_forms
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code, clean_text, compare_key, strip_invisible

PROSE = "根据《中华人民共和国行政处罚法》（2021年修订）第三十三条：初次违法且危害后果轻微的，可以不予处罚；"
ZW = "\u200b\u200c\u200d\u2060\ufeff"


def test_zero_width_characters_are_removed():
    assert strip_invisible(f"P{ZW}-001") == "P-001"
    assert clean_text("\ufeff  依法行政\u200b ") == "依法行政"
    assert clean_text(None) == "" and clean_code(None) == "" and compare_key(None) == ""


def test_prose_keeps_chinese_punctuation_and_folds_full_width_letters_and_digits():
    assert clean_text(PROSE) == PROSE  # （），：；《》 survive
    assert clean_text("第３３条，ＡＢＣ类（试行）") == "第33条，ABC类（试行）"
    assert clean_text("\u3000首行缩进的正文\u3000") == "首行缩进的正文"


def test_codes_are_nfkc():
    assert clean_code(f"ＳＣＪ－ＣＦ－００１{ZW}") == "SCJ-CF-001"
    assert clean_code(" P\u200b-００１ ") == "P-001"


def test_comparison_key_matches_what_reads_the_same():
    assert compare_key("郧西政规（２０１９）３号") == compare_key("郧西政规(2019)3号")
    assert compare_key(f"建议增加{ZW}停车位，  方便群众。") == compare_key("建议增加停车位， 方便群众。")
    assert compare_key("Abc") == compare_key("ａｂｃ")
    assert compare_key("建议增加停车位") != compare_key("建议增加停车场")


# Imported cells and headers -----------------------------------------------------------------------

def test_parse_text_cleans_every_imported_cell_but_keeps_prose_punctuation():
    assert sheets.parse_text(f"  ＳＣＪ００１{ZW} ") == "SCJ001"
    assert sheets.parse_text(PROSE + "\u200b") == PROSE
    assert sheets.parse_text("\u200b\ufeff") is None  # only invisible characters: an empty cell


@pytest.mark.django_db
def test_imported_headers_and_cells_are_normalised():
    from .test_spreadsheets import make_spec, xlsx

    data = xlsx(("代\u200b码", "名称＊", "类型", "日期", "备注"), ("Ａ\u200b１", "一", None, None, PROSE))
    result = sheets.read_rows(make_spec(), data)
    assert result.ok, result.errors
    assert result.rows[0]["code"] == "A1" and result.rows[0]["note"] == PROSE


# Forms ------------------------------------------------------------------------------------------

class SampleForm(core_forms.Form):
    code_fields = ("code",)

    title = django_forms.CharField(max_length=10)
    opinion = django_forms.CharField(widget=django_forms.Textarea, required=False)
    code = django_forms.CharField(required=False)
    password = django_forms.CharField(widget=django_forms.PasswordInput, required=False)
    raw = django_forms.CharField(strip=False, required=False)
    count = django_forms.IntegerField(required=False)


def test_base_form_normalises_every_text_field():
    form = SampleForm({"title": f"{ZW}依法行政示范点{ZW}", "opinion": PROSE + "\u200b", "code": "ＳＣＪ－００１\u200b",
                       "password": "ｐａｓｓ\u200b", "raw": " ａ\u200b ", "count": "３"})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["title"] == "依法行政示范点" and data["opinion"] == PROSE
    assert data["code"] == "SCJ-001"
    assert data["password"] == "ｐａｓｓ\u200b" and data["raw"] == " ａ\u200b "  # left as typed


def test_invisible_only_input_counts_as_empty_and_length_is_counted_after_cleaning():
    form = SampleForm({"title": "\u200b\ufeff"})
    assert not form.is_valid() and "title" in form.errors
    assert SampleForm({"title": "一二三四五六七八九十" + ZW * 3}).is_valid()


MODULES = ["decisions", "enforcement", "normative_docs", "orgs", "powers", "reporting"]


@pytest.mark.parametrize("module", MODULES)
def test_every_module_form_uses_the_normalising_base(module):
    forms_module = importlib.import_module(f"fazhi.{module}.forms")
    classes = [c for _, c in inspect.getmembers(forms_module, inspect.isclass)
               if issubclass(c, django_forms.BaseForm) and c.__module__ == forms_module.__name__]
    assert classes
    plain = [c.__name__ for c in classes if not issubclass(c, core_forms.NormalisingMixin)]
    assert plain == []


# Duplicate checks ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_unit_code_with_zero_width_and_full_width_characters_is_the_same_code(county):
    from fazhi.orgs import services
    from fazhi.orgs.choices import UnitKind

    with pytest.raises(DomainError, match="已被使用") as caught:
        services.unit_create(actor=county.office, code="Ｐ－ＳＣＪ\u200b", name="重复", kind=UnitKind.DEPARTMENT,
                             parent=county.gov)
    assert caught.value.field == "code" and "P-SCJ" in caught.value.message


def test_power_item_codes_are_compared_in_their_plain_form():
    from fazhi.powers import services

    assert services._check_code("\ufeffＳＣＪ－ＣＦ－００１\u200b") == "SCJ-CF-001"


@pytest.mark.django_db
def test_document_numbers_are_compared_by_their_key(county):
    from fazhi.normative_docs import services
    from fazhi.normative_docs.models import NormativeDocument

    def row(number):
        return sheets.Row({"title": "郧西县某某管理办法", "issuer": county.gov, "status": "in_force", "number": number,
                           "published_on": datetime.date(2019, 3, 1)}, row=2)

    services.docs_import(actor=county.office, rows=[row("郧西政规〔2019〕3号")])
    with pytest.raises(sheets.RowError, match="已登记"):
        services.docs_import(actor=county.office, rows=[row("郧西政规〔２０１９〕\u200b3号")])
    assert NormativeDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_comment_differing_only_by_zero_width_characters_is_a_duplicate(county):
    from fazhi.decisions import services
    from fazhi.decisions.tests import factories as f

    d = services.comment_open(actor=county.office, decision=f.decision(county), comment_start=datetime.date(2026, 3, 1),
                              comment_end=datetime.date(2026, 3, 31))
    now = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    first = services.comment_submit(decision=d, body="建议增加停车位，方便群众（尤其是老人）。", address="10.0.0.1", now=now)
    assert first.body == "建议增加停车位，方便群众（尤其是老人）。"  # Chinese punctuation stored as typed
    with pytest.raises(DomainError, match="内容相同") as caught:
        services.comment_submit(decision=d, body="建议增加\u200b停车位，方便群众（尤其是老人）。\ufeff",
                                address="10.0.0.2", now=now)
    assert caught.value.field == "body"
