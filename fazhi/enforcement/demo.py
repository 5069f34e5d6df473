"""Demo records consistent with the seed (§四): the 2019 certificate campaign after the institutional reform
(700多名 officers checked against the staffing register, trained and re-issued certificates), the
enforcement bodies, their random-inspection lists, and cases run through the real procedure.

Deterministic and idempotent: everything hangs off the bodies, which are looked up by name; a second
run creates nothing. ``scale`` multiplies the number of cases.
"""
import datetime
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from fazhi.core import clock
from fazhi.orgs import services as org_services
from fazhi.orgs.models import OrgUnit, User
from fazhi.powers import selectors as power_selectors

from . import services
from .choices import CaseKind, CaseStatus, CertificateStatus, CoerciveMeasure, MajorReason, PartyKind, Step
from .models import Case, EnforcementBody, Officer, Training

CAMPAIGN_ISSUED = datetime.date(2019, 9, 30)
CAMPAIGN_TRAINING = datetime.date(2019, 9, 24)
RENEWAL_ISSUED = datetime.date(2024, 9, 30)
OFFICERS_2019 = 736  # "700多名需要换发和申领行政执法证件的工作人员"

# (department code, body name suffix, legal basis, powers, officer share)
BODIES = [
    ("D-SCJ", "《中华人民共和国行政处罚法》《中华人民共和国食品安全法》《中华人民共和国产品质量法》",
     "对销售不符合食品安全标准的食品的处罚\n对无照经营的处罚\n对销售不合格产品的处罚", 120),
    ("D-CGJ", "《城市市容和环境卫生管理条例》《湖北省城市市容和环境卫生管理条例》",
     "对违法建设的处罚及强制拆除\n对占道经营的处罚", 70),
    ("D-ZRZYJ", "《中华人民共和国土地管理法》《中华人民共和国矿产资源法》", "对非法占用土地的处罚\n对无证采矿的处罚", 55),
    ("D-HBJ", "《中华人民共和国环境保护法》《中华人民共和国大气污染防治法》", "对超标排放污染物的处罚\n查封扣押造成污染的设施", 40),
    ("D-ZJJ", "《中华人民共和国建筑法》《建设工程质量管理条例》", "对未取得施工许可擅自施工的处罚", 35),
    ("D-JTJ", "《中华人民共和国道路运输条例》《中华人民共和国公路法》", "对未取得道路运输经营许可的处罚", 50),
    ("D-SLJ", "《中华人民共和国水法》《中华人民共和国河道管理条例》", "对河道非法采砂的处罚", 25),
    ("D-NYJ", "《中华人民共和国农产品质量安全法》《农药管理条例》", "对经营假劣农药的处罚", 40),
    ("D-WLJ", "《娱乐场所管理条例》《互联网上网服务营业场所管理条例》", "对违规经营网吧的处罚", 25),
    ("D-WJJ", "《中华人民共和国医师法》《公共场所卫生管理条例》", "对非法行医的处罚", 35),
    ("D-YJJ", "《中华人民共和国安全生产法》", "对未按规定进行安全培训的处罚", 30),
    ("D-LYJ", "《中华人民共和国森林法》", "对滥伐林木的处罚", 40),
    ("D-RSJ", "《劳动保障监察条例》", "对拖欠劳动者工资的处罚", 20),
    ("D-SFJ", "《中华人民共和国律师法》《法律援助条例》", "对律师事务所违规执业的处罚", 25),
    ("D-GAJ", "《中华人民共和国治安管理处罚法》", "对违反治安管理行为的处罚", 126),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国华明伟芳军勇静丽强磊洋艳杰涛斌超秀英娟平刚桂兰红玉春海波霞鹏飞敏燕文雪梅志强德福"


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _id_number(i):
    return f"4203221970{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i:04d}"[:18].ljust(18, "0")


def _bodies(stdout):
    created = []
    for code, basis, powers, _share in BODIES:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or EnforcementBody.objects.filter(name=unit.name).exists():
            continue
        created.append(EnforcementBody.objects.create(
            unit=unit, name=unit.name, legal_basis=basis, powers=powers,
            procedures="立案 → 调查取证 → 告知 → 陈述申辩/听证 → 法制审核（重大） → 决定 → 送达 → 执行 → 结案",
            major_catalogue="涉及重大公共利益；经过听证程序；案件情况疑难复杂、涉及多个法律关系；罚没数额5万元以上"))
    return created


def _campaign(office, rng):
    """The 2019 re-issue: the whole list checked and imported in one go, with the training hours."""
    rows = []
    i = 0
    for code, _basis, _powers, share in BODIES:
        for _k in range(share):
            i += 1
            rows.append({"name": _name(rng), "id_number": _id_number(i), "unit_code": code,
                         "post": rng.choice(["执法人员", "执法大队队员", "科员", "副大队长"]),
                         "staffing": rng.choice(["administrative", "administrative", "civil_service_managed"]),
                         "certificate_no": f"4203222019{i:04d}", "issued_on": CAMPAIGN_ISSUED, "valid_until": None,
                         "exam_score": rng.randint(64, 98), "legal_qualification": i % 37 == 0 or code == "D-SFJ",
                         "training_hours": Decimal("24"), "training_title": "2019年全县行政执法业务培训（机构改革换证）",
                         "training_on": CAMPAIGN_TRAINING})
    return services.officers_import(actor=office, rows=rows[:OFFICERS_2019])


def _renewal_2024(office):
    """Five years on: certificates re-issued, a few withdrawn on retirement, the yearly training."""
    officers = list(Officer.objects.order_by("pk"))
    for n, officer in enumerate(officers):
        if n % 29 == 28:
            services.officer_set_status(actor=office, officer=officer, status=CertificateStatus.WITHDRAWN,
                                        reason="退休，收回执法证")
    services.certificates_renew(actor=office, officers=officers, issued_on=RENEWAL_ISSUED,
                                valid_until=datetime.date(2029, 9, 29),
                                number=lambda o: o.certificate_no.replace("2019", "2024", 1))
    Training.objects.bulk_create(Training(officer=o, title="年度行政执法人员轮训", held_on=datetime.date(2025, 5, 20),
                                          hours=Decimal("40"), provider="县司法局") for o in officers[::3])


def _users(office, market, justice):
    officer_user = User.objects.get(username="officer")
    reviewer_user = User.objects.get(username="reviewer")
    mine = Officer.objects.filter(unit=market).order_by("pk")
    services.officer_update(actor=office, officer=mine[0], user=officer_user)
    legal = Officer.objects.filter(unit=justice, legal_qualification=True).order_by("pk").first()
    services.officer_update(actor=office, officer=legal, user=reviewer_user)
    org_services.role_grant(actor=None, user=reviewer_user, role_code="reviewer", unit=market)
    return officer_user, reviewer_user, list(mine[1:6])


def _upload(name):
    # a minimal MP4 header (ftyp box), so the upload policy sees a real recording
    header = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return SimpleUploadedFile(name, header + f"demo recording {name}".encode(), content_type="video/mp4")


CASE_TITLES = [
    (CaseKind.PENALTY, "销售超过保质期的食品案", Decimal("3000")),
    (CaseKind.PENALTY, "无照经营案", Decimal("2000")),
    (CaseKind.PENALTY, "销售不合格电线电缆案", Decimal("20000")),
    (CaseKind.LICENSING, "食品经营许可申请", Decimal("0")),
    (CaseKind.INSPECTION, "农贸市场食品安全“双随机”检查", Decimal("0")),
    (CaseKind.COERCION, "查封扣押过期食品", Decimal("0")),
]


def _power(body, kind, day, i, title):
    """The listed power the case exercises: one of the body's unit's items of the case's category."""
    items = list(power_selectors.items_in_force(unit=body.unit, day=day, category=kind)[:50])
    if not items:
        return {"power_code": "", "power_name": title.rstrip("案")}
    return {"power_code": items[i % len(items)].item.code, "power_name": ""}


def _run_case(i, body, officer_user, reviewer_user, team, rng, start):
    kind, title, fine = CASE_TITLES[i % len(CASE_TITLES)]
    person = _name(rng)
    phone = f"139{rng.randint(10000000, 99999999)}"
    party = {"kind": PartyKind.PERSON, "name": person, "id_number": f"42032219{rng.randint(70, 99)}0101{i:04d}",
             "phone": phone, "address": f"城关镇{rng.randint(1, 9)}组{rng.randint(1, 80)}号", "is_minor": i % 23 == 7}
    if kind == CaseKind.LICENSING:
        party = {"kind": PartyKind.ORGANISATION, "name": f"郧西县{rng.choice(['好又多', '万家', '惠民'])}超市{i}号店",
                 "representative_name": ["刘明远", "陈志刚", "杨国庆"][i % 3]}
    day = start
    measure = CoerciveMeasure.SEIZURE if kind == CaseKind.COERCION else ""
    major = [MajorReason.PUBLIC_INTEREST] if i % 11 == 3 and kind == CaseKind.PENALTY else []
    case = services.case_register(
        actor=officer_user, body=body, kind=kind, title=f"{person}{title}" if kind != CaseKind.LICENSING else title,
        registered_on=day, facts=f"经查，当事人{party['name']}{'（电话' + phone + '）' if kind != CaseKind.LICENSING else ''}"
                                 f"存在{title.rstrip('案')}的行为。",
        officers=[team[i % len(team)]], parties=[party], coercive_measure=measure, major_reasons=major,
        **_power(body, kind, day, i, title))

    def step(action, days, text, **data):
        nonlocal case, day
        day = day + datetime.timedelta(days=days)
        actor = reviewer_user if action.startswith("review") else officer_user
        case = services.case_transition(actor=actor, case=case, action=action, on=day, text=text,
                                        backdate_reason="演示数据：根据2019年纸质案卷补录", **data)

    step("investigate", 1, "现场检查，出示执法证件，制作现场笔录和询问笔录")
    if measure:
        services.record_add(actor=officer_user, case=case, step=Step.INVESTIGATE, act="seizure",
                            text="对过期食品实施查封扣押，全程录像", occurred_on=day, upload=_upload(f"查封{i}.mp4"))
    if i % 17 == 16:
        return case  # still being investigated (shows as overdue when old)
    if kind == CaseKind.PENALTY:
        step("notify", 5, f"告知拟罚款{fine}元及事实、理由、依据和陈述申辩、听证权利", fine_amount=fine)
        if fine >= Decimal("10000"):
            step("request_hearing", 2, "当事人申请听证", hearing_kind="hearing",
                 hearing_on=day + datetime.timedelta(days=14))
            day = day + datetime.timedelta(days=14)
        else:
            day = max(day + datetime.timedelta(days=8), case.statement_due)
        if case.is_major:
            step("submit_review", 1, "提交法制审核")
            step("review_pass", 2, "执法主体合法，事实清楚，证据确凿，适用依据正确，程序合法，同意")
    step("decide", 2, "作出决定", decision=f"对{party['name']}{'罚款' + str(fine) + '元' if fine else '依法作出决定'}。")
    publication = case.publication
    if publication.status == "pending":
        late = i % 19 == 5
        on = publication.due_on + datetime.timedelta(days=3) if late else day + datetime.timedelta(days=2)
        on = min(on, clock.today())
        late = on > publication.due_on
        services.decision_publish(actor=officer_user, case=case, on=on, late_reason="公示系统升级，延迟公示" if late else "")
    step("serve", 1, "直接送达，当事人签收")
    if kind in (CaseKind.PENALTY, CaseKind.COERCION):
        step("execute", 10, "当事人缴纳罚款" if kind == CaseKind.PENALTY else "依法处理查封物品",
             upload=_upload(f"执行{i}.mp4") if measure else None)
    step("close", 2, "结案归档")
    if (i % 13 == 9 and case.publication.status == "published"
            and day + datetime.timedelta(days=31) <= clock.today()):
        services.decision_revoke(actor=officer_user, case=case, reason="行政复议决定撤销", on=day + datetime.timedelta(days=30))
        services.publication_withdraw(actor=officer_user, case=case, on=day + datetime.timedelta(days=31))
    return case


def load(*, scale=1, stdout=None):
    market = OrgUnit.objects.filter(code="D-SCJ").first()
    if market is None or EnforcementBody.objects.filter(unit=market).exists():
        if stdout is not None:
            stdout.write("行政执法：新增 0 个执法主体、0 名执法人员、0 件案件。")
        return {"bodies": 0, "officers": 0, "cases": 0}
    with transaction.atomic():
        office = User.objects.get(username="fzb")
        rng = random.Random(2019)
        bodies = _bodies(stdout)
        imported = _campaign(office, rng)
        justice = OrgUnit.objects.get(code="D-SFJ")
        for b in bodies:
            services.inspection_save(actor=office, body=b, name=f"{b.unit.short_name or b.name}日常监督检查",
                                     basis=b.legal_basis, targets="辖区内监管对象", ratio="每年不低于5%", year=2019)
        officer_user, reviewer_user, team = _users(office, market, justice)
        body = EnforcementBody.objects.get(unit=market)
        n_cases = 30 * scale
        for i in range(n_cases):
            start = datetime.date(2019, 10, 8) + datetime.timedelta(days=(i * 2) % 60)
            _run_case(i, body, officer_user, reviewer_user, team, rng, start)
        evaluated = Case.objects.filter(status=CaseStatus.CLOSED, registered_on__year=2019).order_by("pk")[:10]
        for j, case in enumerate(evaluated):
            services.evaluation_add(actor=office, case=case, evaluated_on=datetime.date(2019, 12, 20),
                                    subject_score=20, facts_score=20 + j % 5, law_score=16 + j % 4,
                                    procedure_score=20 + j % 6, documents_score=7 + j % 3,
                                    comments="案卷材料齐全" if j % 3 else "询问笔录签名不全")
        _renewal_2024(office)
        today = clock.today()
        recent = today - datetime.timedelta(days=60)
        team = [Officer.objects.get(pk=o.pk) for o in team]
        for i in range(n_cases, n_cases + 4 * scale):
            _run_case(i, body, officer_user, reviewer_user, team, rng, recent)
    if stdout is not None:
        stdout.write(f"行政执法：{len(bodies)} 个执法主体，{imported['created']} 名执法人员（2019年换证），"
                     f"{Case.objects.count()} 件案件。")
    return {"bodies": len(bodies), "officers": imported["created"], "cases": Case.objects.count()}
