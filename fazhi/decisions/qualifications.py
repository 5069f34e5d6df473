"""Who may be retained as a government legal adviser (外聘法律顾问条件).

The conditions come from 中办发〔2016〕30号《关于推行法律顾问制度和公职律师公司律师制度的意见》
(RULES.md §3); the numbers are rule parameters the office can change (``rulesettings.py``).
"""
from fazhi.core.rules import get_setting

#: cited after a refusal, so the reader knows where the condition comes from
SOURCE = "《关于推行法律顾问制度和公职律师公司律师制度的意见》外聘法律顾问条件"


def qualification_problems(*, kind, practice_since, sanctioned, criminal_record, on):
    """``[(field, message), ...]`` for what the configured conditions find wrong; empty when qualified."""
    problems = []
    if criminal_record:
        problems.append(("criminal_record", "有犯罪记录的人员不得担任法律顾问。"))
    if sanctioned and get_setting("decisions.adviser_exclude_sanctioned"):
        problems.append(("sanctioned", "受过行政处罚或行业处分的律师不得聘为法律顾问。"))
    if kind == "lawyer":
        minimum = get_setting("decisions.adviser_min_practice_years")
        if practice_since is None:
            problems.append(("practice_since", "外聘律师须登记执业起始年份。"))
        elif on.year - practice_since < minimum:
            problems.append(("practice_since", f"外聘律师须执业{minimum}年以上，该律师执业{on.year - practice_since}年。"))
    return problems
