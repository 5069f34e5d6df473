"""Validated filters of the organisation registers (units, users, the login log)."""
import django_filters
from django import forms

from fazhi.core.filters import KeywordFilter, RegisterFilterSet, SafeModelChoiceFilter, SortFilter

from .builtin_roles import ROLES
from .choices import LoginEvent, UnitKind
from .models import LoginLog, OrgUnit, User


class UnitFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "code", "short_name"), label="名称/代码")
    kind = django_filters.ChoiceFilter(label="类型", choices=UnitKind.choices, empty_label="全部类型")
    status = django_filters.ChoiceFilter(label="状态", choices=[("active", "有效"), ("retired", "已撤销"), ("all", "全部")],
                                         empty_label=None, method="filter_status")
    under = SafeModelChoiceFilter(label="上级单位", queryset=OrgUnit.objects.all(), method="filter_under",
                                  widget=forms.HiddenInput)
    sort = SortFilter(fields={"code": "code", "name": "name", "kind": "kind", "path": "path"}, default="path")

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "status", "under"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["status"].initial = "active"

    @property
    def qs(self):
        qs = super().qs
        if not (self.is_bound and (self.data.get("status") or "").strip()):
            qs = qs.filter(is_active=True)  # the default view: units in use
        return qs

    def filter_status(self, qs, name, value):
        if value == "active":
            return qs.filter(is_active=True)
        if value == "retired":
            return qs.filter(is_active=False)
        return qs

    def filter_under(self, qs, name, value):
        return qs.filter(path__startswith=value.path) if value else qs


class UserFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("username", "full_name"), label="登录名/姓名")
    role = django_filters.ChoiceFilter(label="角色", choices=[(r.code, r.name) for r in ROLES], empty_label="全部角色",
                                       method="filter_role")
    status = django_filters.ChoiceFilter(label="状态", choices=[("active", "在用"), ("inactive", "停用"), ("all", "全部")],
                                         empty_label=None, method="filter_status")
    sort = SortFilter(fields={"username": "username", "name": "full_name", "unit": "unit__path"}, default="unit")

    class Meta:
        model = User
        fields = ["q", "role", "status"]

    @property
    def qs(self):
        qs = super().qs
        if not (self.is_bound and (self.data.get("status") or "").strip()):
            qs = qs.filter(is_active=True)
        return qs

    def filter_role(self, qs, name, value):
        return qs.filter(grants__role__code=value).distinct() if value else qs

    def filter_status(self, qs, name, value):
        if value == "inactive":
            return qs.filter(is_active=False)
        if value == "active":
            return qs.filter(is_active=True)
        return qs


class LoginLogFilter(RegisterFilterSet):
    q = django_filters.CharFilter(field_name="username", lookup_expr="icontains", label="登录名", max_length=100)
    event = django_filters.ChoiceFilter(label="事件", choices=LoginEvent.choices, empty_label="全部事件")
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="起始日期",
                                          widget=forms.DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="截止日期",
                                        widget=forms.DateInput(attrs={"type": "date"}))
    sort = SortFilter(fields={"at": "at"}, default="-at")

    class Meta:
        model = LoginLog
        fields = ["q", "event", "date_from", "date_to"]
