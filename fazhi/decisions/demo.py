"""Demo records of the decisions module, consistent with the seed report (§三).

- 县政府聘请6名资深律师组成律师顾问组，担任政府常年法律顾问 → six advisers retained by 郧西县人民政府;
  departments and townships (with their villages) each have an adviser: 党政机关和村（社区）法律顾问全覆盖.
- 实施重大事项和重大项目风险评估、合法性审查20项 → 12 major decisions reviewed + 8 major projects.
- 审查重大决策事项10余次 → 12 legality reviews of decisions (each with an adviser involved).
- 审查政府规范性文件、项目合同60余份 → this module's share: 42 contracts; normative_docs reviews 20 documents: 62 in all.

Every record goes through the real services with 2019 dates (plus one current draft open for comment on
the public site). Deterministic and idempotent: decisions are found by title, advisers by name, unit and
contract start, services by adviser, date and subject.
"""
import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from fazhi.core import clock, workdays
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User

from . import services
from .choices import DecisionStatus, MemberRole, Position, StepCode
from .models import AdviserService, Decision, DecisionCatalogue, LegalAdviser

D = datetime.date

GOV_ADVISERS = [("陈明华", "F01", 2003), ("李建国", "F02", 2005), ("王志强", "F03", 2001), ("张丽萍", "F04", 2008),
                ("刘德胜", "F05", 2006), ("杨晓峰", "F06", 2004)]
TOWNSHIP_ADVISER_SURNAMES = "赵钱孙周吴郑冯褚卫蒋沈韩朱秦尤许何吕"

# (title, lead unit, category, month, technical, stability, online comments)
DECISIONS = [
    ("郧西县城区农贸市场升级改造实施方案", "D-SCJ", "project", 3, False, True, True),
    ("郧西县城区生活垃圾分类工作实施方案", "D-ZJJ", "public_policy", 3, False, True, True),
    ("郧西县国土空间总体规划（2019—2035年）编制工作方案", "D-ZRZYJ", "plan", 4, True, False, False),
    ("郧西县天河流域水生态保护与修复实施方案", "D-SLJ", "resources", 4, True, False, False),
    ("郧西县城区公交线网优化调整方案", "D-JTJ", "public_policy", 5, False, False, True),
    ("郧西县城区停车场建设与收费管理办法", "D-ZJJ", "public_policy", 5, False, False, False),
    ("郧西县城乡最低生活保障标准调整方案", "D-MZJ", "public_policy", 6, False, True, True),
    ("郧西县农村饮水安全巩固提升工程实施方案", "D-SLJ", "project", 7, True, False, False),
    ("郧西县全域旅游发展规划（2019—2025年）", "D-WLJ", "plan", 8, False, False, False),
    ("郧西县国有林场改革实施方案", "D-LYJ", "resources", 9, True, True, False),
    ("郧西县城北片区棚户区改造房屋征收补偿方案", "D-ZJJ", "project", 10, True, True, True),
    ("郧西县招商引资优惠政策若干规定", "D-ZSZX", "public_policy", 11, False, False, False),
]
PUBLISHED = 10  # the first ten are decided and published; the 11th decided, the 12th awaits the meeting

# Four comments per decision put out for online comment, each about that decision's subject:
# (body, disposition, reason). The first, second and fourth are adopted / partly adopted / adopted; the third
# is rejected with a reason, as the office handles them.
COMMENTS = {
    "郧西县城区农贸市场升级改造实施方案": [
        ("建议在市场周边增设临时停车位，方便群众购物。", "adopted", ""),
        ("改造期间请安排临时经营场所，保障经营户生计。", "partly", "已安排过渡市场，但不延长免租期限。"),
        ("建议取消所有摊位费。", "rejected", "摊位费为市场运营维护所必需，依法收取。"),
        ("希望公开农贸市场改造资金的使用情况。", "adopted", ""),
    ],
    "郧西县城区生活垃圾分类工作实施方案": [
        ("建议在小区增设分类投放点并标明分类标准，方便老年人投放。", "adopted", ""),
        ("希望垃圾分类先在部分社区试点，再全城推开。", "partly", "城关镇6个社区先行试点，年底前覆盖城区。"),
        ("建议对未分类投放的居民一律罚款。", "rejected", "现阶段以宣传引导为主，处罚须依据法规规定，不在方案中设定。"),
        ("建议公布垃圾清运时间和监督电话。", "adopted", ""),
    ],
    "郧西县城区公交线网优化调整方案": [
        ("建议增开至县人民医院新院区的公交线路。", "adopted", ""),
        ("希望延长早晚班车运营时间，方便上下班。", "partly", "早班提前至6时，晚班延长至20时30分。"),
        ("建议城区公交全部免费乘坐。", "rejected", "公交运营需票款收入支撑，对老年人、残疾人等实行免费乘车。"),
        ("建议在站台公布线路图和发车间隔。", "adopted", ""),
    ],
    "郧西县城乡最低生活保障标准调整方案": [
        ("建议城乡低保标准随物价上涨同步调整，并公布测算依据。", "adopted", ""),
        ("希望将重病、重残人员单独纳入低保，不受家庭收入限制。", "partly",
         "对重病、重残人员按“单人户”纳入低保，但仍须核对本人收入。"),
        ("建议取消低保家庭经济状况核对，简化申请手续。", "rejected",
         "家庭经济状况核对是《社会救助暂行办法》规定的法定程序，不能取消；已压缩办理时限。"),
        ("建议在村（社区）公示低保对象名单，接受群众监督。", "adopted", ""),
    ],
    "郧西县城北片区棚户区改造房屋征收补偿方案": [
        ("建议选择评估机构时由被征收人投票确定。", "adopted", ""),
        ("希望提高搬迁过渡期临时安置费标准。", "partly", "过渡期临时安置费提高10%，过渡期限不变。"),
        ("建议征收补偿按新建商品房市场价格计算。", "rejected",
         "补偿按被征收房屋类似房地产的市场价格评估确定，依据《国有土地上房屋征收与补偿条例》第十九条。"),
        ("建议公开征收补偿结果，做到一把尺子量到底。", "adopted", ""),
    ],
}

PROJECTS = ["郧西县城区污水处理厂PPP项目", "天河旅游度假区招商引资项目", "县经济开发区标准化厂房建设项目",
            "316国道郧西段改扩建征地拆迁项目", "县人民医院整体搬迁项目", "城区供水管网改造PPP项目",
            "上津古镇文化旅游开发项目", "县城集中供热特许经营项目"]
CONTRACTS = ["国有建设用地使用权出让合同", "政府投资项目施工合同", "政府采购服务合同", "招商引资合作协议",
             "PPP项目合同", "房屋征收补偿协议"]


def _workday(day):
    cal = workdays.Calendar()
    while not cal.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _adviser(office, *, name, firm, practice_since, client, start, end, covered=()):
    found = LegalAdviser.objects.filter(name=name, client_unit=client, contract_start=start).first()
    if found:
        return found, False
    return services.adviser_register(actor=office, name=name, kind="lawyer", firm=firm,
                                     license_no=f"14203{practice_since}{sum(map(ord, name)) % 10**6:06d}1",
                                     practice_since=practice_since, client_unit=client, full_time=True,
                                     contract_start=start, contract_end=end,
                                     contract_no=f"郧西政法顾〔{start.year}〕{client.pk}号",
                                     covered_units=list(covered)), True


def _advisers(office, today):
    gov = OrgUnit.objects.get(code="G-YX")
    firms = {f.code: f.name for f in OrgUnit.objects.filter(kind=UnitKind.FIRM)}
    departments = list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, parent=gov).order_by("sort_order", "code"))
    townships = list(OrgUnit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("code"))
    periods = [(D(2018, 1, 1), D(2020, 12, 31)), (D(today.year - 1, 1, 1), D(today.year + 1, 12, 31))]
    created = 0
    first = []
    for p, (start, end) in enumerate(periods):
        for i, (name, firm, since) in enumerate(GOV_ADVISERS):
            covered = departments[i::len(GOV_ADVISERS)]
            a, new = _adviser(office, name=name, firm=firms.get(firm, "律师事务所"), practice_since=since, client=gov,
                              start=start, end=end, covered=covered)
            created += new
            if p == 0:
                first.append(a)
        for i, township in enumerate(townships):
            name = f"{TOWNSHIP_ADVISER_SURNAMES[i]}律师"
            firm = list(firms.values())[i % max(len(firms), 1)] if firms else "律师事务所"
            villages = list(OrgUnit.objects.filter(parent=township, kind=UnitKind.VILLAGE))
            # one current contract ends soon, so the expiry alert has something to show
            last = end if not (p == 1 and i == 0) else today + datetime.timedelta(days=20)
            created += _adviser(office, name=name, firm=firm, practice_since=2005 + i % 8, client=township,
                                start=start, end=last, covered=villages)[1]
    return first, created


def _views(title):
    return [
        {"member": "常务副县长", "role": MemberRole.MEMBER, "position": Position.AGREE, "view": "同意。"},
        {"member": "分管副县长", "role": MemberRole.MEMBER, "position": Position.AGREE_WITH_CHANGES,
         "view": "原则同意，建议进一步细化实施步骤。"},
        {"member": "县政府党组成员", "role": MemberRole.MEMBER, "position": Position.AGREE, "view": "同意。"},
        {"member": "县长", "role": MemberRole.HEAD, "position": Position.AGREE, "view": f"同意{title}，按程序公布实施。"},
    ]


def _run_decision(index, row, *, office, reviewer, catalogue, advisers):
    title, lead_code, category, month, technical, stability, online = row
    if Decision.objects.filter(title=title).exists():
        return False
    gov = OrgUnit.objects.get(code="G-YX")
    lead = OrgUnit.objects.get(code=lead_code)
    d = services.decision_create(actor=office, title=title, category=category, organ=gov, lead_unit=lead,
                                 proposer=lead.name, year=2019, catalogue=catalogue, technical=technical,
                                 stability_risk=stability,
                                 proposal=f"{lead.name}提出：为解决当前存在的问题，拟制定{title}。",
                                 draft_text=f"{title}（草案）\n一、总体要求\n二、主要任务\n三、保障措施",
                                 explanation=f"关于《{title}（草案）》的起草说明：起草依据、主要内容和征求意见情况。")
    start = D(2019, month, 1)
    step = {s.code: s for s in d.steps.all()}
    if online:
        end = start + datetime.timedelta(days=30)
        services.comment_open(actor=office, decision=d, comment_start=start, comment_end=end)
        comments = []
        for k, (body, _disp, _reason) in enumerate(COMMENTS[title]):
            now = datetime.datetime(2019, month, 3 + k, 9, 30, tzinfo=datetime.UTC)
            comments.append(services.comment_submit(decision=d, body=body, address=f"10.19.{index}.{k}",
                                                    name=["张某某", "", "李某", ""][k], now=now))
        for c, (_body, disposition, reason) in zip(comments, COMMENTS[title], strict=True):
            services.comment_dispose(actor=office, comment=c, disposition=disposition, reason=reason)
        junk = services.comment_submit(decision=d, body="代办各类证件，价格优惠，请联系。", address=f"10.19.{index}.99",
                                       now=datetime.datetime(2019, month, 10, 9, tzinfo=datetime.UTC))
        services.comment_hide(actor=office, comment=junk, reason="广告信息，与决策事项无关")
        services.comment_close(actor=office, decision=d)
        services.step_record(actor=office, step=step[StepCode.PUBLIC_PARTICIPATION], complete=True,
                             completed_on=end + datetime.timedelta(days=3), methods=["online", "symposium"],
                             summary="召开座谈会1次，网上公开征求意见30日。")
        after = end + datetime.timedelta(days=5)
    else:
        services.step_record(actor=office, step=step[StepCode.PUBLIC_PARTICIPATION], complete=True,
                             completed_on=start + datetime.timedelta(days=10), methods=["symposium", "written"],
                             summary="召开座谈会并书面征求相关部门、乡镇意见。")
        after = start + datetime.timedelta(days=12)
    if technical:
        for k, (expert, aff) in enumerate([("周教授", "湖北汽车工业学院"), ("吴高级工程师", "十堰市规划设计研究院"),
                                           ("郑研究员", "湖北省社会科学院")]):
            services.expert_opinion_add(actor=office, decision=d, expert=expert, affiliation=aff,
                                        opinion="方案总体可行，建议完善分期实施安排。", given_on=start + datetime.timedelta(days=5 + k),
                                        signed=True, no_conflict=True, dissenting=k == 2)
        services.step_record(actor=office, step=step[StepCode.EXPERT_CONSULTATION], complete=True,
                             completed_on=start + datetime.timedelta(days=9), summary="组织专家论证会，专家意见已采纳。")
    else:
        services.step_mark_not_applicable(actor=office, step=step[StepCode.EXPERT_CONSULTATION],
                                          reason="不属于专业性、技术性较强的事项（《重大行政决策程序暂行条例》第十九条）")
    if stability:
        services.step_record(actor=office, step=step[StepCode.RISK_ASSESSMENT], complete=True,
                             completed_on=start + datetime.timedelta(days=11), risk_points="涉及群众切身利益，可能引发信访。",
                             risk_level="medium", risk_controllable=True, risk_measures="加强宣传解释，分步实施。",
                             contingency_plan="成立工作专班，制定信访应急处置预案。", assessor="郧西县社会稳定风险评估中心")
    else:
        services.step_mark_not_applicable(actor=office, step=step[StepCode.RISK_ASSESSMENT],
                                          reason="经研判不涉及社会稳定、公共安全风险（《重大行政决策程序暂行条例》第二十二条）")
    if index == 0:
        services.attachment_add(actor=office, decision=d, title="座谈会记录", step_code=StepCode.PUBLIC_PARTICIPATION,
                                file=ContentFile("座谈会记录：经营户代表12人参加，意见已汇总。".encode(), name="座谈会记录.txt"))
    submitted = _workday(after)
    due = workdays.add_working_days(submitted, 10)
    services.review_submit(actor=office, decision=Decision.objects.get(pk=d.pk),
                           review_unit=OrgUnit.objects.get(code="D-SFJ"), submitted_on=submitted, due_on=due)
    review = d.steps.get(code=StepCode.LEGALITY_REVIEW)
    services.review_opinion_give(actor=reviewer, step=review, adviser=advisers[index % len(advisers)],
                                 opinion="lawful_with_changes" if index == 11 else "lawful",
                                 opinion_text="经审查，该决策事项属于县人民政府职权范围，程序符合规定，内容不违反法律、"
                                              "法规、规章和国家政策。",
                                 reviewed_on=workdays.add_working_days(submitted, 7))
    services.decision_act(actor=office, decision=Decision.objects.get(pk=d.pk), action="discussion_submit")
    if index == 11:
        return True
    meeting = _workday(due + datetime.timedelta(days=3))
    services.meeting_record(actor=office, decision=Decision.objects.get(pk=d.pk), meeting_type="standing",
                            meeting_on=meeting, meeting_name=f"县人民政府{2019}年第{index + 3}次常务会议",
                            attendees="县长、常务副县长、分管副县长、县政府党组成员；列席：司法局、承办单位负责人",
                            outcome="adopted", views=_views(title), decision_text=f"会议原则同意{title}，由承办单位修改完善后印发实施。")
    services.decision_decide(actor=office, decision=Decision.objects.get(pk=d.pk))
    if index >= PUBLISHED:
        return True
    d = Decision.objects.get(pk=d.pk)
    services.party_report_record(actor=office, decision=d, reported_on=meeting + datetime.timedelta(days=2),
                                 note="经县委常委会会议研究同意")
    services.decision_publish(actor=office, decision=Decision.objects.get(pk=d.pk),
                              published_on=meeting + datetime.timedelta(days=7),
                              published_where="郧西县人民政府门户网站、县政府公报", implementing_unit=lead)
    services.progress_report_add(actor=office, decision=Decision.objects.get(pk=d.pk),
                                 reported_on=D(2019, 12, 20), content="已按计划推进，完成年度目标任务。")
    if index == 0:
        ev = services.evaluation_start(actor=office, decision=Decision.objects.get(pk=d.pk), trigger="public_objections",
                                       evaluator="湖北某大学公共管理学院", third_party=True, started_on=D(2019, 12, 1))
        services.evaluation_finish(actor=office, evaluation=ev, finished_on=D(2019, 12, 25),
                                   conclusion="实施效果良好，群众满意度较高。", result="continue")
    return True


def _services(office, advisers, scale):
    gov = OrgUnit.objects.get(code="G-YX")
    rows = [("project_review", f"{p}风险评估和合法性审查", D(2019, 2 + i, 15)) for i, p in enumerate(PROJECTS)]
    rows += [("contract_review", f"{CONTRACTS[i % len(CONTRACTS)]}审查（第{i + 1}份）", D(2019, 1 + i % 12, 5 + i % 20))
             for i in range(42 * scale)]
    rows += [("litigation", f"行政诉讼案件应诉代理（第{i + 1}件）", D(2019, 1 + i % 12, 12)) for i in range(10)]
    rows += [("petition", f"信访事项法律意见（第{i + 1}件）", D(2019, 1 + i % 12, 18)) for i in range(6)]
    rows += [("legal_opinion", f"县政府涉法事务法律意见书（第{i + 1}份）", D(2019, 1 + i % 12, 22)) for i in range(15)]
    created = 0
    for i, (kind, subject, day) in enumerate(rows):
        adviser = advisers[i % len(advisers)]
        if AdviserService.objects.filter(adviser=adviser, subject=subject, served_on=day).exists():
            continue
        services.service_log(actor=office, adviser=adviser, unit=gov, kind=kind, served_on=day, subject=subject,
                             outcome="已出具书面法律意见。")
        created += 1
    return created


@transaction.atomic
def load(*, scale=1, stdout=None):
    office = User.objects.get(username="fzb")
    reviewer = User.objects.get(username="reviewer")
    today = clock.today()
    advisers, adviser_count = _advisers(office, today)
    gov = OrgUnit.objects.get(code="G-YX")
    catalogue = DecisionCatalogue.objects.filter(organ=gov, year=2019).first()
    new_catalogue = catalogue is None
    if new_catalogue:
        catalogue = services.catalogue_create(actor=office, organ=gov, year=2019,
                                              title="郧西县人民政府2019年度重大行政决策事项目录")
    created = 0
    for index, row in enumerate(DECISIONS):
        created += _run_decision(index, row, office=office, reviewer=reviewer, catalogue=catalogue, advisers=advisers)
    catalogue.refresh_from_db()
    if catalogue.status == "draft":
        catalogue = services.catalogue_approve(actor=office, catalogue=catalogue, party_consent="经县委常委会会议研究同意",
                                               party_consent_on=D(2019, 2, 22), approved_on=D(2019, 2, 26))
        services.catalogue_publish(actor=office, catalogue=catalogue, published_on=D(2019, 3, 1),
                                   published_where="郧西县人民政府门户网站")
    service_count = _services(office, advisers, scale)
    # A current draft, open for comment on the public site.
    title = "郧西县城区养犬管理规定（征求意见稿）"
    if not Decision.objects.filter(title=title).exists():
        d = services.decision_create(actor=office, title=title, category="public_policy", organ=gov,
                                     lead_unit=OrgUnit.objects.get(code="D-CGJ"), proposer="县城市管理执法局",
                                     year=today.year, planned_meeting_on=today + datetime.timedelta(days=40),
                                     draft_text="第一条 为规范城区养犬行为，保障公民人身安全……\n第二条 本规定适用于县城规划区。",
                                     explanation="起草说明：近年来城区犬只伤人事件增多，群众反映强烈。")
        services.comment_open(actor=office, decision=d, comment_start=today - datetime.timedelta(days=3),
                              comment_end=today + datetime.timedelta(days=30))
        services.comment_submit(decision=d, body="建议划定遛狗区域，并要求牵绳。", address="10.26.0.1")
        created += 1
    for k in range(max(0, scale - 1) * 12):  # benchmark volume: drafts
        t = f"演示决策事项{k + 1:04d}"
        if not Decision.objects.filter(title=t).exists():
            services.decision_create(actor=office, title=t, category="other", organ=gov,
                                     lead_unit=OrgUnit.objects.get(code="D-SCJ"), proposer="演示", year=2019)
            created += 1
    if stdout is not None:
        stdout.write(f"重大行政决策：新增 {created} 项决策、{adviser_count} 名法律顾问、{service_count} 条服务记录。")
    return {"decisions": created, "advisers": adviser_count, "services": service_count,
            "published": Decision.objects.filter(status=DecisionStatus.PUBLISHED).count()}
