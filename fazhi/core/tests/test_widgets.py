"""The shared picker widget (fazhi/core/widgets.py + static fazhi/picker.js)."""
from pathlib import Path

import pytest
from django import forms

from fazhi.core.widgets import PickerSelect, PickerSelectMultiple

STATIC = Path(__file__).resolve().parents[2] / "static" / "fazhi"


@pytest.mark.django_db
def test_unit_options_carry_their_depth_and_the_select_is_marked_for_the_script(county):
    from fazhi.orgs.forms import UnitChoiceField
    from fazhi.orgs.models import OrgUnit

    class F(forms.Form):
        unit = UnitChoiceField(queryset=OrgUnit.objects.filter(code__startswith="P-").order_by("path"))
        people = forms.MultipleChoiceField(choices=[("1", "张三"), ("2", "李四")], widget=PickerSelectMultiple)

    html = str(F()["unit"])
    assert 'data-picker="tree"' in html
    assert f'value="{county.market_station.pk}" data-depth="2"' in html
    assert 'multiple' in str(F()["people"]) and 'data-picker' in str(F()["people"])
    assert isinstance(F().fields["unit"].widget, PickerSelect)


def test_the_script_is_a_static_file_without_remote_or_inline_code():
    js = (STATIC / "picker.js").read_text()
    assert "select[data-picker]" in js and "http" not in js and "eval(" not in js
    base = (Path(__file__).resolve().parents[2] / "templates" / "layouts" / "base.html").read_text()
    assert "fazhi/picker.js" in base
