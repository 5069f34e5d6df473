"""What the legal-education services share: the audit events and the policy re-check.

Audit events of the exam: the start of an attempt, a takeover by a second browser, the submission, the
grading and every change by staff (exams, questions, imports). **Answer saves are not audited**: the audit
trail is a hash chain written under one lock (``AuditChainHead``), and 2,300 examinees saving 50 answers each
would queue behind it; an answer row keeps its own ``saved_at`` and ``seq``, and the graded score is audited.
"""
from fazhi.core import audit_events
from fazhi.core.errors import DomainError, NotFound
from fazhi.orgs import scope

E = audit_events.register
E(1301, "legal_education.bank_saved", "保存题库")
E(1302, "legal_education.question_saved", "保存试题")
E(1303, "legal_education.questions_imported", "导入试题")
E(1310, "legal_education.exam_created", "新建考试")
E(1311, "legal_education.exam_published", "发布考试")
E(1320, "legal_education.attempt_started", "开始考试")
E(1321, "legal_education.attempt_taken_over", "在另一浏览器继续考试")
E(1322, "legal_education.attempt_submitted", "交卷")
E(1323, "legal_education.attempt_graded", "评分")
E(1330, "legal_education.duty_list_saved", "保存普法责任清单")
E(1331, "legal_education.duty_list_submitted", "报送普法责任清单")
E(1332, "legal_education.duty_list_returned", "退回普法责任清单")
E(1333, "legal_education.duty_list_accepted", "审核通过普法责任清单")
E(1340, "legal_education.activity_saved", "登记普法活动")
E(1341, "legal_education.site_saved", "登记法治文化阵地")
E(1342, "legal_education.study_saved", "登记学法活动")
E(1343, "legal_education.programme_saved", "登记法治创建活动")
E(1344, "legal_education.honour_saved", "登记普法荣誉")
E(1345, "legal_education.case_saved", "保存以案释法案例")
E(1346, "legal_education.case_published", "公开以案释法案例")


def check(policy, actor, action, obj=None, *, on=None, field=None):
    if actor is None:
        raise DomainError("请先登录。", code="policy_refused")
    if obj is not None and not scope.can_see(actor, obj, perm=policy.view_permission):
        raise NotFound()
    reason = policy.refusal(actor, action, obj, on=on)
    if reason:
        raise DomainError(reason if reason.endswith("。") else f"{reason}。", field=field, code="policy_refused")
