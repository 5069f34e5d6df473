"""The enforcement policies: who may do what on which record now — and the pages and services ask them."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement import policies, selectors, services
from fazhi.enforcement.choices import CertificateStatus

from .factories import penalty_case, to_decision

pytestmark = pytest.mark.django_db
D = datetime.date


def test_case_policy_officer_may_sign_leader_and_outsider_may_not(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    cases = policies.cases
    officer = cases.may(enf.officer, case)
    assert officer["investigate"] and officer["add_record"] and officer["assign_officer"] and officer["add_party"]
    assert not officer["decide"] and not officer["revoke"] and not officer["evaluate"]
    leader = cases.may(enf.leader, case)
    assert not any(leader.values()), leader
    assert cases.get(enf.leader, case.pk) == case  # the leader reads
    assert cases.refusal(enf.leader, "add_record", case)
    assert "权限" in cases.refusal(enf.leader, "investigate", case)
    with pytest.raises(NotFound):
        cases.get(enf.outsider, case.pk)
    assert not any(cases.may(enf.outsider, case).values())
    assert cases.buttons(enf.leader, case) == [] and cases.buttons(enf.outsider, case) == []
    assert [t.action for t in cases.buttons(enf.officer, case)] == ["investigate"]
    assert cases.can(enf.officer, "register") and not cases.can(enf.leader, "register")


def test_case_policy_state_and_certificate(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    services.officer_set_status(actor=enf.office, officer=enf.me, status=CertificateStatus.SUSPENDED, reason="暂扣")
    reason = policies.cases.refusal(enf.officer, "add_record", case)
    assert "暂扣" in reason and "持证上岗" in reason and "RULES" not in reason and "§" not in reason
    services.officer_set_status(actor=enf.office, officer=enf.me, status=CertificateStatus.VALID)
    case = to_decision(enf, case)
    assert "已作出决定" in policies.cases.refusal(enf.officer, "add_party", case)
    assert policies.cases.can_on(enf.office, "evaluate", case)
    assert not policies.cases.can_on(enf.leader, "evaluate", case)
    assert policies.cases.can_on(enf.liaison, "revoke", case) and policies.cases.can_on(enf.officer, "revoke", case)
    assert not policies.cases.can_on(enf.outsider, "revoke", case)


def test_publication_policy(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    publication = selectors.publication_of(case)
    pubs = policies.publications
    assert pubs.can_on(enf.officer, "publish", publication) and pubs.can_on(enf.liaison, "publish", publication)
    assert not pubs.can_on(enf.leader, "publish", publication)
    assert not pubs.can_on(enf.outsider, "publish", publication)
    assert "没有处于公示中" in pubs.refusal(enf.officer, "withdraw", publication)
    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    publication = selectors.publication_of(case)
    assert not pubs.can_on(enf.officer, "publish", publication)
    assert pubs.can_on(enf.liaison, "withdraw", publication) and not pubs.can_on(enf.leader, "withdraw", publication)


def test_officer_body_and_inspection_policies(enf):
    assert policies.officers.can_on(enf.office, "set_status", enf.me)
    assert policies.officers.can_on(enf.liaison, "train", enf.me)
    assert not policies.officers.can_on(enf.leader, "train", enf.me)
    assert not policies.officers.can_on(enf.outsider, "train", enf.me)  # 水利局 manages its own officers only
    assert not policies.officers.can_on(enf.officer, "set_status", enf.me)
    assert policies.bodies.can_on(enf.liaison, "edit", enf.body)
    assert not policies.bodies.can_on(enf.outsider, "edit", enf.body)
    assert not policies.bodies.can_on(enf.leader, "edit", enf.body)
    assert policies.inspections.can(enf.liaison, "create") and not policies.inspections.can(enf.leader, "create")


def test_services_recheck_the_policy(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    with pytest.raises(DomainError, match="权限"):
        services.record_add(actor=enf.leader, case=case, step="register", text="x", occurred_on=D(2025, 3, 3))
    with pytest.raises(NotFound):
        services.record_add(actor=enf.outsider, case=case, step="register", text="x", occurred_on=D(2025, 3, 3))
    with pytest.raises(DomainError):
        services.training_add(actor=enf.leader, officer=enf.me, title="培训", held_on=D(2025, 5, 1), hours=8)
    with pytest.raises(NotFound):
        services.body_save(actor=enf.outsider, body=enf.body, name="改名")
    case = to_decision(enf, case)
    with pytest.raises(DomainError, match="权限"):
        services.decision_publish(actor=enf.leader, case=case, on=case.decided_on)
    with pytest.raises(DomainError, match="权限"):
        services.evaluation_add(actor=enf.officer, case=case, subject_score=1, facts_score=1, law_score=1,
                                procedure_score=1, documents_score=1)


def test_pages_ask_the_policy(client, enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    for persona, expected in (("leader", 403), ("outsider", 404)):
        client.force_login(getattr(enf, persona))
        for name in ("case_record_add", "case_party_add"):  # HANDLE pages: neither holds the permission
            assert client.get(reverse(f"enforcement:{name}", args=[case.pk])).status_code == 403, (persona, name)
        for name in ("case_publish", "case_revoke"):  # the leader sees the case, the outsider does not
            assert client.get(reverse(f"enforcement:{name}", args=[case.pk])).status_code == expected, (persona, name)
        assert client.get(reverse("enforcement:case_step", args=[case.pk, "serve"])).status_code == expected
    client.force_login(enf.leader)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    for url in ("records/new", "/publish/", "/revoke/", "/step/", "/evaluate/"):
        assert url not in html
    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "/publish/" in html and "/revoke/" in html and "/parties/new/" not in html and "/evaluate/" not in html
    # a state refusal is shown above the form, and the step is refused again when posted
    response = client.get(reverse("enforcement:case_party_add", args=[case.pk]))
    assert response.status_code == 200 and "已作出决定的案件不能再增加当事人" in response.content.decode()
    client.force_login(enf.office)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "/evaluate/" in html and "/step/" not in html


def test_no_template_compares_a_status():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1] / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text()
        for needle in ("status ==", "status !=", "status in", "< today", "> today", "RULES", "§"):
            assert needle not in text, (path.name, needle)
