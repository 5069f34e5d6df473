"""Status tags from one place: a model declares the colour of each of its statuses once.

    class Case(models.Model):
        status_tags = {CaseStatus.CLOSED: "grey", CaseStatus.DECIDED: "green", ...}

Templates write ``{% status_tag case %}`` (or ``{% status_tag pub "status" %}``); they never compare
a status themselves. Colours: ``grey`` (finished, no longer in force), ``blue`` (in progress),
``green`` (done, in force), ``orange`` (waiting for someone), ``red`` (refused, overdue, withdrawn).
A status without a declared colour is shown in blue.
"""
from django.utils.html import format_html

COLOURS = ("grey", "blue", "green", "orange", "red")


def colour_of(obj, field="status"):
    value = getattr(obj, field, None)
    tags = getattr(type(obj), f"{field}_tags", None) or {}
    colour = tags.get(value, "blue")
    if colour not in COLOURS:
        raise ValueError(f"unknown tag colour {colour!r}")
    return colour


def label_of(obj, field="status"):
    display = getattr(obj, f"get_{field}_display", None)
    return display() if display else getattr(obj, field, "")


def tag_html(obj, field="status"):
    if obj is None:
        return ""
    return format_html('<span class="tag tag-{}">{}</span>', colour_of(obj, field), label_of(obj, field))
