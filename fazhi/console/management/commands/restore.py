"""manage.py restore ARCHIVE: bring a backup back into an empty installation (refusing damaged or foreign files)."""
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "恢复：把备份归档恢复到一个新安装（空数据库）中；损坏的或非本平台的归档会被拒绝。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份归档文件（.tar.gz）")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup.restore(archive)
        except DomainError as e:
            raise CommandError(e.message) from e
        files = sum(1 for e in manifest["entries"] if e["name"].startswith("files/"))
        self.stdout.write(f"已恢复：{manifest['created_at']} 的备份（平台版本 {manifest['platform_version']}，"
                          f"{files} 个文件）。请运行 manage.py migrate 以更新数据库结构。")
