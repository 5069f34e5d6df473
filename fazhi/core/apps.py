from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础功能"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import got_request_exception

        from . import jobs
        from .errorhook import on_request_exception
        from .middleware import SessionIdleMiddleware
        from .registry import autodiscover

        autodiscover()
        jobs.autodiscover()
        got_request_exception.connect(on_request_exception, dispatch_uid="fazhi.core.errorhook")
        user_logged_in.connect(SessionIdleMiddleware.on_login, dispatch_uid="fazhi.core.session_idle")
