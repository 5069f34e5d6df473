"""What the URL contract test needs to know about the legal-education URLs. The sample exam is for the market
bureau (市场监管局) and organised by the justice bureau; the outsider (水利局) is neither."""
PUBLIC = {"legal_education:public_duty_lists", "legal_education:public_sites"}

TITLE = "合同样本：学法用法考试"


def _exam(county):
    from fazhi.legal_education.models import Exam

    exam = Exam.objects.filter(title=TITLE).first()
    if exam is not None:
        return exam
    from . import factories

    return factories.exam(county, title=TITLE, hours=24 * 365)


def _attempt(county):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import Attempt

    exam = _exam(county)
    attempt = Attempt.objects.filter(exam=exam, user=county.liaison).first()
    if attempt is None:
        attempt, _ = services.attempt_start(actor=county.liaison, exam=exam)
    return attempt


def _duty(county):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import DutyList

    obj = DutyList.objects.filter(unit=county.market, year=2019).first()
    if obj is None:
        obj = services.duty_list_save(actor=county.liaison, unit=county.market, year=2019, items=[ITEM])
    return obj


ITEM = {"law": "《中华人民共和国食品安全法》", "content": "合同样本：食品安全责任", "audience": "食品经营者", "measures": "以案释法",
        "post": "法规科", "timing": "全年"}

SAMPLES = {
    "legal_education:bank_detail": lambda c: {"pk": _exam(c).bank_id},
    "legal_education:bank_import": lambda c: {"pk": _exam(c).bank_id},
    "legal_education:duty_detail": lambda c: {"pk": _duty(c).pk},
    "legal_education:duty_step": lambda c: {"pk": _duty(c).pk, "action": "submit"},
    "legal_education:exam_start": lambda c: {"pk": _exam(c).pk},
    "legal_education:exam_detail": lambda c: {"pk": _exam(c).pk},
    "legal_education:attempt_take": lambda c: {"pk": _attempt(c).pk},
    "legal_education:attempt_save": lambda c: {"pk": _attempt(c).pk},
    "legal_education:attempt_submit": lambda c: {"pk": _attempt(c).pk},
    "legal_education:attempt_review": lambda c: {"pk": _attempt(c).pk},
}

SECRET_TEXT = {"legal_education:exam_detail": TITLE, "legal_education:duty_detail": "合同样本：食品安全责任"}
