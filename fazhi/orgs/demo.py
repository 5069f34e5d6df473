"""The demo county's organisation tree and one demo user per role (``manage.py load_demo``).

Deterministic and idempotent: units and users are looked up by code and login name, and only
what is missing is created, so a second run changes nothing. ``scale`` multiplies the number
of staff accounts per department (for benchmarks); the tree itself is the real county's size.
"""
from django.db import transaction

from . import services
from .choices import DataScope, UnitKind
from .demo_data import DEPARTMENTS, LAW_FIRMS, TOWNSHIPS, VILLAGE_NAMES
from .models import OrgUnit, User

DEMO_PASSWORD = "Fazhi@2019"
GOV_CODE = "G-YX"

# (username, full name, home unit code, role, extra grant arguments)
DEMO_USERS = [
    ("admin", "系统管理员", "D-SFJ", "sysadmin", {}),
    ("fzb", "法治办王主任", "D-SFJ", "office", {}),
    ("liaison", "市场监管局联络员李某", "D-SCJ", "liaison", {}),
    ("reviewer", "司法局法制审核员赵某", "D-SFJ", "reviewer", {}),
    ("officer", "市场监管局执法员孙某", "D-SCJ", "officer", {}),
    ("lawyer", "驻村律师周某", "F01", "lawyer", {"scope": DataScope.CUSTOM, "custom_units": "T01"}),
    ("leader", "县领导吴某", GOV_CODE, "leader", {}),
]


def _unit(code, **kwargs):
    existing = OrgUnit.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return services.unit_create(actor=None, code=code, **kwargs), True


@transaction.atomic
def load(*, scale=1, stdout=None):
    services.roles_sync()
    created = 0
    gov, new = _unit(GOV_CODE, name="郧西县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT)
    created += new
    for i, (code, name, short) in enumerate(DEPARTMENTS, start=1):
        created += _unit(code, name=name, short_name=short, kind=UnitKind.DEPARTMENT, parent=gov, sort_order=i)[1]
    for i, (code, name, _count) in enumerate(TOWNSHIPS, start=1):
        township, new = _unit(code, name=name, kind=UnitKind.TOWNSHIP, parent=gov, sort_order=100 + i)
        created += new
        for j, village in enumerate(VILLAGE_NAMES[code], start=1):
            created += _unit(f"{code}-{j:03d}", name=village, kind=UnitKind.VILLAGE, parent=township,
                             sort_order=j)[1]
    for code, name in LAW_FIRMS:
        created += _unit(code, name=name, kind=UnitKind.FIRM)[1]

    users = 0
    for username, full_name, unit_code, role, extra in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        home = OrgUnit.objects.get(code=unit_code)
        user = services.user_create(actor=None, username=username, full_name=full_name, unit=home,
                                    password=DEMO_PASSWORD)
        grant = dict(extra)
        if "custom_units" in grant:
            grant["custom_units"] = list(OrgUnit.objects.filter(code__startswith=grant["custom_units"] + "-"))
        services.role_grant(actor=None, user=user, role_code=role, **grant)
        users += 1

    # Staff accounts: ``scale`` per department (benchmark volume); liaisons of each department.
    for code, _name, _short in DEPARTMENTS:
        dept = OrgUnit.objects.get(code=code)
        for k in range(1, scale + 1):
            username = f"{code.lower().replace('-', '')}_{k:02d}"
            if User.objects.filter(username=username).exists():
                continue
            user = services.user_create(actor=None, username=username, full_name=f"{dept.short_name or dept.name}工作人员{k}",
                                        unit=dept, password=DEMO_PASSWORD)
            services.role_grant(actor=None, user=user, role_code="liaison")
            users += 1
    if stdout is not None:
        stdout.write(f"组织机构：新增 {created} 个单位；用户：新增 {users} 个。")
    return {"units": created, "users": users}


def logins():
    """The demo logins printed when the platform starts."""
    return [(u, n, r) for u, n, _c, r, _e in DEMO_USERS]
