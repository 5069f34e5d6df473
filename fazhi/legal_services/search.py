"""Search entries for staff only: lawyers, villages' adviser agreements and purchase contracts (scoped by unit).

Service logs and legal-aid applications name citizens and are never indexed; a lawyer's public contact is
on the public page ``public_lawyers``, not in the search."""
from django.urls import reverse

from fazhi.core.registry import register_search

from .models import Lawyer, ServiceContract, VillageAgreement


def lawyer_fields(lawyer):
    return dict(title=f"{lawyer.name}（{lawyer.firm.name}）", text=" ".join([lawyer.licence_no, lawyer.office_hours]),
                unit=lawyer.firm, url=reverse("legal_services:lawyer_detail", args=[lawyer.pk]), public=False)


def agreement_fields(agreement):
    return dict(title=f"{agreement.village.name}法律顾问聘用协议（{agreement.lawyer.name}）",
                text=f"{agreement.start:%Y-%m-%d}至{agreement.end:%Y-%m-%d} {agreement.lawyer.firm.name}",
                unit=agreement.village, url=reverse("legal_services:agreement_list"), public=False)


def contract_fields(contract):
    return dict(title=f"{contract.number} {contract.firm.name}", text=contract.scope_text, unit=contract.unit,
                url=reverse("legal_services:contract_detail", args=[contract.pk]), public=False)


def lawyer_entries():
    for lawyer in Lawyer.objects.select_related("firm").iterator():
        yield lawyer, lawyer_fields(lawyer)


def agreement_entries():
    for agreement in VillageAgreement.objects.select_related("village", "lawyer", "lawyer__firm").iterator():
        yield agreement, agreement_fields(agreement)


def contract_entries():
    for contract in ServiceContract.objects.select_related("firm", "unit").iterator():
        yield contract, contract_fields(contract)


register_search("legal_services.lawyer", label="包联律师", entries=lawyer_entries)
register_search("legal_services.agreement", label="村（社区）法律顾问聘用协议", entries=agreement_entries)
register_search("legal_services.contract", label="购买法律服务合同", entries=contract_entries)
