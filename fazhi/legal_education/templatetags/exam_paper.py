"""The attempt page's paper, rendered in Python: 50 questions with their options are some 2,300 template
variables, the page's main cost when thousands of examinees start at once. Every text is escaped (the option
texts with ``html.escape``, the escaping Django's own ``escape`` does, without its per-call overhead: some 250
a page; the rest through ``format_html``). The markup is what ``static/legal_education/exam.js`` reads
(``fieldset.question`` with ``data-position``, inputs named ``q<position>``, ``#nav-<position>``,
``#state-<position>``); a test compares it with the template loop it replaces."""
from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_NAV = '<a class="btn btn-sm {} me-1 mb-1 exam-nav" id="nav-{}" href="#q-{}">{}</a>'
_OPTION = ('\n  <div class="form-check"><input class="form-check-input" type="{kind}" name="q{pos}" id="q{pos}{letter}"'
           ' value="{letter}"{checked}>\n    <label class="form-check-label" for="q{pos}{letter}">{letter}．{text}</label>'
           '</div>')
_QUESTION = ('<fieldset class="mb-3 question" id="q-{}" data-position="{}" data-multiple="{}">'
             '\n  <legend class="h6">{}．（{}）{}</legend>{}'
             '\n  <small class="save-state text-muted" id="state-{}">{}</small>\n</fieldset>\n')


@register.simple_tag
def exam_nav(items):
    """The question buttons: green once a question has a saved answer."""
    return format_html_join("", _NAV, (
        ("btn-success" if it["chosen"] else "btn-outline-secondary", it["position"], it["position"], it["number"])
        for it in items))


def _options(it):
    pos, kind = escape(it["position"]), escape(it["input_type"])
    return mark_safe("".join(  # every value escaped above or here
        _OPTION.format(kind=kind, pos=pos, letter=escape(letter), checked=" checked" if checked else "",
                       text=escape(text))
        for letter, text, checked in it["options"]))


@register.simple_tag
def exam_questions(items):
    """One fieldset per question: the stem and the options in the order this examinee sees them."""
    return mark_safe("".join(  # format_html escapes every value that is not already safe markup
        format_html(_QUESTION, it["position"], it["position"], "1" if it["multiple"] else "0", it["number"],
                    it["kind_label"], linebreaksbr(it["stem"], autoescape=True), _options(it), it["position"],
                    "已保存" if it["chosen"] else "")
        for it in items))
