"""Start-up checks of data scope (数据权限). A model of ours that does not say how it is scoped stops start-up.

Every concrete model in a ``fazhi.*`` app declares either ``scope_owner`` (the path to the
``OrgUnit`` that owns a row, or ``"self"`` for the unit table) or ``scope_exempt`` (why the
table holds nothing scoped). Missing both is an error: data scope fails closed.
"""
from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist


def _resolve_owner(model, path):
    from .models import OrgUnit

    if path == "self":
        return model is OrgUnit
    current = model
    for part in path.split("__"):
        try:
            f = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not f.is_relation or f.related_model is None:
            return False
        current = f.related_model
    return current is OrgUnit


def scope_errors(models):
    errors = []
    for model in models:
        if model._meta.abstract or model._meta.proxy:
            continue
        owner = getattr(model, "scope_owner", None)
        exempt = getattr(model, "scope_exempt", None)
        label = model._meta.label
        if not owner and not exempt:
            errors.append(checks.Error(
                f"{label} 未声明数据权限：请设置 scope_owner（所属单位字段）或 scope_exempt（不需要数据权限的理由）。",
                obj=model, id="fazhi.E001",
            ))
        elif owner and not _resolve_owner(model, owner):
            errors.append(checks.Error(
                f"{label}.scope_owner = {owner!r} 没有指向单位（OrgUnit）。",
                obj=model, id="fazhi.E002",
            ))
    return errors


@checks.register("fazhi")
def check_scoped_models(app_configs=None, **kwargs):
    models = [m for m in apps.get_models() if m.__module__.startswith("fazhi.")]
    return scope_errors(models)
