from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础功能"

    def ready(self):
        from .registry import autodiscover

        autodiscover()
