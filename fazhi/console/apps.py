from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The workbench and the system-administration pages over core's tables (工作台与系统管理).

    It sits above ``orgs``: its pages ask roles and data scopes, which ``core`` must not know.
    """

    name = "fazhi.console"
    label = "console"
    verbose_name = "工作台与系统管理"
