"""Build power lists through the real services."""
import datetime

from fazhi.powers import services

BASIS = "《中华人民共和国食品安全法》第一百二十二条"


def content(name="食品生产经营违法行为的处罚", category="penalty", bases=BASIS, **extra):
    return {"name": name, "category": category, "bases": bases, "duties": "1.立案责任 2.调查责任",
            "accountability": "不履行或不正确履行职责的", "implementing_body": "", "sub_items": "",
            "time_limit": "", "remarks": "", **extra}


def approved_list(county, unit=None, items=None, effective_on=datetime.date(2019, 1, 1), title="初始清单"):
    """An approved adjustment adding ``items`` ([(code, content dict)]) to ``unit`` (market)."""
    unit = unit or county.market
    items = items or [("SCJ-CF-001", content()),
                      ("SCJ-XK-001", content("食品经营许可", "licensing", "《中华人民共和国行政许可法》第十二条"))]
    adj = services.adjustment_create(actor=county.liaison if unit == county.market else county.office, unit=unit,
                                     title=title, reason="建立清单", trigger_document="县政府办〔2019〕1号",
                                     effective_on=effective_on)
    for code, data in items:
        services.line_add(actor=county.office, adjustment=adj, kind="add", code=code, content=data)
    services.adjustment_submit(actor=county.office, adjustment=adj)
    return services.adjustment_approve(actor=county.office, adjustment=adj)
