"""manage.py backup [--output PATH]: the database, every uploaded file and a manifest in one archive."""
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "备份：数据库、全部上传文件和带校验值的清单，写入一个归档文件。"

    def add_arguments(self, parser):
        parser.add_argument("--output", help="归档文件路径（默认 var/backups/fazhi-<时间>.tar.gz）")

    def handle(self, *args, output=None, **options):
        try:
            path = backup.backup(output)
        except DomainError as e:
            raise CommandError(e.message) from e
        self.stdout.write(f"已备份：{path}")
