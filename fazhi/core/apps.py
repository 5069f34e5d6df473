from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础功能"

    def ready(self):
        from django.core.signals import got_request_exception

        from . import jobs
        from .errorhook import on_request_exception
        from .registry import autodiscover

        autodiscover()
        jobs.autodiscover()
        got_request_exception.connect(on_request_exception, dispatch_uid="fazhi.core.errorhook")
