"""Demo normative documents for 2019, consistent with the seed report (§四: 三统一, 有件必备、有备必审、有错必纠,
定期清理; §三: "审查政府规范性文件、项目合同60余份" — the documents' share is the legality reviews below).

Every record is made through the real services, with 2019 dates. Deterministic and idempotent: a document is
looked up by its title, a campaign by its name, so a second run creates nothing.
"""
import datetime

from django.db import transaction

from fazhi.core.clock import COUNTY_TZ
from fazhi.orgs.models import OrgUnit, User

from . import services
from .models import CleanupCampaign, IssuerPrefix, NormativeDocument

D = datetime.date

PREFIXES = {"D-SCJ": "郧西市监规", "D-JYJ": "郧西教规", "D-JTJ": "郧西交规", "D-RSJ": "郧西人社规",
            "D-WJJ": "郧西卫健规", "D-SLJ": "郧西水规", "D-ZJJ": "郧西住建规", "T01": "城关镇规"}

# (issuer code, drafting unit code, title, affects public, market related, month, subject, law, extra article)
DOCS = [
    ("G-YX", "D-ZJJ", "郧西县城区国有土地上房屋征收与补偿暂行办法", True, False, 3, "国有土地上房屋征收与补偿",
     "《国有土地上房屋征收与补偿条例》", "被征收人可以选择货币补偿，也可以选择房屋产权调换；拆迁补偿标准按评估结果确定。"),
    ("G-YX", "D-ZRZYJ", "郧西县集体土地征收补偿安置办法", True, False, 4, "集体土地征收补偿安置",
     "《中华人民共和国土地管理法》", "征收土地的，按照被征收土地的原用途给予补偿，土地补偿费归农村集体经济组织所有。"),
    ("G-YX", "D-ZRZYJ", "郧西县农村宅基地管理办法", True, False, 5, "农村宅基地审批和管理",
     "《中华人民共和国土地管理法》", "农村村民一户只能拥有一处宅基地，面积不得超过省规定的标准。"),
    ("G-YX", "D-CGJ", "郧西县城区生活垃圾分类管理办法", True, False, 6, "城区生活垃圾分类投放、收集和处理",
     "《湖北省城乡生活垃圾管理条例》", "单位和个人应当按照分类标准投放生活垃圾。"),
    ("G-YX", "D-MZJ", "郧西县最低生活保障实施细则", True, False, 4, "最低生活保障的申请、审核和发放",
     "《社会救助暂行办法》", "最低生活保障标准由县人民政府按照当地居民生活必需的费用确定并公布。"),
    ("G-YX", "D-FGJ", "郧西县促进民营经济高质量发展若干措施", True, True, 7, "民营经济发展环境",
     "《中华人民共和国中小企业促进法》", "各类市场主体依法平等使用生产要素，公平参与市场竞争。"),
    ("G-YX", "D-FGJ", "郧西县政府投资项目管理办法", False, False, 8, "政府投资项目的决策、实施和监督",
     "《政府投资条例》", "政府投资项目应当按照批准的建设规模、标准和概算实施。"),
    ("G-YX", "D-CGJ", "郧西县城区户外广告设施设置管理办法", True, True, 9, "城区户外广告设施设置",
     "《城市市容和环境卫生管理条例》", "户外广告设施应当符合户外广告设置规划，安全牢固、整洁美观。"),
    ("G-YX", "D-LYJ", "郧西县森林防火管理规定", True, False, 10, "森林防火责任和火源管理",
     "《森林防火条例》", "森林防火期内，禁止在森林防火区野外用火；因防治病虫鼠害等特殊情况确需用火的，依法办理审批。"),
    ("G-YX", "D-MZJ", "郧西县特困人员救助供养实施办法", True, False, 11, "特困人员认定和救助供养",
     "《社会救助暂行办法》", "特困人员救助供养包括基本生活、照料服务、疾病治疗和丧葬事宜。"),
    ("D-SCJ", "D-SCJ", "郧西县农贸市场食品安全管理规定", True, True, 5, "农贸市场食品安全",
     "《中华人民共和国食品安全法》", "市场开办者应当建立入场销售者登记、食品进货查验和不合格食品退市制度。"),
    ("D-SCJ", "D-SCJ", "郧西县食品小作坊小餐饮登记管理暂行办法", True, True, 8, "食品小作坊、小餐饮的登记管理",
     "《湖北省食品安全条例》", "食品小作坊应当向所在地市场监督管理所申请登记，登记不收取任何费用。"),
    ("D-JYJ", "D-JYJ", "郧西县中小学生校服管理办法", True, True, 9, "中小学生校服的选用、采购和监督",
     "《关于进一步加强中小学生校服管理工作的意见》", "学生自愿购买校服，学校不得强制或变相强制学生购买。"),
    ("D-JTJ", "D-JTJ", "郧西县农村客运管理办法", True, True, 6, "农村客运经营和安全",
     "《中华人民共和国道路运输条例》", "农村客运经营者应当按照核定的线路、班次和站点运营。"),
    ("D-RSJ", "D-RSJ", "郧西县就业创业补贴管理办法", True, False, 4, "就业创业补贴的申领和发放",
     "《中华人民共和国就业促进法》", "符合条件的人员可以申领一次性创业补贴和社会保险补贴。"),
    ("D-WJJ", "D-WJJ", "郧西县计划生育家庭特别扶助实施细则", True, False, 7, "计划生育家庭特别扶助",
     "《中华人民共和国人口与计划生育法》", "特别扶助金按月发放，实行社会化发放。"),
    ("D-SLJ", "D-SLJ", "郧西县河道采砂管理办法", True, True, 10, "河道采砂的规划和监管",
     "《中华人民共和国水法》", "河道采砂应当符合河道采砂规划，按照许可的范围、期限和方式开采。"),
    ("D-ZJJ", "D-ZJJ", "郧西县建设工程质量安全监督管理办法", True, True, 11, "建设工程质量安全监督",
     "《建设工程质量管理条例》", "建设单位应当依法办理工程质量监督手续。"),
    ("T01", "T01", "城关镇集镇环境卫生管理办法", True, False, 9, "集镇环境卫生",
     "《城市市容和环境卫生管理条例》", "沿街单位和个体工商户实行门前三包责任制。"),
]

# Texts judged "not a normative document" at review: no number (RULES.md §4.3).
NOT_NORMATIVE = [("D-SFJ", "郧西县2019年法治政府建设工作要点", 3, "属于年度工作计划"),
                 ("D-ZFB", "郧西县人民政府2019年度目标责任考核办法", 4, "属于内部管理制度")]

# A register of earlier documents (imported), so that the 2019 cleanup has something to clean.
REGISTER = [
    ("G-YX", "郧西政规〔2015〕2号", "郧西县城区养犬管理暂行规定", D(2015, 6, 10), None),
    ("G-YX", "郧西政规〔2016〕1号", "郧西县城区占道经营管理办法", D(2016, 3, 18), None),
    ("G-YX", "郧西政规〔2016〕3号", "郧西县农村危房改造补助资金管理办法", D(2016, 9, 1), None),
    ("G-YX", "郧西政规〔2017〕1号", "郧西县招商引资优惠政策若干规定", D(2017, 2, 20), None),
    ("G-YX", "郧西政规〔2017〕2号", "郧西县城区出租车客运管理办法", D(2017, 7, 5), None),
    ("G-YX", "郧西政规〔2018〕1号", "郧西县城区建筑垃圾管理办法", D(2018, 4, 12), None),
    ("D-SCJ", "郧西工商规〔2016〕1号", "郧西县个体工商户登记管理办法", D(2016, 5, 6), None),
    ("D-JYJ", "郧西教规〔2017〕1号", "郧西县民办学校管理暂行办法", D(2017, 8, 28), None),
]

# The 2019 cleanup: what each issuing unit decided for the earlier documents (the others: 继续有效).
CLEANUP = {"郧西县城区占道经营管理办法": ("amend", "与《城市市容和环境卫生管理条例》修订内容不一致，需修改"),
           "郧西县招商引资优惠政策若干规定": ("repeal", "含违反公平竞争审查要求的税收返还条款"),
           "郧西县个体工商户登记管理办法": ("repeal", "机构改革后职能划转，由《促进个体工商户发展条例》替代"),
           "郧西县城区出租车客运管理办法": ("invalidate", "调整对象已消失，实际已经停止执行")}

# Comments from the public on three drafts, each about the draft's own subject, and how the drafting unit handled
# them: (body, name, contact, disposition, reason; or None and the reason it was hidden).
COMMENTS = {
    "郧西县最低生活保障实施细则": [
        ("建议明确乡镇受理低保申请后的审核时限，不要让群众来回跑。", "陈德明", "13872810001", "adopted", ""),
        ("家庭收入核算时，建议把因病支出的医疗费用扣除后再计算。", "", "", "partly",
         "采纳扣除自付医疗费用的意见；其他刚性支出的扣除范围按省里的统一规定执行。"),
        ("建议低保审批结果在村务公开栏公示时不要公开家庭详细收入。", "王秀兰", "", "adopted", ""),
        ("建议取消低保家庭的年度复核。", "", "", "rejected",
         "《社会救助暂行办法》第十三条规定最低生活保障家庭的人口状况、收入状况、财产状况应当定期核查，不能取消。"),
    ],
    "郧西县农村宅基地管理办法": [
        ("建议写明宅基地申请在乡镇审批的办理时限，以及不批准时要书面说明理由。", "张友福", "13597820002", "adopted", ""),
        ("家里老房子是祖上传下来的，面积超过标准，建议允许保留原面积。", "", "", "partly",
         "对依法取得的历史超标宅基地不强制退出，但翻建时按现行面积标准审批。"),
        ("建议允许城里户口的子女回村申请宅基地建房。", "", "", "rejected",
         "《中华人民共和国土地管理法》第六十二条规定农村村民一户只能拥有一处宅基地，宅基地的申请主体为本集体经济组织成员。"),
        ("专业代办建房手续，价格优惠，联系微信。", "", "", None, "含有广告内容，与文件无关"),
    ],
    "郧西县农贸市场食品安全管理规定": [
        ("建议市场开办者每天对蔬菜农药残留进行快速检测，并在市场门口公示结果。", "刘春梅", "", "adopted", ""),
        ("小摊贩进货量小，建议进货查验记录可以用票据粘贴的简便方式留存。", "", "", "adopted", ""),
        ("建议对入场销售者收取的保证金标准作出规定。", "", "", "rejected",
         "保证金属于市场开办者与销售者的合同约定事项，规范性文件不宜设定。"),
    ],
}

LATE_FILING = {"郧西县城区户外广告设施设置管理办法", "郧西县河道采砂管理办法"}
CORRECTION = "郧西县农村客运管理办法"
UNLAWFUL_FIRST = "郧西县中小学生校服管理办法"


def _text(title, subject, law, extra, dept):
    return (f"第一条 为了规范{subject}，保障公民、法人和其他组织的合法权益，根据{law}等法律法规，"
            f"结合本县实际，制定本办法。\n"
            f"第二条 本办法适用于本县行政区域内的{subject}及其监督管理活动。\n"
            f"第三条 {dept}负责本办法的组织实施；其他有关部门按照各自职责做好相关工作。\n"
            f"第四条 {extra}\n"
            f"第五条 有关部门应当依法公开办事依据、条件、程序和时限，接受社会监督。\n"
            f"第六条 违反本办法规定的，依照有关法律、法规的规定处理。\n"
            f"第七条 本办法由{dept}负责解释。\n"
            f"第八条 本办法自公布之日起施行。")


def _workday_on_or_after(day):
    from fazhi.core.workdays import Calendar

    cal = Calendar()
    while not cal.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _add(day, n):
    from fazhi.core.workdays import add_working_days

    return add_working_days(day, n)


PACKAGE = dict(has_cover_letter=True, has_text=True, has_explanation=True, has_legal_basis=True,
               has_publication_proof=True)


def _comments(doc, drafter, rows):
    """The public's comments, sent on the first days of the period from different places, and their handling."""
    for n, (body, name, contact, disposition, reason) in enumerate(rows):
        sent = datetime.datetime.combine(doc.comment_started_on + datetime.timedelta(days=1 + n % 3),
                                         datetime.time(9 + n), COUNTY_TZ)
        comment = services.comment_submit(doc=doc, body=body, name=name, contact=contact, now=sent,
                                          address=f"demo-{doc.pk}-{n}")
        if disposition is None:
            services.comment_hide(actor=drafter, comment=comment, reason=reason)
        else:
            services.comment_dispose(actor=drafter, comment=comment, disposition=disposition, reason=reason)


def _walk(*, office, drafter, reviewer, issuer, unit, title, affects_public, market_related, month, text, index):
    start = _workday_on_or_after(D(2019, month, 3 + index % 5))
    doc = services.doc_create(actor=drafter, title=title, issuer=issuer, unit=unit, text=text,
                              affects_public=affects_public, market_related=market_related,
                              legal_basis="见正文第一条", drafting_explanation="起草说明（略）")
    day = start
    if affects_public:
        doc = services.comment_open(actor=drafter, doc=doc, on=day)
        _comments(doc, drafter, COMMENTS.get(title, []))
        day = _workday_on_or_after(doc.comment_min_end)
    doc = services.review_submit(actor=drafter, doc=doc, on=day)  # the 采纳情况, written from the dispositions
    review_day = _add(day, 6 + index % 5)
    if title == UNLAWFUL_FIRST:
        doc = services.review_opine(actor=reviewer, doc=doc, opinion="unlawful", on=review_day,
                                      reasons="第五条“统一向指定企业购买”限制竞争，违反国办发〔2018〕37号第一(一)项。")
        services.doc_update(actor=drafter, doc=doc, title=title, issuer=issuer, text=text,
                            affects_public=affects_public, market_related=market_related)
        day = _add(review_day, 1)
        doc = services.review_submit(actor=drafter, doc=doc, on=day)
        review_day = _add(day, 5)
    opinion = "lawful_after_changes" if index % 3 == 0 else "lawful"
    doc = services.review_opine(actor=reviewer, doc=doc, opinion=opinion, on=review_day,
                                  reasons="制定主体、权限、内容和程序符合规定。" if opinion == "lawful"
                                  else "建议删除第四条中增加相对人义务的表述后印发。")
    day = _add(review_day, 2)
    meeting = "县人民政府常务会议" if issuer.kind == "government" else f"{issuer.short_name or issuer.name}党组会议"
    doc = services.doc_deliberate(actor=drafter, doc=doc, on=day, meeting=meeting)
    day = _add(day, 1)
    doc = services.doc_sign(actor=drafter, doc=doc, on=day, signer="主要负责人")
    day = _add(day, 1)
    doc = services.doc_register(actor=office, doc=doc, on=day)
    day = _add(day, 2)
    doc = services.doc_publish(actor=office, doc=doc, published_on=day, published_in="郧西县人民政府门户网站")
    filed_on = day + datetime.timedelta(days=20 if title in LATE_FILING else 7 + index % 5)
    filing = services.filing_create(actor=drafter, doc=doc, filed_on=filed_on, **PACKAGE)
    reviewed_on = filed_on + datetime.timedelta(days=12)
    if title == CORRECTION:
        filing = services.filing_review(actor=office, filing=filing, result="correction", on=reviewed_on,
                                        note="第四条对经营者增设的备案要求缺乏上位法依据，应予纠正。")
        services.filing_correct(actor=drafter, filing=filing, on=reviewed_on + datetime.timedelta(days=20),
                                  note="已删除相关条款并重新公布。")
    elif issuer.kind != "government":  # the county's own filing review; the city reviews the government's
        services.filing_review(actor=office, filing=filing, result="passed", on=reviewed_on)
    return doc


@transaction.atomic
def load(*, scale=1, stdout=None):
    office = User.objects.filter(username="fzb").first()
    if office is None:
        return {"documents": 0}
    liaison = User.objects.filter(username="liaison").first() or office
    reviewer_user = User.objects.filter(username="reviewer").first() or office
    units = {u.code: u for u in OrgUnit.objects.all()}
    created = 0
    for code, prefix in PREFIXES.items():
        if code in units and not IssuerPrefix.objects.filter(unit=units[code]).exists():
            services.prefix_set(actor=office, unit=units[code], prefix=prefix)

    register_rows = list(REGISTER)
    for k in range(max(0, scale - 1) * 20):  # benchmark volume
        register_rows.append(("G-YX", f"郧西政规〔2014〕{k + 1}号", f"郧西县历史规范性文件第{k + 1}号",
                              D(2014, 1, 1) + datetime.timedelta(days=k % 300), None))
    rows = []
    for code, number, title, published_on, ended in register_rows:
        if code in units and not NormativeDocument.objects.filter(number=number).exists():
            rows.append({"number": number, "title": title, "issuer": units[code], "published_on": published_on,
                         "status": "published", "ended_on": ended})
    if rows:
        created += services.docs_import(actor=office, rows=rows)

    for index, (issuer_code, unit_code, title, public, market, month, subject, law, extra) in enumerate(DOCS):
        if NormativeDocument.objects.filter(title=title).exists() or issuer_code not in units:
            continue
        unit = units[unit_code]
        drafter = liaison if unit_code == "D-SCJ" and liaison.unit_id == unit.pk else office
        # 司法局 reviews the county government's documents; the office answers for the departments' own bodies
        reviewer = reviewer_user if issuer_code == "G-YX" else office
        _walk(office=office, drafter=drafter, reviewer=reviewer, issuer=units[issuer_code], unit=unit, title=title,
              affects_public=public, market_related=market, month=month,
              text=_text(title, subject, law, extra, unit.name), index=index)
        created += 1

    for unit_code, title, month, reason in NOT_NORMATIVE:
        if NormativeDocument.objects.filter(title=title).exists() or unit_code not in units:
            continue
        unit = units[unit_code]
        doc = services.doc_create(actor=office, title=title, issuer=units["G-YX"], unit=unit,
                                  text=f"{title}（全文略）。", affects_public=False)
        day = _workday_on_or_after(D(2019, month, 10))
        doc = services.review_submit(actor=office, doc=doc, on=day)
        services.doc_declare_not_normative(actor=office, doc=doc,
                                       reason=reason, on=_add(day, 5))
        created += 1

    if not CleanupCampaign.objects.filter(title="2019年行政规范性文件清理").exists():
        campaign = services.campaign_open(actor=office, title="2019年行政规范性文件清理", opened_on=D(2019, 10, 8))
        for item in campaign.items.select_related("document"):
            outcome, reason = CLEANUP.get(item.document.title, ("keep", "符合上位法规定，继续适用"))
            services.cleanup_item_mark(actor=office, item=item, outcome=outcome, reason=reason)
        services.campaign_approve(actor=office, campaign=campaign, on=D(2019, 11, 20))
        services.campaign_publish(actor=office, campaign=campaign, on=D(2019, 11, 29))
        amend = NormativeDocument.objects.filter(title="郧西县城区占道经营管理办法").first()
        if amend is not None and amend.status == "published":
            services.doc_amend(actor=office, doc=amend, valid_from=D(2019, 12, 20),
                           note="根据2019年清理结果修改第三条、第九条",
                           text="第一条 为了加强城区占道经营管理，维护市容环境和交通秩序，制定本办法。\n"
                                "第二条 城区道路、广场等公共场所不得擅自占道经营。\n"
                                "第三条 确需临时占道经营的，按照《城市市容和环境卫生管理条例》的规定办理。")
    if stdout is not None:
        stdout.write(f"规范性文件：新增 {created} 件。")
    return {"documents": created}
