"""Scheduled jobs of legal education: exam attempts reaching their deadline are graded without anyone opening a page."""
from fazhi.core.jobs import register_job

from . import services


def finalize_attempts(day):
    n = services.finalize_due()
    return f"{n}份答卷到时自动交卷" if n else "没有到时未交的答卷"


register_job("legal_education.finalize_attempts", label="考试到时自动交卷", run=finalize_attempts, every_minutes=5)
