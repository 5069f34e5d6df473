from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    label = "orgs"
    verbose_name = "组织机构与用户"

    def ready(self):
        from django.apps import apps
        from django.core.exceptions import ImproperlyConfigured

        from fazhi.core import access

        from . import scope  # checks: registers the system check
        from .checks import scope_errors

        # Fail closed: a model that does not declare its data scope stops every start-up,
        # not only ``manage.py check``.
        errors = scope_errors([m for m in apps.get_models() if m.__module__.startswith("fazhi.")])
        if errors:
            raise ImproperlyConfigured("\n".join(e.msg for e in errors))
        access.install(can_change=scope.can_change, visible_unit_ids=scope.visible_unit_ids, visible=scope.visible,
                       audit_chain=scope.audit_chain, audit_chain_name=scope.audit_chain_name)
