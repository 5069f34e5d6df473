"""The attempt page's paper, rendered in Python: 50 questions with their options are some 2,300 template
variables, the page's main cost when thousands of examinees start at once. Every text is escaped (the option
texts with ``html.escape``, the escaping Django's own ``escape`` does, without its per-call overhead: some
2,500 values a page). The markup is what ``static/legal_education/exam.js`` reads
(``fieldset.question`` with ``data-position``, inputs named ``q<position>``, ``#nav-<position>``,
``#state-<position>``); a test compares it with the template loop it replaces."""
from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_NAV = '<a class="btn btn-sm {} me-1 mb-1 exam-nav" id="nav-{}" href="#q-{}">{}</a>'
_OPTION = ('\n  <div class="form-check"><input class="form-check-input" type="{kind}" name="q{pos}" id="q{pos}{letter}"'
           ' value="{letter}"{checked}>\n    <label class="form-check-label" for="q{pos}{letter}">{letter}．{text}</label>'
           '</div>')
_QUESTION = ('<fieldset class="mb-3 question" id="q-{}" data-position="{}" data-multiple="{}">'
             '\n  <legend class="h6">{}．（{}）{}</legend>{}'
             '\n  <small class="save-state text-muted" id="state-{}">{}</small>\n</fieldset>\n')


def _text(value):
    """``value`` escaped, its line breaks as ``<br>`` (what ``linebreaksbr`` with autoescape gives)."""
    return escape(str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


@register.simple_tag
def exam_nav(items):
    """The question buttons: green once a question has a saved answer."""
    return mark_safe("".join(  # every value escaped here
        _NAV.format("btn-success" if it["chosen"] else "btn-outline-secondary", escape(it["position"]),
                    escape(it["position"]), escape(it["number"]))
        for it in items))


def _options(it):
    pos, kind = escape(it["position"]), escape(it["input_type"])
    return "".join(
        _OPTION.format(kind=kind, pos=pos, letter=escape(letter), checked=" checked" if checked else "",
                       text=escape(text))
        for letter, text, checked in it["options"])


@register.simple_tag
def exam_questions(items):
    """One fieldset per question: the stem and the options in the order this examinee sees them."""
    parts = []
    for it in items:  # every value escaped here
        pos = escape(it["position"])
        parts.append(_QUESTION.format(pos, pos, "1" if it["multiple"] else "0", escape(it["number"]),
                                      escape(it["kind_label"]), _text(it["stem"]), _options(it), pos,
                                      "已保存" if it["chosen"] else ""))
    return mark_safe("".join(parts))
