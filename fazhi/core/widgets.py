"""Pickers instead of long drop-downs: a ``<select>`` that ``fazhi/static/fazhi/picker.js`` turns into a
searchable list (a tree when the options carry a depth).

Without the script (or with it blocked) the plain select still works, so a form never depends on it. The
script is a static file: nothing inline, nothing from another host (the CSP allows only this host's files).

Use it for every field choosing among many units or people::

    unit = forms.ModelChoiceField(label="实施单位", queryset=..., widget=PickerSelect)
    officers = forms.ModelMultipleChoiceField(label="执法人员", queryset=..., widget=PickerSelectMultiple)
    unit = SafeModelChoiceFilter(label="单位", queryset=..., widget=PickerSelect)   # filters too

An option whose object has a ``depth`` attribute (an organisation unit) is indented at that depth and a match
keeps its ancestors visible, so the tree stays readable while searching.
"""
from django import forms


class _PickerMixin:
    picker_kind = "tree"

    def __init__(self, attrs=None, *args, **kwargs):
        attrs = {"data-picker": self.picker_kind, **(attrs or {})}
        super().__init__(attrs, *args, **kwargs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        depth = getattr(getattr(value, "instance", None), "depth", None)
        if depth is not None:
            option["attrs"]["data-depth"] = str(depth)
        return option


class PickerSelect(_PickerMixin, forms.Select):
    """One choice among many, searchable (``data-picker``)."""


class PickerSelectMultiple(_PickerMixin, forms.SelectMultiple):
    """Several choices among many (people, units), searchable, chosen ones shown as removable tags."""
