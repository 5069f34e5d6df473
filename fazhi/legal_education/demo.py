"""Demo records consistent with the seed (§三 五是): 77 departments' accepted 普法责任清单 for 2019; 62 “法律六进”
events; the 2019 online law exam — 75 units, 2,350 staff, 2,303 passed (98.0%); 6 sites named 省级法治文化建设示范点
in 2019; 20 units in the province's “四个100”; the county's 常务会会前学法. Plus the demo question bank (written for
this platform, loaded through the messy-text importer) and an exam open now for the demo personas' units.

Deterministic and idempotent (everything hangs off the bank, looked up by name). Bulk inserts keep it fast: the
2019 results are the examinees' graded attempts as imported from the provincial system (no answer rows).
"""
import datetime
import random
import re
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from fazhi.core import clock, search
from fazhi.core.text import compare_key
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User

from .choices import (
    SIX_KINDS,
    ActivityKind,
    AttemptStatus,
    CaseStatus,
    DutyListStatus,
    ExamStatus,
    PaperMode,
    PlanCycle,
    SiteLevel,
    StudyKind,
)
from .models import (
    Activity,
    Attempt,
    CaseExplanation,
    CasePerson,
    CultureSite,
    DutyItem,
    DutyList,
    Exam,
    Honour,
    Programme,
    Question,
    QuestionBank,
    StudySession,
)
from .services.importer import parse_text

BANK_NAME = "郧西县国家工作人员学法用法考试题库"
DATA = Path(__file__).parent / "data" / "demo_questions.txt"
TZ = clock.COUNTY_TZ
RULES = [{"kind": "single", "count": 25, "points": 2}, {"kind": "multiple", "count": 10, "points": 2},
         {"kind": "judge", "count": 15, "points": 2}]
EXAMINEES, PASSED, EXAM_UNITS = 2350, 2303, 75

LAWS = ["《中华人民共和国宪法》", "《中华人民共和国行政处罚法》", "《中华人民共和国行政许可法》", "《中华人民共和国人民调解法》",
        "《中华人民共和国法律援助法》", "《重大行政决策程序暂行条例》", "《中华人民共和国政府信息公开条例》"]
SITES = [("郧西县宪法主题公园", "T01"), ("上津古镇法治文化长廊", "T02"), ("天河法治广场", "T01"),
         ("城关镇法治文化书屋", "T01"), ("郧西县青少年法治教育基地", "T01"), ("土门镇法治文化小游园", "T02")]


# 以案释法 cases written for the demo (the persons are invented; their names are masked when published)
CASES = [
    ("邻里宅基地纠纷经调解达成协议", "《中华人民共和国人民调解法》第三十三条",
     "村民陈志远与邻居刘秀英因宅基地界址发生纠纷，经村人民调解委员会调解达成协议，双方共同申请司法确认。",
     "经人民调解委员会调解达成的调解协议，双方当事人可以自协议生效之日起三十日内共同向人民法院申请司法确认；"
     "人民法院确认有效后，一方拒绝履行的，对方可以申请强制执行。", ["陈志远", "刘秀英"]),
    ("超市销售过期食品被处罚", "《中华人民共和国食品安全法》第一百二十四条",
     "某超市经营者赵德明销售超过保质期的食品，被市场监管部门没收违法所得并处罚款。",
     "经营超过保质期的食品属于法律禁止的行为，由县级以上人民政府食品安全监督管理部门没收违法所得和违法经营的食品，"
     "并依法处以罚款。", ["赵德明"]),
    ("农民工讨薪获得法律援助", "《中华人民共和国法律援助法》第三十一条",
     "农民工孙海波被拖欠劳动报酬，因经济困难无力委托律师，向县法律援助中心申请法律援助，中心指派律师代理，最终追回工资。",
     "当事人因经济困难没有委托代理人的，可以就请求支付劳动报酬事项向法律援助机构申请法律援助。", ["孙海波"]),
]


def split_law(law):
    m = re.match(r"^(《[^》]+》)(第.+条)?$", law or "")
    return (m.group(1), m.group(2) or "") if m else (law, "")


def load(*, scale=1, stdout=None):
    if QuestionBank.objects.filter(name=BANK_NAME).exists():
        return {"created": 0}
    rng = random.Random(2019)
    gov = OrgUnit.objects.get(code="G-YX")
    justice = OrgUnit.objects.get(code="D-SFJ")
    depts = list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("sort_order", "code"))
    places = list(OrgUnit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.VILLAGE]).order_by("code")[:200])
    townships = {u.code: u for u in OrgUnit.objects.filter(kind=UnitKind.TOWNSHIP)}
    with transaction.atomic():
        bank = QuestionBank.objects.create(name=BANK_NAME, unit=justice, description="依据法律条文自行编写的演示试题")
        rows = []
        for p in parse_text(DATA.read_text(encoding="utf-8")):
            law, article = split_law(p.law)
            rows.append(Question(bank=bank, kind=p.kind, stem=p.stem, options=p.options, answer=p.answer, point=p.point,
                                 explanation=p.explanation, law=law, article=article, key=compare_key(p.stem)[:200],
                                 tags=p.point, difficulty=2))
        Question.objects.bulk_create(rows)

        # 2019 duty lists: every department, accepted
        lists = DutyList.objects.bulk_create([
            DutyList(unit=d, cycle=PlanCycle.SEVENTH, year=2019, status=DutyListStatus.ACCEPTED,
                     submitted_on=datetime.date(2019, 3, 1) + datetime.timedelta(days=i % 20),
                     reviewed_on=datetime.date(2019, 3, 25) + datetime.timedelta(days=i % 10))
            for i, d in enumerate(depts)])
        DutyItem.objects.bulk_create([
            DutyItem(duty_list=dl, law=LAWS[(i + k) % len(LAWS)], content="宣传法律的主要内容和与本单位职责相关的条款",
                     audience=["本单位干部职工", "管理服务对象", "社会公众"][k], measures="以案释法、集中宣讲、发放资料",
                     post="法规股", timing=["全年", "3月、12月", "宪法宣传周"][k])
            for i, dl in enumerate(lists) for k in range(3)])

        # 62 “法律六进” events in 2019
        Activity.objects.bulk_create([
            Activity(kind=SIX_KINDS[i % len(SIX_KINDS)], title=f"{dict(ActivityKind.choices)[SIX_KINDS[i % 6]]}集中宣传活动（第{i + 1}场）",
                     unit=depts[i % len(depts)], held_on=datetime.date(2019, 1 + i % 12, 1 + (i * 7) % 27),
                     place=places[i % len(places)] if places else None, audience=80 + (i * 37) % 400,
                     laws=LAWS[i % len(LAWS)], summary="开展法治宣传，发放宣传资料，现场解答群众法律咨询。")
            for i in range(62)])

        # culture sites: 6 provincial in 2019, 2 county-level
        CultureSite.objects.bulk_create(
            [CultureSite(name=name, unit=justice, place=townships.get(code), level=SiteLevel.PROVINCIAL,
                         designation="省级法治文化建设示范点", designated_year=2019) for name, code in SITES]
            + [CultureSite(name="关防乡法治文化墙", unit=justice, level=SiteLevel.COUNTY, designation="县级法治文化阵地",
                           designated_year=2018),
               CultureSite(name="县法院法治宣传栏", unit=justice, level=SiteLevel.COUNTY, designation="县级法治文化阵地",
                           designated_year=2018)])
        programme = Programme.objects.create(name="“四个100”法治示范创建", year=2019, outcome="全部通过省级验收")
        programme.units.set(depts[:20])
        Honour.objects.create(title="全省“七五”普法中期先进县", unit=None, awarded_by="省委宣传部、省司法厅、省普法办",
                              year=2019)
        for title, law, summary, explanation, persons in CASES:
            case = CaseExplanation.objects.create(title=title, unit=justice, law=law, summary=summary,
                                                  explanation=explanation, status=CaseStatus.PUBLISHED,
                                                  published_on=datetime.date(2019, 6, 15))
            CasePerson.objects.bulk_create([CasePerson(case=case, name=n) for n in persons])
        presenters = ["县司法局局长", "政府法律顾问", "县法院副院长", "县检察院副检察长"]
        StudySession.objects.bulk_create([
            StudySession(kind=StudyKind.EXECUTIVE, unit=gov, held_on=datetime.date(2019, m, 10), topic=LAWS[m % len(LAWS)],
                         presenter=presenters[m % 4], hours=Decimal("1.0")) for m in range(1, 13)])

        # the 2019 exam and its 2,350 examinees in 75 units
        exam_depts = depts[:EXAM_UNITS]
        exam = Exam.objects.create(
            title="2019年度郧西县国家工作人员学法用法考试", unit=justice, bank=bank,
            starts_at=datetime.datetime(2019, 10, 14, 8, 0, tzinfo=TZ), ends_at=datetime.datetime(2019, 10, 25, 18, 0, tzinfo=TZ),
            duration_minutes=60, attempts_allowed=2, rules=RULES, pass_mark=Decimal(60), status=ExamStatus.PUBLISHED,
            paper_mode=PaperMode.RANDOM)
        exam.eligible_units.set(exam_depts)
        password = make_password(None)
        users = []
        for i in range(EXAMINEES):
            d = exam_depts[i % EXAM_UNITS]
            users.append(User(username=f"xf2019_{i:04d}", full_name=f"{d.short_name or d.name}学员{i // EXAM_UNITS + 1}",
                              unit=d, password=password, is_active=True))
        User.objects.bulk_create(users, batch_size=1000)
        users = list(User.objects.filter(username__startswith="xf2019_").order_by("username"))
        failed = set(rng.sample(range(EXAMINEES), EXAMINEES - PASSED))
        attempts = []
        for i, u in enumerate(users):
            start = exam.starts_at + datetime.timedelta(minutes=(i * 7) % (60 * 24 * 10))
            score = Decimal(rng.randint(30, 58) if i in failed else rng.randint(60, 100))
            attempts.append(Attempt(exam=exam, user=u, unit_id=u.unit_id, number=1, started_at=start,
                                    deadline=start + datetime.timedelta(minutes=60),
                                    submitted_at=start + datetime.timedelta(minutes=40 + i % 20),
                                    status=AttemptStatus.SUBMITTED, score=score, passed=score >= 60))
        Attempt.objects.bulk_create(attempts, batch_size=1000)

        # an exam open now for the demo personas' departments (the browser journey)
        now = clock.now()
        live = Exam.objects.create(
            title=f"{now.year}年度学法用法考试（演示）", unit=justice, bank=bank, starts_at=now - datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=30), duration_minutes=60, attempts_allowed=2, rules=RULES,
            pass_mark=Decimal(60), status=ExamStatus.PUBLISHED)
        live.eligible_units.set(depts)
    for source in ("legal_education.activity", "legal_education.site", "legal_education.study"):
        search.index_missing(source)  # the bulk-created records, found by staff search like those entered on pages
    if stdout is not None:
        stdout.write(f"普法与考试：试题{len(rows)}道，普法责任清单{len(lists)}份，考生{EXAMINEES}名。")
    return {"created": len(rows)}
