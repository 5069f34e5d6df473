"""Validated list filters: one ``FilterSet`` per register, shared by its list page and its export.

Built on django-filter. Every value a person (or a crawler) puts in the address bar is checked by
a form field first; an invalid value never reaches the database:

- ``?unit=abc`` or ``?unit=99999999999999999999`` → "请选择有效的单位" (no query with a huge id: SQLite
  cannot hold integers beyond 64 bits and would raise);
- ``?year=-1`` / ``?year=99999999999999999999`` → "年度应在 2000–2100 之间";
- ``?sort=anything`` → only the declared sort keys are accepted.

``register_page`` (``fazhi.core.registers``) applies the valid filters, drops the invalid ones and
tells the user which value was ignored and why — never an error page.
"""
import django_filters
from django import forms
from django.core.exceptions import ValidationError

from .text import clean_text

MAX_ID = 2**63 - 1
MAX_QUERY_LENGTH = 100


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that refuses non-numbers and out-of-range ids before querying."""

    default_error_messages = {"invalid_choice": "请选择有效的选项（所选记录不存在或不在您的范围内）。"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not (text.isascii() and text.isdecimal()) or not (0 < int(text) <= MAX_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(text)


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SafeModelChoiceField


class YearFilter(django_filters.NumberFilter):
    """A year between 2000 and 2100 (``lookup`` e.g. ``registered_on__year``)."""

    field_class = forms.IntegerField

    def __init__(self, *args, label="年度", **kwargs):
        kwargs.setdefault("lookup_expr", "exact")
        super().__init__(*args, label=label, **kwargs)
        self.extra.update(min_value=2000, max_value=2100,
                          error_messages={"invalid": "请输入有效的年度（如 2019）。",
                                          "min_value": "年度应在 2000–2100 之间。",
                                          "max_value": "年度应在 2000–2100 之间。"})


class MonthFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, label="月份", **kwargs):
        super().__init__(*args, label=label, **kwargs)
        self.extra.update(min_value=1, max_value=12,
                          error_messages={"invalid": "请输入有效的月份（1–12）。", "min_value": "月份应在 1–12 之间。",
                                          "max_value": "月份应在 1–12 之间。"})


class SearchField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("error_messages", {"max_length": f"关键词最多 {MAX_QUERY_LENGTH} 个字。"})
        super().__init__(*args, **kwargs)

    def clean(self, value):
        return clean_text(super().clean(value) or "")


class KeywordFilter(django_filters.CharFilter):
    """``?q=``: records whose ``fields`` contain the keyword (any of them)."""

    field_class = SearchField

    def __init__(self, *args, fields=(), label="关键词", **kwargs):
        self.search_fields = tuple(fields)
        super().__init__(*args, label=label, method=self.search, **kwargs)

    def search(self, qs, name, value):
        if not value:
            return qs
        from django.db.models import Q

        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__contains": value})
        return qs.filter(q)


class FlagFilter(django_filters.BooleanFilter):
    """A check box that narrows the list when ticked (``method`` does the narrowing)."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return super().filter(qs, value)


class SortFilter(django_filters.OrderingFilter):
    """``?sort=field`` / ``?sort=-field`` among the declared keys only (``fields={"key": "model__path"}``)."""

    def __init__(self, *args, fields, default=None, **kwargs):
        self.sort_map = dict(fields)
        self.default_sort = default
        kwargs.setdefault("label", "排序")
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, fields={path: key for key, path in self.sort_map.items()}, **kwargs)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        param = param[1:] if descending else param
        field_name = self.param_map.get(param, param)
        return f"-{field_name}" if descending else field_name

    def filter(self, qs, value):
        if not value and self.default_sort:
            value = [self.default_sort]
        return super().filter(qs, value)


class RegisterFilterSet(django_filters.FilterSet):
    """Base of every register's filter set: Chinese messages, never raises on bad input.

    Declare filters with the classes above; ``tie_breaker`` keeps paging stable when the sort key repeats.
    """

    tie_breaker = ("-pk",)

    @property
    def qs(self):
        qs = super().qs
        if self.tie_breaker and qs.query.order_by:
            qs = qs.order_by(*qs.query.order_by, *self.tie_breaker)
        return qs

    def invalid_messages(self):
        """Each ignored filter as "label：message" (for the page's warning)."""
        if not self.is_bound or self.form.is_valid():
            return []
        out = []
        for name, errors in self.form.errors.items():
            field = self.form.fields.get(name)
            label = field.label if field is not None and field.label else "筛选条件"
            out.append(f"{label}：{'；'.join(errors)}")
        return out
