"""After ``manage.py load_demo`` (the ``demo_county`` fixture: loaded once per session) the 2019 report states every figure of the seed report
(/work/shared/seed/yunxi-2019-rule-of-law-report.txt) whose module exists.

SEED_FIGURES lists every number the seed states, keyed by the figure key that states it: (count, unit,
wording as the seed writes it, approximate). ``approximate`` marks the seed's “60余份”, “2300多名”: the value
must be at least the count, and the report writes it by the approximate-wording rule
(``fazhi.reporting.selectors.prose.approximate``). Every listed key of a module that exists — one of
``EXISTING_MODULES`` or any module that has registered a figure — must be registered: a missing or renamed key
fails. Only the keys of a module that has registered no figure at all (still being built) are left out, and the
test says which. When a module registers a figure for one of these numbers under another key, change the key here.
"""
import re

import pytest

from fazhi.core.registry import figures
from fazhi.reporting import selectors, services
from fazhi.reporting.models import Report

SEED_FIGURES = {
    # 一、强化组织领导，夯实工作责任
    "orgs.departments": (77, "个", "77个县直单位", False),
    "assessment.task_areas": (8, "项", "8大项", False),
    "assessment.pilot_townships": (2, "个", "2个乡镇", False),
    "assessment.pilot_departments": (4, "个", "4个县直单位", False),
    # 三、遵循规范程序，推进科学决策
    "decisions.government_advisers": (6, "名", "6名资深律师", False),
    "decisions.matters_reviewed": (20, "项", "风险评估、合法性审查20项", False),
    "decisions.decisions_reviewed": (10, "次", "审查重大决策事项10余次", True),
    "decisions.adviser_coverage": (100, "%", "党政机关和村（社区）法律顾问实现了全覆盖", False),
    "legal_education.duty_lists": (77, "个", "77个县直单位制定了普法责任清单", False),
    "legal_education.activities": (60, "场", "60余场“法律六进”宣传活动", True),
    "legal_education.exam_units": (75, "个", "75个单位", False),
    "legal_education.exam_participants": (2300, "名", "2300多名国家机关工作人员", True),
    "legal_education.exam_pass_rate": (98, "%", "考试通过率达到98%", False),
    "legal_education.culture_sites": (6, "个", "6个法治文化阵地（场馆）", False),
    "legal_education.demo_units": (20, "个", "20个单位参入了全省“四个100”法治示范创建", False),
    # 四、加强制度建设，规范执法行为
    "enforcement.officers_trained": (700, "名", "700多名需要换发和申领行政执法证件的工作人员", True),
    "enforcement.officers_certified": (700, "名", "700多名需要换发和申领行政执法证件的工作人员", True),
    # 六、创新工作方法，防范和化解社会矛盾
    "legal_services.purchase_amount": (420, "万元", "政府出资420余万元购买法律服务", True),
    "orgs.law_firms": (7, "家", "7家律师事务所", False),
    "legal_services.lawyers": (44, "名", "44名律师", False),
    "legal_services.townships_covered": (18, "个", "18个乡镇（场、区）", False),
    "legal_services.villages_covered": (286, "个", "286个村（社区）", False),
    "orgs.townships": (18, "个", "18个乡镇（场、区）", False),
    "orgs.villages": (286, "个", "286个村（社区）", False),
    "legal_services.publicity_events": (980, "场次", "法治宣传980余场次", True),
    "legal_services.consultations": (14500, "人次", "法律咨询14500余人次", True),
    "legal_services.legal_aid_cases": (110, "件", "法律援助案件110余件", True),
    "legal_services.advice_items": (920, "条", "依法决策建议920余条", True),
    "legal_services.legal_opinions": (150, "份", "法律意见书150余份", True),
    "legal_services.village_rules": (56, "个", "为56个村开展了乡村治理", False),
    "disputes.lawyer_difficult": (224, "件", "疑难信访案件224件", False),
    "disputes.lawyer_general": (374, "件", "一般信访纠纷374件", False),
    "disputes.hall_lawyers": (11, "名", "11名律师进县信访大厅", False),
    "disputes.hall_visitors": (550, "人", "接待上访群众550余人", True),
    "disputes.hall_general": (170, "件", "一般信访纠纷170余件", True),
    "disputes.hall_difficult": (17, "件", "疑难信访纠纷17件", False),
}

# A number the seed states for two kinds of record together: the figures' sum must match.
SEED_SUMS = {
    ("normative_docs.reviews_done", "decisions.contracts_reviewed"): (60, "份", "审查政府规范性文件、项目合同60余份", True),
}

SEED = "/work/shared/seed/yunxi-2019-rule-of-law-report.txt"
# counting words that mean the same (persons: 名 / 人)
SAME_UNIT = {"名": {"名", "人"}, "人": {"名", "人"}}


def _normalise(text):
    return text.replace("(", "（").replace(")", "）").replace("\u201c", "“").replace("\u201d", "”")


def test_every_listed_figure_is_stated_by_the_seed():
    try:
        seed = _normalise(open(SEED, encoding="utf-8").read())
    except FileNotFoundError:
        pytest.skip("seed report not available")
    compact = seed.replace("”", "").replace("“", "").replace("\"", "")
    for key, (count, unit, wording, _approx) in SEED_FIGURES.items():
        assert (str(count) in wording and unit in wording) or "全覆盖" in wording, key
        words = wording.replace("”", "").replace("“", "")
        assert words in compact or re.sub(r"（.*?）", "", words) in compact, (key, wording)


# The modules whose figures must be registered whatever else is registered (they exist and state seed numbers).
EXISTING_MODULES = {"orgs", "powers", "decisions", "normative_docs", "enforcement"}


def _module(key):
    return key.split(".", 1)[0]


def strict_keys(registered):
    """The listed keys that must be registered: those of the existing modules and of every module that has
    registered at least one figure."""
    present = EXISTING_MODULES | {_module(k) for k in registered}
    return [k for k in SEED_FIGURES if _module(k) in present]


def test_a_missing_or_renamed_key_of_an_existing_module_fails():
    """The check itself: a listed key of an existing module is never skipped."""
    registered = {"orgs.departments_renamed": None, "legal_services.lawyers": None}
    keys = strict_keys(registered)
    assert "orgs.departments" in keys and "decisions.government_advisers" in keys
    assert "legal_services.purchase_amount" in keys  # its module registered a figure: its keys are strict too
    assert "orgs.departments" in [k for k in keys if k not in registered]  # renamed: reported as missing


def _stated(value, unit, wording, approx):
    """How the report writes the number: by the approximate-wording rule where the seed writes 余/多."""
    from fazhi.reporting.selectors.prose import approximate

    shown = selectors.format_value(value)
    if approx:
        word = "多" if "多" in wording else "余"
        shown = approximate(value, word)
    return shown


@pytest.mark.django_db
def test_the_2019_report_contains_every_seed_figure_of_the_modules_that_exist(demo_county):
    report = Report.objects.get(unit__code="G-YX", year=2019)
    cells = selectors.report_cells(report, check_changes=False)
    text = "".join(p for s in selectors.sections_of(report) for p in selectors.render_text(s.body, cells))
    registered = figures()
    missing = [k for k in strict_keys(registered) if k not in registered]
    assert not missing, f"seed figures not registered (missing or renamed): {missing}"
    with_sentences = selectors.prose.modules_with_sentences()
    checked = []
    for key in strict_keys(registered):
        count, unit, wording, approx = SEED_FIGURES[key]
        figure = registered[key]
        value = figure.compute(year=2019).value
        assert figure.unit in SAME_UNIT.get(unit, {unit}), f"{key}: unit {figure.unit!r}, the seed writes {unit!r} ({wording})"
        if approx:
            assert value >= count, f"{key}: {value}, the seed states {wording}"
        else:
            assert value == count, f"{key}: {value}, the seed states {wording}"
        shown = selectors.format_value(value)
        assert cells[key].display == shown, f"{key}: the report shows {cells[key].display}, the records {shown}"
        if key in selectors.prose.stated_figures():
            # stated by its sentence, in the seed's register: the number (approximate where the seed is) and unit
            # (a module's sentence may still state an approximate number exactly)
            said = {_stated(value, figure.unit, wording, approx), shown}
            assert any(f"{n}{u}" in text for n in said for u in SAME_UNIT.get(figure.unit, {figure.unit})), \
                f"{key}: “{'/'.join(sorted(said))}{figure.unit}” not in the report (the seed: {wording})"
        elif _module(key) not in with_sentences:
            if figure.unit in services.LABEL_FIRST_UNITS or figure.label.endswith(services.LABEL_FIRST_ENDINGS):
                stated = f"{figure.label}{shown}{figure.unit}"
            else:
                stated = f"{shown}{figure.unit}{figure.label}"
            assert stated in text, f"{key}: “{stated}” not in the report (the seed: {wording})"
        checked.append(key)
    assert {"orgs.departments", "orgs.townships", "orgs.villages", "orgs.law_firms"} <= set(checked)
    for wording in ["77个县直单位", "18个乡镇（场、区）", "286个村（社区）", "7家律师事务所"]:
        assert wording in text


@pytest.mark.django_db
def test_numbers_the_seed_states_for_two_kinds_of_record_together(demo_county):
    registered = figures()
    for keys, (count, _unit, wording, approx) in SEED_SUMS.items():
        present = EXISTING_MODULES | {_module(k) for k in registered}
        if not all(_module(k) in present for k in keys):
            continue
        assert all(k in registered for k in keys), f"seed figures not registered: {keys}"
        total = sum(registered[k].compute(year=2019).value for k in keys)
        assert total >= count if approx else total == count, f"{' + '.join(keys)}: {total}, the seed: {wording}"


@pytest.mark.django_db
def test_the_leading_group_as_the_seed_describes_it(demo_county):
    """Seed 一: chaired by the county head, the executive and responsible vice-heads as deputies, heads of county
    departments and of the townships/场/区 as members; the office in the justice bureau led by its head; 8 task areas."""
    registered = figures()
    if "assessment.group_chair" not in registered:
        pytest.skip("the assessment module's leadership figures are not registered yet")
    facts = {key: registered[key].compute(year=2019).value for key in [
        "assessment.group_chair", "assessment.group_deputies", "assessment.group_office",
        "assessment.group_office_head", "assessment.task_areas", "assessment.group_members"]}
    assert facts["assessment.group_chair"] == "县长"
    assert facts["assessment.group_deputies"] == "常务副县长、分管副县长"
    assert facts["assessment.group_office"] == "郧西县司法局"
    assert facts["assessment.group_office_head"] == "县司法局局长"
    assert facts["assessment.task_areas"] == 8
    members = registered["assessment.group_members"].compute(year=2019).breakdown
    assert members["成员"] >= 18 + 1  # every township's head and the heads of county departments
    report = Report.objects.get(unit__code="G-YX", year=2019)
    cells = selectors.report_cells(report, check_changes=False)
    text = "".join(p for s in selectors.sections_of(report) for p in selectors.render_text(s.body, cells))
    assert "由县长任组长，常务副县长、分管副县长任副组长" in text
    assert "领导小组办公室设在郧西县司法局" in text and "办公室主任由县司法局局长兼任" in text
