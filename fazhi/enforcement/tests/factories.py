"""Small builders for enforcement tests, on the persona county (through the real services)."""
import datetime
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseKind, PartyKind
from fazhi.orgs import services as org_services

_ids = itertools.count(1)

ISSUED = datetime.date(2019, 9, 20)
VALID_UNTIL = datetime.date(2029, 9, 19)


def id_number():
    return f"42032219800101{next(_ids):04d}"


def officer(county, *, unit=None, user=None, name="执法员甲", **extra):
    n = next(_ids)
    fields = dict(name=name, id_number=f"420322198001{n:06d}", certificate_no=f"42030019{n:05d}",
                  issued_on=ISSUED, valid_until=VALID_UNTIL, exam_score=85, post="执法人员")
    fields.update(extra)
    return services.officer_create(actor=county.office, unit=unit or county.market, user=user, **fields)


def setup(county):
    """A body at the market bureau, the officer persona and a colleague certified, a qualified reviewer."""
    body = services.body_save(actor=county.office, unit=county.market, name="某县市场监督管理局",
                              legal_basis="《中华人民共和国行政处罚法》《市场监督管理行政处罚程序规定》",
                              powers="对销售不合格产品的处罚\n对无照经营的处罚")
    me = officer(county, unit=county.market_station, user=county.officer, name="孙某某")
    colleague = officer(county, unit=county.market_station, name="钱某某")
    org_services.role_grant(actor=None, user=county.reviewer, role_code="reviewer", unit=county.market)
    reviewer = officer(county, unit=county.justice, user=county.reviewer, name="赵审核", legal_qualification=True)
    return body, me, colleague, reviewer


def party(name="张三丰", **extra):
    return {"kind": PartyKind.PERSON, "name": name, "id_number": "420322199001011234", "phone": "13907190001",
            "address": "城关镇东坪村3组", **extra}


def penalty_case(county, body, colleague, *, on=datetime.date(2025, 3, 3), parties=None, title="张三丰销售过期食品案",
                 **extra):
    return services.case_register(actor=county.officer, body=body, kind=CaseKind.PENALTY,
                                  title=title, facts="张三丰（电话13907190001）在城关镇销售过期食品。",
                                  registered_on=on, officers=[colleague], parties=parties or [party()], **extra)


def step(county, case, action, on, text="已完成", **data):
    data.setdefault("backdate_reason", "根据纸质案卷补录")
    return services.case_transition(actor=data.pop("actor", county.officer), case=case, action=action, on=on,
                                    text=text, **data)


def to_decision(county, case, *, fine=Decimal("3000"), on=datetime.date(2025, 3, 3)):
    case = step(county, case, "investigate", on + datetime.timedelta(days=1), "询问当事人，制作笔录")
    case = step(county, case, "notify", on + datetime.timedelta(days=7), "拟罚款", fine_amount=fine)
    return step(county, case, "decide", on + datetime.timedelta(days=21), "罚款",
                decision="对张三丰罚款3000元，没收过期食品。")


def video(name="现场.mp4", content=b"\x00\x00\x00 ftypisom video bytes"):
    return SimpleUploadedFile(name, content, content_type="video/mp4")


def photo(name="现场.jpg", content=b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 photo bytes"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")
