"""What the URL contract test (fazhi/core/tests/test_contract.py) needs to know about enforcement's URLs.

Every sample belongs to the market bureau (市场监管局), which the outsider (水利局) does not see.
"""
PUBLIC = {"enforcement:public_home", "enforcement:public_officers", "enforcement:public_inspections",
          "enforcement:public_decisions", "enforcement:public_decision_detail"}

TITLE = "合同样本：销售过期食品案"
PUBLISHED_TITLE = "合同样本：已公示的销售过期食品案"


def _case(county):
    from fazhi.enforcement.models import Case

    case = Case.objects.filter(title=TITLE).first()
    if case is not None:
        return case
    from fazhi.enforcement import services

    from .factories import party, setup

    body, _me, colleague, _reviewer = setup(county)
    case = services.case_register(actor=county.officer, body=body, kind="penalty", title=TITLE,
                                  officers=[colleague], parties=[party()])
    return case


def _published(county):
    """A decision on display (published within its deadline) for the public detail page."""
    from fazhi.enforcement.models import Publication

    publication = Publication.objects.filter(case__title=PUBLISHED_TITLE).first()
    if publication is None:
        from fazhi.enforcement import services

        from .factories import penalty_case, to_decision

        _case(county)
        colleague = _case(county).officers.exclude(user=county.officer).first()
        case = to_decision(county, penalty_case(county, _body(county), colleague, title=PUBLISHED_TITLE))
        publication = services.decision_publish(actor=county.officer, case=case, on=case.decided_on)
    return publication


def _officer(county):
    _case(county)
    from fazhi.enforcement.models import Officer

    return Officer.objects.get(user=county.officer)


def _record(county):
    return _case(county).records.first()


def _body(county):
    return _case(county).body


SAMPLES = {
    "enforcement:case_detail": lambda c: {"pk": _case(c).pk},
    "enforcement:case_step": lambda c: {"pk": _case(c).pk, "action": "investigate"},
    "enforcement:case_record_add": lambda c: {"pk": _case(c).pk},
    "enforcement:case_officer_add": lambda c: {"pk": _case(c).pk},
    "enforcement:case_party_add": lambda c: {"pk": _case(c).pk},
    "enforcement:case_person_add": lambda c: {"pk": _case(c).pk},
    "enforcement:public_decision_detail": lambda c: {"pk": _published(c).pk},
    "enforcement:case_major": lambda c: {"pk": _case(c).pk},
    "enforcement:case_publish": lambda c: {"pk": _case(c).pk},
    "enforcement:case_revoke": lambda c: {"pk": _case(c).pk},
    "enforcement:case_withdraw": lambda c: {"pk": _case(c).pk},
    "enforcement:case_evaluate": lambda c: {"pk": _case(c).pk},
    "enforcement:record_file": lambda c: {"pk": _record(c).pk},
    "enforcement:officer_detail": lambda c: {"pk": _officer(c).pk},
    "enforcement:officer_status": lambda c: {"pk": _officer(c).pk},
    "enforcement:officer_training": lambda c: {"pk": _officer(c).pk},
    "enforcement:body_edit": lambda c: {"pk": _body(c).pk},
}

SECRET_TEXT = {
    "enforcement:case_detail": TITLE,
    "enforcement:officer_detail": "孙某某",
}
