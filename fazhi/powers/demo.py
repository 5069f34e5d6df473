"""Demo power lists for the county (``manage.py load_demo``), consistent with the seed report (二、一).

- End of 2016 (the deadline for county lists, RULES.md §1): every administrative department's list is
  established and published as “郧西县权责清单（2016年版）”.
- June 2019: the centralised dynamic adjustment the seed reports (“今年6月份对各部门各单位的权责清单进行
  了集中动态调整”): one approved adjustment per department (cancel, change, add, delegate to townships,
  take over from the city), effective 2019-06-30, published as “…（2019年6月集中动态调整版）” with its changelog.
- Afterwards: the 2019 revision of the 药品管理法 is marked, which flags the market bureau's drug items;
  one adjustment of the market bureau waits for review; the approval catalogue lists the licensing items.

Deterministic (no randomness: everything derives from the department's position) and idempotent.
Courts, the procuratorate and the power-supply company have no power list (they are not administrative
organs). ``scale`` multiplies the number of items per department.
"""
import datetime

from django.db import transaction

from fazhi.orgs.models import OrgUnit, User

from . import services
from .choices import AdjustmentKind
from .models import AdjustmentLine, ApprovalItem, ListVersion, PowerItemVersion

V2016 = "郧西县权责清单（2016年版）"
V2019 = "郧西县权责清单（2019年6月集中动态调整版）"
START = datetime.date(2016, 12, 30)
JUNE = datetime.date(2019, 6, 30)
NO_LIST = {"D-FY", "D-JCY", "D-GDGS"}
SMALL = {"D-TJJ", "D-KJJ", "D-SJJ", "D-DAG", "D-TYJ", "D-YBJ", "D-LSJ", "D-QXJ", "D-CZJ", "D-SWJ"}

# Domain of the departments that have specific laws; others use the general ones below.
DOMAINS = {
    "D-SCJ": ("SC", ["中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国药品管理法",
                     "中华人民共和国特种设备安全法", "中华人民共和国广告法", "中华人民共和国反不正当竞争法"],
              ["食品生产经营者", "药品经营企业", "特种设备使用单位", "广告经营者", "网络交易经营者", "计量器具使用者"],
              ["食品经营许可", "药品零售企业许可", "特种设备使用登记", "工业产品生产许可证初审"]),
    "D-ZJJ": ("ZJ", ["中华人民共和国建筑法", "建设工程质量管理条例", "中华人民共和国城乡规划法", "物业管理条例"],
              ["建设单位", "施工单位", "监理单位", "房地产开发企业", "物业服务企业"],
              ["建筑工程施工许可证核发", "商品房预售许可", "建筑业企业资质核准"]),
    "D-JTJ": ("JT", ["中华人民共和国公路法", "中华人民共和国道路运输条例", "公路安全保护条例"],
              ["道路运输经营者", "机动车维修经营者", "公路沿线单位", "客运驾驶员"],
              ["道路旅客运输经营许可", "道路货物运输经营许可", "涉路施工许可"]),
    "D-NYJ": ("NY", ["中华人民共和国种子法", "农药管理条例", "中华人民共和国动物防疫法", "中华人民共和国渔业法"],
              ["种子生产经营者", "农药经营者", "畜禽养殖场", "兽药经营者", "渔业捕捞者"],
              ["农作物种子生产经营许可", "农药经营许可", "动物防疫条件合格证核发", "渔业捕捞许可"]),
    "D-HBJ": ("HB", ["中华人民共和国环境保护法", "中华人民共和国水污染防治法", "中华人民共和国大气污染防治法",
                     "中华人民共和国固体废物污染环境防治法"],
              ["排污单位", "建设项目单位", "危险废物经营单位", "机动车排放检验机构"],
              ["建设项目环境影响评价文件审批", "排污许可证核发"]),
    "D-ZRZYJ": ("ZR", ["中华人民共和国土地管理法", "中华人民共和国矿产资源法", "中华人民共和国城乡规划法"],
                ["用地单位", "采矿权人", "测绘单位", "建设单位"],
                ["建设用地规划许可", "采矿许可", "乡村建设规划许可"]),
    "D-WLJ": ("WL", ["中华人民共和国文物保护法", "娱乐场所管理条例", "旅行社条例", "互联网上网服务营业场所管理条例"],
              ["娱乐场所", "旅行社", "网吧经营者", "演出经营单位"],
              ["娱乐场所经营许可", "网吧经营许可", "营业性演出审批"]),
    "D-YJJ": ("YJ", ["中华人民共和国安全生产法", "危险化学品安全管理条例", "烟花爆竹安全管理条例"],
              ["生产经营单位", "危险化学品经营企业", "烟花爆竹经营者", "非煤矿山企业"],
              ["危险化学品经营许可", "烟花爆竹经营（零售）许可"]),
    "D-SLJ": ("SL", ["中华人民共和国水法", "中华人民共和国防洪法", "河道管理条例", "中华人民共和国水土保持法"],
              ["取水单位", "河道采砂者", "生产建设项目单位"],
              ["取水许可", "河道采砂许可", "水土保持方案审批"]),
    "D-WJJ": ("WJ", ["中华人民共和国执业医师法", "医疗机构管理条例", "公共场所卫生管理条例", "中华人民共和国传染病防治法"],
              ["医疗机构", "公共场所经营者", "供水单位", "执业医师"],
              ["医疗机构执业登记", "公共场所卫生许可", "母婴保健技术服务执业许可"]),
    "D-RSJ": ("RS", ["中华人民共和国劳动法", "劳动保障监察条例", "中华人民共和国社会保险法"],
              ["用人单位", "人力资源服务机构", "职业培训机构"],
              ["人力资源服务许可", "民办职业培训学校设立审批"]),
    "D-SFJ": ("SF", ["中华人民共和国律师法", "中华人民共和国人民调解法", "法律援助条例", "基层法律服务工作者管理办法"],
              ["律师事务所", "基层法律服务所", "律师", "司法鉴定机构"],
              ["基层法律服务工作者执业核准"]),
    "D-LYJ": ("LY", ["中华人民共和国森林法", "中华人民共和国野生动物保护法", "植物检疫条例"],
              ["林木经营者", "木材经营加工单位", "野生动物经营者"],
              ["林木采伐许可", "林草植物检疫证书核发", "使用林地审核"]),
    "D-JYJ": ("JY", ["中华人民共和国教育法", "中华人民共和国民办教育促进法", "校车安全管理条例"],
              ["民办学校", "校外培训机构", "校车服务提供者"],
              ["民办学校办学许可", "校车使用许可"]),
    "D-GAJ": ("GA", ["中华人民共和国治安管理处罚法", "中华人民共和国道路交通安全法", "中华人民共和国消防法"],
              ["旅馆业经营者", "公章刻制业经营者", "机动车驾驶人", "娱乐场所"],
              ["旅馆业特种行业许可", "公章刻制业特种行业许可", "大型群众性活动安全许可"]),
    "D-TJJ": ("TJ", ["中华人民共和国统计法", "中华人民共和国统计法实施条例"], ["统计调查对象", "统计机构"], ["涉外调查机构资格初审"]),
    "D-MZJ": ("MZ", ["殡葬管理条例", "社会团体登记管理条例", "养老机构管理办法"], ["殡葬服务单位", "社会组织", "养老机构"],
              ["社会团体成立登记", "民办非企业单位成立登记"]),
    "D-CZJ": ("CZ", ["中华人民共和国会计法", "中华人民共和国政府采购法", "财政违法行为处罚处分条例"],
              ["会计人员", "采购人", "政府采购代理机构"], ["代理记账机构审批"]),
    "D-KJJ": ("KJ", ["中华人民共和国科学技术进步法", "中华人民共和国促进科技成果转化法"], ["科技项目承担单位", "技术合同当事人"],
              ["技术合同认定登记"]),
    "D-SJJ": ("SJ", ["中华人民共和国审计法", "中华人民共和国审计法实施条例"], ["被审计单位", "被审计单位负责人"], ["审计事项"]),
    "D-YBJ": ("YB", ["医疗保障基金使用监督管理条例", "中华人民共和国社会保险法"], ["定点医药机构", "参保人员"],
              ["定点医药机构协议管理"]),
    "D-DAG": ("DA", ["中华人民共和国档案法", "中华人民共和国档案法实施办法"], ["档案保管单位", "档案服务机构"], ["档案出境审批"]),
    "D-RFB": ("RF", ["中华人民共和国人民防空法", "湖北省实施《中华人民共和国人民防空法》办法"], ["建设单位", "人防工程使用单位"],
              ["人防工程拆除审批", "防空地下室易地建设审批"]),
    "D-XFDD": ("XF", ["中华人民共和国消防法", "湖北省消防条例"], ["公众聚集场所", "消防技术服务机构", "机关、团体、企业、事业单位"],
               ["公众聚集场所投入使用、营业前消防安全检查"]),
    "D-QXJ": ("QX", ["中华人民共和国气象法", "气象灾害防御条例", "防雷减灾管理办法"], ["雷电防护装置检测单位", "施放气球单位"],
              ["升放无人驾驶自由气球审批", "雷电防护装置设计审核"]),
    "D-YCJ": ("YC", ["中华人民共和国烟草专卖法", "中华人民共和国烟草专卖法实施条例"], ["烟草制品零售户", "无证经营者"],
              ["烟草专卖零售许可"]),
    "D-LSJ": ("LS", ["粮食流通管理条例", "中央储备粮管理条例"], ["粮食经营者", "粮食储存企业"], ["粮食收购资格备案"]),
    "D-CGJ": ("CG", ["城市市容和环境卫生管理条例", "城市绿化条例", "城镇排水与污水处理条例"], ["沿街商户", "建筑垃圾运输单位", "户外广告设置人"],
              ["户外广告设施设置审批", "城市建筑垃圾处置核准"]),
    "D-FGJ": ("FG", ["中华人民共和国价格法", "中华人民共和国节约能源法", "企业投资项目核准和备案管理条例"],
              ["经营者", "用能单位", "项目单位"], ["企业投资项目核准", "固定资产投资项目节能审查"]),
    "D-SWJ": ("SW", ["单用途商业预付卡管理办法（试行）", "再生资源回收管理办法", "成品油市场管理办法"],
              ["发卡企业", "再生资源回收经营者", "成品油零售企业"], ["成品油零售经营资格审核"]),
    "D-TYJ": ("TY", ["中华人民共和国退役军人保障法", "军人抚恤优待条例"], ["优抚对象", "退役军人"], ["烈士褒扬金发放"]),
}
GENERAL = ("QT", ["中华人民共和国行政处罚法", "中华人民共和国行政许可法", "中华人民共和国政府信息公开条例"],
           ["生产经营单位", "相关单位", "从业人员"], ["相关事项审批"])
VIOLATIONS = ["未取得许可从事经营活动", "未按规定建立并执行查验记录制度", "拒绝、阻碍监督检查",
              "提供虚假材料骗取许可", "未按规定公示有关信息", "违反安全管理规定", "未按规定报送有关材料",
              "超出许可范围从事活动"]
NUMERALS = "零一二三四五六七八九"

# (category, share of a department's items): most items are 行政处罚, as in real county lists.
MIX = [("penalty", 0.62), ("inspection", 0.10), ("licensing", 0.08), ("coercion", 0.06), ("other", 0.05),
       ("confirmation", 0.03), ("reward", 0.02), ("levy", 0.02), ("benefit", 0.01), ("adjudication", 0.01)]


def _cn(n):
    if n < 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else NUMERALS[tens] + "十") + (NUMERALS[ones] if ones else "")


def _size(index, scale):
    domain_bonus = 30
    return (8 + (index * 37) % 45 + domain_bonus) * scale


def _items(code, index, scale):
    """[(code, content)] for one department: deterministic."""
    prefix, laws, subjects, licences = DOMAINS.get(code, GENERAL)
    short = code.replace("D-", "")
    if code in SMALL or code not in DOMAINS:
        size = (8 + (index * 7) % 12) * scale  # bureaus with few powers (统计、档案、审计…)
    else:
        size = _size(index, scale)
    counts = {cat: max(0, round(size * share)) for cat, share in MIX}
    counts["penalty"] = max(counts["penalty"], 1)
    result = []
    seq = 0
    for cat, n in counts.items():
        for i in range(n):
            seq += 1
            law = laws[(i + seq) % len(laws)]
            article = f"第{_cn(10 + (i * 7 + index) % 80)}条"
            subject = subjects[i % len(subjects)]
            if cat == "penalty":
                variant = VIOLATIONS[(i // len(subjects)) % len(VIOLATIONS)]
                round_ = i // (len(subjects) * len(VIOLATIONS))
                name = f"对{subject}{variant}行为的行政处罚" + (f"（{_cn(round_ + 1)}）" if round_ else "")
            elif cat == "licensing":
                name = licences[i % len(licences)] + (f"（{_cn(i // len(licences) + 1)}）" if i >= len(licences) else "")
            elif cat == "inspection":
                name = f"对{subject}的监督检查" + (f"（{_cn(i // len(subjects) + 1)}）" if i >= len(subjects) else "")
            elif cat == "coercion":
                name = f"查封、扣押{subject}涉嫌违法的物品、场所" + (f"（{_cn(i + 1)}）" if i else "")
            else:
                label = {"other": "备案", "confirmation": "登记确认", "reward": "表彰奖励", "levy": "费用征收",
                         "benefit": "补助发放", "adjudication": "纠纷裁决"}[cat]
                name = f"{subject}{label}" + (f"（{_cn(i + 1)}）" if i else "")
            letter = {"penalty": "CF", "licensing": "XK", "inspection": "JC", "coercion": "QZ", "other": "QT",
                      "confirmation": "QR", "reward": "JL", "levy": "ZS", "benefit": "JF", "adjudication": "CJ"}[cat]
            result.append((f"YX-{short}-{letter}-{i + 1:03d}", {
                "name": name, "category": cat,
                "bases": [{"law": law, "article": article}],
                "implementing_body": "",
                "sub_items": "",
                "duties": "1.受理（立案）责任；2.审查（调查）责任；3.决定责任；4.送达责任；5.执行责任；6.其他法律法规规定应履行的责任。",
                "accountability": "因不履行或不正确履行行政职责，有下列情形之一的，行政机关及相关工作人员应承担相应责任："
                                  "1.对符合条件的申请不予受理的；2.违反法定程序实施的；3.滥用职权、玩忽职守的。",
                "time_limit": "20个工作日" if cat == "licensing" else ("90日" if cat == "penalty" else ""),
                "remarks": "",
            }))
    return result


def _bulk_adjustment(*, actor, unit, title, reason, document, effective_on, lines):
    adj = services.adjustment_create(actor=actor, unit=unit, title=title, reason=reason, trigger_document=document,
                                     effective_on=effective_on)
    objs = []
    for kind, item, code, content, note in lines:
        objs.append(AdjustmentLine(adjustment=adj, kind=kind, item=item, code=code, note=note, **content))
    AdjustmentLine.objects.bulk_create(objs, batch_size=1000)
    return adj


@transaction.atomic
def load(*, scale=1, stdout=None):
    if ListVersion.objects.filter(title=V2016).exists():
        return 0
    office = User.objects.filter(username="fzb").first()
    if office is None:
        return 0
    departments = list(OrgUnit.objects.filter(kind="department", code__startswith="D-").exclude(code__in=NO_LIST)
                       .order_by("sort_order", "code"))
    created = 0
    # 1. The lists established at the end of 2016 and published.
    for index, unit in enumerate(departments):
        adj = _bulk_adjustment(
            actor=office, unit=unit, title=f"{unit.name}权责清单（初次编制）", reason="按照中办发〔2015〕21号要求编制权责清单",
            document="郧西县人民政府关于公布县政府工作部门权责清单的通知", effective_on=START,
            lines=[(AdjustmentKind.ADD, None, code, content, "") for code, content in _items(unit.code, index, scale)])
        services.adjustment_submit(actor=office, adjustment=adj)
        services.adjustment_approve(actor=office, adjustment=adj, opinion="同意")
        created += adj.lines.count()
    services.version_publish(actor=office, title=V2016, published_on=START,
                             document="郧西县人民政府关于公布县政府工作部门权责清单的通知（2016年12月）",
                             note="全县各部门权责清单首次向社会公布。")
    # The approval catalogue: one entry per licensing item of the 2016 lists.
    for v in (PowerItemVersion.objects.in_force_on(START).filter(category="licensing")
              .select_related("item__unit").order_by("item__code")):
        if ApprovalItem.objects.filter(code=f"SP-{v.item.code}").exists():
            continue
        services.approval_item_add(actor=office, unit=v.item.unit, code=f"SP-{v.item.code}", name=v.name,
                                   listed_on=START, document="郧西县行政审批事项目录（2016年）", power_item=v.item,
                                   legal_days=20, promised_days=10)
    # 2. June 2019: the centralised dynamic adjustment.
    townships = list(OrgUnit.objects.filter(kind="township").order_by("code")[:1])
    for index, unit in enumerate(departments):
        if index % 3 == 2:
            continue  # not every department had changes
        current = list(PowerItemVersion.objects.filter(item__unit=unit, valid_to__isnull=True)
                       .select_related("item").order_by("item__code"))
        if len(current) < 4:
            continue
        lines = []
        cancel, change, delegate = current[index % len(current)], current[(index + 1) % len(current)], None
        lines.append((AdjustmentKind.CANCEL, cancel.item, cancel.item.code, cancel.content(),
                      "所依据的规定已废止"))
        changed = change.content()
        changed["bases"] = [*changed["bases"], {"law": "中华人民共和国行政处罚法", "article": "第三十八条"}]
        changed["time_limit"] = "60日" if change.category == "penalty" else changed["time_limit"]
        lines.append((AdjustmentKind.CHANGE, change.item, change.item.code, changed, "补充实施依据，调整办理时限"))
        if townships and index % 2 == 0:
            delegate = current[(index + 2) % len(current)]
            lines.append((AdjustmentKind.DELEGATE, delegate.item, delegate.item.code, delegate.content(),
                          "下放至乡镇人民政府实施"))
        short = unit.code.replace("D-", "")
        lines.append((AdjustmentKind.TAKE_OVER, None, f"YX-{short}-JC-201906", {
            **_items(unit.code, index, 1)[0][1], "name": f"{unit.short_name or unit.name}承接市级下放的监督检查事项",
            "category": "inspection"}, "承接十堰市人民政府下放事项"))
        lines.append((AdjustmentKind.ADD, None, f"YX-{short}-QT-201906", {
            **_items(unit.code, index, 1)[0][1], "name": f"{unit.short_name or unit.name}行政执法公示",
            "category": "other", "bases": [{"law": "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度"
                                                  "重大执法决定法制审核制度的指导意见", "article": ""}]},
                      "落实行政执法三项制度"))
        adj = _bulk_adjustment(
            actor=office, unit=unit, title=f"{unit.short_name or unit.name}2019年6月集中动态调整",
            reason="根据法律法规立改废和机构改革情况，对权责清单进行集中动态调整",
            document="郧西县人民政府办公室关于开展权责清单集中动态调整工作的通知（2019年5月）", effective_on=JUNE,
            lines=lines)
        services.adjustment_submit(actor=office, adjustment=adj)
        services.adjustment_approve(actor=office, adjustment=adj, opinion="同意")
        created += len(lines)
    services.version_publish(actor=office, title=V2019, published_on=JUNE,
                             document="郧西县人民政府关于公布权责清单集中动态调整结果的通知（2019年6月）",
                             note="2019年6月对各部门各单位的权责清单进行了集中动态调整。")
    # 3. After June: a law revised, a pending adjustment, the approval catalogue.
    services.law_change_mark(actor=office, law="中华人民共和国药品管理法", kind="amended",
                             changed_on=datetime.date(2019, 8, 26),
                             document="第十三届全国人民代表大会常务委员会第十二次会议修订")
    market = OrgUnit.objects.filter(code="D-SCJ").first()
    liaison = User.objects.filter(username="liaison").first()
    if market is not None and liaison is not None:
        drug = (PowerItemVersion.objects.filter(item__unit=market, valid_to__isnull=True, name__contains="药品")
                .select_related("item").first())
        if drug is not None:
            adj = services.adjustment_create(actor=liaison, unit=market, title="药品管理法修订后的调整",
                                             reason="《中华人民共和国药品管理法》2019年8月修订，相应调整实施依据",
                                             trigger_document="中华人民共和国主席令第三十一号",
                                             effective_on=datetime.date(2019, 12, 1))
            content = drug.content()
            content["bases"] = [{"law": "中华人民共和国药品管理法", "article": "第一百一十五条"}]
            services.line_add(actor=liaison, adjustment=adj, kind=AdjustmentKind.CHANGE, item=drug.item,
                              content=content)
            services.adjustment_submit(actor=liaison, adjustment=adj)
    for n, item in enumerate(ApprovalItem.objects.filter(status="active").order_by("code")):
        if n % 9 == 4:
            services.approval_item_adjust(actor=office, item=item, kind="delegate", changed_on=datetime.date(2019, 6, 30),
                                          document="十堰市人民政府关于下放一批行政审批事项的决定", note="下放至乡镇")
        elif n % 13 == 7:
            services.approval_item_adjust(actor=office, item=item, kind="cancel", changed_on=datetime.date(2019, 6, 30),
                                          document="湖北省人民政府关于取消一批行政许可事项的决定")
    if stdout is not None:
        stdout.write(f"权责清单：{len(departments)} 个部门，{created} 条调整事项，2 个公布版本。")
    return created
