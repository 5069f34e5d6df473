"""Demo records consistent with the seed (六(四是)): 420余万元 of purchased legal services, 7 firms, 44 lawyers
covering all 18 townships and 286 villages, 11 of them on duty at the county petition hall, and the year's
confirmed service logs and legal-aid cases behind every figure the seed states.

Fast (bulk_create) and idempotent: nothing is created when the demo lawyers exist already.
"""
import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from fazhi.core import search
from fazhi.orgs.choices import DataScope, UnitKind
from fazhi.orgs.models import OrgUnit, Role, RoleGrant, User

from .choices import AidMatter, AidStatus, DocumentKind, Duty, LawVersion, LogStatus, PetitionKind, Place
from .models import (
    AidApplication,
    Assignment,
    ContractPayment,
    Lawyer,
    ServiceContract,
    ServiceLog,
    VillageAgreement,
)

YEAR = 2019
START, END = datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)
LAWYERS = 44
HALL_LAWYERS = 11
SURNAMES = "王李张刘陈杨黄赵吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "明华伟芳军勇静丽强磊洋艳杰涛斌超平刚波霞鹏飞敏燕文雪梅"
# (duty, logs, people per log, extra fields) — the year's confirmed logs in the villages
VILLAGE_WORK = [
    (Duty.PUBLICITY, 990, 30, {}),
    (Duty.ADVICE, 1460, 10, {}),
    (Duty.DISPUTES, 207, 4, {"petition_kind": PetitionKind.DIFFICULT, "petition_cases": 1}),
    (Duty.DISPUTES, 199, 3, {"petition_kind": PetitionKind.GENERAL, "petition_cases": 1}),
    (Duty.GOVERNANCE, 310, 5, {"document_kind": DocumentKind.SUGGESTION, "document_items": 3}),
    (Duty.GOVERNANCE, 155, 2, {"document_kind": DocumentKind.OPINION, "document_items": 1}),
]
# at the petition hall: 17 difficult and 175 general petition cases, 3 visitors each (576 visitors)
HALL_WORK = [(17, PetitionKind.DIFFICULT), (175, PetitionKind.GENERAL)]
VILLAGE_RULES = 56
AID_CASES = 115
CONTRACT_AMOUNTS = [Decimal(x) for x in ("660000", "620000", "600000", "600000", "580000", "580000", "596000")]


def _day(rng):
    return START + datetime.timedelta(days=rng.randrange(0, 360))


@transaction.atomic
def load(*, scale=1, stdout=None):
    if Lawyer.objects.filter(licence_no__startswith="14203201").exists():
        return
    rng = random.Random(2019)
    firms = list(OrgUnit.objects.filter(kind=UnitKind.FIRM).order_by("code"))
    villages = list(OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True).order_by("path", "code"))
    hall = OrgUnit.objects.filter(code="D-XFJ").first() or OrgUnit.objects.get(code="G-YX")
    justice = OrgUnit.objects.get(code="D-SFJ")
    office = User.objects.filter(username="fzb").first()
    if not firms or not villages:
        return
    role = Role.objects.get(code="lawyer")

    # 44 lawyers: the demo's "lawyer" account and 43 more, spread over the 7 firms
    password = make_password("Fazhi@2019")
    existing = User.objects.filter(username="lawyer").first()
    new_users = [User(username=f"lawyer{i:02d}", full_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                      unit=firms[i % len(firms)], password=password) for i in range(1, LAWYERS + (existing is None))]
    User.objects.bulk_create(new_users)
    users = ([existing] if existing else []) + list(User.objects.filter(
        username__in=[u.username for u in new_users]).order_by("username"))
    users = users[:LAWYERS]
    lawyers = Lawyer.objects.bulk_create([
        Lawyer(user=u, name=u.full_name, firm=u.unit if u.unit.kind == UnitKind.FIRM else firms[0],
               licence_no=f"14203201{i:09d}", phone=f"0719-62{i:05d}", office_hours="每周二、周四上午")
        for i, u in enumerate(users, start=1)])
    lawyers = list(Lawyer.objects.filter(user__in=users).order_by("licence_no"))

    # 包联: the villages in order, 6 or 7 per lawyer; the first 11 also on duty at the petition hall
    per = {lw.pk: [] for lw in lawyers}
    assignments = []
    for i, village in enumerate(villages):
        lawyer = lawyers[i * len(lawyers) // len(villages)]
        per[lawyer.pk].append(village)
        assignments.append(Assignment(lawyer=lawyer, unit=village, place=Place.VILLAGE, start=START, end=END,
                                      office_hours="每月不少于2天驻村"))
    assignments += [Assignment(lawyer=lw, unit=hall, place=Place.HALL, start=START, end=END,
                               office_hours="每周一值守") for lw in lawyers[:HALL_LAWYERS]]
    Assignment.objects.bulk_create(assignments)
    VillageAgreement.objects.bulk_create([
        VillageAgreement(village=a.unit, lawyer=a.lawyer, signed_on=START, start=START, end=END)
        for a in assignments if a.place == Place.VILLAGE])

    grants = RoleGrant.objects.bulk_create([
        RoleGrant(user=lw.user, role=role, unit=lw.firm, scope=DataScope.CUSTOM)
        for lw in lawyers if not RoleGrant.objects.filter(user=lw.user, role=role).exists()])
    through = RoleGrant.custom_units.through
    through.objects.bulk_create([through(rolegrant_id=g.pk, orgunit_id=v.pk)
                                 for g in grants for v in per[next(lw.pk for lw in lawyers if lw.user_id == g.user_id)]])

    pairs = [(lw, v) for lw in lawyers for v in per[lw.pk]]
    logs = []

    def log(lawyer, unit, place, duty, people, **extra):
        day = _day(rng)
        logs.append(ServiceLog(lawyer=lawyer, unit=unit, place=place, served_on=day, duty=duty, people=people,
                               hours=Decimal("3.0"), summary="驻村开展服务（演示数据）", status=LogStatus.CONFIRMED,
                               confirmed_by=office, confirmed_on=day + datetime.timedelta(days=2), **extra))

    for duty, n, people, extra in VILLAGE_WORK:
        for k in range(n * scale):
            lawyer, village = pairs[(k * 7 + n) % len(pairs)]
            log(lawyer, village, Place.VILLAGE, duty, people, **extra)
    for k in range(VILLAGE_RULES):
        lawyer, village = pairs[k * len(pairs) // VILLAGE_RULES]
        log(lawyer, village, Place.VILLAGE, Duty.GOVERNANCE, 20, village_rules=True)
    for n, kind in HALL_WORK:
        for k in range(n):
            log(lawyers[k % HALL_LAWYERS], hall, Place.HALL, Duty.PETITION, 3, petition_kind=kind, petition_cases=1)
    ServiceLog.objects.bulk_create(logs, batch_size=500)

    # legal aid under the 2003 regulations (the year 2019)
    aid = []
    matters = [AidMatter.WAGES, AidMatter.SUPPORT, AidMatter.STATE_COMPENSATION, AidMatter.SOCIAL_INSURANCE]
    for k in range(AID_CASES):
        applied = _day(rng)
        aid.append(AidApplication(
            unit=justice, number=f"郧援〔2019〕{k + 1}号", applicant="申请人（演示）", matter=matters[k % 4],
            facts="（演示数据）", applied_on=applied, law_version=LawVersion.REGS_2003, hardship_proof=True,
            review_due=applied + datetime.timedelta(days=7), decided_on=applied + datetime.timedelta(days=3),
            assign_due=applied + datetime.timedelta(days=6), assigned_on=applied + datetime.timedelta(days=4),
            lawyer=lawyers[k % len(lawyers)], status=AidStatus.ASSIGNED))
    AidApplication.objects.bulk_create(aid)

    # 政府购买法律服务: one contract per firm, 4,236,000 yuan (420余万元)
    for firm, amount in zip(firms, CONTRACT_AMOUNTS, strict=False):
        c = ServiceContract.objects.create(
            unit=justice, firm=firm, number=f"郧司购〔2019〕{firm.code}", signed_on=datetime.date(2019, 1, 10),
            start=START, end=END, amount=amount, scope_text="律师进乡村“二四六”公共法律服务",
            accepted_on=datetime.date(2019, 12, 28), acceptance="考核合格")
        ContractPayment.objects.bulk_create([
            ContractPayment(contract=c, label="首付款", due_on=datetime.date(2019, 3, 31), amount=amount / 2,
                            paid_on=datetime.date(2019, 3, 28), accepted_on=datetime.date(2019, 3, 25),
                            acceptance="一季度履约考核合格"),
            ContractPayment(contract=c, label="验收后尾款", due_on=datetime.date(2019, 12, 31), amount=amount / 2,
                            paid_on=datetime.date(2019, 12, 30), accepted_on=datetime.date(2019, 12, 20),
                            acceptance="年度履约验收合格")])
    for source in ("legal_services.lawyer", "legal_services.agreement", "legal_services.contract"):
        search.index_missing(source)  # the bulk-created records, found by staff search like those entered on pages
    if stdout is not None:
        stdout.write(f"公共法律服务：{len(lawyers)}名律师、{len(logs)}条服务日志、{len(aid)}件法律援助")
