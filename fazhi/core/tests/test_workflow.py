"""The workflow helper on a throw-away model: status, permission, scope and guard are all enforced."""
import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from fazhi.core import audit_events
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.workflow import Transition, Workflow
from fazhi.orgs.builtin_roles import Perm
from fazhi.orgs.models import OrgUnit

audit_events.register(190, "core.test_submitted", "测试提交")
audit_events.register(191, "core.test_approved", "测试批准")


@pytest.fixture
def Paper(db):
    with isolate_apps("fazhi.core"):
        class Paper(models.Model):
            unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
            status = models.CharField(max_length=20, choices=[("draft", "起草"), ("review", "审核中"),
                                                              ("approved", "已批准")], default="draft")
            has_opinion = models.BooleanField(default=False)
            scope_owner = "unit"

            class Meta:
                app_label = "core"

            def __str__(self):
                return f"paper {self.pk}"

        with connection.schema_editor() as editor:
            editor.create_model(Paper)
        yield Paper
        with connection.schema_editor() as editor:
            editor.delete_model(Paper)


@pytest.fixture
def flow(Paper):
    def may_approve(user, paper, on):
        return None if paper.has_opinion else "没有审核意见，不能批准"

    return Workflow(model=Paper, transitions=[
        Transition("submit", "提交审核", ("draft",), "review", event="core.test_submitted"),
        Transition("approve", "批准", ("review",), "approved", event="core.test_approved",
                   permission=Perm.MANAGE_UNITS, guard=may_approve, rule="测试规则第1条"),
    ])


@pytest.mark.django_db(transaction=True)
class TestWorkflow:
    def test_allowed_path_moves_the_status_and_audits_it(self, county, Paper, flow):
        paper = Paper.objects.create(unit=county.market, has_opinion=True)
        paper = flow.apply(actor=county.liaison, obj=paper, action="submit")
        assert paper.status == "review"
        entry = AuditEntry.objects.order_by("-seq").first()
        assert entry.event_name == "core.test_submitted" and entry.changes == {"status": ["draft", "review"]}
        paper = flow.apply(actor=county.office, obj=paper, action="approve")
        assert Paper.objects.get(pk=paper.pk).status == "approved"

    def test_wrong_status_is_refused(self, county, Paper, flow):
        paper = Paper.objects.create(unit=county.market)
        with pytest.raises(DomainError, match="当前状态为“起草”，不能批准"):
            flow.apply(actor=county.office, obj=paper, action="approve")

    def test_guard_refusal_cites_its_rule_and_changes_nothing(self, county, Paper, flow):
        paper = flow.apply(actor=county.liaison, obj=Paper.objects.create(unit=county.market), action="submit")
        before = AuditEntry.objects.count()
        with pytest.raises(DomainError, match=r"没有审核意见，不能批准（测试规则第1条）"):
            flow.apply(actor=county.office, obj=paper, action="approve")
        assert Paper.objects.get(pk=paper.pk).status == "review" and AuditEntry.objects.count() == before

    def test_permission_and_scope(self, county, Paper, flow):
        paper = Paper.objects.create(unit=county.market, has_opinion=True)
        with pytest.raises(DomainError, match="不在您可以办理的范围"):
            flow.apply(actor=county.outsider, obj=paper, action="submit")
        paper = flow.apply(actor=county.liaison, obj=paper, action="submit")
        with pytest.raises(DomainError, match="权限"):
            flow.apply(actor=county.liaison, obj=paper, action="approve")
        other = Paper.objects.create(unit=county.market)
        with pytest.raises(DomainError, match="不在您可以办理的范围"):
            flow.apply(actor=county.leader, obj=other, action="submit")  # a read-only role sees, never acts

    def test_available_lists_only_what_the_user_may_do_now(self, county, Paper, flow):
        paper = Paper.objects.create(unit=county.market)
        assert [t.action for t in flow.available(county.liaison, paper)] == ["submit"]
        assert flow.available(county.outsider, paper) == []
        paper = flow.apply(actor=county.liaison, obj=paper, action="submit")
        assert flow.available(county.office, paper) == []  # guard: no opinion yet
        paper.has_opinion = True
        assert [t.action for t in flow.available(county.office, paper)] == ["approve"]

    def test_effect_runs_inside_the_transaction(self, county, Paper, flow):
        paper = Paper.objects.create(unit=county.market)

        def effect(locked):
            raise DomainError("步骤记录不完整")

        with pytest.raises(DomainError):
            flow.apply(actor=county.liaison, obj=paper, action="submit", effect=effect)
        assert Paper.objects.get(pk=paper.pk).status == "draft"

    def test_unknown_status_in_the_table_is_a_programming_error(self, Paper):
        with pytest.raises(ValueError):
            Workflow(model=Paper, transitions=[Transition("x", "某", ("nowhere",), "draft", event="e.e")])
