"""What the URL contract test needs to know about the legal-education URLs. The sample exam is for the market
bureau (市场监管局) and organised by the justice bureau; the outsider (水利局) is neither."""
PUBLIC = {"legal_education:public_duty_lists", "legal_education:public_sites", "legal_education:public_cases",
          "legal_education:public_case_detail"}

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

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def png(name="照片.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG, content_type="image/png")


def _activity(county):
    import datetime

    from fazhi.legal_education import services
    from fazhi.legal_education.models import Activity

    obj = Activity.objects.filter(title="合同样本：法律进企业").first()
    if obj is None:
        obj = services.activity_save(actor=county.liaison, unit=county.market, kind="enterprises",
                                     title="合同样本：法律进企业", held_on=datetime.date(2019, 5, 6),
                                     place=county.township, audience=80, laws="《中华人民共和国食品安全法》",
                                     photos=[png()], signins=[png("签到表.png")])
    return obj


def _site(county):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import CultureSite

    obj = CultureSite.objects.filter(name="合同样本：法治文化广场").first()
    if obj is None:
        obj = services.site_save(actor=county.liaison, unit=county.market, name="合同样本：法治文化广场",
                                 level="provincial", designation="省级法治文化建设示范点", designated_year=2019,
                                 photos=[png()])
    return obj


def _study(county):
    import datetime

    from fazhi.legal_education import services
    from fazhi.legal_education.models import StudySession

    obj = StudySession.objects.filter(topic="合同样本：行政处罚法").first()
    if obj is None:
        obj = services.study_save(actor=county.liaison, unit=county.market, kind="lecture", topic="合同样本：行政处罚法",
                                  held_on=datetime.date(2019, 6, 1), hours=2, attendees=[county.liaison])
    return obj


def _programme(county):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import Programme

    obj = Programme.objects.filter(name="合同样本：四个100").first()
    return obj or services.programme_save(actor=county.office, name="合同样本：四个100", year=2019,
                                          units=[county.market], outcome="通过验收")


def _honour(county):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import Honour

    obj = Honour.objects.filter(title="合同样本：普法先进县").first()
    return obj or services.honour_save(actor=county.office, title="合同样本：普法先进县", unit=None,
                                       awarded_by="省普法办", year=2019)


CASE_PERSON = "王建国"


def _case(county, *, published=False):
    from fazhi.legal_education import services
    from fazhi.legal_education.models import CaseExplanation

    title = "合同样本：已公开的以案释法" if published else "合同样本：以案释法"
    obj = CaseExplanation.objects.filter(title=title).first()
    if obj is None:
        obj = services.case_save(actor=county.liaison, unit=county.market, title=title,
                                 law="《中华人民共和国食品安全法》第一百四十八条",
                                 summary=f"消费者{CASE_PERSON}（电话13912345678）购得过期食品，要求十倍赔偿。",
                                 explanation=f"{CASE_PERSON}的请求依法得到支持。", persons=CASE_PERSON)
        if published:
            services.case_publish(actor=county.liaison, case=obj)
    return obj


SAMPLES = {
    "legal_education:record_detail": lambda c: {"pk": c.liaison.pk},
    "legal_education:case_detail": lambda c: {"pk": _case(c).pk},
    "legal_education:case_edit": lambda c: {"pk": _case(c).pk},
    "legal_education:case_publish": lambda c: {"pk": _case(c).pk},
    "legal_education:public_case_detail": lambda c: {"pk": _case(c, published=True).pk},
    "legal_education:duty_export": lambda c: {"pk": _duty(c).pk},
    "legal_education:bank_excel_import": lambda c: {"pk": _exam(c).bank_id},
    "legal_education:bank_export": lambda c: {"pk": _exam(c).bank_id},
    "legal_education:activity_detail": lambda c: {"pk": _activity(c).pk},
    "legal_education:activity_edit": lambda c: {"pk": _activity(c).pk},
    "legal_education:activity_file": lambda c: {"pk": _activity(c).pk, "file_pk": _activity(c).files.first().pk},
    "legal_education:site_detail": lambda c: {"pk": _site(c).pk},
    "legal_education:site_edit": lambda c: {"pk": _site(c).pk},
    "legal_education:site_photo": lambda c: {"pk": _site(c).pk, "photo_pk": _site(c).photos.first().pk},
    "legal_education:study_edit": lambda c: {"pk": _study(c).pk},
    "legal_education:programme_edit": lambda c: {"pk": _programme(c).pk},
    "legal_education:honour_edit": lambda c: {"pk": _honour(c).pk},
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

SECRET_TEXT = {"legal_education:case_detail": "合同样本：以案释法",
               "legal_education:activity_detail": "合同样本：法律进企业", "legal_education:site_detail": "合同样本：法治文化广场",
               "legal_education:exam_detail": TITLE, "legal_education:duty_detail": "合同样本：食品安全责任"}
