from django.core.management.base import BaseCommand, CommandError

from fazhi.core import audit


class Command(BaseCommand):
    help = "校验操作审计日志的每一条记录链和签名根，逐链报告第一处被修改或删除的记录；全部完整时记录新的签名根。"

    def handle(self, *args, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(result.message())
        audit.sign_root()
        self.stdout.write(result.message())
