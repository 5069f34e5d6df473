from django.apps import AppConfig


class LegalEducationConfig(AppConfig):
    name = "fazhi.legal_education"
    label = "legal_education"
    verbose_name = "普法与学法用法考试"
