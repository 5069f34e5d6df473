"""Public comment on normative-document drafts, through the shared mechanism (``fazhi.core.comments``): every
check refuses and allows, the drafting unit disposes and hides, the 采纳情况 is written from the dispositions,
names and contacts stay inside, the portal lists the draft and the workbench the comments to handle."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.rules import setting_set
from fazhi.normative_docs import services, todos
from fazhi.normative_docs.models import DocumentComment
from fazhi.testing.challenge import answered

from .factories import D, at, commented, commenting

pytestmark = pytest.mark.django_db

BODY = "建议第二条增加进货查验记录保存期限的规定。"


def _submit(doc, body=BODY, *, address="10.1.1.1", when=None, **kw):
    return services.comment_submit(doc=doc, body=body, address=address, now=when or at(doc.comment_started_on, 1),
                                   **kw)


class TestChecks:
    def test_the_window_refuses_before_it_opens_and_after_it_closes(self, county):
        doc = commenting(county, on=D(2019, 3, 4))
        with pytest.raises(DomainError, match="不在征求意见期内"):
            _submit(doc, when=at(D(2019, 3, 3)))
        assert _submit(doc, when=at(D(2019, 3, 4))).number == 1
        services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="adopted")
        doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 20))
        assert doc.comment_closed_on == D(2019, 3, 20)
        with pytest.raises(DomainError, match="不在征求意见期内"):
            _submit(doc, "另一条意见：建议公布投诉电话。", when=at(D(2019, 3, 15)))

    def test_a_draft_never_published_for_comment_takes_none(self, county):
        from .factories import draft

        doc = draft(county, affects_public=True)
        with pytest.raises(DomainError, match="不在征求意见期内"):
            services.comment_submit(doc=doc, body=BODY, address="1", now=at(D(2019, 3, 2)))

    def test_length_limits_come_from_the_shared_settings(self, county):
        doc = commenting(county)
        with pytest.raises(DomainError, match="至少5个字"):
            _submit(doc, "同意。")
        setting_set(actor=county.sysadmin, key="core.comment_max_length", raw="60")
        with pytest.raises(DomainError, match="不能超过60个字"):
            _submit(doc, "很" * 61)
        assert _submit(doc, "很" * 60).body == "很" * 60
        with pytest.raises(DomainError, match="姓名不能超过"):
            _submit(doc, "建议增加罚则条款。", name="名" * 51)
        with pytest.raises(DomainError, match="联系方式不能超过"):
            _submit(doc, "建议增加罚则条款。", contact="1" * 101)

    def test_one_source_sends_at_most_the_limit_an_hour(self, county):
        doc = commenting(county)
        setting_set(actor=county.sysadmin, key="core.comment_rate_limit", raw="2")
        start = at(doc.comment_started_on, 1)
        _submit(doc, "第一条意见：建议写明适用范围。", when=start)
        _submit(doc, "第二条意见：建议写明监管部门。", when=start + datetime.timedelta(minutes=5))
        with pytest.raises(DomainError, match="每小时最多提交2条"):
            _submit(doc, "第三条意见：建议写明施行日期。", when=start + datetime.timedelta(minutes=10))
        assert _submit(doc, "第三条意见：建议写明施行日期。", address="10.9.9.9",
                       when=start + datetime.timedelta(minutes=10)).number == 3
        assert _submit(doc, "第四条意见：建议写明罚则。", when=start + datetime.timedelta(minutes=61)).number == 4

    def test_the_rate_limit_counts_a_sources_comments_on_every_kind_of_draft(self, county):
        from fazhi.decisions import services as decision_services
        from fazhi.decisions.tests import factories as decision_factories

        doc = commenting(county, on=D(2026, 3, 1))
        decision = decision_services.comment_open(actor=county.office, decision=decision_factories.decision(county),
                                                  comment_start=D(2026, 3, 1), comment_end=D(2026, 3, 31))
        setting_set(actor=county.sysadmin, key="core.comment_rate_limit", raw="1")
        decision_services.comment_submit(decision=decision, body="建议补充听证程序的安排。", address="10.7.7.7",
                                         now=at(D(2026, 3, 2)))
        with pytest.raises(DomainError, match="每小时最多提交1条"):
            _submit(doc, address="10.7.7.7", when=at(D(2026, 3, 2)))

    def test_the_same_text_is_taken_once_per_draft_whatever_its_width(self, county):
        doc = commenting(county)
        _submit(doc, "建议第3条增加ABC类摊位的管理要求。")
        with pytest.raises(DomainError, match="内容相同的意见"):
            _submit(doc, "建议第３条增加ＡＢＣ类摊位的管理要求。", address="10.2.2.2")
        with pytest.raises(DomainError, match="内容相同的意见"):
            _submit(doc, "  建议第3条增加abc类摊位的管理要求。 ", address="10.3.3.3")
        other = commenting(county, title="某县集贸市场管理办法")
        assert _submit(other, "建议第3条增加ABC类摊位的管理要求。", address="10.2.2.2").number == 1

    def test_the_public_form_refuses_a_wrong_answer_and_takes_a_right_one(self, client, county):
        doc = commenting(county)
        url = doc.get_public_draft_url()
        data = {"body": BODY, "name": "王五", "contact": "13800000000"}
        response = client.post(url, {**data, "challenge": "99", "challenge_token": answered()["challenge_token"]})
        assert response.status_code == 400 and "验证问题回答错误" in response.content.decode()
        assert not doc.comments.exists()
        response = client.post(url, {**data, **answered()})
        assert response.status_code == 302
        assert doc.comments.get().name == "王五"

    def test_a_refusal_of_the_service_is_shown_on_the_public_form(self, client, county):
        doc = commented(county, body=BODY)
        response = client.post(doc.get_public_draft_url(), {"body": BODY, **answered()})
        assert response.status_code == 400 and "内容相同的意见" in response.content.decode()


class TestHandling:
    def test_not_adopted_needs_a_reason_adopted_does_not(self, county):
        doc = commented(county)
        comment = doc.comments.get()
        with pytest.raises(DomainError, match="须说明理由"):
            services.comment_dispose(actor=county.liaison, comment=comment, disposition="rejected")
        with pytest.raises(DomainError, match="请选择处理结果"):
            services.comment_dispose(actor=county.liaison, comment=comment, disposition="")
        services.comment_dispose(actor=county.liaison, comment=comment, disposition="rejected",
                                 reason="上位法已有规定。")
        comment = services.comment_dispose(actor=county.liaison, comment=comment, disposition="adopted")
        assert comment.disposition == "adopted" and comment.disposed_by == county.liaison

    def test_an_outsider_may_not_handle_another_units_comments(self, county):
        comment = commented(county).comments.get()
        with pytest.raises(DomainError):
            services.comment_dispose(actor=county.outsider, comment=comment, disposition="adopted")
        with pytest.raises(DomainError):
            services.comment_hide(actor=county.outsider, comment=comment, reason="无关内容")

    def test_hiding_keeps_the_comment_with_who_and_why(self, county):
        comment = commented(county).comments.get()
        with pytest.raises(DomainError, match="屏蔽理由"):
            services.comment_hide(actor=county.liaison, comment=comment, reason=" ")
        comment = services.comment_hide(actor=county.liaison, comment=comment, reason="含有广告内容")
        assert comment.hidden and comment.hidden_by == county.liaison and comment.hidden_reason == "含有广告内容"
        with pytest.raises(DomainError, match="已被屏蔽"):
            services.comment_hide(actor=county.liaison, comment=comment, reason="再次屏蔽")
        with pytest.raises(DomainError, match="已被屏蔽"):
            services.comment_dispose(actor=county.liaison, comment=comment, disposition="adopted")
        assert DocumentComment.objects.filter(pk=comment.pk).exists()

    def test_review_waits_for_every_comment_and_the_summary_is_written_from_the_dispositions(self, county):
        doc = commented(county, body="张三建议：进货查验记录至少保存两年，联系电话13912345678。", name="张三")
        _submit(doc, "这是一条广告：出售摊位。", address="10.4.4.4")
        _submit(doc, "建议删除第二条。", address="10.5.5.5")
        with pytest.raises(DomainError, match="尚有3条公众意见未处理"):
            services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 20))
        first, ad, third = doc.comments.order_by("number")
        services.comment_dispose(actor=county.liaison, comment=first, disposition="partly",
                                 reason="保存期限定为两年，与上位法一致。")
        services.comment_hide(actor=county.liaison, comment=ad, reason="广告内容")
        services.comment_dispose(actor=county.liaison, comment=third, disposition="rejected",
                                 reason="第二条是上位法的要求。")
        doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 20))
        summary = doc.comment_summary
        assert "2019年3月1日至2019年3月20日" in summary and "共收到意见3条" in summary
        assert "其中1条因含有与文件无关或不当内容未予公开" in summary
        assert "采纳0条，部分采纳1条，未采纳1条" in summary
        assert "张三" not in summary and "13912345678" not in summary and "广告" not in summary

    def test_a_summary_typed_by_the_unit_is_kept(self, county):
        doc = commented(county)
        services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="adopted")
        doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 20), comment_summary="已全部采纳。")
        assert doc.comment_summary == "已全部采纳。"
        doc = services.review_opine(actor=county.office, doc=doc, opinion="lawful", reasons="合法。", on=D(2019, 3, 27))
        services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 28), meeting="局务会议")
        with pytest.raises(DomainError, match="不能再修改"):
            services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="rejected",
                                     reason="改变处理")


class TestPages:
    def test_staff_dispose_and_hide_pages(self, client, county):
        doc = commented(county)
        comment = doc.comments.get()
        client.force_login(county.liaison)
        page = client.get(reverse("normative_docs:doc_detail", args=[doc.pk])).content.decode()
        assert "建议明确抽检样本的保存期限" in page and "待处理" in page
        url = reverse("normative_docs:comment_dispose", args=[comment.pk])
        page = client.get(url).content.decode()
        assert "意见全文" in page and 'selected>采纳' not in page
        response = client.post(url, {"disposition": "rejected", "reason": ""})
        assert response.status_code == 200 and "须说明理由" in response.content.decode()
        response = client.post(url, {"disposition": "rejected", "reason": "上位法已有规定。"})
        assert response.status_code == 302
        response = client.post(reverse("normative_docs:comment_hide", args=[comment.pk]), {"reason": "重复内容"})
        assert response.status_code == 302
        page = client.get(reverse("normative_docs:comment_hide", args=[comment.pk])).content.decode()
        assert "已被屏蔽" in page

    def test_submit_review_page_prefills_the_summary(self, client, county):
        doc = commented(county)
        services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="adopted")
        client.force_login(county.liaison)
        page = client.get(reverse("normative_docs:doc_action", args=[doc.pk, "submit_review"])).content.decode()
        assert "采纳1条" in page and "公开征求意见采纳情况的说明" in page

    def test_names_and_contacts_stay_inside(self, client, county):
        doc = commented(county, name="李四", body="建议明确抽检样本的保存期限。")
        doc.comments.update(contact="13711112222")
        public = client.get(doc.get_public_draft_url()).content.decode()
        assert "李四" not in public and "13711112222" not in public and "已收到意见 1 条" in public
        staff = reverse("normative_docs:doc_detail", args=[doc.pk])
        assert client.get(staff).status_code == 302  # anonymous: to the login page
        client.force_login(county.outsider)
        assert client.get(staff).status_code in (403, 404)
        client.force_login(county.liaison)
        assert "李四" in client.get(staff).content.decode()

    def test_the_public_page_after_the_period_shows_the_masked_summary(self, client, county):
        doc = commented(county, name="赵六", body="赵六认为应当明确检验费用由谁承担。")
        services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="adopted")
        services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 20))
        page = client.get(doc.get_public_draft_url()).content.decode()
        assert "征求意见已结束" in page and "采纳1条" in page and "赵六" not in page
        assert 'name="body"' not in page

    def test_a_period_not_yet_begun_and_unknown_drafts(self, client, county):
        from fazhi.core import clock

        doc = commenting(county, on=clock.today() + datetime.timedelta(days=3))
        assert "征求意见尚未开始" in client.get(doc.get_public_draft_url()).content.decode()
        assert client.get(reverse("normative_docs:public_draft") + "?id=999999").status_code == 404
        assert client.get(reverse("normative_docs:public_draft")).status_code == 200

    def test_the_portal_home_lists_the_draft_with_its_form(self, client, county):
        doc = commenting(county, title="某县农贸市场摊位管理办法")
        page = client.get(reverse("portal:home")).content.decode()
        assert "某县农贸市场摊位管理办法" in page and "行政规范性文件" in page
        assert doc.get_public_draft_url().replace("&", "&amp;") in page or doc.get_public_draft_url() in page
        assert 'name="body"' in client.get(doc.get_public_draft_url()).content.decode()

    def test_the_workbench_lists_comments_to_handle_until_handled(self, county):
        doc = commented(county, title="某县农贸市场摊位管理办法")
        rows = [t for t in todos.documents(county.office, D(2019, 3, 5)) if "处理公众意见" in t.title]
        assert rows and "某县农贸市场摊位管理办法（1条待处理）" in rows[0].title
        assert not [t for t in todos.documents(county.outsider, D(2019, 3, 5)) if "处理公众意见" in t.title]
        services.comment_dispose(actor=county.liaison, comment=doc.comments.get(), disposition="adopted")
        assert not [t for t in todos.documents(county.office, D(2019, 3, 5)) if "处理公众意见" in t.title]

    def test_many_drafts_with_comments_fold_into_one_more_row(self, county):
        from fazhi.core.registry import ROWS_PER_KIND

        for n in range(ROWS_PER_KIND + 2):
            commented(county, title=f"某县市场管理办法{n}", address=f"10.8.0.{n}")
        rows = [t for t in todos.documents(county.office, D(2019, 3, 5)) if "公众意见" in t.title]
        assert rows[-1].title == "另有2条规范性文件公众意见待处理"


def test_demo_comments_read_true_to_each_document(client, demo_county):
    from fazhi.normative_docs import demo
    from fazhi.normative_docs.models import NormativeDocument

    for title, rows in demo.COMMENTS.items():
        doc = NormativeDocument.objects.get(title=title)
        assert doc.comments.count() == len(rows)
        assert not doc.comments.filter(hidden=False, disposition="").exists()
        assert doc.comment_summary.startswith(f"关于《{title}》公开征求意见采纳情况的说明")
        page = client.get(doc.get_public_url()).content.decode()
        assert "公开征求意见采纳情况" in page
        assert all(name not in page for _, name, *_ in rows if name)
    allowance = NormativeDocument.objects.get(title="郧西县最低生活保障实施细则").comment_summary
    assert "低保" in allowance and "采纳2条，部分采纳1条，未采纳1条" in allowance
    homestead = NormativeDocument.objects.get(title="郧西县农村宅基地管理办法").comment_summary
    assert "宅基地" in homestead and "其中1条因含有与文件无关或不当内容未予公开" in homestead
    assert "微信" not in homestead
    quiet = NormativeDocument.objects.get(title="郧西县森林防火管理规定")
    assert quiet.comment_summary.endswith("未收到意见。")
    assert not NormativeDocument.objects.filter(comment_summary__contains="若干条").exists()
