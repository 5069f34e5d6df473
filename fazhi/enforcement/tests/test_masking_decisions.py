"""Masking of published enforcement decisions against realistic decisions (RULES.md §6.1).

Each decision below is written as county market bureaus write them; each must publish with no personal
data in the public text, on the public pages or in the public search, while the registered name of a
business, its credit code and the officers' names stay public. The leak check (fazhi/core/leaks.py) is
shown to be independent of the masker: it finds what a deliberately weakened masker leaves.
"""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core import leaks, masking, search
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry, SearchEntry
from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseKind, PartyKind, PersonRole, PublicationStatus
from fazhi.enforcement.models import Publication
from fazhi.enforcement.services import publicity

from .factories import step

pytestmark = pytest.mark.django_db
D = datetime.date

PERSON, BUSINESS, ORG = PartyKind.PERSON, PartyKind.INDIVIDUAL_BUSINESS, PartyKind.ORGANISATION

DECISIONS = [
    dict(  # 1. a 个体工商户 selling expired food: the operator is a natural person
        key="individual_business", title="郧西县城关镇惠民副食店销售超过保质期食品案",
        parties=[dict(kind=BUSINESS, name="郧西县城关镇惠民副食店", id_number="92420322MA4D8E2K1X",
                      operator_name="张建国", operator_id_number="420322197005061234", phone="13971901234",
                      address="郧西县城关镇东坪村3组18号")],
        facts="2025年2月20日，执法人员对当事人经营场所检查，发现货架上摆放超过保质期的“香辣牛肉面”12袋。"
              "经营者张建国的身份证复印件、营业执照复印件在卷。经营者张建国称系疏忽未及时下架。",
        decision="依据《中华人民共和国食品安全法》第一百二十四条，没收超过保质期的食品12袋，罚款5000元。",
        secrets=["张建国", "420322197005061234", "13971901234"],
        public=["郧西县城关镇惠民副食店", "92420322MA4D8E2K1X", "经营者：张某", "罚款5000元"]),
    dict(  # 2. a company, its legal representative and an authorised agent
        key="company", title="湖北鑫源建材有限公司生产不合格产品案",
        parties=[dict(kind=ORG, name="湖北鑫源建材有限公司", id_number="91420322MA49XK2L7P",
                      representative_name="李德明", agent_name="陈晓峰", agent_id_number="420322198507081234",
                      address="郧西县城关镇工业园区8号")],
        facts="当事人生产的水泥经抽检强度不合格。法定代表人李德明未到场，委托代理人陈晓峰（身份证号420322198507081234）"
              "接受询问并签字确认。",
        decision="责令停止生产，没收不合格水泥30吨，罚款人民币20000元。",
        secrets=["李德明", "陈晓峰", "420322198507081234"],
        public=["湖北鑫源建材有限公司", "91420322MA49XK2L7P", "法定代表人李某", "委托代理人陈某"]),
    dict(  # 3. spouse and child registered as persons of the case
        key="relatives_registered", title="王建军销售病死猪肉案",
        parties=[dict(kind=PERSON, name="王建军", id_number="420322196911021234", phone="13872001234",
                      address="郧西县上津镇津城村2组5号")],
        persons=[dict(role=PersonRole.RELATIVE, relation="当事人之妻", name="刘秀兰"),
                 dict(role=PersonRole.RELATIVE, relation="当事人之子", name="王子轩")],
        facts="当事人王建军在上津镇农贸市场销售未经检疫的猪肉，其妻刘秀兰、其子王子轩（12岁）在摊位帮忙。",
        decision="没收违法销售的猪肉85公斤，罚款10000元。",
        secrets=["王建军", "刘秀兰", "王子轩"], public=["其妻刘某", "其子王某（12岁）"]),
    dict(  # 4. spouse and child named only in the facts (not on file): introduced by kinship words
        key="relatives_unregistered", title="周志强无证经营餐饮案",
        parties=[dict(kind=PERSON, name="周志强", id_number="420322198103151234")],
        facts="当事人周志强未取得食品经营许可证在家中经营流水席，其妻赵春梅负责采购，其女周雨涵（10岁）在场。",
        decision="没收违法所得3150元，罚款6000元。",
        secrets=["周志强", "赵春梅", "周雨涵"], public=["其妻赵某", "其女周某（10岁）", "违法所得3150元"]),
    dict(  # 5. a name written with a space
        key="spaced_name", title="黄海波销售假冒注册商标白酒案",
        parties=[dict(kind=PERSON, name="黄海波", id_number="420322197702281234")],
        facts="当事人黄 海波在其经营的烟酒店内销售假冒“黄鹤楼”注册商标白酒6瓶，黄 海波对违法事实无异议。",
        decision="没收假冒白酒6瓶，罚款8000元。",
        secrets=["黄海波", "黄 海波"], public=["当事人黄某"]),
    dict(  # 6. an ID written with spaces
        key="spaced_id", title="邓光明未按规定标明价格案",
        parties=[dict(kind=PERSON, name="邓光明", id_number="432326196803151234")],
        facts="当事人邓光明（公民身份号码432326 19680315 1234）经营水果摊未明码标价。",
        decision="罚款500元。",
        secrets=["432326 19680315 1234", "19680315", "邓光明"], public=["罚款500元"]),
    dict(  # 7. a full-width phone number
        key="fullwidth_phone", title="杨丽华发布虚假广告案",
        parties=[dict(kind=PERSON, name="杨丽华", phone="13907195678")],
        facts="当事人杨丽华在朋友圈发布“包治百病”保健品广告，联系电话：１３９０７１９５６７８。",
        decision="责令停止发布，罚款3000元。",
        secrets=["１３９０７１９５６７８", "13907195678", "杨丽华"], public=["联系电话：××"]),
    dict(  # 8. WeChat ids
        key="wechat", title="胡春燕网络销售无标签食品案",
        parties=[dict(kind=PERSON, name="胡春燕")],
        facts="当事人胡春燕通过微信号yxhuchy_88销售自制无标签辣椒酱，以微信：hcy-2019x收取货款共计1260元。",
        decision="没收违法所得1260元，罚款2000元。",
        secrets=["yxhuchy_88", "hcy-2019x", "胡春燕"], public=["违法所得1260元"]),
    dict(  # 9. a home address written differently from the address field
        key="home_address", title="程国华擅自收购珍贵野生植物案",
        parties=[dict(kind=PERSON, name="程国华", address="郧西县城关镇东坪村3组18号")],
        facts="当事人程国华，家住东坪村三组十八号，2025年1月收购野生兰花20株。另查明当事人住郧西县城关镇东坪村3组18号附近的仓库存放。",
        decision="没收野生兰花20株，罚款2000元。",
        secrets=["东坪村三组十八号", "东坪村3组18号", "程国华"], public=["家住××"]),
    dict(  # 10. a short alias
        key="alias", title="欧阳振华非法加工销售散装白酒案",
        parties=[dict(kind=PERSON, name="欧阳振华", aliases="老欧，欧老板")],
        facts="当事人欧阳振华（人称老欧）在家中作坊勾兑白酒，欧老板对外称系纯粮酿造。",
        decision="没收散装白酒200斤，罚款5000元。",
        secrets=["欧阳振华", "老欧", "欧老板"], public=["欧阳某"]),
    dict(  # 11. a bank account with spaces and an Alipay account
        key="bank_account", title="吴志军违规预收费用案",
        parties=[dict(kind=PERSON, name="吴志军")],
        facts="当事人吴志军以办卡名义预收会员费，款项转入其本人银行账户6217 0023 1234 5678 901，"
              "部分通过支付宝账号wzj1985@163.com收取。",
        decision="责令退还预收费用，罚款10000元。",
        secrets=["6217 0023 1234 5678 901", "6217002312345678901", "wzj1985@163.com", "吴志军"],
        public=["罚款10000元"]),
    dict(  # 12. a witness, and the officers' names that stay public
        key="witness", title="谭文斌短斤缺两案",
        parties=[dict(kind=PERSON, name="谭文斌")],
        persons=[dict(role=PersonRole.WITNESS, name="孙立平", phone="13597891234")],
        facts="执法人员孙某某、钱某某出示执法证件后检查。证人孙立平（电话13597891234）证实当事人谭文斌使用作弊电子秤。",
        decision="没收作弊电子秤1台，罚款1000元。",
        secrets=["孙立平", "13597891234", "谭文斌"], public=["执法人员孙某某、钱某某", "证人孙某"]),
    dict(  # 13. a landline and an e-mail address
        key="landline_email", title="郑红梅销售无中文标签进口奶粉案",
        parties=[dict(kind=PERSON, name="郑红梅", phone="0719-6221234")],
        facts="当事人郑红梅销售无中文标签进口奶粉15罐，联系电话0719-6221234，电子邮箱 zhenghm@qq.com。",
        decision="没收奶粉15罐，罚款5000元。",
        secrets=["0719-6221234", "6221234", "zhenghm@qq.com", "郑红梅"], public=["奶粉15罐"]),
    dict(  # 14. an organisation's person in charge and an employee named in the facts
        key="org_employee", title="郧西县第二建筑工程公司使用未经检验特种设备案",
        parties=[dict(kind=ORG, name="郧西县第二建筑工程公司", id_number="91420322179234567K",
                      representative_name="马国强")],
        facts="当事人施工工地使用未经定期检验的塔式起重机，负责人马国强、员工杨帆未能提供检验合格证明。",
        decision="责令停止使用，罚款30000元。",
        secrets=["马国强", "杨帆"], public=["郧西县第二建筑工程公司", "91420322179234567K", "负责人马某", "员工杨某"]),
    dict(  # 15. a 个体工商户 whose operator's home and old 15-digit ID appear in the facts
        key="business_home", title="郧西县店子镇兴旺农资店销售过期农药案",
        parties=[dict(kind=BUSINESS, name="郧西县店子镇兴旺农资店", operator_name="贺兴旺",
                      operator_id_number="420322700101123", address="郧西县店子镇新街村")],
        facts="户主贺兴旺（身份证号420322700101123），住店子镇新街村一组25号，在其农资店销售过期农药40瓶。",
        decision="没收过期农药40瓶，罚款3000元。",
        secrets=["贺兴旺", "420322700101123", "新街村一组25号"], public=["郧西县店子镇兴旺农资店", "户主贺某"]),
    dict(  # 16. a minority name and a QQ number
        key="minority", title="买买提·吐尔逊无照经营烤肉摊案",
        parties=[dict(kind=PERSON, name="买买提·吐尔逊")],
        facts="当事人买买提·吐尔逊在城关镇夜市无照经营烤肉摊，通过QQ号 3456789012 接受预订。",
        decision="责令改正，罚款500元。",
        secrets=["买买提·吐尔逊", "吐尔逊", "3456789012"], public=["买某"]),
]


REGISTERED_ON = D(2025, 3, 3)


def _decided(enf, spec, *, on=REGISTERED_ON):
    case = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.PENALTY, title=spec["title"],
                                  facts=spec["facts"], registered_on=on, officers=[enf.colleague],
                                  parties=spec["parties"])
    for person in spec.get("persons", ()):
        services.person_add(actor=enf.officer, case=case, **person)
    case = step(enf, case, "investigate", on + datetime.timedelta(days=1), "询问当事人，制作笔录")
    case = step(enf, case, "notify", on + datetime.timedelta(days=7), "告知拟处罚", fine_amount=Decimal("3000"))
    return step(enf, case, "decide", on + datetime.timedelta(days=21), "作出决定", decision=spec["decision"])


def _public_text(publication):
    return "\n".join([publication.party, publication.title, publication.content])


def test_at_least_fifteen_realistic_decisions():
    assert len(DECISIONS) >= 15


@pytest.mark.parametrize("spec", DECISIONS, ids=[d["key"] for d in DECISIONS])
def test_a_real_decision_publishes_without_personal_data(enf, client, spec):
    case = _decided(enf, spec)
    publication = services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    assert publication.status == PublicationStatus.PUBLISHED and publication.findings == []
    text = _public_text(publication)
    for secret in spec["secrets"]:
        assert secret not in text, (secret, text)
    for kept in spec["public"]:
        assert kept in text, (kept, text)
    assert "处理决定" in text and "违法事实" in text
    # the public search carries the masked text only: no personal data is findable, the business is
    for secret in spec["secrets"]:
        assert search.query(secret, public_only=True).total == 0, secret
    entry = SearchEntry.objects.get(source="enforcement.decision", object_id=str(publication.pk), public=True)
    for secret in spec["secrets"]:
        assert secret not in entry.title + entry.text and secret not in publication.search_text
    # the public detail page shows the stored masked text and nothing personal
    html = client.get(reverse("enforcement:public_decision_detail", args=[publication.pk])).content.decode()
    assert publication.content.splitlines()[0] in html
    for secret in spec["secrets"]:
        assert secret not in html, secret
    listing = client.get(reverse("enforcement:public_decisions")).content.decode()
    for secret in spec["secrets"]:
        assert secret not in listing, secret


def test_registered_names_are_found_by_the_public_search(enf):
    spec = DECISIONS[0]
    case = _decided(enf, spec)
    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    assert search.query("惠民副食店", public_only=True).total == 1
    assert search.query("张建国", public_only=True).total == 0


def test_a_minors_decision_is_never_published(enf, client):
    spec = dict(DECISIONS[3], parties=[dict(kind=PERSON, name="李小龙", is_minor=True)],
                facts="当事人李小龙（16岁）在校门口销售三无辣条。", title="李小龙销售三无食品案")
    case = _decided(enf, spec)
    assert case.publication.status == PublicationStatus.NOT_PUBLISHED
    with pytest.raises(DomainError, match="未成年人"):
        services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    assert search.query("李小龙", public_only=True).total == 0
    assert search.query("三无辣条", public_only=True).total == 0
    assert "三无" not in client.get(reverse("enforcement:public_decisions")).content.decode()


def test_party_kinds_need_the_persons_the_law_names(enf):
    spec = DECISIONS[4]
    case = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.PENALTY, title=spec["title"],
                                  registered_on=D(2025, 3, 3), officers=[enf.colleague], parties=spec["parties"])
    with pytest.raises(DomainError, match="经营者") as e:
        services.party_add(actor=enf.officer, case=case, kind=BUSINESS, name="郧西县某某小吃店")
    assert e.value.field == "operator_name"
    with pytest.raises(DomainError, match="法定代表人") as e:
        services.party_add(actor=enf.officer, case=case, kind=ORG, name="某某有限公司")
    business = services.party_add(actor=enf.officer, case=case, kind=BUSINESS, name="郧西县某某小吃店",
                                  operator_name="田小燕", id_number="92420322MA4D8E2K2Y")
    assert business.public_name == "郧西县某某小吃店（经营者：田某，统一社会信用代码：92420322MA4D8E2K2Y）"
    assert not business.is_minor


# The leak check is independent of the masker ---------------------------------------------------

def _weak_mask(text, *, persons=(), keep=()):
    """The masker as it was: only the exact names on file and the plain number patterns."""
    return masking.mask_text(text, names=[p.name for p in persons if p.name])


@pytest.mark.parametrize("spec", DECISIONS, ids=[d["key"] for d in DECISIONS])
def test_the_leak_check_finds_what_a_weakened_masker_misses(enf, monkeypatch, spec):
    case = _decided(enf, spec)
    monkeypatch.setattr(masking, "mask_public_text", _weak_mask)
    shown = publicity.preview(case)
    left = [s for s in spec["secrets"] if s in "\n".join([shown["party"], shown["title"], shown["content"]])]
    if left:  # whatever the weak masker left, the check reports and publishing needs a reason
        assert shown["findings"], (spec["key"], left)
        found = " ".join(f.text for f in shown["findings"])
        for secret in left:
            compact = leaks.fold(secret)
            assert any(compact in leaks.fold(f.text) or leaks.fold(f.text) in compact for f in shown["findings"]), \
                (secret, found)
        with pytest.raises(DomainError, match="疑似个人信息") as e:
            services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
        assert e.value.field == "findings_reason"
        assert Publication.objects.get(case=case).status == PublicationStatus.PENDING


def test_the_weakened_masker_leaves_leaks_in_most_decisions(enf, monkeypatch):
    monkeypatch.setattr(masking, "mask_public_text", _weak_mask)
    leaky = 0
    for spec in DECISIONS:
        draft = publicity.public_draft(_decided(enf, spec))
        leaky += any(s in "\n".join(draft.values()) for s in spec["secrets"])
    assert leaky >= 10


def test_the_leak_check_does_not_read_the_maskers_patterns():
    import inspect

    source = inspect.getsource(leaks)
    assert "masking" not in source.split('"""', 2)[2]  # the module uses nothing of the masker
    # and reads numbers the masker's plain patterns do not: spaced, full-width, Chinese numerals
    person = masking.Person("程国华", (), ("432326196803151234",), ("城关镇东坪村3组18号",))
    found = leaks.detect("身份证432326 19680315 1234，家住东坪村三组十八号，电话１３９０７１９５６７８",
                         persons=[person])
    kinds = {f.kind for f in found}
    assert kinds == {"number", "address"} and len(found) >= 3
    assert masking.find_leaks("身份证432326 19680315 1234") == []  # the old check missed it


# The officer's edit, the preview, the reason ---------------------------------------------------

def test_publish_page_previews_the_public_text_and_audits_the_edit(enf, client):
    spec = DECISIONS[0]
    case = _decided(enf, spec)
    client.force_login(enf.officer)
    url = reverse("enforcement:case_publish", args=[case.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="public-preview"' in html and "未发现疑似个人信息" in html
    assert "经营者张某的身份证复印件" in html and "张建国" not in html.split('data-testid="public-preview"')[1][:2000]
    draft = services.public_draft(case)
    edited = draft["content"] + "\n（经营者建国已整改。）"
    response = client.post(url, {"on": case.decided_on.isoformat(), "title": draft["title"], "content": edited})
    html = response.content.decode()
    assert response.status_code == 200 and "疑似姓名：建国" in html and "仍予公示的理由" in html
    assert Publication.objects.get(case=case).status == PublicationStatus.PENDING
    edited = draft["content"] + "\n（当事人已整改。）"
    response = client.post(url, {"on": case.decided_on.isoformat(), "title": draft["title"], "content": edited})
    assert response.status_code == 302
    publication = Publication.objects.get(case=case)
    assert publication.content == edited and publication.edited and publication.findings == []
    log = AuditEntry.objects.filter(event_name="enforcement.public_text_edited").get()
    assert log.changes["content"] == [draft["content"], edited]
    assert search.query("已整改", public_only=True).total == 1


def test_publishing_with_findings_needs_a_recorded_reason(enf):
    case = _decided(enf, DECISIONS[2])
    draft = services.public_draft(case)
    content = draft["content"] + "\n刘秀兰系当事人之妻。"
    with pytest.raises(DomainError, match="1处疑似个人信息"):
        services.decision_publish(actor=enf.officer, case=case, on=case.decided_on, content=content)
    publication = services.decision_publish(actor=enf.officer, case=case, on=case.decided_on, content=content,
                                            findings_reason="经当事人书面同意公开")
    assert publication.findings_reason == "经当事人书面同意公开"
    assert [f["text"] for f in publication.findings] == ["刘秀兰"]
    log = AuditEntry.objects.filter(event_name="enforcement.decision_published").latest("seq")
    assert log.changes["findings_reason"] == [None, "经当事人书面同意公开"]
    assert "疑似个人信息仍予公示" in case.records.last().text


def test_public_detail_page_is_gone_when_withdrawn(enf, client):
    case = _decided(enf, DECISIONS[1])
    publication = services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    url = reverse("enforcement:public_decision_detail", args=[publication.pk])
    assert client.get(url).status_code == 200
    services.decision_revoke(actor=enf.liaison, case=case, reason="行政复议撤销", on=D(2025, 4, 3))
    services.publication_withdraw(actor=enf.liaison, case=case, on=D(2025, 4, 7))
    assert client.get(url).status_code == 404
    pending = _decided(enf, DECISIONS[0])
    assert client.get(reverse("enforcement:public_decision_detail",
                              args=[pending.publication.pk])).status_code == 404
