"""Build the demo county from the seed report: every module's ``demo.py`` adds its records."""
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.module_loading import import_string, module_has_submodule

from fazhi.orgs.builtin_roles import ROLES_BY_CODE


class Command(BaseCommand):
    help = "载入演示县（郧西县）：组织机构、演示用户和各模块的演示记录。可重复运行，不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="记录量倍数（用于性能测试），默认 1")
        parser.add_argument("--quiet-logins", action="store_true", help="不打印演示账号")

    def handle(self, *args, scale, quiet_logins, **options):
        if scale < 1:
            self.stderr.write("--scale 须为正整数。")
            return
        # In INSTALLED_APPS order: orgs first (every record belongs to a unit), then powers (cases cite
        # listed powers), then the other modules, reporting last (it drafts from their figures).
        configs = [c for c in apps.get_app_configs() if c.name.startswith("fazhi.")]
        for config in configs:
            if module_has_submodule(config.module, "demo"):
                load = import_string(f"{config.name}.demo.load")
                load(scale=scale, stdout=self.stdout)
                _refresh_statistics()
        if not quiet_logins:
            from fazhi.orgs.demo import DEMO_PASSWORD, logins

            self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
            for username, full_name, role in logins():
                self.stdout.write(f"  {username:<10} {ROLES_BY_CODE[role].name}（{full_name}）")


def _refresh_statistics():
    """After a bulk load, give PostgreSQL's planner fresh row counts.

    Without them a planner that last saw the tables empty picks nested loops over what are now
    thousands of rows, and the next module's loader slows down by orders of magnitude (seen when
    the demo is loaded inside a long transaction, as the tests do). ANALYZE also counts rows the
    current transaction inserted.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
