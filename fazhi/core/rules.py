"""Configurable rules: numbers the law leaves to the province or that RULES.md marks CONFIG / low confidence.

A module declares each of its parameters in its ``rulesettings.py``::

    register_setting("normative_docs.filing_days", label="报备期限（日）", default=15, kind="int",
                     minimum=1, rule="RULES.md §4.4：公布之日起15日内报送备案")

and reads it where the rule is applied with ``get_setting("normative_docs.filing_days")``. The
rule-of-law office changes a value on the 规则参数 page; every change is audited.
"""
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from . import audit
from .errors import DomainError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: object
    kind: str = "int"  # int | decimal | text | bool
    rule: str = ""
    help: str = ""
    minimum: object = None
    maximum: object = None

    @property
    def module(self):
        return self.key.split(".", 1)[0]


_specs: dict[str, SettingSpec] = {}

KINDS = {"int", "decimal", "text", "bool"}


def register_setting(key, *, label, default, kind="int", rule="", help="", minimum=None, maximum=None):
    if "." not in key or kind not in KINDS:
        raise ValueError(f"bad setting declaration {key!r} ({kind})")
    spec = SettingSpec(key, label, default, kind, rule, help, minimum, maximum)
    if key in _specs and _specs[key] != spec:
        raise ValueError(f"setting {key} declared twice")
    _specs[key] = spec
    return spec


def specs():
    return dict(sorted(_specs.items()))


def spec(key):
    try:
        return _specs[key]
    except KeyError:
        raise KeyError(f"未声明的规则参数：{key}") from None


def _decode(s: SettingSpec, stored):
    if s.kind == "decimal":
        return Decimal(str(stored))
    return stored


def get_setting(key):
    """The value in force: the office's, or the declared default."""
    from .models import RuleSetting

    s = spec(key)
    row = RuleSetting.objects.filter(key=key).values_list("value", flat=True).first()
    return _decode(s, row) if row is not None else s.default


def parse_value(s: SettingSpec, raw):
    """Check a value typed on the page; raise ``DomainError`` naming the parameter."""
    text = str(raw).strip() if raw is not None else ""
    if s.kind == "bool":
        return text in {"1", "true", "True", "on", "是"}
    if s.kind == "text":
        if not text:
            raise DomainError(f"“{s.label}”不能为空。", field="value")
        return text
    try:
        value = int(text) if s.kind == "int" else Decimal(text)
    except (ValueError, InvalidOperation):
        kind = "整数" if s.kind == "int" else "数字"
        raise DomainError(f"“{s.label}”应为{kind}。", field="value") from None
    if s.minimum is not None and value < s.minimum:
        raise DomainError(f"“{s.label}”不能小于{s.minimum}。", field="value")
    if s.maximum is not None and value > s.maximum:
        raise DomainError(f"“{s.label}”不能大于{s.maximum}。", field="value")
    return value


@transaction.atomic
def setting_set(*, actor, key, raw):
    from .models import RuleSetting

    s = spec(key)
    value = parse_value(s, raw)
    stored = str(value) if s.kind == "decimal" else value
    old = get_setting(key)
    row, _ = RuleSetting.objects.update_or_create(key=key, defaults={"value": stored, "updated_by": actor})
    audit.record(actor=actor, event="core.rule_setting_set", obj=row, object_repr=s.label,
                 changes={key: [str(old), str(value)]})
    return value


@transaction.atomic
def setting_reset(*, actor, key):
    from .models import RuleSetting

    s = spec(key)
    old = get_setting(key)
    RuleSetting.objects.filter(key=key).delete()
    audit.record(actor=actor, event="core.rule_setting_set", object_repr=s.label,
                 changes={key: [str(old), str(s.default)]})
