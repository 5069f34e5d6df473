"""Contract samples of the leadership part: the county's leading group and plan (kept by the county government and
the justice bureau) and a task led by the market bureau (市场监管局) — none of which the outsider (水利局) sees."""
PUBLIC = set()


def _group(county):
    from .factories_leadership import group

    return group(county)


def _post(county):
    return _group(county).posts.get(post="leader")


def _meeting(county):
    from .factories_leadership import meeting

    return meeting(county)


def _plan(county):
    from .factories_leadership import plan

    return plan(county)


def _report(county):
    from .factories_leadership import report

    return report(county)


SAMPLES = {
    "assessment:group_detail": lambda c: {"pk": _group(c).pk},
    "assessment:post_add": lambda c: {"pk": _group(c).pk},
    "assessment:meeting_create": lambda c: {"pk": _group(c).pk},
    "assessment:post_end": lambda c: {"pk": _post(c).pk},
    "assessment:meeting_detail": lambda c: {"pk": _meeting(c).pk},
    "assessment:meeting_minutes": lambda c: {"pk": _meeting(c).pk},
    "assessment:meeting_task": lambda c: {"pk": _meeting(c).pk},
    "assessment:plan_detail": lambda c: {"pk": _plan(c).pk},
    "assessment:plan_import": lambda c: {"pk": _plan(c).pk},
    "assessment:plan_template": lambda c: {"pk": _plan(c).pk},
    "assessment:task_detail": lambda c: {"pk": _report(c).task_id},
    "assessment:task_report": lambda c: {"pk": _report(c).task_id},
    "assessment:progress_evidence": lambda c: {"pk": _report(c).pk},
    "assessment:progress_step": lambda c: {"pk": _report(c).pk, "action": "accept"},
}
SECRET_TEXT = {
    "assessment:group_detail": "县长甲",
    "assessment:task_detail": "合同样本：推行电子营业执照",
}
