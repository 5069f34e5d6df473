from django.core.management.base import BaseCommand

from fazhi.orgs.services import roles_sync


class Command(BaseCommand):
    help = "按代码中的内置角色定义同步角色表。"

    def handle(self, *args, **options):
        roles_sync()
        self.stdout.write("角色已同步。")
