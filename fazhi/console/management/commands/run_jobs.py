"""manage.py run_jobs: the scheduled-job runner (``fazhi.core.jobs``), started by ``bin/serve`` beside gunicorn and
by ``fazhi-jobs.service`` in production.

    manage.py run_jobs              run until stopped (Ctrl-C / SIGTERM)
    manage.py run_jobs --once       write the heartbeat, run whatever is due now, and exit
    manage.py run_jobs --job KEY    run one job for today now (nothing new if today's run already succeeded)
    manage.py run_jobs --list       the registered jobs and their schedule
"""
import signal
import sys

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import jobs


class Command(BaseCommand):
    help = "定时任务运行程序：按时执行到期状态变更、到期提醒、预警汇总和每日备份。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="执行当前到时的任务后退出")
        parser.add_argument("--job", help="立即执行指定任务（当天已成功的不重复执行）")
        parser.add_argument("--list", action="store_true", help="列出全部定时任务")

    def handle(self, *args, once=False, job=None, list=False, **options):
        if list:
            for j in jobs.jobs().values():
                self.stdout.write(f"{j.key:<45} {j.schedule_text:<12} {j.label}")
            return
        if job:
            if job not in jobs.jobs():
                raise CommandError(f"没有名为 {job} 的定时任务（manage.py run_jobs --list 列出全部任务）")
            self._report([r for r in [jobs.run_job(job)] if r is not None])
            return
        if once:
            self._report(jobs.tick())
            return
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # systemd's stop ends the scheduler like Ctrl-C
        sched = jobs.scheduler()
        self.stdout.write(f"定时任务运行程序已启动（{len(jobs.jobs())}个任务），按 Ctrl-C 停止")
        try:
            sched.start()
        except (KeyboardInterrupt, SystemExit):
            self.stdout.write("定时任务运行程序已停止")

    def _report(self, runs):
        if not runs:
            self.stdout.write("没有需要执行的任务")
        for run in runs:
            state = run.get_status_display()
            self.stdout.write(f"{jobs.label_for(run.job)}（{run.day}）：{state} {run.result}")
            if run.error:
                self.stderr.write(run.error.strip().splitlines()[-1])
