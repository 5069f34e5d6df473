"""The policies answer "may this user take this action on this record now", allowed and refused."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.decisions import services
from fazhi.decisions.choices import StepCode
from fazhi.decisions.policies import ADVISERS, CATALOGUES, COMMENTS, DECISIONS, STEPS

from . import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


class TestDecisionPolicy:
    def test_the_lead_unit_may_edit_the_leader_and_outsider_may_not(self, county):
        d = f.decision(county)
        assert DECISIONS.can_on(county.office, "edit", d) and DECISIONS.can_on(county.liaison, "edit", d)
        assert DECISIONS.refusal(county.leader, "edit", d)  # 县领导 reads only
        assert DECISIONS.refusal(county.outsider, "edit", d)
        with pytest.raises(DomainError):
            services.decision_update(actor=county.leader, decision=d, title="改名")
        with pytest.raises(DomainError):
            services.decision_update(actor=county.outsider, decision=d, title="改名")
        assert services.decision_update(actor=county.liaison, decision=d, title="改名").title == "改名"

    def test_state_decides_after_permission_and_scope(self, county):
        d = f.to_review(county, f.decision(county))
        assert "不能再修改基本信息" in DECISIONS.refusal(county.office, "edit", d)
        assert DECISIONS.may(county.office, d)["withdraw"] and not DECISIONS.may(county.office, d)["publish"]
        assert not any(DECISIONS.may(county.leader, d).values())

    def test_the_reviewing_body_sees_the_decision_sent_to_it(self, county):
        d = f.decision(county)
        assert DECISIONS.refusal(county.reviewer, "view", d)
        d = f.to_review(county, d)
        assert DECISIONS.refusal(county.reviewer, "view", d) is None
        step = f.step(d, StepCode.LEGALITY_REVIEW)
        assert STEPS.can_on(county.reviewer, "opinion_give", step)
        assert STEPS.refusal(county.office, "record", step)  # the review is not a step the lead unit records
        assert STEPS.refusal(county.leader, "opinion_give", step)
        assert STEPS.refusal(county.outsider, "opinion_give", step)

    def test_record_page_buttons_follow_the_policy(self, client, county):
        d = f.decision(county)

        def toolbar_and_steps(user):
            client.force_login(user)
            html = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
            toolbar = html.split('data-testid="actions"', 1)[1].split("</div>", 1)[0]
            steps = html.split('data-testid="steps"', 1)[1].split("</table>", 1)[0]
            return toolbar, steps

        toolbar, steps = toolbar_and_steps(county.leader)
        assert "公开征求意见" not in toolbar and "上传材料" not in toolbar and "不适用" not in steps
        toolbar, steps = toolbar_and_steps(county.office)
        assert "公开征求意见" in toolbar and "上传材料" in toolbar and "不适用" in steps
        client.force_login(county.outsider)
        assert client.get(reverse("decisions:decision_detail", args=[d.pk])).status_code == 404
        assert client.post(reverse("decisions:decide", args=[d.pk])).status_code in (403, 404)


class TestOtherPolicies:
    def test_comment_dispose_and_hide(self, county):
        d = services.comment_open(actor=county.office, decision=f.decision(county), comment_start=D(2026, 3, 1),
                                  comment_end=D(2026, 3, 31))
        c = services.comment_submit(decision=d, body="建议增加停车位", address="1.1.1.1",
                                    now=datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC))
        assert COMMENTS.can_on(county.liaison, "dispose", c)
        assert COMMENTS.refusal(county.leader, "dispose", c) and COMMENTS.refusal(county.outsider, "hide", c)
        with pytest.raises(DomainError):
            services.comment_hide(actor=county.leader, comment=c, reason="广告")
        services.comment_hide(actor=county.office, comment=c, reason="广告")
        c.refresh_from_db()
        assert COMMENTS.refusal(county.office, "hide", c) == "该意见已被屏蔽。"

    def test_catalogue_adjust_only_after_publication_and_by_the_office(self, county):
        cat = services.catalogue_create(actor=county.office, organ=county.gov, year=2026, title="2026年目录")
        assert "公布后的调整" in CATALOGUES.refusal(county.office, "adjust", cat)
        assert CATALOGUES.refusal(county.liaison, "adjust", cat) and CATALOGUES.refusal(county.leader, "create")
        with pytest.raises(DomainError):
            services.catalogue_create(actor=county.leader, organ=county.gov, year=2027, title="2027年目录")

    def test_adviser_end_once_by_the_office(self, county):
        a = f.adviser(county)
        assert ADVISERS.can_on(county.office, "end", a)
        assert ADVISERS.refusal(county.leader, "end", a) and ADVISERS.refusal(county.outsider, "edit", a)
        with pytest.raises(DomainError):
            services.adviser_end(actor=county.leader, adviser=a, reason="到期")
        a = services.adviser_end(actor=county.office, adviser=a, reason="到期")
        assert ADVISERS.refusal(county.office, "end", a) == "该法律顾问已解聘。"


def test_templates_never_compare_a_status_nor_show_internal_references():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[1]
    for path in (root / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"status\s*(==|!=|in\b)", text), path
        assert "RULES.md" not in text and "§" not in text, path
    from fazhi.decisions import rulesettings, workflows  # noqa: F401

    for t in [*workflows.DECISION_FLOW.transitions, *workflows.REVIEW_FLOW.transitions,
              *workflows.CATALOGUE_FLOW.transitions]:
        assert "RULES" not in t.rule and "§" not in t.rule, t.action
