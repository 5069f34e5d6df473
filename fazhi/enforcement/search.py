"""Search entries: cases for staff (scoped by unit), published decisions for the public (masked text only)."""
from django.urls import reverse

from fazhi.core.registry import register_search

from .choices import PublicationStatus
from .models import Case, Publication


def case_fields(case):
    return dict(title=f"{case.number} {case.title}",
                text=" ".join(filter(None, [case.get_kind_display(), case.power_name, case.decision_number])),
                unit=case.unit, url=reverse("enforcement:case_detail", args=[case.pk]), public=False)


def publication_fields(publication):
    return dict(title=f"{publication.decision_number} {publication.title}",
                text=" ".join([publication.body_name, publication.party, publication.content]),
                unit=publication.case.unit,
                url=reverse("enforcement:public_decision_detail", args=[publication.pk]), public=True)


def case_entries():
    for case in Case.objects.select_related("unit").iterator():
        yield case, case_fields(case)


def publication_entries():
    for p in Publication.objects.filter(status=PublicationStatus.PUBLISHED).select_related("case__unit").iterator():
        yield p, publication_fields(p)


register_search("enforcement.case", label="执法案件", entries=case_entries)
def publications_on_display(ids, today):
    """Publications stay public for the display period only (the index keeps them until they are withdrawn)."""
    return set(Publication.objects.on_display(today).filter(pk__in=[int(i) for i in ids]).values_list("pk", flat=True))


register_search("enforcement.decision", label="执法决定公开", entries=publication_entries,
                on_public_site=publications_on_display)
