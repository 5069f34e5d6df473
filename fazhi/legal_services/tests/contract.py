"""What the URL contract test (fazhi/core/tests/test_contract.py) needs to know about the module's URLs.

Samples belong to 城关镇's villages and the justice bureau, which the outsider (水利局) does not see."""
PUBLIC = {"legal_services:public_lawyers"}

SUMMARY = "合同样本：村民王某咨询宅基地纠纷"


def _setup(county):
    from .factories import setup

    return setup(county)


def _log(county):
    from fazhi.legal_services.models import ServiceLog

    existing = ServiceLog.objects.filter(summary=SUMMARY).first()
    if existing is not None:
        return existing
    import datetime

    from .factories import log

    _setup(county)
    return log(county, served_on=datetime.date(2019, 6, 3), summary=SUMMARY)


def _lawyer(county):
    return _setup(county).lawyer_profile


def _aid(county):
    import datetime

    from fazhi.legal_services import services
    from fazhi.legal_services.models import AidApplication

    app = AidApplication.objects.filter(applicant="合同样本申请人").first()
    return app or services.aid_register(actor=county.office, unit=county.justice, applicant="合同样本申请人",
                                        matter="wages", facts="拖欠工资", applied_on=datetime.date(2019, 6, 3),
                                        hardship_proof=True)


def _contract(county):
    import datetime
    from decimal import Decimal

    from fazhi.legal_services import services
    from fazhi.legal_services.models import ServiceContract

    c = ServiceContract.objects.filter(number="合同样本-001").first()
    return c or services.contract_create(
        actor=county.office, unit=county.justice, firm=county.firm, number="合同样本-001",
        signed_on=datetime.date(2019, 1, 5), start=datetime.date(2019, 1, 1), end=datetime.date(2019, 12, 31),
        amount=Decimal("100000"), scope_text="驻村法律服务")


def _payment(county):
    import datetime
    from decimal import Decimal

    from fazhi.legal_services import services

    contract = _contract(county)
    return contract.payments.first() or services.payment_add(
        actor=county.office, contract=contract, label="首期款", due_on=datetime.date(2019, 3, 1),
        amount=Decimal("50000"))


SAMPLES = {
    "legal_services:log_detail": lambda c: {"pk": _log(c).pk},
    "legal_services:log_step": lambda c: {"pk": _log(c).pk, "action": "confirm"},
    "legal_services:log_file": lambda c: {"pk": _log(c).pk, "which": "attachment"},
    "legal_services:lawyer_detail": lambda c: {"pk": _lawyer(c).pk},
    "legal_services:lawyer_photo": lambda c: {"pk": _lawyer(c).pk},
    "legal_services:assignment_create": lambda c: {"pk": _lawyer(c).pk},
    "legal_services:aid_detail": lambda c: {"pk": _aid(c).pk},
    "legal_services:aid_step": lambda c: {"pk": _aid(c).pk, "action": "approve"},
    "legal_services:contract_accept": lambda c: {"pk": _contract(c).pk},
    "legal_services:contract_detail": lambda c: {"pk": _contract(c).pk},
    "legal_services:payment_create": lambda c: {"pk": _contract(c).pk},
    "legal_services:payment_pay": lambda c: {"pk": _payment(c).pk},
    "legal_services:payment_accept": lambda c: {"pk": _payment(c).pk},
}

SECRET_TEXT = {
    "legal_services:log_detail": "宅基地纠纷",
}
