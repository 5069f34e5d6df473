"""The public forms' offline question (fazhi.core.challenge)."""
import datetime

import pytest
from django import forms

from fazhi.core import challenge, clock
from fazhi.core.challenge import ChallengeField


class Form(forms.Form):
    body = forms.CharField()
    challenge = ChallengeField()


def post(answer, *, seconds_ago=60, token=None, expected=7):
    asked = clock.now() - datetime.timedelta(seconds=seconds_ago)
    return {"body": "意见", "challenge": answer, "challenge_token": token or challenge.token_for(expected, asked)}


@pytest.mark.django_db
class TestChallenge:
    def test_right_answer_in_time_passes_in_digits_full_width_or_chinese(self):
        for answer in ["7", "７", " 7 ", "七"]:
            assert Form(post(answer)).is_valid(), answer

    @pytest.mark.parametrize("data, message", [
        (lambda: post("8"), "回答错误"),
        (lambda: post(""), "请回答验证问题"),
        (lambda: post("7", seconds_ago=1), "提交过快"),
        (lambda: post("7", seconds_ago=3 * 3600), "已过期"),
        (lambda: post("7", token="伪造的问题"), "已失效"),
        (lambda: {"body": "意见", "challenge": "7"}, "已失效"),
    ])
    def test_refused_with_the_reason(self, data, message):
        form = Form(data())
        assert not form.is_valid()
        assert message in form.errors["challenge"][0]

    def test_a_tampered_answer_in_the_token_is_refused(self):
        token = challenge.token_for(7, clock.now() - datetime.timedelta(minutes=1))
        forged = token.replace(token.split(":")[0], challenge.token_for(8).split(":")[0])
        assert "已失效" in Form(post("8", token=forged)).errors["challenge"][0]

    def test_every_form_asks_its_own_question_in_chinese_and_shows_it_again_after_an_error(self):
        labels = {Form().fields["challenge"].label for _ in range(30)}
        assert len(labels) > 1 and all(label.startswith("验证问题：") and "等于几" in label for label in labels)
        form = Form(post("8"))
        assert not form.is_valid()
        html = str(form["challenge"])
        assert 'name="challenge_token"' in html and 'value="8"' not in html  # a new question, the old answer gone
        token = html.split('name="challenge_token" value="')[1].split('"')[0]
        assert token != post("8")["challenge_token"]

    def test_question_and_signed_answer_agree(self):
        for _ in range(50):
            question, token = challenge.new_challenge()
            a, op, b = question[0], question[1], question[2]
            value = challenge.NUMERALS[a] + (challenge.NUMERALS[b] if op == "加" else -challenge.NUMERALS[b])
            later = clock.now() + datetime.timedelta(seconds=30)
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(clock, "now", lambda later=later: later)
                assert challenge.check(str(value), token) is None
                assert challenge.check(str(value + 1), token)
