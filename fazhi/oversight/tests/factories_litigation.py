"""Helpers and fixtures of the litigation part's tests (imported by the test modules)."""
import datetime

from fazhi.oversight import services

D = datetime.date
MARCH_4, MARCH_1, APRIL_10 = D(2019, 3, 4), D(2019, 3, 1), D(2019, 4, 10)


_seq = [0]


PAPER = "根据纸质卷宗补录"


def make_case(county, *, unit=None, received_on=MARCH_4, instance="first", previous=None, must_appear="",
              actor=None):
    _seq[0] += 1
    return services.litigation_register(
        actor=actor or county.office, unit=unit or county.market, instance=instance, court="某县人民法院",
        case_number=f"（2019）测试行{_seq[0]}号", plaintiff_name="张三", plaintiff_kind="person",
        received_on=received_on, act_text="行政处罚决定", must_appear=must_appear, previous=previous)


def make_hearing(county, case, hearing_on=APRIL_10, notice_on=None, postponed=False):
    return services.hearing_add(actor=county.office, case=case, hearing_on=hearing_on, notice_on=notice_on,
                                postponed=postponed)


HEAD = dict(role="head", appeared_name="王局长", appeared_post="局长", identity_proof=True,
            statement="同意协调化解争议。")


def record(county, hearing, **kwargs):
    values = {"backdate_reason": PAPER, **HEAD, **kwargs}  # the tests type 2019's dates
    return services.hearing_record(actor=county.office, hearing=hearing, on=hearing.hearing_on, **values)


def judged(county, case, *, kind="judgment", outcome="rejected", defended=None, on=None):
    case = services.litigation_defend(actor=county.office, case=case, on=defended or case.received_on,
                                      backdate_reason=PAPER)
    return services.litigation_judge(actor=county.office, case=case, judgment_kind=kind, outcome=outcome,
                                     on=on or case.received_on + datetime.timedelta(days=60), backdate_reason=PAPER)


def make_recon(county, *, applied_on=MARCH_1, received_on=MARCH_4, unit=None, matter="penalty",
               number=None, doc_title="", doc_competent=True):
    _seq[0] += 1
    return services.recon_register(
        actor=county.office, role="body", body_name="某县人民政府", unit=unit or county.market,
        number=number or f"测试复〔2019〕{_seq[0]}号", applicant_name="李四", applicant_kind="person", matter=matter,
        applied_on=applied_on, received_on=received_on, act_text="罚款决定", doc_title=doc_title,
        doc_competent=doc_competent)
