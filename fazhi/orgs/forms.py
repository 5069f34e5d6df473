"""Forms check shape only; the rules live in services."""
from django import forms

from fazhi.core import forms as core_forms
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple

from . import selectors
from .builtin_roles import ROLES
from .choices import DataScope, LoginEvent, UnitKind


class LoginForm(core_forms.Form):
    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label="密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class UnitChoiceField(forms.ModelChoiceField):
    widget = PickerSelect  # a searchable tree: a county has hundreds of units

    def label_from_instance(self, obj):
        return f"{'　' * obj.depth}{obj.name}"


class UnitForm(core_forms.Form):
    code = forms.CharField(label="单位代码", max_length=50)
    name = forms.CharField(label="单位名称", max_length=200)
    short_name = forms.CharField(label="简称", max_length=50, required=False)
    kind = forms.ChoiceField(label="单位类型", choices=UnitKind.choices)
    parent = UnitChoiceField(label="上级单位", queryset=None, required=False, empty_label="（无，顶级单位）")
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0, required=False)

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.unit_choices(user=user)
        if editing:
            self.fields["code"].disabled = True
            del self.fields["parent"]


class UnitMoveForm(core_forms.Form):
    parent = UnitChoiceField(label="新的上级单位", queryset=None, required=False, empty_label="（无，顶级单位）")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.unit_choices(user=user)


class ReasonForm(core_forms.Form):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label="我已确认此操作", required=True,
                                 error_messages={"required": "请勾选确认后再提交。"})


class UserCreateForm(core_forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    unit = UnitChoiceField(label="所属单位", queryset=None)
    title = forms.CharField(label="职务", max_length=100, required=False)
    phone = forms.RegexField(label="手机号码", regex=r"^1\d{10}$", required=False,
                             error_messages={"invalid": "请填写11位手机号码。"})
    password = forms.CharField(label="初始密码", strip=False, widget=forms.PasswordInput,
                               help_text="至少8位，包含大写字母、小写字母、数字、特殊字符中的至少三类。")
    role = forms.ChoiceField(label="角色", choices=[(r.code, r.name) for r in ROLES])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.unit_choices(user=user)


class GrantForm(core_forms.Form):
    role = forms.ChoiceField(label="角色", choices=[(r.code, r.name) for r in ROLES])
    unit = UnitChoiceField(label="任职单位", queryset=None)
    scope = forms.ChoiceField(label="数据权限", choices=DataScope.choices)
    custom_units = forms.ModelMultipleChoiceField(label="自定义单位", queryset=None, required=False,
                                                  widget=PickerSelectMultiple)
    post = forms.CharField(label="岗位", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.unit_choices(user=user)
        self.fields["unit"].queryset = units
        self.fields["custom_units"].queryset = units


class PasswordChangeForm(core_forms.Form):
    old_password = forms.CharField(label="原密码", strip=False, widget=forms.PasswordInput)
    new_password = forms.CharField(label="新密码", strip=False, widget=forms.PasswordInput,
                                   help_text="至少8位，包含大写字母、小写字母、数字、特殊字符中的至少三类。")
    new_password2 = forms.CharField(label="确认新密码", strip=False, widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return data


class UnitFilterForm(core_forms.Form):
    q = forms.CharField(label="名称/代码", required=False)
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *UnitKind.choices], required=False)
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("active", "有效"), ("retired", "已撤销"), ("all", "全部")])


class UserFilterForm(core_forms.Form):
    q = forms.CharField(label="登录名/姓名", required=False)
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部角色"), *[(r.code, r.name) for r in ROLES]])
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("active", "在用"), ("inactive", "停用"), ("all", "全部")])


class LoginLogFilterForm(core_forms.Form):
    q = forms.CharField(label="登录名", required=False)
    event = forms.ChoiceField(label="事件", required=False, choices=[("", "全部事件"), *LoginEvent.choices])
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
