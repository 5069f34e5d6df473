"""A small believable county, shared by every module's tests (Zulip's personas, localised).

Units: 县政府; 司法局; 市场监管局 with its 城关市场监管所; 城关镇 with two villages; 水利局
(the outsider's bureau); a law firm. One user per built-in role, plus ``outsider``, a liaison
of an unrelated bureau who must see nothing of the others.

Everything is built through the real services, so the audit chain is exercised too.

The test suite builds it once per session and commits it (``fazhi.testing.dbstate``); the ``county``
fixture then re-reads it with ``load_county()`` inside each test's rolled-back transaction, so every
test gets fresh objects (no per-user caches carried over) and nothing a test writes survives it.
"""
from dataclasses import dataclass

from django.db import transaction

from fazhi.orgs import services
from fazhi.orgs.choices import DataScope, UnitKind

PASSWORD = "Fazhi@2019"


@dataclass
class County:
    gov: object
    justice: object
    market: object
    market_station: object
    township: object
    village_east: object
    village_west: object
    water: object
    firm: object
    sysadmin: object
    office: object
    liaison: object
    reviewer: object
    officer: object
    lawyer: object
    leader: object
    outsider: object

    @property
    def personas(self):
        return {name: getattr(self, name) for name in PERSONA_NAMES}


PERSONA_NAMES = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]

# County field -> unit code, and persona -> login name (load_county reads them back by these).
UNIT_CODES = {"gov": "P-GOV", "justice": "P-SFJ", "market": "P-SCJ", "market_station": "P-SCJ-CG",
              "township": "P-T01", "village_east": "P-T01-01", "village_west": "P-T01-02", "water": "P-SLJ",
              "firm": "P-F01"}
USERNAMES = {name: name for name in PERSONA_NAMES}


def county_exists():
    """Whether the persona county is in the database (its government unit and its last persona)."""
    from fazhi.orgs.models import OrgUnit, User

    return (OrgUnit.objects.filter(code=UNIT_CODES["gov"]).exists()
            and User.objects.filter(username=USERNAMES["outsider"], unit__code=UNIT_CODES["water"]).exists())


def load_county():
    """The persona county as stored: fresh objects for one test (two queries)."""
    from fazhi.orgs.models import OrgUnit, User

    units = {u.code: u for u in OrgUnit.objects.filter(code__in=UNIT_CODES.values())}
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES.values())}
    by_id = {u.pk: u for u in units.values()}
    for user in users.values():
        user.unit = by_id[user.unit_id]  # as build_county leaves it: the home unit is the county's object
    return County(**{field: units[code] for field, code in UNIT_CODES.items()},
                  **{name: users[login] for name, login in USERNAMES.items()})


@transaction.atomic
def build_county():
    services.roles_sync()
    unit = services.unit_create
    gov = unit(actor=None, code="P-GOV", name="某县人民政府", kind=UnitKind.GOVERNMENT)
    justice = unit(actor=None, code="P-SFJ", name="某县司法局", kind=UnitKind.DEPARTMENT, parent=gov)
    market = unit(actor=None, code="P-SCJ", name="某县市场监督管理局", kind=UnitKind.DEPARTMENT, parent=gov)
    station = unit(actor=None, code="P-SCJ-CG", name="城关市场监督管理所", kind=UnitKind.INTERNAL, parent=market)
    township = unit(actor=None, code="P-T01", name="城关镇", kind=UnitKind.TOWNSHIP, parent=gov)
    east = unit(actor=None, code="P-T01-01", name="东坪村", kind=UnitKind.VILLAGE, parent=township)
    west = unit(actor=None, code="P-T01-02", name="西坪村", kind=UnitKind.VILLAGE, parent=township)
    water = unit(actor=None, code="P-SLJ", name="某县水利和湖泊局", kind=UnitKind.DEPARTMENT, parent=gov)
    firm = unit(actor=None, code="P-F01", name="某某律师事务所", kind=UnitKind.FIRM)

    def person(username, full_name, home, role, **grant):
        user = services.user_create(actor=None, username=username, full_name=full_name, unit=home,
                                    password=PASSWORD)
        services.role_grant(actor=None, user=user, role_code=role, **grant)
        return user

    return County(
        gov=gov, justice=justice, market=market, market_station=station, township=township,
        village_east=east, village_west=west, water=water, firm=firm,
        sysadmin=person("sysadmin", "系统管理员", justice, "sysadmin"),
        office=person("office", "法治办王主任", justice, "office"),
        liaison=person("liaison", "市场监管局李联络员", market, "liaison"),
        reviewer=person("reviewer", "司法局赵审核", justice, "reviewer"),
        officer=person("officer", "执法员孙某", station, "officer"),
        lawyer=person("lawyer", "驻村律师周某", firm, "lawyer", scope=DataScope.CUSTOM,
                      custom_units=[east, west]),
        leader=person("leader", "县领导吴某", gov, "leader"),
        outsider=person("outsider", "水利局郑联络员", water, "liaison"),
    )
