"""Public pages that agree with themselves, and the office's comment handling (issue: where people meet the
platform)."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.decisions import services
from fazhi.decisions.models import PublicComment
from fazhi.testing.challenge import answered

from . import factories as f

pytestmark = pytest.mark.django_db


def _open_now(county, **kw):
    d = f.decision(county, **kw)
    today = clock.today()
    return services.comment_open(actor=county.office, decision=d, comment_start=today - datetime.timedelta(days=1),
                                 comment_end=today + datetime.timedelta(days=30))


class TestPublicCommentChallenge:
    def test_a_wrong_or_hasty_answer_is_refused_and_what_was_typed_is_kept(self, client, county):
        d = _open_now(county)
        base = {"decision": d.pk, "body": "建议划定遛狗区域并要求牵绳。"}
        wrong = client.post(reverse("decisions:public_comment"), {**base, **answered(), "challenge": "99"})
        assert wrong.status_code == 400 and "回答错误" in wrong.content.decode()
        assert "建议划定遛狗区域并要求牵绳。" in wrong.content.decode()
        hasty = client.post(reverse("decisions:public_comment"), {**base, **answered(seconds_ago=0)})
        assert "提交过快" in hasty.content.decode()
        missing = client.post(reverse("decisions:public_comment"), base)
        assert "验证问题" in missing.content.decode()
        assert not PublicComment.objects.filter(decision=d).exists()
        ok = client.post(reverse("decisions:public_comment"), {**base, **answered()}, follow=True)
        assert "感谢您的意见" in ok.content.decode() and PublicComment.objects.filter(decision=d).count() == 1


class TestCommentHandling:
    def test_the_handling_form_shows_the_whole_comment_and_preselects_nothing(self, client, county):
        d = _open_now(county)
        body = "建议" + "在城区各社区设置宠物便便箱并定期清理，" * 6 + "最后一句话在这里。"
        c = services.comment_submit(decision=d, body=body, address="10.0.0.9")
        client.force_login(county.office)
        html = client.get(reverse("decisions:comment_dispose", args=[c.pk])).content.decode()
        assert "最后一句话在这里。" in html.split('data-testid="preview"')[1]
        select = html.split('name="disposition"')[1].split("</select>")[0]
        assert '<option value="" selected>（请选择）</option>' in select
        assert 'value="adopted" selected' not in select
        refused = client.post(reverse("decisions:comment_dispose", args=[c.pk]), {"disposition": "", "reason": ""})
        assert "请选择处理结果" in refused.content.decode()
        assert PublicComment.objects.get(pk=c.pk).disposition == ""

    def test_the_comment_period_ends_after_the_legal_minimum_by_default(self, client, county):
        d = f.decision(county)
        client.force_login(county.office)
        html = client.get(reverse("decisions:comment_open", args=[d.pk])).content.decode()
        today = clock.today()
        assert f'name="comment_start" value="{today.isoformat()}"' in html
        assert f'name="comment_end" value="{(today + datetime.timedelta(days=30)).isoformat()}"' in html


def test_demo_comments_read_true_to_each_decision(demo_county):
    from fazhi.decisions.demo import COMMENTS
    from fazhi.decisions.models import Decision

    words = {"农贸市场": ["市场", "摊位", "经营"], "垃圾分类": ["分类", "垃圾"], "公交": ["公交", "线路", "班车"],
             "最低生活保障": ["低保"], "棚户区": ["征收", "安置", "评估"]}
    for title in COMMENTS:
        d = Decision.objects.get(title=title)
        key = next(k for k in words if k in title)
        shown = [c.body for c in d.comments.filter(hidden=False)]
        assert len(shown) == 4, title
        for body in shown:
            assert any(w in body for w in words[key]), (title, body)
    low = Decision.objects.get(title="郧西县城乡最低生活保障标准调整方案")
    assert not any(w in c.body for c in low.comments.all() for w in ["停车", "摊位", "市场"])
