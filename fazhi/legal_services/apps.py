from django.apps import AppConfig


class LegalServicesConfig(AppConfig):
    name = "fazhi.legal_services"
    label = "legal_services"
    verbose_name = "公共法律服务"
