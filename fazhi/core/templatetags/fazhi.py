from django import forms, template
from django.utils import timezone

register = template.Library()


@register.filter
def bs(field):
    """Render a bound field's widget with Bootstrap's class for its kind."""
    widget = field.field.widget
    if isinstance(widget, (forms.CheckboxInput,)):
        css = "form-check-input"
    elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def cn_date(value):
    """2019年6月30日 (documents)."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def ymd(value):
    """2019-06-30 (tables)."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


@register.simple_tag(takes_context=True)
def sort_link(context, field, label):
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{field}" if current == field else field
    params.pop("page", None)
    arrow = " ▲" if current == field else (" ▼" if current == f"-{field}" else "")
    return _safe(f'<a href="?{_esc(params.urlencode())}">{_esc(label)}{arrow}</a>')


def _esc(text):
    from django.utils.html import escape

    return escape(text)


def _safe(html):
    from django.utils.safestring import mark_safe

    return mark_safe(html)  # noqa: S308 (built from escaped parts)


@register.simple_tag(takes_context=True)
def export_url(context, fmt="xlsx"):
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["export"] = fmt
    return "?" + params.urlencode()


@register.filter
def deadline(value, fmt="ymd"):
    """A deadline's date (``ymd`` or ``cn``), tagged 暂定 when its year's holiday schedule is not confirmed."""
    if not value:
        return ""
    from fazhi.core.workdays import PROVISIONAL_NOTE, is_provisional

    text = cn_date(value) if fmt == "cn" else ymd(value)
    if not is_provisional(value):
        return text
    note = PROVISIONAL_NOTE.format(year=value.year)
    return _safe(f'{_esc(text)}<span class="tag tag-orange ms-1 provisional" title="{_esc(note)}">（暂定）</span>')


@register.filter
def provisional_tag(value):
    """Only the 暂定 tag (for a date shown elsewhere, e.g. an alert's due date)."""
    from fazhi.core.workdays import PROVISIONAL_NOTE, is_provisional

    if not is_provisional(value):
        return ""
    note = PROVISIONAL_NOTE.format(year=value.year)
    return _safe(f'<span class="tag tag-orange ms-1 provisional" title="{_esc(note)}">（暂定）</span>')


@register.filter
def file_present(fieldfile):
    """Whether an attachment is really in storage: a page shows a missing one as 文件缺失, never a dead link."""
    from fazhi.core.uploads import is_present

    return is_present(fieldfile)


@register.simple_tag
def status_tag(obj, field="status"):
    """A record's status as a coloured tag, the colour declared once on the model (``status_tags``)."""
    from fazhi.core.status import tag_html

    return tag_html(obj, field)


@register.inclusion_tag("core/_next_step.html")
def next_step(obj):
    """"What happens next and who does it" for a record with a workflow ("待法治办统一登记编号")."""
    from fazhi.core.workflow import workflow_of

    flow = workflow_of(obj)
    return {"text": flow.next_step_text(obj) if flow is not None else ""}


@register.filter
def audit_describe(entry):
    """An audit entry in plain Chinese: ``{"label": …, "details": […]}`` (``fazhi.core.audit_text``)."""
    from fazhi.core.audit_text import describe

    return describe(entry)
