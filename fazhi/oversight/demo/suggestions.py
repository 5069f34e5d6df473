"""Demo records of the suggestions part for 2019 (report part 五).

The seed says the county follows the people's congress's resolutions and joins its enforcement inspections and
case evaluations, and holds officials accountable for inaction and misconduct, but it states NO numbers for
suggestions, proposals or accountability: the numbers below are invented, chosen to be believable for a county
of Yunxi's size — 96 deputies' suggestions and 64 CPPCC proposals taken in after the 2019 sessions, 152 answered
within three months, 6 proposers not satisfied with the first answer (5 satisfied after re-handling, 1 still
waiting for feedback, so counted as not satisfied:
159 of 160 satisfied, 99.4%), 2 congress inspections/case evaluations and 6 judicial/procuratorial suggestions
raising 7 rectification tasks (6 accepted, 1 still open), and 7 accountability records.

Fast (bulk_create) and idempotent: nothing is created when the first demo suggestion exists already.
"""
import datetime
import random

from django.db import transaction

from fazhi.orgs.models import OrgUnit

from ..models.suggestions import (
    AccountabilityForm,
    AccountabilityGround,
    AccountabilityRecord,
    CongressInspection,
    InspectionKind,
    JudicialKind,
    JudicialStatus,
    JudicialSuggestion,
    RectificationTask,
    Satisfaction,
    Suggestion,
    SuggestionKind,
    SuggestionRound,
    SuggestionStatus,
    TaskStatus,
)

YEAR = 2019
NPC, CPPCC = 96, 64
LATE, UNSATISFIED, BASIC = 8, 6, 36
DEMO_NOTE = "演示数据：年度报告未载明建议提案和问责的数字，以下数字为演示而设，非真实统计。"
LEAD_CODES = ["D-ZJJ", "D-JTJ", "D-JYJ", "D-WJJ", "D-NYJ", "D-ZRZYJ", "D-SCJ", "D-SLJ", "D-HBJ", "D-RSJ", "D-MZJ",
              "D-CGJ", "D-WLJ", "D-XCZX", "D-GAJ"]
TOPICS = ["关于加快农村公路提档升级的建议", "关于改善城区中小学大班额问题的建议", "关于加强乡镇卫生院人才队伍建设的建议",
          "关于支持茶叶产业发展的建议", "关于规范城区停车秩序的建议", "关于加强汉江水质保护的建议",
          "关于加强食品安全监管的建议", "关于推进农村饮水安全巩固提升的建议", "关于加大农民工工资支付保障力度的建议",
          "关于完善农村养老服务设施的建议", "关于加强旅游景区基础设施建设的建议", "关于规范农村建房审批的建议"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "明华建国秀兰志强玉梅海军丽娟德福春生"
ACCOUNTABILITY = [
    (AccountabilityGround.PETITION, AccountabilityForm.CRITICISM, "股长", "信访事项未在法定期限内办结"),
    (AccountabilityGround.PETITION, AccountabilityForm.ORDER_CHECK, "副局长", "信访事项未按规定书面告知受理情况"),
    (AccountabilityGround.PENALTY, AccountabilityForm.ADMONISH, "执法大队队长", "行政处罚未经法制审核即作出决定"),
    (AccountabilityGround.PENALTY, AccountabilityForm.WARNING, "执法人员", "违法扣押当事人财物"),
    (AccountabilityGround.COURT, AccountabilityForm.CRITICISM, "副局长", "无正当理由未出庭应诉"),
    (AccountabilityGround.DISCLOSURE, AccountabilityForm.ORDER_CHECK, "办公室主任", "未按规定更新政府信息公开内容"),
    (AccountabilityGround.INACTION, AccountabilityForm.ADMONISH, "所长", "对群众反映的问题推诿扯皮、久拖不办"),
]


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def load(*, scale=1, stdout=None):
    if Suggestion.objects.filter(kind=SuggestionKind.NPC, number="2019001").exists():
        return
    from ..services.suggestions import suggestion_due_for

    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*LEAD_CODES, "D-SFJ"])}
    leads = [units[c] for c in LEAD_CODES if c in units]
    office = units.get("D-SFJ")
    if not leads or office is None:
        return
    rng = random.Random(2019)
    received = datetime.date(YEAR, 3, 1)
    assigned = datetime.date(YEAR, 3, 12)
    due = suggestion_due_for(assigned, 3)
    total = NPC + CPPCC
    with transaction.atomic():
        suggestions = []
        for i in range(total):
            npc = i < NPC
            number = f"{YEAR}{(i if npc else i - NPC) + 1:03d}"
            topic = TOPICS[i % len(TOPICS)] if npc else TOPICS[i % len(TOPICS)].replace("建议", "提案")
            suggestions.append(Suggestion(
                kind=SuggestionKind.NPC if npc else SuggestionKind.CPPCC, number=number, title=topic,
                proposer=_name(rng), content=f"{topic[2:-2]}，群众反映强烈，建议有关部门加大工作力度。{DEMO_NOTE}",
                received_on=received, unit=leads[i % len(leads)], assigned=True, status=SuggestionStatus.CLOSED,
                published_on=datetime.date(YEAR, 9, 30)))
        Suggestion.objects.bulk_create(suggestions)
        suggestions = list(Suggestion.objects.filter(received_on=received, number__startswith=str(YEAR))
                           .order_by("kind", "number"))
        rounds = []
        for i, s in enumerate(suggestions):
            late = i % (total // LATE) == 3
            replied = due + datetime.timedelta(days=rng.randint(3, 20)) if late else (
                due - datetime.timedelta(days=rng.randint(1, 40)))
            unsatisfied = i % (total // UNSATISFIED) == 7
            basic = not unsatisfied and i % (total // BASIC) == 1
            first = SuggestionRound(
                suggestion=s, number=1, assigned_on=assigned, due_on=due, replied_on=replied,
                reply_text=f"经研究，我单位已将此项工作列入年度计划，分步实施。{DEMO_NOTE}",
                satisfaction=(Satisfaction.UNSATISFIED if unsatisfied else Satisfaction.BASIC if basic
                              else Satisfaction.SATISFIED),
                feedback_on=replied + datetime.timedelta(days=10))
            rounds.append(first)
            if unsatisfied:
                again = first.feedback_on
                second_due = suggestion_due_for(again, 1)
                waiting = len([r for r in rounds if r.number == 2]) == UNSATISFIED - 1
                rounds.append(SuggestionRound(
                    suggestion=s, number=2, assigned_on=again, due_on=second_due,
                    replied_on=second_due - datetime.timedelta(days=5),
                    reply_text=f"重新研究后，已协调资金落实。{DEMO_NOTE}",
                    satisfaction="" if waiting else Satisfaction.BASIC,
                    feedback_on=None if waiting else second_due + datetime.timedelta(days=3)))
                if waiting:
                    Suggestion.objects.filter(pk=s.pk).update(status=SuggestionStatus.REPLIED, published_on=None)
        SuggestionRound.objects.bulk_create(rounds)
        AccountabilityRecord.objects.bulk_create([
            AccountabilityRecord(person_name=_name(rng), post=post, unit=leads[(k * 3) % len(leads)], ground=ground,
                                 facts=f"{facts}。{DEMO_NOTE}", form=form,
                                 decided_on=datetime.date(YEAR, 4 + k, 10 + k),
                                 correction="已责令限期整改，整改情况已报县法治办。")
            for k, (ground, form, post, facts) in enumerate(ACCOUNTABILITY)])
        _inspections_and_judicial(units, leads, office)
    if stdout is not None:
        stdout.write(f"监督：建议提案{total}件，问责记录{len(ACCOUNTABILITY)}条（演示数字，年度报告未载明）")


INSPECTIONS = [
    (InspectionKind.ENFORCEMENT, "《中华人民共和国食品安全法》执法检查", datetime.date(YEAR, 5, 21),
     "农村集体聚餐备案率不高；小作坊许可证管理不规范；快检设备使用率低", "D-SCJ",
     ["建立农村集体聚餐备案登记台账", "开展食品小作坊专项整治", "制定快检设备使用管理办法"]),
    (InspectionKind.CASE_EVALUATION, "行政处罚案卷评查", datetime.date(YEAR, 9, 12),
     "部分案卷证据目录不全；个别案件未载明裁量理由", "D-ZJJ", ["补正案卷证据目录", "修订行政处罚裁量基准"]),
]
JUDICIAL = [
    (JudicialKind.JUDICIAL, "郧西县人民法院", "D-ZRZYJ", "行政机关负责人出庭应诉率不高，建议落实出庭应诉制度", True),
    (JudicialKind.JUDICIAL, "十堰市中级人民法院", "D-ZJJ", "房屋征收补偿程序不规范，建议完善征收补偿工作流程", False),
    (JudicialKind.PROCURATORIAL, "郧西县人民检察院", "D-HBJ", "汉江支流沿岸存在非法排污，建议依法履行监管职责", True),
    (JudicialKind.PROCURATORIAL, "郧西县人民检察院", "D-SCJ", "部分校园周边食品经营者无证经营，建议加强监管", False),
    (JudicialKind.PROCURATORIAL, "郧西县人民检察院", "D-NYJ", "农药经营台账不全，建议规范农药经营许可管理", False),
    (JudicialKind.PROCURATORIAL, "郧西县人民检察院", "D-SLJ", "河道采砂监管不到位，建议加强日常巡查", False),
]


def _inspections_and_judicial(units, leads, office):
    from ..services.suggestions import judicial_reply_due

    tasks = []
    for kind, title, held_on, findings, code, items in INSPECTIONS:
        inspection = CongressInspection.objects.create(kind=kind, title=title, held_on=held_on, unit=office,
                                                       findings=f"{findings}。{DEMO_NOTE}")
        unit = units.get(code, leads[0])
        tasks += [RectificationTask(inspection=inspection, unit=unit, content=item,
                                    due_on=held_on + datetime.timedelta(days=60)) for item in items]
    for k, (kind, issuer, code, content, with_task) in enumerate(JUDICIAL):
        received = datetime.date(YEAR, 3 + k, 8)
        unit = units.get(code, leads[0])
        js = JudicialSuggestion.objects.create(
            kind=kind, issuer=issuer, number=f"（{YEAR}）{k + 1}号", content=f"{content}。{DEMO_NOTE}",
            received_on=received, unit=unit, reply_due=judicial_reply_due(kind, received),
            status=JudicialStatus.REPLIED, replied_on=received + datetime.timedelta(days=40),
            reply_text="已召开专题会议研究落实，相关整改措施已部署。")
        if with_task:
            tasks.append(RectificationTask(judicial=js, unit=unit, content=content.split("，建议")[-1],
                                           due_on=received + datetime.timedelta(days=90)))
    for i, task in enumerate(tasks):
        if i < len(tasks) - 1:
            task.status = TaskStatus.ACCEPTED
            task.reported_on = task.due_on - datetime.timedelta(days=5)
            task.report_text = "已按期整改到位。"
            task.accepted_on = task.due_on
    RectificationTask.objects.bulk_create(tasks)
