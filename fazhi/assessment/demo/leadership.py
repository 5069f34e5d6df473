"""Demo records of the leadership part for 2019 (seed section 一): the county's leading group chaired by the county
head (deputies: the executive and the responsible vice-heads; members: heads of the county departments concerned and
of the townships/场/区; its office in the justice bureau, led by the bureau's head), every township's and those
departments' own leading bodies, the mobilisation, standing and progress meetings, and the demonstration plan's
8 task areas split among the units, with their progress reports. Idempotent; bulk-created."""
import datetime

from django.db import transaction

from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User

from ..models.leadership import (
    GroupPost,
    GroupPostKind,
    LeadingGroup,
    Meeting,
    MeetingKind,
    PlanKind,
    PlanTask,
    ProgressReport,
    ProgressStatus,
    TaskArea,
    TaskStatus,
    WorkPlan,
)

GROUP_NAME = "郧西县法治政府建设工作领导小组"
D = datetime.date

# The demonstration plan's 8 大项 (RULES §17: the 纲要's 7 task areas + 组织领导), each with its tasks:
# (title, lead unit code, deadline, deliverable, indicator, done on)
AREAS = [
    ("依法全面履行政府职能", [
        ("动态调整权责清单", "D-ZWJ", D(2019, 6, 30), "调整后的权责清单", "各部门权责清单完成集中动态调整", D(2019, 6, 28)),
        ("梳理调整行政审批事项目录", "D-ZWJ", D(2019, 9, 30), "行政审批事项目录", "及时承接上级下放事项", D(2019, 9, 20)),
        ("深化商事制度改革，推行电子营业执照", "D-SCJ", D(2019, 10, 31), "改革工作总结", "实现多证合一、零见面办照", D(2019, 10, 25)),
    ]),
    ("完善依法行政制度体系", [
        ("规范性文件统一登记、统一编号、统一发布", "D-SFJ", D(2019, 12, 31), "规范性文件目录", "三统一覆盖率100%", D(2019, 12, 20)),
        ("规范性文件合法性审核和备案审查", "D-SFJ", D(2019, 12, 31), "审核意见和备案报告", "报备率100%", D(2019, 12, 25)),
        ("开展规范性文件清理", "D-ZFB", D(2019, 11, 30), "清理结果公告", "按时公布清理结果", D(2019, 12, 10)),
    ]),
    ("推进行政决策科学化、民主化、法治化", [
        ("编制并公布年度重大行政决策事项目录", "D-ZFB", D(2019, 3, 31), "决策事项目录", "按时公布", D(2019, 3, 28)),
        ("落实重大行政决策五步程序", "D-ZFB", D(2019, 12, 31), "决策档案", "五步程序完整率100%", D(2019, 12, 20)),
        ("推行政府法律顾问制度全覆盖", "D-SFJ", D(2019, 9, 30), "法律顾问聘用协议", "县直单位和乡镇法律顾问全覆盖", D(2019, 9, 15)),
    ]),
    ("坚持严格规范公正文明执法", [
        ("全面推行行政执法三项制度", "D-SFJ", D(2019, 12, 31), "三项制度实施情况报告", "执法决定按时公示", D(2019, 12, 28)),
        ("换发和申领行政执法证件并开展业务培训", "D-SFJ", D(2019, 11, 30), "培训和发证台账", "持证上岗", D(2019, 11, 20)),
        ("开展行政执法案卷评查", "D-SFJ", D(2019, 12, 15), "评查通报", "评查覆盖各执法单位", D(2019, 12, 12)),
        ("推行市场监管随机抽查公开", "D-SCJ", D(2019, 12, 31), "抽查结果公示", "抽查事项清单公开", D(2019, 12, 26)),
    ]),
    ("强化对行政权力的制约和监督", [
        ("办理人大代表建议和政协委员提案", "D-ZFB", D(2019, 9, 30), "办复情况报告", "办复率100%", D(2019, 9, 28)),
        ("落实行政机关负责人出庭应诉", "D-SFJ", D(2019, 12, 31), "出庭应诉台账", "负责人出庭应诉率", D(2019, 12, 30)),
        ("推进政府信息公开", "D-ZFB", D(2019, 12, 31), "政府信息公开年度报告", "主动公开率", None),
    ]),
    ("依法有效化解社会矛盾纠纷", [
        ("健全人民调解、行政调解、司法调解联动体系", "D-SFJ", D(2019, 12, 31), "调解工作台账", "调解成功率", D(2019, 12, 27)),
        ("推进律师进乡村“二四六”工作", "D-SFJ", D(2019, 12, 31), "驻村律师服务台账", "村（社区）法律顾问全覆盖", D(2019, 12, 20)),
        ("依法分类处理信访诉求", "D-XFJ", D(2019, 12, 31), "信访工作报告", "按期办结率", D(2020, 1, 10)),
    ]),
    ("全面提高政府工作人员法治思维和依法行政能力", [
        ("制定普法责任清单", "D-SFJ", D(2019, 4, 30), "普法责任清单", "县直单位全部制定", D(2019, 4, 25)),
        ("组织无纸化网上学法用法考试", "D-SFJ", D(2019, 11, 30), "考试成绩通报", "参考率和通过率", D(2019, 11, 28)),
        ("开展领导干部集体学法", "D-ZFB", D(2019, 12, 31), "学法记录", "每季度至少一次", D(2019, 12, 25)),
    ]),
    ("加强组织领导，落实第一责任人职责", [
        ("调整法治政府建设工作领导小组", "D-SFJ", D(2019, 3, 31), "领导小组调整文件", "各单位成立领导机构", D(2019, 3, 20)),
        ("召开法治政府建设示范创建动员会和推进会", "D-SFJ", D(2019, 8, 31), "会议纪要", "按期召开", D(2019, 8, 20)),
        ("编报2019年度法治政府建设年度报告", "D-SFJ", D(2019, 12, 31), "年度报告", "按时报送并公开", D(2019, 12, 30)),
    ]),
]
PARTNERS = {"D-SFJ": ["D-ZFB"], "D-ZFB": ["D-SFJ"], "D-ZWJ": ["D-SFJ"], "D-SCJ": ["D-ZWJ"], "D-XFJ": ["D-SFJ"]}
MEMBER_DEPARTMENTS = 20  # the county departments "concerned" whose heads are members (the first in the tree)


@transaction.atomic
def load(*, scale=1, stdout=None):
    gov = OrgUnit.objects.filter(code="G-YX").first()
    if gov is None or LeadingGroup.objects.filter(unit=gov).exists():
        return {"created": 0}
    justice = OrgUnit.objects.get(code="D-SFJ")
    start = D(2019, 3, 20)
    group = LeadingGroup.objects.create(unit=gov, name=GROUP_NAME, office_unit=justice, established_on=start)
    departments = list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("sort_order", "code")
                       [:MEMBER_DEPARTMENTS])
    townships = list(OrgUnit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("sort_order", "code"))
    leader = GroupPost(group=group, post=GroupPostKind.LEADER, person_name="县长", title="县长", person_unit=gov,
                       start_on=start)
    posts = [leader,
             GroupPost(group=group, post=GroupPostKind.DEPUTY, person_name="常务副县长", title="常务副县长",
                       person_unit=gov, start_on=start),
             GroupPost(group=group, post=GroupPostKind.DEPUTY, person_name="分管副县长", title="分管副县长",
                       person_unit=gov, start_on=start),
             GroupPost(group=group, post=GroupPostKind.OFFICE_HEAD, person_name="司法局局长", title="县司法局局长",
                       person_unit=justice, start_on=start)]
    posts += [GroupPost(group=group, post=GroupPostKind.MEMBER, person_name=f"{u.short_name or u.name}主要负责人",
                        title=f"{u.short_name or u.name}主要负责人", person_unit=u, start_on=start)
              for u in departments]
    posts += [GroupPost(group=group, post=GroupPostKind.MEMBER, person_name=f"{u.name}乡镇长", title=f"{u.name}乡镇长",
                        person_unit=u, start_on=start) for u in townships]
    GroupPost.objects.bulk_create(posts)
    leader = GroupPost.objects.get(group=group, post=GroupPostKind.LEADER)
    # every township and department concerned has its own leading body, chaired by its principal leader
    own = LeadingGroup.objects.bulk_create([
        LeadingGroup(unit=u, name=f"{u.short_name or u.name}法治政府建设工作领导小组", office_unit=u,
                     established_on=D(2019, 4, 1)) for u in [*departments, *townships]])
    GroupPost.objects.bulk_create([
        GroupPost(group=g, post=GroupPostKind.LEADER, person_name=f"{g.unit.short_name or g.unit.name}主要负责人",
                  title="主要负责人", person_unit=g.unit, start_on=D(2019, 4, 1)) for g in own])

    meetings = Meeting.objects.bulk_create([
        Meeting(group=group, kind=MeetingKind.MOBILISATION, title="郧西县法治政府建设示范创建工作动员会",
                held_on=D(2019, 4, 10), chair=leader, chair_name=leader.holder,
                attendees="领导小组全体成员，各乡镇（场、区）、县直相关部门分管负责人",
                topics="部署法治政府建设示范创建工作；印发《郧西县法治政府建设示范创建活动实施方案》",
                decisions="将示范创建8大项工作逐一分解落实到各相关单位"),
        Meeting(group=group, kind=MeetingKind.STANDING, title="县政府常务会议（法治政府建设专题）",
                held_on=D(2019, 6, 15), chair=leader, chair_name=leader.holder, attendees="县政府组成人员",
                topics="听取法治政府建设示范创建工作进展汇报；研究规范性文件清理工作",
                decisions="年底前完成规范性文件清理并公布结果"),
        Meeting(group=group, kind=MeetingKind.PROGRESS, title="郧西县法治政府建设示范创建工作推进会",
                held_on=D(2019, 8, 20), chair=leader, chair_name=leader.holder,
                attendees="领导小组全体成员，示范创建试点单位负责人",
                topics="通报示范创建任务推进情况；部署下半年重点工作",
                decisions="各牵头单位按季度报送任务推进情况"),
    ])

    plan = WorkPlan.objects.create(unit=justice, year=2019, kind=PlanKind.DEMONSTRATION,
                                   title="郧西县法治政府建设示范创建活动实施方案")
    areas = TaskArea.objects.bulk_create([TaskArea(plan=plan, position=i, name=name)
                                          for i, (name, _tasks) in enumerate(AREAS, start=1)])
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={t[1] for _n, ts in AREAS for t in ts}
                                                       | {c for cs in PARTNERS.values() for c in cs})}
    rows = []
    for a, (area, (_name, items)) in enumerate(zip(areas, AREAS, strict=True), start=1):
        for i, (title, lead, deadline, deliverable, indicator, done_on) in enumerate(items, start=1):
            rows.append(PlanTask(plan=plan, area=area, number=f"{a}.{i}", title=title, lead_unit=units[lead],
                                 deadline=deadline, deliverable=deliverable, indicator=indicator,
                                 status=TaskStatus.DONE if done_on else TaskStatus.OPEN, done_on=done_on,
                                 last_reported_on=done_on or D(2019, 9, 30),
                                 meeting=meetings[0] if a == 8 else None))
    tasks = PlanTask.objects.bulk_create(rows)
    through = PlanTask.partners.through
    through.objects.bulk_create([through(plantask_id=t.pk, orgunit_id=units[c].pk)
                                 for t in tasks for c in PARTNERS.get(t.lead_unit.code, [])])
    office = User.objects.filter(username="fzb").first()
    liaison = User.objects.filter(username="liaison").first() or office
    if office is not None:
        ProgressReport.objects.bulk_create([
            ProgressReport(task=t, period="2019年度", text=f"{t.title}：已按方案完成，{t.deliverable}已形成。",
                           completed=True, reported_by=liaison if t.lead_unit.code == "D-SCJ" else office,
                           reported_on=t.done_on, status=ProgressStatus.ACCEPTED, reviewed_on=t.done_on)
            for t in tasks if t.done_on])
    if stdout is not None:
        stdout.write(f"assessment leadership: {len(posts)} posts, {len(tasks)} tasks\n")
    return {"created": len(posts) + len(tasks)}
