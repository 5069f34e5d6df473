"""Helpers of the suggestions part's tests (``at`` moves the clock to each act's day)."""
import datetime

from fazhi.oversight.services import suggestions as services

from .contract_suggestions import reply_file

D = datetime.date
RECEIVED, ASSIGNED, REPLIED = D(2019, 3, 1), D(2019, 3, 12), D(2019, 5, 6)


def imported(county, at, *, number="001", kind="npc", received_on=RECEIVED, title="关于修缮乡村道路的建议",
             proposer="张代表", urgent=False):
    at(received_on)
    [s] = services.suggestions_import(actor=county.office, rows=[{
        "kind": kind, "number": number, "title": title, "proposer": proposer, "content": "请修缮道路。",
        "received_on": received_on, "urgent": urgent}])
    return s


def assigned(county, at, on=ASSIGNED, **kwargs):
    s = imported(county, at, **kwargs)
    at(on)
    return services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market)


def replied(county, at, on=REPLIED, **kwargs):
    s = assigned(county, at, **kwargs)
    at(on)
    return services.suggestion_reply(actor=county.liaison, suggestion=s, text="已列入计划。", file=reply_file())
