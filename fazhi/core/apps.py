from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础功能"

    def ready(self):
        from django.apps import apps
        from django.core.exceptions import ImproperlyConfigured

        from . import checks  # noqa: F401  (registers the system checks)
        from .checks import scope_errors
        from .registry import autodiscover

        # Fail closed: a model that does not declare its data scope stops every start-up,
        # not only ``manage.py check``.
        errors = scope_errors([m for m in apps.get_models() if m.__module__.startswith("fazhi.")])
        if errors:
            raise ImproperlyConfigured("\n".join(e.msg for e in errors))
        autodiscover()
