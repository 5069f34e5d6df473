"""Excel exports of the 普法 registers (the same filtered rows as the page)."""
import io

from openpyxl import Workbook

from fazhi.core import spreadsheets as sheets
from fazhi.core.spreadsheets import neutralise

from .choices import QuestionKind
from .models import LETTERS


def _book(title, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append([neutralise(v) if isinstance(v, str) else v for v in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_duty_lists(qs):
    rows = []
    for d in qs.prefetch_related("items"):
        for i in d.items.all():
            rows.append([d.unit.name, d.year, d.get_cycle_display(), d.get_status_display(), i.law, i.content,
                         i.audience, i.measures, i.post, i.timing])
    return _book("普法责任清单", ["单位", "年度", "普法规划", "状态", "普法的法律法规", "普法内容", "普法对象", "普法措施",
                               "责任岗位", "时间安排"], rows)


def export_activities(qs):
    return _book("普法活动", ["活动名称", "类别", "组织单位", "日期", "地点", "受众人数", "宣传的法律法规"],
                 [[a.title, a.get_kind_display(), a.unit.name, a.held_on, (a.place.name if a.place else "") + a.place_detail,
                   a.audience, a.laws] for a in qs])


def export_sites(qs):
    return _book("法治文化阵地", ["阵地名称", "建设单位", "所在地", "命名级别", "命名称号", "命名年度"],
                 [[s.name, s.unit.name, s.place.name if s.place else "", s.get_level_display(), s.designation,
                   s.designated_year] for s in qs])


# Declared sheets (template, export and all-or-nothing import) -----------------------------------------------

def duty_item_sheet(*, actor=None, unit=None, year=None, duty_list=None):
    """The items of one unit's 普法责任清单 for a year; importing replaces the list's items."""
    from . import services

    def save_rows(rows):
        items = [{k: r[k] for k in ("law", "content", "audience", "measures", "post", "timing")} for r in rows]
        return services.duty_list_save(actor=actor, unit=unit, year=year, items=items, duty_list=duty_list)

    return sheets.SheetSpec(title="普法责任清单", save_rows=save_rows, columns=[
        sheets.Column("普法的法律法规", "law", required=True, max_length=200, width=28,
                      help="写全称，例如《中华人民共和国食品安全法》"),
        sheets.Column("普法内容", "content", required=True, max_length=500, width=30),
        sheets.Column("普法对象", "audience", required=True, max_length=200, width=16),
        sheets.Column("普法措施", "measures", required=True, max_length=500, width=30),
        sheets.Column("责任岗位", "post", required=True, max_length=100, width=14),
        sheets.Column("时间安排", "timing", required=True, max_length=100, width=12),
    ])


LETTER_HELP = "填写选项字母，多选题连写，如“AC”；判断题填“正确”或“错误”"


def _answer(value):
    text = str(value).strip().upper().replace("，", "").replace(",", "").replace(" ", "")
    if text in {"正确", "对", "√", "T"}:
        return "A"
    if text in {"错误", "错", "×", "F"}:
        return "B"
    if not text or any(ch not in LETTERS[:6] for ch in text):
        raise ValueError(LETTER_HELP)
    return "".join(sorted(set(text)))


def question_sheet(*, actor=None, bank=None):
    """The question bank's own Excel template: one question per row, options A–F in their columns."""
    from . import services

    def validate_row(row):
        options = [row.get(f"option_{c}") for c in "abcdef"]
        row["options"] = ["正确", "错误"] if row["kind"] == QuestionKind.JUDGE else [o for o in options if o]
        if row["kind"] != QuestionKind.JUDGE and len(row["options"]) < 2:
            raise sheets.RowError("选择题至少要有两个选项", row=row, field="option_b")
        if any(LETTERS.index(c) >= len(row["options"]) for c in row["answer"]):
            raise sheets.RowError("答案字母超出了已填写的选项", row=row, field="answer")
        if row["kind"] == QuestionKind.SINGLE and len(row["answer"]) != 1:
            raise sheets.RowError("单选题只能有一个答案", row=row, field="answer")
        if row["kind"] == QuestionKind.MULTIPLE and len(row["answer"]) < 2:
            raise sheets.RowError("多选题至少要有两个答案", row=row, field="answer")

    option_columns = [sheets.Column(f"选项{c.upper()}", f"option_{c}", max_length=300, width=16,
                                    export=lambda q, i=i: q.options[i] if q.kind != "judge" and i < len(q.options)
                                    else "") for i, c in enumerate("abcdef")]
    return sheets.SheetSpec(
        title="试题", key="stem", validate_row=validate_row,
        save_rows=lambda rows: services.questions_import(actor=actor, bank=bank, rows=rows),
        columns=[
            sheets.Column("题型", "kind", required=True, choices=list(QuestionKind.choices), width=8),
            sheets.Column("题干", "stem", required=True, max_length=2000, width=40),
            *option_columns,
            sheets.Column("答案", "answer", required=True, parser=_answer, width=8, help=LETTER_HELP,
                          export=lambda q: q.answer if q.kind != "judge" else ("正确" if q.answer == "A" else "错误")),
            sheets.Column("考点", "point", max_length=200, width=16),
            sheets.Column("解析", "explanation", max_length=2000, width=30),
            sheets.Column("法律法规", "law", max_length=100, width=20),
            sheets.Column("条款", "article", max_length=50, width=10),
            sheets.Column("法律版本（施行日期）", "law_version", parser=sheets.parse_date, width=14),
            sheets.Column("标签", "tags", max_length=200, width=12),
            sheets.Column("难度", "difficulty", choices=[(1, "易"), (2, "中"), (3, "难")], parser=int, width=6),
        ])


def export_study_records(people):
    """One row per person (rows already carrying ``selectors.record_rows``'s figures)."""
    return _book("学法档案", ["姓名", "单位", "学法次数", "学时", "参加考试", "考试合格", "最高得分"],
                 [[p.full_name, p.unit.name, p.sessions_n, float(p.hours), p.exams_sat, p.exams_passed,
                   float(p.best_score) if p.best_score is not None else ""] for p in people])
