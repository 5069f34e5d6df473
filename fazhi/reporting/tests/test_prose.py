"""The report as a report: approximate wording, sentences per theme, parts two to four drafted from records,
the signing organ and 成文日期, heading styles and unfinished markers in the .docx; the dashboard's headlines."""
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from fazhi.core import registry
from fazhi.core.errors import DomainError
from fazhi.reporting import selectors, services
from fazhi.reporting.selectors.prose import RULE_TEXT, approximate, to_placeholders
from fazhi.reporting.workflows import FILL_IN_MARK


@pytest.mark.parametrize("value,word,expected", [
    (7, "余", "7"), (10, "余", "10"), (12, "余", "10余"), (60, "余", "60"), (64, "余", "60余"), (69, "余", "60余"),
    (70, "余", "70"), (115, "余", "110余"), (986, "余", "980余"), (999, "余", "990余"), (2356, "多", "2300多"),
    (14512, "余", "14500余"), ("420.6", "余", "420余"), (756, "多", "750多"), (1000, "多", "1000"),
])
def test_the_approximate_wording_rule(value, word, expected):
    assert approximate(value, word) == expected


def test_the_rule_is_stated_in_plain_chinese_and_refuses_other_words():
    assert "60余" in RULE_TEXT and "向下取整" in RULE_TEXT
    with pytest.raises(ValueError):
        approximate(64, "约")


def test_sentence_templates_become_placeholders():
    assert to_placeholders("组织{a.b|多}名，审查{c.d}件") == "组织{{a.b|多}}名，审查{{c.d}}件"


def test_every_registered_sentence_names_registered_figures_and_a_known_theme():
    from fazhi.reporting.choices import THEME_CODES

    figures = registry.figures()
    parts = {"shortcomings", "leaders", "plan"}
    for key, sentence in registry.sentences().items():
        assert sentence.theme in set(THEME_CODES) | parts, key
        assert sentence.figures, key
        for name in sentence.figures:
            assert name in figures, f"{key}: {name}"
    # the existing modules state their figures in sentences
    stated = selectors.prose.stated_figures()
    for key in ["orgs.departments", "orgs.villages", "powers.adjustments_by_kind", "decisions.government_advisers",
                "normative_docs.filed", "enforcement.officers_trained"]:
        assert key in stated


@pytest.mark.django_db
def test_approximate_placeholders_render_the_rule(county, test_figures):
    report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    cells = selectors.report_cells(report, check_changes=False)
    cells["testmod.monthly"].display = "64"
    assert selectors.render_text("开展{{testmod.monthly|余}}场，共{{testmod.monthly}}场", cells) == ["开展60余场，共64场"]
    html = selectors.render_html("开展{{testmod.monthly|余}}场", cells)
    assert ">60余</a>场" in html
    assert services.unknown_placeholders(report, {"x": "{{testmod.monthly|多}}"}) == []


@pytest.mark.django_db
def test_a_theme_is_drafted_from_its_registered_sentences(county, test_figures, monkeypatch):
    monkeypatch.setattr(registry, "_sentences", {})
    registry.register_sentence("testmod.grass", theme="theme_disputes", order=2,
                               template="公共法律服务覆盖全县{testmod.villages}个村（社区）")
    registry.register_sentence("testmod.rate", theme="theme_decisions", order=1,
                               template="学法用法考试通过率达到{testmod.pass_rate}%")
    report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    bodies = {s.code: s.body for s in report.sections.all()}
    assert bodies["theme_disputes"] == "公共法律服务覆盖全县{{testmod.villages}}个村（社区）。"
    assert bodies["theme_decisions"] == "学法用法考试通过率达到{{testmod.pass_rate}}%。"
    # a theme with no records is marked for the office to write
    assert bodies["theme_functions"].startswith(FILL_IN_MARK)
    # parts two to four: drafted where records exist, marked where only people can write
    for code in ("shortcomings", "leaders", "plan"):
        assert FILL_IN_MARK in bodies[code]
    assert "2020年度" in bodies["plan"]


@pytest.mark.django_db
def test_the_signing_organ_and_date_are_edited_and_exported(county, test_figures):
    import datetime

    report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    bodies = {s.code: s.body for s in report.sections.all()}
    with pytest.raises(DomainError) as e:
        services.report_update(actor=county.office, report=report, title=report.title, bodies=bodies,
                               signed_on=datetime.date(2023, 1, 6))
    assert e.value.field == "signed_on"
    services.report_update(actor=county.office, report=report, title=report.title, bodies=bodies,
                           signing_organ="郧西县人民政府", signed_on=datetime.date(2020, 1, 6))
    report.refresh_from_db()
    assert report.signed_on == datetime.date(2020, 1, 6) and report.signer == "郧西县人民政府"
    doc = Document(io.BytesIO(selectors.report_docx(report)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[-2:] == ["郧西县人民政府", "2020年1月6日"]


@pytest.mark.django_db
def test_the_docx_has_heading_styles_and_highlights_what_is_unfinished(county, test_figures):
    from docx.enum.text import WD_COLOR_INDEX

    report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    doc = Document(io.BytesIO(selectors.report_docx(report)))
    h1 = next(p for p in doc.paragraphs if p.text == "五、其他需要报告的事项")
    h2 = next(p for p in doc.paragraphs if p.text == "（六）创新工作方法，防范和化解社会矛盾")
    assert h1.style.name == "Heading 1" and h2.style.name == "Heading 2"
    assert h1.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert h2.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    # the draft: every fill-in marker is a highlighted run, and the document says it is a draft
    marked = [r for p in doc.paragraphs for r in p.runs if FILL_IN_MARK in r.text]
    assert marked and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in marked)
    assert "草稿" in doc.paragraphs[1].text
    # once the office has written every part, nothing is highlighted and no marker remains
    bodies = {s.code: (s.body if FILL_IN_MARK not in s.body else "本部分由办公室撰写。") for s in report.sections.all()}
    import datetime

    services.report_update(actor=county.office, report=report, title=report.title, bodies=bodies,
                           signed_on=datetime.date(2020, 1, 6))
    report.refresh_from_db()
    doc = Document(io.BytesIO(selectors.report_docx(report)))
    assert not any(r.font.highlight_color for p in doc.paragraphs for r in p.runs)
    assert not any(FILL_IN_MARK in p.text or "草稿" in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("value,target,due,expected", [
    (100, 100, 5, "on"), (96, 100, 5, "risk"), (80, 100, 5, "off"), (0, 100, 0, "none"), (0, 100, None, "off"),
    (85, 80, None, "on"), (77, 80, None, "risk"),
])
def test_headline_status_against_its_target(value, target, due, expected, db):
    assert selectors.headline_status(value, target, due=due, band=5) == expected


@pytest.mark.django_db
def test_dashboard_headlines_and_alert_count_as_the_alerts_centre_counts(client, county, test_figures, monkeypatch):
    from fazhi.core.registry import Alert, FigureValue
    from fazhi.reporting.selectors import dashboard

    def filing_rate(*, year, unit_ids=None):
        due = 0 if year == 2019 else 4
        return FigureValue(value=0 if due == 0 else 75, link=f"/orgs/units/?year={year}",
                           breakdown={"应报备": due, "已报备": 3 if due else 0})

    registry.register_figure("normative_docs.filing_rate", label="规范性文件报备率", unit="%", chapter="四、",
                             compute=filing_rate)
    registry.register_figure("enforcement.evaluation_score", label="案卷评查平均分", unit="分", chapter="四、",
                             compute=lambda *, year, unit_ids=None: FigureValue(value=60 + year % 10,
                                                                                 breakdown={"评查案卷": 3}))

    def many(user, today):  # one alert standing for 5 officers is one row in the alerts centre
        return [Alert(rule="测试", severity="warning", title="证件将到期", count=5, unit=county.market)]

    registry.register_alert("testmod.many", label="证件到期", check=many)
    monkeypatch.setattr(dashboard, "HEADLINES", [h for h in dashboard.HEADLINES
                                                 if h.key in ("normative_docs.filing_rate", "enforcement.evaluation_score")])
    client.force_login(county.office)
    response = client.get("/dashboard/?year=2019")
    data = response.context["data"]
    rows = {h.key: h for h in data["headlines"]}
    assert rows["normative_docs.filing_rate"].status == "none"  # nothing was due: neutral, never red
    assert rows["enforcement.evaluation_score"].status == "off" and "较上年" in rows["enforcement.evaluation_score"].change
    chart = rows["enforcement.evaluation_score"].chart
    assert chart["unit"] == "分" and len(chart["values"]) == 5 and chart["target"] == 80
    # a year with nothing due has no bar (not a red zero) and no link; the years with documents due have theirs
    filing = rows["normative_docs.filing_rate"].chart
    assert filing["values"] == [75, 75, 75, 75, None] and filing["links"][4] == ""
    from fazhi.core import clock

    collected = selectors.alerts_for(user=county.office, today=clock.today())
    assert data["alert_total"] == len(collected[0])
    assert sum(a["count"] for a in data["alert_counts"]) == len(collected[0])
    html = response.content.decode()
    assert "无应办事项" in html and "未达标" in html and "目标 80分" in html
    # no chart mixes units of measure
    for ch in response.context["charts"]:
        if ch["id"].startswith("module-"):
            assert ch["unit"] and ch["unit"] in ch["title"]


@pytest.mark.django_db
def test_the_help_page_states_the_approximate_wording_rule(client, county):
    client.force_login(county.office)
    from django.urls import reverse

    html = client.get(reverse("reporting:figure_definitions")).content.decode()
    assert RULE_TEXT in html


@pytest.mark.django_db
def test_a_year_before_the_records_begin_is_no_data_not_a_zero(county, test_figures, monkeypatch):
    """Counted in 2019 and nothing recorded in 2018 (the platform's first year): the card says 上年无可比数据,
    not “较上年+736人”, and the 2018 bar is absent."""
    from fazhi.core.registry import FigureValue
    from fazhi.reporting.selectors import dashboard

    def trained(*, year, unit_ids=None):
        return FigureValue(value=736 if year == 2019 else 0, records=list(range(736)) if year == 2019 else [])

    registry.register_figure("enforcement.officers_trained", label="执法人员业务培训", unit="人", chapter="四、",
                             compute=trained)
    monkeypatch.setattr(dashboard, "HEADLINES", [h for h in dashboard.HEADLINES
                                                 if h.key == "enforcement.officers_trained"])
    row = dashboard.headline_indicators(year=2019, trend=True)[0]
    assert row.change == "上年无可比数据"
    assert row.chart["values"] == [None, None, None, None, 736]
    row = dashboard.headline_indicators(year=2020, trend=True)[0]  # a real drop to zero after a year with records
    assert row.change == "较上年−736人"
