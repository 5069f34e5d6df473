"""Audit entries told in plain Chinese for the pages that show a record's history and the audit log.

An entry stores its event's dotted name and its changes by field name (``{"status": ["registered",
"published"], "published_on": [null, "2019-05-08"]}``); people read "统一公布（2019-05-08）" and
"公布载体：县政府网站". ``describe(entry)`` gives the event's Chinese label (the audit event registry), the
day the step took place when the entry records one, and every other change with the field's Chinese name
and the choice's Chinese label. Keys that are not fields of the record's model are shown only when they are
known here (理由、补录理由、意见…); codes, field names and status values never reach a page.
"""
import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from .audit_events import label_for

#: change keys that are not model fields, in plain Chinese
KNOWN_KEYS = {
    "reason": "理由", "backdate_reason": "补录理由（超过期限补录）", "opinion": "意见", "note": "说明",
    "resolution": "处理情况", "number": "编号", "title": "名称", "name": "名称", "count": "数量",
    "rows": "行数", "file": "文件", "filename": "文件名", "year": "年度", "unit": "单位", "role": "角色",
    "scope": "数据范围", "value": "取值", "document": "文件", "published_on": "公布日期",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:[._][a-z0-9]+)+$")  # snake_case or dotted: an internal value


def _field(model, key):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _value(field, value):
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None and str(value).isdecimal():
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else "（已删除）"
    if isinstance(value, list):
        return "、".join(_value(None, v) for v in value)
    if isinstance(value, dict):
        return "（已记录）"
    text = str(value)
    if _IDENTIFIER.match(text):
        return "（已记录）"
    return text


def _label(model, key):
    field = _field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name), field
    if key in KNOWN_KEYS:
        return KNOWN_KEYS[key], None
    return None, None


def describe(entry):
    """``{"label": "统一公布（2019-05-08）", "details": ["公布载体：县政府网站", …]}`` for one audit entry."""
    try:
        model = apps.get_model(entry.object_type) if entry.object_type else None
    except (LookupError, ValueError):
        model = None
    label = label_for(entry.event_name)
    if _IDENTIFIER.match(label or ""):
        label = "操作"
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    details, day = [], None
    for key, change in changes.items():
        old, new = (change if isinstance(change, list) and len(change) == 2 else (None, change))
        name, field = _label(model, key)
        if key == "status" or key.endswith("_status") or key.endswith("_state"):
            continue  # the event's label says where the record went
        if name is None:
            continue
        if day is None and old in (None, "") and isinstance(new, str) and _ISO_DATE.match(new) and (
                key.endswith("_on") or key == "on"):
            day = new
            continue
        if old in (None, "", []):
            details.append(f"{name}：{_value(field, new)}")
        else:
            details.append(f"{name}：{_value(field, old)} → {_value(field, new)}")
    if day is not None:
        label = f"{label}（{day}）"
    return {"label": label, "details": details}
