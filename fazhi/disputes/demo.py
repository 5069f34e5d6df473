"""Demo records consistent with the seed (六): administrative, people's and judicial mediation across the county;
the two leading groups (the housing-developer disputes handled case by case; private-lending and illegal-fundraising
risks); petitions of 2019 in which the 包联 lawyers took part (224 difficult, 374 general); the petition hall's
legal duty (11 lawyers, 550余 visitors, 170余 general and 17 difficult disputes).

Fast (bulk_create) and idempotent: nothing is created when the demo's industry committee exists already. The
lawyers are the user accounts with the lawyer role (created by the legal-services demo); none → no links.
"""
import datetime
import random

from django.db import transaction

from fazhi.core.models import NumberSequence
from fazhi.core.numbering import format_number
from fazhi.core.text import compare_key
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User

from .choices import (
    CaseSource,
    CaseStatus,
    Category,
    Channel,
    ClusterKind,
    DisputeType,
    Gender,
    GroupPost,
    HouseholdStatus,
    MediationKind,
    OrgCategory,
    Outcome,
    PetitionLevel,
    PetitionStatus,
)
from .models import (
    ClusterHousehold,
    ClusterMeeting,
    ClusterMember,
    DisputeCluster,
    HallDuty,
    MediationCase,
    MediationOrg,
    MediationReturn,
    MediationReturnLine,
    MediationStep,
    Mediator,
    Petition,
    PetitionContact,
)

YEAR = 2019
MARKER = "郧西县劳动人事争议人民调解委员会"
LAWYER_DIFFICULT, LAWYER_GENERAL, OTHER_PETITIONS = 224, 374, 180
HALL_LAWYERS, HALL_VISITORS, HALL_GENERAL, HALL_DIFFICULT = 11, 553, 172, 17
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "明华建国秀兰志强玉梅海军丽娟德福春生"

INDUSTRY = [("郧西县劳动人事争议人民调解委员会", "劳资"), ("郧西县医疗纠纷人民调解委员会", "医患"),
            ("郧西县物业纠纷人民调解委员会", "物业")]
ADMIN = [("D-GAJ", "治安"), ("D-ZJJ", "房产"), ("D-ZRZYJ", "土地权属"), ("D-SCJ", "食品药品"), ("D-HBJ", "污染防治"),
         ("D-XFJ", "信访")]
ADMIN_TYPES = {"D-ZJJ": DisputeType.HOUSING, "D-ZRZYJ": DisputeType.LAND, "D-SCJ": DisputeType.FOOD_DRUG,
               "D-HBJ": DisputeType.POLLUTION, "D-GAJ": DisputeType.NEIGHBOUR, "D-XFJ": DisputeType.OTHER}


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _day(rng, start=datetime.date(YEAR, 1, 7), span=330):
    return start + datetime.timedelta(days=rng.randrange(span))


def load(*, scale=1, stdout=None):
    if not MediationOrg.objects.filter(name=MARKER).exists():
        justice = OrgUnit.objects.filter(code="D-SFJ").first()
        if justice is None:
            return
        with transaction.atomic():
            _load(justice, scale)
    with transaction.atomic():
        _cluster_details()


# The two clusters' leading groups, meetings and households (一户一档) --------------------------------

GROUPS = {
    "商品房开发商与购房户矛盾纠纷差异化处理": {
        "members": [(GroupPost.LEADER, "G-YX", "常务副县长"), (GroupPost.DEPUTY, "D-ZJJ", "局长"),
                    (GroupPost.DEPUTY, "D-XFJ", "局长"), (GroupPost.MEMBER, "D-ZRZYJ", "分管副局长"),
                    (GroupPost.MEMBER, "D-SFJ", "分管副局长"), (GroupPost.MEMBER, "D-GAJ", "分管副局长")],
        "meetings": [((3, 15), "常务副县长", "领导小组全体成员、各开发企业负责人", "逾期交房楼盘摸底排查",
                      "各楼盘建立一户一档，住建局牵头，一盘一策制定化解方案"),
                     ((6, 20), "常务副县长", "领导小组成员单位分管负责人、律师代表", "逾期交房补偿标准和办证问题",
                      "按合同约定计付违约金；自然资源和规划局限期办理不动产登记"),
                     ((11, 8), "住建局局长", "领导小组成员单位联络员", "未化解户逐户研判",
                      "剩余未化解户由包户单位逐户上门，12月底前完成")],
        "request": ["逾期交房违约金", "延期办理不动产权证", "小区配套设施未按规划建设", "物业服务收费争议"],
        "counts": (28, 5, 3), "handlers": ["D-ZJJ", "D-ZRZYJ", "D-XFJ"], "amount": (8000, 60000),
    },
    "化解民间融资风险和打击处置非法集资": {
        "members": [(GroupPost.LEADER, "D-GAJ", "局长"), (GroupPost.DEPUTY, "D-SCJ", "局长"),
                    (GroupPost.MEMBER, "D-SFJ", "分管副局长"), (GroupPost.MEMBER, "D-XFJ", "分管副局长")],
        "meetings": [((4, 10), "公安局局长", "领导小组全体成员、人民银行郧西支行", "民间融资风险排查研判",
                      "建立风险台账，对涉众借贷逐户登记债权"),
                     ((9, 25), "公安局局长", "领导小组成员单位分管负责人", "涉案资产追缴和清退方案",
                      "按债权比例分批清退，清退进度每月通报")],
        "request": ["归还借款本金", "追回集资款", "按约定支付利息"],
        "counts": (15, 6, 3), "handlers": ["D-GAJ", "D-SCJ"], "amount": (20000, 300000),
    },
}


def _cluster_details():
    """Idempotent: a cluster that has meetings already is left alone."""
    rng = random.Random(2020)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={c for g in GROUPS.values()
                                                                 for c in [*g["handlers"], *(m[1] for m in g["members"])]})}
    for name, plan in GROUPS.items():
        cluster = DisputeCluster.objects.filter(name=name).first()
        if cluster is None or cluster.meetings.exists() or not units:
            continue
        cluster.member_units.set([units[c] for _p, c, _t in plan["members"] if c in units and units[c] != cluster.unit])
        ClusterMember.objects.bulk_create([
            ClusterMember(cluster=cluster, post=post, unit=units[code], title=title, from_on=cluster.set_up_on)
            for post, code, title in plan["members"] if code in units])
        ClusterMeeting.objects.bulk_create([
            ClusterMeeting(cluster=cluster, held_on=datetime.date(YEAR, m, d), chair=chair, attendees=who,
                           topics=topics, decisions=decisions)
            for (m, d), chair, who, topics, decisions in plan["meetings"]])
        cases = list(cluster.cases.order_by("pk"))
        petitions = list(cluster.petitions.order_by("pk"))
        statuses = ([HouseholdStatus.RESOLVED] * plan["counts"][0] + [HouseholdStatus.HANDLING] * plan["counts"][1]
                    + [HouseholdStatus.OPEN] * plan["counts"][2])
        handlers = [units[c] for c in plan["handlers"] if c in units] or [cluster.unit]
        households, taken = [], set()
        for i, status in enumerate(statuses):
            case = cases[i] if i < len(cases) else None
            person = case.parties.splitlines()[0] if case is not None else _name(rng)
            while compare_key(person) in taken:
                person = _name(rng)
            taken.add(compare_key(person))
            low, high = plan["amount"]
            households.append(ClusterHousehold(
                cluster=cluster, name=person, name_key=compare_key(person), request=plan["request"][i % len(plan["request"])],
                amount=rng.randrange(low, high, 100), handler=handlers[i % len(handlers)], status=status,
                last_contact_on=datetime.date(YEAR, 12, 1) - datetime.timedelta(days=rng.randrange(0, 90)),
                case=case, petition=petitions[i] if i < len(petitions) else None))
        ClusterHousehold.objects.bulk_create(households)


def _load(justice, scale):
    rng = random.Random(2019)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[c for c, _ in ADMIN] + ["D-FY", "G-YX", "D-XFJ"])}
    townships = list(OrgUnit.objects.filter(kind=UnitKind.TOWNSHIP, is_active=True).order_by("code"))
    villages = list(OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True).order_by("code"))
    term = datetime.date(2018, 1, 1)

    # Organisations and mediators -----------------------------------------------------------------
    orgs = [MediationOrg(unit=v, name=f"{v.name}人民调解委员会", category=OrgCategory.VILLAGE,
                         kind=MediationKind.PEOPLE, term_start=term, term_end=datetime.date(2021, 1, 1))
            for v in villages]
    orgs += [MediationOrg(unit=t, name=f"{t.name}人民调解委员会", category=OrgCategory.TOWNSHIP,
                          kind=MediationKind.PEOPLE, term_start=term, term_end=datetime.date(2021, 1, 1))
             for t in townships]
    orgs += [MediationOrg(unit=justice, name=name, category=OrgCategory.INDUSTRY, kind=MediationKind.PEOPLE,
                          industry=field, term_start=term, term_end=datetime.date(2021, 1, 1))
             for name, field in INDUSTRY]
    orgs += [MediationOrg(unit=units[code], name=f"{units[code].name}行政调解", category=OrgCategory.DEPARTMENT,
                          kind=MediationKind.ADMINISTRATIVE, industry=field) for code, field in ADMIN if code in units]
    if "D-FY" in units:
        orgs.append(MediationOrg(unit=units["D-FY"], name="郧西县人民法院诉调对接中心", category=OrgCategory.COURT,
                                 kind=MediationKind.JUDICIAL))
    MediationOrg.objects.bulk_create(orgs)
    orgs = list(MediationOrg.objects.filter(name__in=[o.name for o in orgs]).select_related("unit"))
    mediators = []
    for o in orgs:
        if o.kind == MediationKind.PEOPLE:
            size = 3 + rng.randrange(3)
            genders = [Gender.FEMALE] + [rng.choice([Gender.MALE, Gender.FEMALE]) for _ in range(size - 1)]
        else:
            genders = [rng.choice([Gender.MALE, Gender.FEMALE]) for _ in range(2)]
        mediators += [Mediator(org=o, name=_name(rng), gender=g, is_member=o.kind == MediationKind.PEOPLE,
                               post="主任" if i == 0 else "委员", trained_on=datetime.date(YEAR, 6, 18),
                               training_hours=16) for i, g in enumerate(genders)]
    Mediator.objects.bulk_create(mediators)

    # Clusters (the seed's two leading groups) ------------------------------------------------------
    housing_lead = units.get("D-ZJJ", justice)
    lending_lead = units.get("D-GAJ", justice)
    housing = DisputeCluster.objects.create(
        unit=housing_lead, name="商品房开发商与购房户矛盾纠纷差异化处理", kind=ClusterKind.HOUSING,
        leading_group="郧西县房地产矛盾纠纷调解工作领导小组",
        description="因未按期交房、房价过高、基础设施不完善、物业纠纷等原因，商品房开发商与购房户之间矛盾纠纷多发，"
                    "业主多次群体上访。", approach="一盘一策、一户一档，差异化处理", set_up_on=datetime.date(YEAR, 3, 12))
    lending = DisputeCluster.objects.create(
        unit=lending_lead, name="化解民间融资风险和打击处置非法集资", kind=ClusterKind.LENDING,
        leading_group="郧西县化解民间融资风险和打击处置非法集资领导小组",
        description="民间借贷纠纷和非法集资风险预防研判、案件处置。",
        approach="预防研判与案件处置相结合", set_up_on=datetime.date(YEAR, 4, 2))

    # Mediation cases 2019 ------------------------------------------------------------------------
    people = [o for o in orgs if o.kind == MediationKind.PEOPLE]
    admin = [o for o in orgs if o.kind == MediationKind.ADMINISTRATIVE]
    court = [o for o in orgs if o.kind == MediationKind.JUDICIAL]
    industry_type = {"劳资": DisputeType.LABOUR, "医患": DisputeType.MEDICAL, "物业": DisputeType.PROPERTY_MGMT}
    cases, n = [], 0
    housing_org = next((o for o in admin if o.unit.code == "D-ZJJ"), admin[0] if admin else people[0])
    lending_org = next((o for o in admin if o.unit.code == "D-GAJ"), admin[0] if admin else people[0])
    plan = [(rng.choice(people), None) for _ in range(320 * scale)] + [(rng.choice(admin), None)
                                                                       for _ in range(60 * scale)]
    plan += [(court[0], None) for _ in range(20 * scale)] if court else []
    plan += [(housing_org, housing) for _ in range(36)] + [(lending_org, lending) for _ in range(24)]
    for org, cluster in plan:
        n += 1
        day = _day(rng)
        if cluster is housing:
            dtype = DisputeType.HOUSING
        elif cluster is lending:
            dtype = DisputeType.LENDING
        elif org.category == OrgCategory.INDUSTRY:
            dtype = industry_type.get(org.industry, DisputeType.OTHER)
        elif org.kind == MediationKind.ADMINISTRATIVE:
            dtype = ADMIN_TYPES.get(org.unit.code, DisputeType.OTHER)
        else:
            dtype = rng.choice([DisputeType.NEIGHBOUR, DisputeType.FAMILY, DisputeType.LAND, DisputeType.POVERTY])
        roll = rng.random()
        status = CaseStatus.EFFECTIVE if roll < 0.9 else (CaseStatus.FAILED if roll < 0.97 else CaseStatus.REFUSED)
        done = day + datetime.timedelta(days=rng.randrange(3, 28))
        source = CaseSource.SCREENING if rng.random() < 0.3 else rng.choice(list(CaseSource.values))
        if org.kind == MediationKind.JUDICIAL:
            source = CaseSource.COURT
        cases.append(MediationCase(
            org=org, unit=org.unit, kind=org.kind, number=format_number("郧西调", YEAR, n),
            title={DisputeType.HOUSING: "逾期交房纠纷", DisputeType.LENDING: "民间借贷纠纷"}.get(dtype, "矛盾纠纷"),
            dispute_type=dtype, source=source, parties=f"{_name(rng)}\n{_name(rng)}", registered_on=day,
            target_due=day + datetime.timedelta(days=30), status=status, cluster=cluster,
            households=rng.randrange(1, 40) if cluster is housing else 1,
            agreed_on=done if status == CaseStatus.EFFECTIVE else None,
            effective_on=done if status == CaseStatus.EFFECTIVE else None,
            agreement_issues="争议事项" if status == CaseStatus.EFFECTIVE else "",
            agreement_responsibilities="各自承担相应责任" if status == CaseStatus.EFFECTIVE else "",
            agreement_terms="双方达成一致" if status == CaseStatus.EFFECTIVE else "",
            performance="协议签订后30日内履行完毕" if status == CaseStatus.EFFECTIVE else "",
            confirmation_due=done + datetime.timedelta(days=30)
            if status == CaseStatus.EFFECTIVE and org.kind == MediationKind.PEOPLE else None,
            confirmation_applied_on=done + datetime.timedelta(days=5)
            if status == CaseStatus.EFFECTIVE and org.kind == MediationKind.PEOPLE and rng.random() < 0.2 else None,
            failed_on=done if status == CaseStatus.FAILED else None,
            routes_told="可以依法通过仲裁、行政、司法等途径维护权利" if status == CaseStatus.FAILED else "",
            refused_on=day if status == CaseStatus.REFUSED else None,
            refused_by="一方当事人" if status == CaseStatus.REFUSED else ""))
    MediationCase.objects.bulk_create(cases)
    NumberSequence.objects.update_or_create(prefix="郧西调", year=YEAR, defaults={"last_number": n})
    saved = MediationCase.objects.filter(number__startswith="郧西调〔2019〕").values_list("pk", "org_id", "kind",
                                                                                      "registered_on", "status")
    label = {CaseStatus.EFFECTIVE: "协议生效", CaseStatus.FAILED: "调解终止", CaseStatus.REFUSED: "拒绝调解"}
    MediationStep.objects.bulk_create(
        [MediationStep(case_id=pk, org_id=org_id, kind=kind, occurred_on=day, label="受理", text="受理")
         for pk, org_id, kind, day, _s in saved]
        + [MediationStep(case_id=pk, org_id=org_id, kind=kind, occurred_on=day, label=label[s], text=label[s])
           for pk, org_id, kind, day, s in saved if s in label])
    for o in [o for o in orgs if o.category == OrgCategory.TOWNSHIP][:18]:
        rep = MediationReturn.objects.create(org=o, year=YEAR, accepted=40, succeeded=37, screenings=24, found=31)
        MediationReturnLine.objects.bulk_create([
            MediationReturnLine(report=rep, dispute_type=DisputeType.NEIGHBOUR, accepted=22, succeeded=21),
            MediationReturnLine(report=rep, dispute_type=DisputeType.FAMILY, accepted=10, succeeded=9),
            MediationReturnLine(report=rep, dispute_type=DisputeType.LAND, accepted=8, succeeded=7)])

    # Petitions 2019 -------------------------------------------------------------------------------
    office = units.get("D-XFJ", justice)
    handlers = [u for code, u in units.items() if code not in ("D-FY", "G-YX")] + townships
    lawyers = list(User.objects.filter(grants__role__code="lawyer", is_active=True).distinct().order_by("username"))
    levels = ([PetitionLevel.DIFFICULT] * LAWYER_DIFFICULT + [PetitionLevel.GENERAL] * LAWYER_GENERAL
              + [PetitionLevel.GENERAL] * OTHER_PETITIONS) if lawyers else [PetitionLevel.GENERAL] * OTHER_PETITIONS
    prefix = f"{office.short_name or office.name}信"
    petitions, codes = [], set()
    for i, level in enumerate(levels, start=1):
        received = _day(rng, span=300)
        routed = received + datetime.timedelta(days=rng.randrange(1, 12))
        accepted = routed + datetime.timedelta(days=rng.randrange(1, 12))
        answered = accepted + datetime.timedelta(days=rng.randrange(15, 58))
        name, phone = _name(rng), f"139{rng.randrange(10**8):08d}"
        code = f"D{i:07d}"
        codes.add(code)
        in_housing = i % 25 == 0
        petitions.append(Petition(
            unit=housing_lead if in_housing else rng.choice(handlers), office=office,
            number=format_number(prefix, YEAR, i), receipt_code=code,
            channel=rng.choice(list(Channel.values)), petitioner_name=name, petitioner_key=compare_key(name),
            phone=phone, phone_key=phone, persons=rng.randrange(5, 30) if in_housing else 1,
            event_on=received - datetime.timedelta(days=rng.randrange(10, 200)), received_on=received,
            category=rng.choice([Category.OLD_COMPLAINT, Category.OLD_COMPLAINT, Category.OLD_SUGGESTION,
                                 Category.OLD_REPORT]),
            level=level, request="请求依法解决" + ("逾期交房问题" if in_housing else "相关诉求"), facts="（演示数据）",
            leader_in_charge="县领导包案" if level == PetitionLevel.DIFFICULT else "",
            cluster=housing if in_housing else None, status=PetitionStatus.ANSWERED,
            repeat_count=rng.choice([0, 0, 0, 1, 2]),
            route_due=received + datetime.timedelta(days=15), routed_on=routed,
            accept_due=routed + datetime.timedelta(days=15), accepted_on=accepted, notified_on=accepted,
            handle_due=accepted + datetime.timedelta(days=60), answered_on=answered,
            outcome=rng.choice(list(Outcome.values)), opinion_facts="经调查核实", opinion_reasons="依据相关规定",
            opinion_decision="依法作出处理", legal_basis="《信访条例》第三十二条",
            review_request_due=answered + datetime.timedelta(days=30)))
    Petition.objects.bulk_create(petitions)
    NumberSequence.objects.update_or_create(prefix=prefix, year=YEAR, defaults={"last_number": len(petitions)})
    saved = list(Petition.objects.filter(receipt_code__in=codes).order_by("pk").values_list("pk", "channel",
                                                                                           "received_on"))
    PetitionContact.objects.bulk_create([PetitionContact(petition_id=pk, channel=ch, received_on=day)
                                         for pk, ch, day in saved])
    if lawyers:
        through = Petition.lawyers.through
        with_lawyer = saved[:LAWYER_DIFFICULT + LAWYER_GENERAL]
        through.objects.bulk_create([through(petition_id=pk, user_id=lawyers[i % len(lawyers)].pk)
                                     for i, (pk, _c, _d) in enumerate(with_lawyer)])
        # the petition hall's duty lawyers (访前法律工作室)
        duty_lawyers = lawyers[:HALL_LAWYERS]
        shifts = 50
        duties = []
        for i in range(shifts):
            duties.append(HallDuty(unit=office, lawyer=duty_lawyers[i % len(duty_lawyers)],
                                   day=datetime.date(YEAR, 1, 7) + datetime.timedelta(days=7 * i),
                                   visitors=HALL_VISITORS // shifts + (1 if i < HALL_VISITORS % shifts else 0),
                                   general_disputes=HALL_GENERAL // shifts + (1 if i < HALL_GENERAL % shifts else 0),
                                   difficult_disputes=1 if i < HALL_DIFFICULT else 0,
                                   advice="解答法律咨询，引导依法逐级走访"))
        HallDuty.objects.bulk_create(duties)
