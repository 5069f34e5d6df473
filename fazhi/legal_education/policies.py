"""May this user take this action on this record now? One policy per record type of the module.

Sitting an exam is not a function permission: the exam names who may sit it (``services.exams.start_refusal``);
the policies here are for the staff who keep the bank, the exams and the 普法 registers."""
from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from .choices import CaseStatus, DutyListStatus
from .models import (
    Activity,
    CaseExplanation,
    CultureSite,
    DutyList,
    Exam,
    Honour,
    Programme,
    QuestionBank,
    StudySession,
)
from .permissions import LegalEducationPerm as P
from .workflows import DUTY_FLOW


class BankPolicy(Policy):
    model = QuestionBank
    view_permission = P.MANAGE
    permissions = {"create": P.MANAGE, "import_questions": P.MANAGE, "edit": P.MANAGE}


class ExamPolicy(Policy):
    model = Exam
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "publish": P.MANAGE, "results": P.VIEW}
    read_actions = frozenset({"view", "results"})

    def state_publish(self, exam, on):
        if exam.status != "draft":
            return "考试已发布"
        return None


class DutyListPolicy(Policy):
    model = DutyList
    view_permission = P.VIEW
    workflow = DUTY_FLOW
    permissions = {"create": P.KEEP, "edit": P.KEEP}

    def state_edit(self, duty_list, on):
        if duty_list.status not in (DutyListStatus.DRAFT, DutyListStatus.RETURNED):
            return "清单已报送，不能修改"
        return None


class ActivityPolicy(Policy):
    model = Activity
    view_permission = P.VIEW
    permissions = {"create": P.KEEP, "edit": P.KEEP}


class SitePolicy(Policy):
    model = CultureSite
    view_permission = P.VIEW
    permissions = {"create": P.KEEP, "edit": P.KEEP}


class StudyPolicy(Policy):
    model = StudySession
    view_permission = P.VIEW
    permissions = {"create": P.KEEP, "edit": P.KEEP}


class CountyWidePolicy(Policy):
    """Records of the whole county (no owning unit): everyone with the view permission sees them; the office
    (whose reach is the whole county) keeps them."""

    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE}

    def _allowed(self, user, action):
        perm = self.permission_of(action)
        if user is None or not user.is_authenticated or not user.has_perm(perm):
            return False
        return action in self.read_actions or scope.reach(user, perm=perm, write=True).everything

    def can(self, user, action):
        return self._allowed(user, action)

    def visible(self, user, qs=None, *, action="view"):
        qs = self.model._default_manager.all() if qs is None else qs
        return qs if self._allowed(user, action) else qs.none()

    def refusal(self, user, action, obj=None, *, on=None):
        if user is None or not user.is_authenticated:
            return "请先登录。"
        if not self._allowed(user, action):
            return "您没有此项操作的权限。"
        return None


class ProgrammePolicy(CountyWidePolicy):
    model = Programme


class HonourPolicy(CountyWidePolicy):
    model = Honour


class CasePolicy(Policy):
    model = CaseExplanation
    view_permission = P.VIEW
    permissions = {"create": P.KEEP, "edit": P.KEEP, "publish": P.KEEP}

    def state_publish(self, case, on):
        if case.status == CaseStatus.PUBLISHED:
            return "案例已公开"
        return None
