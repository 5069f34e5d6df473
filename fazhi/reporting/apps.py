from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fazhi.reporting"
    label = "reporting"
    verbose_name = "年度报告与驾驶舱"
