"""Search entries of the litigation part, for staff only (scoped by unit): court cases and reconsideration cases."""
from fazhi.core.registry import register_search

from ..models.litigation import LitigationCase, ReconsiderationCase


def litigation_entries():
    for case in LitigationCase.objects.select_related("unit", "act_case").iterator():
        yield case, dict(title=f"行政应诉：{case.case_number}", unit=case.unit, url=case.get_absolute_url(),
                         text=" ".join(filter(None, [case.court, case.get_instance_display(), case.act_label])),
                         public=False)


def recon_entries():
    for case in ReconsiderationCase.objects.select_related("unit").iterator():
        yield case, dict(title=f"行政复议：{case.number}", unit=case.unit, url=case.get_absolute_url(),
                         text=" ".join(filter(None, [case.body_name, case.get_matter_display(), case.act_text])),
                         public=False)


register_search("oversight.litigation", label="行政应诉案件", entries=litigation_entries)
register_search("oversight.reconsideration", label="行政复议案件", entries=recon_entries)
