"""A simple question for public forms that works offline: no external captcha service, no images.

Each form instance asks a small sum in Chinese ("七加五等于几？"); the question travels with the form as a
token signed with Django's signing (``SECRET_KEY``) that holds the answer and the moment it was asked. The answer
is refused when it is wrong, when it comes back faster than ``core.challenge_min_seconds`` (a script that posts
the moment it reads the page) or after ``core.challenge_max_minutes``. It complements the per-address rate limit
of the form's service; it does not replace it.

Add it to a public form as one field::

    class PublicCommentForm(core_forms.Form):
        body = forms.CharField(...)
        challenge = ChallengeField()

Every form instance gets a new question (the field renews itself when the form copies it), so a form shown again
after an error asks a new one and keeps everything else that was typed. The moment is read from
``fazhi.core.clock.now`` so that tests move time by patching the clock.
"""
import copy
import secrets

from django import forms
from django.core import signing
from django.utils.html import format_html

from . import clock
from .rules import get_setting
from .text import clean_code

SALT = "fazhi.core.challenge"
DIGITS = "零一二三四五六七八九十"
NUMERALS = {DIGITS[n]: n for n in range(11)} | {f"十{DIGITS[n]}": 10 + n for n in range(1, 10)}


def chinese_number(n):
    if n <= 10:
        return DIGITS[n]
    return f"十{DIGITS[n - 10]}" if n < 20 else f"{DIGITS[n // 10]}十{DIGITS[n % 10] if n % 10 else ''}"


def new_challenge():
    """``(question, token)``: a sum or difference of two numbers from one to nine, asked now."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        question, answer = f"{chinese_number(a)}加{chinese_number(b)}等于几？", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{chinese_number(a)}减{chinese_number(b)}等于几？", a - b
    return question, token_for(answer)


def token_for(answer, asked=None):
    """The signed token of a question whose answer is ``answer``, asked at ``asked`` (default: now)."""
    asked = asked or clock.now()
    return signing.Signer(salt=SALT).sign_object({"a": int(answer), "t": int(asked.timestamp())})


def parse_answer(text):
    text = clean_code(text or "").strip().replace(" ", "")
    if text.isdecimal():
        return int(text)
    return NUMERALS.get(text)


def check(answer, token):
    """The refusal in Chinese, or ``None`` when the answer is right and given in time."""
    if not (answer or "").strip():
        return "请回答验证问题（填写计算结果，例如 8）。"
    try:
        data = signing.Signer(salt=SALT).unsign_object(token or "")
        expected, asked = int(data["a"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "验证问题已失效，请回答页面上新的验证问题后重新提交。"
    age = clock.now().timestamp() - asked
    if age < get_setting("core.challenge_min_seconds"):
        return "提交过快：请确认填写的内容后再提交。"
    if age > get_setting("core.challenge_max_minutes") * 60:
        return "验证问题已过期，请回答页面上新的验证问题后重新提交。"
    if parse_answer(answer) != expected:
        return "验证问题回答错误，请重新计算后填写（填写数字，例如 8）。"
    return None


class ChallengeWidget(forms.TextInput):
    """The answer box plus the signed question as a hidden input (``<name>_token``)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "maxlength": "4",
                          "class": "challenge-answer", **(attrs or {})})
        self.token = ""

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, None, attrs, renderer)  # never show the old answer to a new question
        return box + format_html('<input type="hidden" name="{}_token" value="{}">', name, self.token)

    def value_from_datadict(self, data, files, name):
        return data.get(name, ""), data.get(f"{name}_token", "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class ChallengeField(forms.Field):
    widget = ChallengeWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "请填写计算结果（阿拉伯数字），用于防止自动程序批量提交。")
        super().__init__(required=True, **kwargs)
        self.renew()

    def renew(self):
        question, token = new_challenge()
        self.label = f"验证问题：{question}"
        self.widget.token = token

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget = copy.deepcopy(self.widget, memo)
        result.renew()  # every form instance asks its own question
        return result

    def clean(self, value):
        answer, token = value if isinstance(value, tuple) else ("", "")
        refusal = check(answer, token)
        if refusal:
            raise forms.ValidationError(refusal, code="challenge")
        return True
