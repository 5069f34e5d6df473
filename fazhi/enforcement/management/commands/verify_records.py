"""``manage.py verify_records``: check the hash chains of the full-process records (全过程记录)."""
import time

from django.core.management.base import BaseCommand, CommandError

from fazhi.enforcement import records
from fazhi.enforcement.models import Case


class Command(BaseCommand):
    help = "校验行政执法全过程记录是否完整，发现被修改或删除的记录。"

    def add_arguments(self, parser):
        parser.add_argument("--case", help="只校验该案号的案件")
        parser.add_argument("--files", action="store_true", help="同时重新计算附件指纹")

    def handle(self, *args, case=None, files=False, **options):
        started = time.perf_counter()
        if case:
            found = Case.objects.filter(number=case).first()
            if found is None:
                raise CommandError(f"案号“{case}”不存在。")
            result = records.verify_case(found, check_files=files)
        else:
            result = records.verify_all(check_files=files)
        seconds = time.perf_counter() - started
        if not result.ok:
            for number, seq, message in result.problems[:20]:
                self.stderr.write(f"  案件 {number} 第 {seq} 条：{message}")
            raise CommandError(result.message())
        rate = result.records / seconds if seconds > 0 else 0
        self.stdout.write(f"{result.message()}用时 {seconds:.2f} 秒（{rate:,.0f} 条/秒）。")
