"""Excel exports of the 普法 registers (the same filtered rows as the page)."""
import io

from openpyxl import Workbook

from fazhi.core.spreadsheets import neutralise


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
