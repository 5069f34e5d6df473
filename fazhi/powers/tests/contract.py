"""What the URL contract test needs to know about the power lists' URLs."""
import datetime

PUBLIC = {"powers:public_list", "powers:public_item", "powers:public_changes", "powers:public_compare"}


def _market_list(county):
    """An approved list of the market bureau, a flag on it and an approval item (built once per county)."""
    if getattr(county, "_powers_sample", None):
        return county._powers_sample
    from fazhi.powers import services
    from fazhi.powers.models import PowerItem

    from .factories import approved_list

    adj = approved_list(county)
    services.law_change_mark(actor=county.office, law="行政许可法", kind="repealed",
                             changed_on=datetime.date(2019, 5, 1))
    xk = PowerItem.objects.get(code="SCJ-XK-001")
    approval = services.approval_item_add(actor=county.office, unit=county.market, code="SP-SCJ-1",
                                          name="市场秘密审批事项", listed_on=datetime.date(2019, 1, 1),
                                          document="文件", power_item=xk)
    county._powers_sample = {"adj": adj, "item": xk, "flag": xk.flags.first(), "approval": approval}
    return county._powers_sample


SAMPLES = {
    "powers:item_detail": lambda c: {"pk": _market_list(c)["item"].pk},
    "powers:adjustment_detail": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:adjustment_edit": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:line_add": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:line_remove": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:adjustment_submit": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:adjustment_approve": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:adjustment_return": lambda c: {"pk": _market_list(c)["adj"].pk},
    "powers:flag_resolve": lambda c: {"pk": _market_list(c)["flag"].pk},
    "powers:approval_adjust": lambda c: {"pk": _market_list(c)["approval"].pk},
}

SECRET_TEXT = {
    "powers:item_detail": "食品经营许可",
    "powers:adjustment_detail": "初始清单",
    "powers:approval_adjust": "市场秘密审批事项",
}
