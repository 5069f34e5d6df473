"""May this user take this action on this record now? One policy per record type of the module.

Sitting an exam is not a function permission: the exam names who may sit it (``services.exams.start_refusal``);
the policies here are for the staff who keep the bank, the exams and the 普法 registers."""
from fazhi.orgs.policy import Policy

from .choices import DutyListStatus
from .models import Activity, CultureSite, DutyList, Exam, QuestionBank, StudySession
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
    permissions = {"create": P.KEEP}


class SitePolicy(Policy):
    model = CultureSite
    view_permission = P.VIEW
    permissions = {"create": P.KEEP}


class StudyPolicy(Policy):
    model = StudySession
    view_permission = P.VIEW
    permissions = {"create": P.KEEP}
