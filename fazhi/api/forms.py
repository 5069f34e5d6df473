from django import forms

from fazhi.core.forms import Form
from fazhi.orgs.models import OrgUnit, User

from .choices import RESOURCES, WRITABLE, Access


class TokenForm(Form):
    system = forms.CharField(label="接入系统名称", max_length=100, help_text="如：湖北省行政执法综合管理监督平台")
    units = forms.ModelMultipleChoiceField(label="授权单位（含下级单位）", queryset=OrgUnit.objects.none())
    expires_on = forms.DateField(label="有效期至", required=False, help_text="留空为长期有效",
                                 widget=forms.DateInput(attrs={"type": "date"}))
    act_as = forms.ModelChoiceField(label="代办账号", queryset=User.objects.none(), required=False,
                                    help_text="接收转交的信访事项时，以该账号的权限登记")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = OrgUnit.objects.filter(is_active=True)
        self.fields["act_as"].queryset = User.objects.filter(is_active=True).select_related("unit")
        for key, label in RESOURCES:
            choices = [("", "无"), (Access.READ, Access.READ.label)]
            if key in WRITABLE:
                choices.append((Access.WRITE, Access.WRITE.label))
            self.fields[f"scope_{key}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def scopes(self):
        return {key: self.cleaned_data.get(f"scope_{key}", "") for key, _label in RESOURCES}


class RevokeForm(Form):
    pass
