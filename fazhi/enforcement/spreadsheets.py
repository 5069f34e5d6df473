"""Excel: the certificate campaign (import and export of officers) and the case list export."""
from fazhi.core import spreadsheets as sheets

from .choices import CaseKind, CaseStatus, CertificateStatus, StaffingKind


def _score(value):
    number = sheets.parse_int(value)
    if number is None or not 0 <= number <= 100:
        raise ValueError("应为0到100之间的整数")
    return number


def _id_number(value):
    text = str(value).strip().upper()
    if len(text) != 18 or not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise ValueError("应为18位身份证号")
    return text


def officer_sheet(*, actor=None):
    from . import qualifications, services

    def save_rows(rows):
        return services.officers_import(actor=actor, rows=rows)

    def validate_row(row):
        from fazhi.orgs.models import OrgUnit

        refusal = qualifications.qualification_refusal(row["staffing"], row["exam_score"])
        if refusal:
            raise refusal
        if row.get("valid_until") and row.get("issued_on") and row["valid_until"] <= row["issued_on"]:
            raise sheets.RowError("有效期至应晚于发证日期", row=row, field="valid_until")
        if not OrgUnit.objects.filter(code=row["unit_code"]).exists():
            raise sheets.RowError(f"单位代码“{row['unit_code']}”不存在", row=row, field="unit_code")

    return sheets.SheetSpec(
        title="执法人员",
        key="id_number",
        columns=[
            sheets.Column("姓名", "name", required=True, max_length=50, width=10),
            sheets.Column("身份证号", "id_number", required=True, parser=_id_number, width=22,
                          export=lambda o: o.id_number),
            sheets.Column("单位代码", "unit_code", required=True, max_length=50, width=12,
                          export=lambda o: o.unit.code),
            sheets.Column("职务/岗位", "post", max_length=100, width=14),
            sheets.Column("编制类别", "staffing", required=True, choices=list(StaffingKind.choices), width=14,
                          help="工勤人员、编外聘用人员不得申领执法证"),
            sheets.Column("执法证号", "certificate_no", required=True, max_length=40, width=16),
            sheets.Column("发证日期", "issued_on", required=True, parser=sheets.parse_date, width=12),
            sheets.Column("有效期至", "valid_until", parser=sheets.parse_date, width=12,
                          help="留空则按规则参数的有效期年数计算"),
            sheets.Column("资格考试成绩", "exam_score", required=True, parser=_score, width=10),
            sheets.Column("法律职业资格", "legal_qualification", parser=sheets.parse_bool, width=10,
                          export=lambda o: "是" if o.legal_qualification else "否"),
            sheets.Column("培训学时", "training_hours", parser=sheets.parse_decimal, width=10,
                          export=lambda o: ""),
            sheets.Column("培训名称", "training_title", max_length=200, width=24, export=lambda o: ""),
            sheets.Column("证件状态", "status_label", width=10, export=lambda o: o.effective_status().label,
                          help="仅导出时填写，导入时忽略"),
        ],
        validate_row=validate_row,
        save_rows=save_rows,
    )


def export_officers(officers):
    return sheets.export_workbook(officer_sheet(), officers)


def case_sheet():
    return sheets.SheetSpec(
        title="执法案件",
        columns=[
            sheets.Column("案号", "number", width=28),
            sheets.Column("案由", "title", width=30),
            sheets.Column("案件类别", "kind", choices=list(CaseKind.choices), width=10),
            sheets.Column("执法主体", "body_name", export=lambda c: c.body.name, width=24),
            sheets.Column("权责事项编码", "power_code", width=14),
            sheets.Column("权责事项名称", "power_name", width=24),
            sheets.Column("立案日期", "registered_on", parser=sheets.parse_date, width=12),
            sheets.Column("决定期限", "decision_due", parser=sheets.parse_date, width=12),
            sheets.Column("状态", "status", choices=list(CaseStatus.choices), width=12),
            sheets.Column("决定书文号", "decision_number", width=24),
            sheets.Column("决定日期", "decided_on", parser=sheets.parse_date, width=12),
        ],
    )


def export_cases(cases):
    return sheets.export_workbook(case_sheet(), cases)


CERT_LABELS = dict(CertificateStatus.choices)
