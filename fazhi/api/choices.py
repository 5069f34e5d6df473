from django.db import models


class Access(models.TextChoices):
    READ = "read", "只读"
    WRITE = "write", "读写"


# the resources a token may be granted, in the order the pages list them
RESOURCES = (
    ("normative_docs", "行政规范性文件"),
    ("powers", "权责清单"),
    ("decisions", "执法决定公示"),
    ("reports", "法治政府建设年度报告"),
    ("cases", "行政执法案件"),
    ("petitions", "信访事项"),
)
WRITABLE = ("cases", "petitions")
