from django.core.management.base import BaseCommand, CommandError

from fazhi.core import audit


class Command(BaseCommand):
    help = "校验操作审计日志的哈希链，报告第一处被修改或删除的记录。"

    def handle(self, *args, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(result.message())
        self.stdout.write(result.message())
