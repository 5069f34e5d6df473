"""What the URL contract test needs to know about the reporting app's URLs.

The sample report is the county government's (某县人民政府): the outsider (水利局联络员) does not see it.
The public report page takes the report as ``?id=`` so that it has no path parameter (the contract test
cannot express a public URL with a sample)."""

PUBLIC = {"reporting:public_report_list", "reporting:public_report_view"}


def sample_report(county):
    from fazhi.reporting.models import Report

    report = Report.objects.filter(unit=county.gov, year=2019).first()
    if report is None:
        from fazhi.reporting import services

        report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    return report


SAMPLES = {
    "reporting:report_detail": lambda c: {"pk": sample_report(c).pk},
    "reporting:report_edit": lambda c: {"pk": sample_report(c).pk},
    "reporting:report_refresh": lambda c: {"pk": sample_report(c).pk},
    "reporting:report_withdraw": lambda c: {"pk": sample_report(c).pk},
    "reporting:report_action": lambda c: {"pk": sample_report(c).pk, "action": "submit"},
    "reporting:report_export": lambda c: {"pk": sample_report(c).pk, "fmt": "docx"},
}

SECRET_TEXT = {
    "reporting:report_detail": "某县人民政府2019年度法治政府建设工作情况报告",
}
