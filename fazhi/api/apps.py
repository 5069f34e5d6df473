from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fazhi.api"
    label = "api"
    verbose_name = "开放接口"
    default_auto_field = "django.db.models.BigAutoField"
