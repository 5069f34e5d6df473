"""The demo county: the seed's organisation (77 county units, 18 townships, 286 villages), idempotent."""
import pytest
from django.core.management import call_command

from fazhi.core import audit
from fazhi.core.models import AuditEntry
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User


@pytest.mark.django_db
def test_load_demo_builds_the_county_of_the_seed_report_and_is_idempotent(capsys, demo_county):
    # The session built the demo with ``load_demo`` (demo_county); this second run must change nothing.
    units, users, entries = OrgUnit.objects.count(), User.objects.count(), AuditEntry.objects.count()
    call_command("load_demo")
    out = capsys.readouterr().out
    assert (OrgUnit.objects.count(), User.objects.count(), AuditEntry.objects.count()) == (units, users, entries)
    counts = {k: OrgUnit.objects.filter(kind=k).count() for k in UnitKind.values}
    assert counts[UnitKind.GOVERNMENT] == 1
    assert counts[UnitKind.DEPARTMENT] == 77  # “77个县直单位”
    assert counts[UnitKind.TOWNSHIP] == 18  # “全县18个乡镇（场、区）”
    assert counts[UnitKind.VILLAGE] == 286  # “286个村（社区）”
    assert counts[UnitKind.FIRM] == 7  # “整合7家律师事务所”
    assert OrgUnit.objects.get(code="D-SFJ").name == "郧西县司法局"
    for role in ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader"]:
        assert User.objects.filter(grants__role__code=role).exists(), role
    assert "fzb" in out and "Fazhi@2019" in out

    from fazhi.core.registry import figures

    got = {k: figures()[k].compute(year=2019).value for k in
           ["orgs.departments", "orgs.townships", "orgs.villages", "orgs.law_firms"]}
    assert got == {"orgs.departments": 77, "orgs.townships": 18, "orgs.villages": 286, "orgs.law_firms": 7}
    market = OrgUnit.objects.get(code="D-SCJ")
    assert figures()["orgs.departments"].compute(year=2019, unit_ids={market.pk}).value == 1

    assert audit.verify().ok


@pytest.mark.django_db
def test_scale_multiplies_the_staff_accounts(demo_county):
    call_command("load_demo", "--scale", "2", "--quiet-logins")
    assert User.objects.filter(username__startswith="dsfj_").count() == 2
    assert OrgUnit.objects.filter(kind=UnitKind.VILLAGE).count() == 286  # the tree itself does not grow

