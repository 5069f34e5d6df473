"""Who may sign what: 持证上岗 (RULES.md §7) and qualified legal reviewers (RULES.md §5).

These are certification and qualification rules about *people* (an officer's certificate on the day of
the act, the two-officer team of a penalty, the reviewer's legal-professional qualification, who may
apply for a certificate at all). The record-level "may this user do this now" lives in ``policies.py``,
which asks these. Each ``*_refusal`` returns ``None`` when allowed, or the Chinese reason when not.
The day of the act is always passed in (``day``): a step typed today for an act done on paper last
week is judged on the certificates valid last week.
"""
from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.core.rules import get_setting

from .choices import CERTIFIABLE_STAFFING, CaseKind, CertificateStatus, StaffingKind
from .models import Officer

CERTIFICATE_RULE = "持证上岗"
TEAM_RULE = "《中华人民共和国行政处罚法》第四十二条"


def officer_of(user):
    """The officer record of a platform account (``None`` for staff without a certificate)."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Officer.objects.select_related("unit").filter(user_id=user.pk).first()


def certificate_refusal(officer, day=None, *, who=None):
    day = day or clock.today()
    name = who or (officer.name if officer else "")
    if officer is None:
        return f"您没有行政执法证，不能从事执法活动（{CERTIFICATE_RULE}）"
    if not officer.is_certified(day):
        return (f"{name}的执法证（{officer.certificate_no}）{officer.effective_status(day).label}，"
                f"不能从事执法活动（{CERTIFICATE_RULE}）")
    return None


def certified_officers(case, day=None):
    day = day or clock.today()
    return [o for o in case.officers.all() if o.is_certified(day)]


def team_refusal(case, day=None):
    """A penalty needs at least two officers holding valid certificates (行政处罚法第42条)."""
    day = day or clock.today()
    if case.kind == CaseKind.PENALTY:
        valid = certified_officers(case, day)
        if len(valid) < 2:
            return f"行政处罚应当由两名以上持有效执法证的执法人员实施，本案目前只有{len(valid)}名"
    return None


def member_refusal(user, case, day=None):
    """The person acting holds a valid certificate on ``day`` and is one of the case's officers."""
    officer = officer_of(user)
    refusal = certificate_refusal(officer, day)
    if refusal:
        return refusal
    if not case.officers.filter(pk=officer.pk).exists():
        return "您不是本案的执法人员，不能签署本环节"
    return None


def signer_refusal(user, case, day=None):
    """The person signing a step is a certified officer of the case, and the case's team is complete."""
    return member_refusal(user, case, day) or team_refusal(case, day)


def reviewer_refusal(user, case=None):
    """A major decision's legal reviewer has the legal-professional qualification (RULES.md §5)."""
    officer = officer_of(user)
    if officer is None or not officer.legal_qualification:
        return "法制审核人员须具有法律职业资格"
    if officer.status == CertificateStatus.WITHDRAWN:
        return "审核人员的执法证已收回，不能出具审核意见"
    if case is not None and case.officers.filter(pk=officer.pk).exists():
        return "本案的执法人员不能审核本案"
    return None


def qualification_refusal(staffing, exam_score):
    """The qualification check of one applicant (编制 and exam), as a ``DomainError`` or ``None``."""
    if staffing not in CERTIFIABLE_STAFFING:
        return DomainError(f"{StaffingKind(staffing).label}不得申领行政执法证（持证上岗资格审核）。", field="staffing")
    pass_score = get_setting("enforcement.pass_score")
    if exam_score is None or exam_score < pass_score:
        return DomainError(f"执法资格考试成绩须达到{pass_score}分，未经考试合格不得授予执法资格。", field="exam_score")
    return None
