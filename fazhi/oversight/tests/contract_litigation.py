"""Contract samples of the litigation part: every sample belongs to the market bureau (市场监管局), which the
outsider (水利局) does not see."""
import datetime

PUBLIC = set()

CASE_NUMBER = "（2024）合同样本行初1号"
RECON_NUMBER = "合同样本复〔2024〕1号"


def _case(county):
    from fazhi.oversight import services
    from fazhi.oversight.models import LitigationCase

    case = LitigationCase.objects.filter(case_number=CASE_NUMBER).first()
    return case or services.litigation_register(
        actor=county.office, unit=county.market, instance="first", court="某县人民法院", case_number=CASE_NUMBER,
        plaintiff_name="合同样本原告", plaintiff_kind="person", received_on=datetime.date(2024, 3, 1),
        act_text="合同样本：食品经营行政处罚决定")


def _hearing(county):
    case = _case(county)
    hearing = case.hearings.first()
    if hearing is None:
        from fazhi.oversight import services

        hearing = services.hearing_add(actor=county.office, case=case, hearing_on=datetime.date(2024, 4, 10))
    return hearing


def _recon(county):
    from fazhi.oversight import services
    from fazhi.oversight.models import ReconsiderationCase

    case = ReconsiderationCase.objects.filter(number=RECON_NUMBER).first()
    return case or services.recon_register(
        actor=county.office, role="body", body_name="某县人民政府", unit=county.market, number=RECON_NUMBER,
        applicant_name="合同样本申请人", applicant_kind="person", matter="penalty",
        applied_on=datetime.date(2024, 3, 1), received_on=datetime.date(2024, 3, 4), act_text="合同样本：罚款决定")


SAMPLES = {
    "oversight:litigation_detail": lambda c: {"pk": _case(c).pk},
    "oversight:litigation_step": lambda c: {"pk": _case(c).pk, "action": "defend"},
    "oversight:litigation_analyse": lambda c: {"pk": _case(c).pk},
    "oversight:hearing_create": lambda c: {"pk": _case(c).pk},
    "oversight:hearing_detail": lambda c: {"pk": _hearing(c).pk},
    "oversight:hearing_record": lambda c: {"pk": _hearing(c).pk},
    "oversight:recon_detail": lambda c: {"pk": _recon(c).pk},
    "oversight:recon_step": lambda c: {"pk": _recon(c).pk, "action": "accept"},
}

SECRET_TEXT = {
    "oversight:litigation_detail": CASE_NUMBER,
    "oversight:recon_detail": RECON_NUMBER,
}
