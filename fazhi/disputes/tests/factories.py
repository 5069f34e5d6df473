"""Small builders for disputes tests, on the persona county (through the real services)."""
import datetime
import itertools

from fazhi.disputes import services

_ids = itertools.count(1)


def petition(county, *, on, event_on=None, category=None, name=None, phone=None, merge="new", **extra):
    n = next(_ids)
    event_on = event_on or on - datetime.timedelta(days=10)
    if category is None:
        category = "claim" if event_on >= datetime.date(2022, 5, 1) else "old_complaint"
    return services.petition_register(
        actor=county.office, office=county.justice, channel=extra.pop("channel", "visit"),
        petitioner_name=name or f"信访人{n:03d}", phone=phone or f"1390719{n:04d}", event_on=event_on,
        received_on=on, category=category, request="请求解决拖欠工程款问题", facts="某公司拖欠工程款两年未付。",
        merge=merge, **extra)


def org(county, *, unit=None, name=None, category="village", members=("女", "男", "男"), term_start=None):
    from fazhi.disputes.choices import Gender

    o = services.org_create(actor=county.office, unit=unit or county.village_east,
                            name=name or f"调解委员会{next(_ids)}", category=category,
                            term_start=term_start or datetime.date(2024, 1, 1))
    for i, g in enumerate(members):
        services.mediator_add(actor=county.office, org=o, name=f"调解员{i}", gender=Gender.FEMALE if g == "女"
                              else Gender.MALE)
    return o


def case(county, org, *, on=None, actor=None, **extra):
    return services.case_register(actor=actor or county.office, org=org, title=extra.pop("title", "宅基地边界纠纷"),
                                  dispute_type=extra.pop("dispute_type", "neighbour"),
                                  source=extra.pop("source", "walk_in"), parties=["张某甲", "李某乙"],
                                  registered_on=on, **extra)
