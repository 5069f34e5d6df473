"""Shared tables: the audit trail, the holiday calendar and the number sequences."""
from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write made through a service. Append-only; each row chains to the previous one of its chain.

    ``seq`` numbers every entry of the installation (rising, with gaps where a transaction rolled back);
    ``chain`` is the audit chain the entry belongs to (``fazhi.core.audit``): one per county (the top-level unit of
    the entry's unit), ``""`` for the installation's own chain; ``prev_seq`` is the previous entry of that chain
    (0 for its first)."""

    seq = models.PositiveBigIntegerField("序号", unique=True)
    chain = models.CharField("审计链", max_length=40, blank=True, default="")
    prev_seq = models.PositiveBigIntegerField("链上前一条序号", default=0)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=100, blank=True)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="单位", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    unit_name = models.CharField("单位名称", max_length=200, blank=True)
    event_code = models.PositiveIntegerField("事件编号", db_index=True)
    event_name = models.CharField("事件", max_length=100)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    prev_hash = models.CharField("前一条记录的校验值", max_length=64)
    hash = models.CharField("校验值", max_length=64, unique=True)

    scope_owner = "unit"
    scope_person = "actor"

    class Meta:
        verbose_name = "操作审计日志"
        verbose_name_plural = verbose_name
        ordering = ["-seq"]
        indexes = [models.Index(fields=["chain", "seq"], name="core_auditentry_chain_seq")]

    def __str__(self):
        return f"#{self.seq} {self.event_name} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计日志只能追加，不能删除。")


class AuditChainHead(models.Model):
    """The last link of one audit chain (``key``: ``""`` for the installation's own chain, ``u<id>`` for a county;
    ``last_seq``: the ``seq`` of its last entry); locking it serialises the appends to that chain only."""

    key = models.CharField("审计链", max_length=40, unique=True, default="")
    label = models.CharField("名称", max_length=200, blank=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    scope_exempt = "审计链的内部指针，不向任何用户展示"

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.key or '-'}#{self.last_seq}"


class AuditRoot(models.Model):
    """The signed root of the audit trail: every chain's head (``{key: [seq, hash, label]}``) and an HMAC over them
    with the installation's key (``FAZHI_AUDIT_ROOT_KEY``), so that removing a whole chain — entries and head —
    is found by ``audit.verify``."""

    at = models.DateTimeField("签名时间")
    heads = models.JSONField("各链链头", default=dict)
    mac = models.CharField("签名", max_length=64)

    scope_exempt = "审计链的签名根，只用于完整性校验"

    class Meta:
        verbose_name = "审计签名根"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M}"


class IntegrityCheckpoint(models.Model):
    """How far a hash chain (the audit trail, the enforcement records) was last verified, so the sysadmin's
    alert checks only what was added since, plus a bounded sweep of older entries (``audit.verify_incremental``).

    ``position``/``position_hash``: the last verified entry (audit: its seq; records: the last CaseRecord id);
    ``sweep_position``/``sweep_hash``: where the rolling re-check of older entries stands;
    ``problems``: what the last check found (``[{"ref", "label", "seq", "message"}]``), empty when intact.
    """

    key = models.CharField("校验对象", max_length=60, unique=True)
    position = models.PositiveBigIntegerField("已校验至", default=0)
    position_hash = models.CharField("已校验处的校验值", max_length=64, blank=True)
    sweep_position = models.PositiveBigIntegerField("复核至", default=0)
    sweep_hash = models.CharField("复核处的校验值", max_length=64, blank=True)
    problems = models.JSONField("发现的问题", default=list, blank=True)
    checked_at = models.DateTimeField("校验时间", null=True, blank=True)

    scope_exempt = "哈希链校验的内部进度，只用于系统管理员的预警"

    class Meta:
        verbose_name = "完整性校验进度"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.key}@{self.position}"


class CalendarYear(models.Model):
    """A year whose holidays and make-up working days the office has entered in full."""

    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField("依据（国务院办公厅通知）", max_length=300, blank=True)

    scope_exempt = "全县共用的节假日数据"

    class Meta:
        verbose_name = "节假日年度"
        verbose_name_plural = verbose_name
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年"


class CalendarDay(models.Model):
    """A day that differs from the ordinary Mon–Fri week: a holiday or a 调休 working weekend."""

    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("是否工作日")
    name = models.CharField("名称", max_length=50, blank=True, help_text="如：国庆节、国庆调休上班")

    scope_exempt = "全县共用的节假日数据"

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = verbose_name
        ordering = ["date"]

    def __str__(self):
        kind = "上班" if self.is_working_day else "休息"
        return f"{self.date:%Y-%m-%d} {self.name}（{kind}）"


class NumberSequence(models.Model):
    """The last number issued for a prefix in a year (统一编号)."""

    prefix = models.CharField("编号前缀", max_length=50)
    year = models.PositiveIntegerField("年份")
    last_number = models.PositiveIntegerField("已用到", default=0)

    scope_exempt = "编号计数器，只经编号服务读写"

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="core_numbersequence_prefix_year"),
        ]

    def __str__(self):
        return f"{self.prefix}〔{self.year}〕{self.last_number}号"


class RuleSetting(models.Model):
    """The office's value for a configurable rule (RULES.md items marked CONFIG); absent → the default."""

    key = models.CharField("参数代码", max_length=100, unique=True)
    value = models.JSONField("取值")
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    scope_exempt = "全县共用的规则参数"

    class Meta:
        verbose_name = "规则参数"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.key} = {self.value}"


class SearchEntry(models.Model):
    """One record of any module as the shared full-text search sees it (see ``fazhi/core/search.py``).

    The bigram index itself lives beside this table: an FTS5 virtual table ``core_searchentry_fts`` on
    SQLite, a ``tsv tsvector`` column with a GIN index on PostgreSQL (both created by migration).
    """

    source = models.CharField("来源", max_length=60, db_index=True)
    object_type = models.CharField("对象类型", max_length=100)
    object_id = models.CharField("对象编号", max_length=64)
    title = models.CharField("标题", max_length=500)
    text = models.TextField("正文", blank=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    url = models.CharField("链接", max_length=500, blank=True)
    public = models.BooleanField("公开", default=False, db_index=True)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)
    #: other units whose staff also find the record (e.g. a suggestion's co-handling units); see ``search.index``
    shared_units = models.ManyToManyField("orgs.OrgUnit", verbose_name="共同办理单位", blank=True, related_name="+")

    scope_owner = "unit"

    class Meta:
        verbose_name = "全文检索条目"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="core_searchentry_object"),
        ]

    def __str__(self):
        return self.title


class DeadlineChange(models.Model):
    """A stored deadline that moved when the office confirmed a year's holiday schedule (told to its unit)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("节假日年度")
    deadline_key = models.CharField("期限类型代码", max_length=100)
    label = models.CharField("期限", max_length=100)
    record = models.CharField("事项", max_length=300)
    link = models.CharField("链接", max_length=500, blank=True)
    old_date = models.DateField("原期限")
    new_date = models.DateField("新期限")
    notified_on = models.DateField("通知日期", db_index=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "期限变动通知"
        verbose_name_plural = verbose_name
        ordering = ["-notified_on", "-id"]

    def __str__(self):
        return f"{self.record}：{self.label} {self.old_date:%Y-%m-%d} → {self.new_date:%Y-%m-%d}"


class JobRun(models.Model):
    """One scheduled job's run for one day (``fazhi.core.jobs``): the key ``(job, day)`` makes a job idempotent —
    a second run on a day that already succeeded does nothing; a failed day is tried again."""

    class Status(models.TextChoices):
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    job = models.CharField("任务", max_length=80)
    day = models.DateField("日期")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    result = models.CharField("结果", max_length=500, blank=True)
    error = models.TextField("错误", blank=True)
    attempts = models.PositiveIntegerField("运行次数", default=1)

    scope_exempt = "定时任务的运行记录，只向系统管理员展示"
    status_tags = {Status.RUNNING: "blue", Status.DONE: "green", Status.FAILED: "red"}

    class Meta:
        verbose_name = "定时任务运行记录"
        verbose_name_plural = verbose_name
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="core_jobrun_job_day_unique")]

    def __str__(self):
        return f"{self.job}@{self.day}"


class RunnerHeartbeat(models.Model):
    """The job runner's sign of life (``manage.py run_jobs`` writes it every minute; ``/healthz`` reads it)."""

    name = models.CharField("运行程序", max_length=40, unique=True)
    beat_at = models.DateTimeField("最近心跳")
    host = models.CharField("主机", max_length=200, blank=True)
    pid = models.PositiveIntegerField("进程号", default=0)

    scope_exempt = "运行程序的心跳，只用于健康检查和运行状态页"

    class Meta:
        verbose_name = "定时任务心跳"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.name}@{self.beat_at}"


class Message(models.Model):
    """A message in a user's message centre (``fazhi.core.notify``); ``key`` makes a sender idempotent (the same
    digest is never sent twice). ``email_state``/``sms_state``: whether the copy by e-mail or SMS is owed."""

    class Delivery(models.TextChoices):
        NONE = "", "不发送"
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE,
                             related_name="platform_messages")
    key = models.CharField("去重键", max_length=200, unique=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("发送时间")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    email_state = models.CharField("邮件", max_length=10, choices=Delivery.choices, blank=True, default="")
    sms_state = models.CharField("短信", max_length=10, choices=Delivery.choices, blank=True, default="")

    scope_exempt = "每位用户只读自己的消息（按接收人筛选）"

    class Meta:
        verbose_name = "站内消息"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="core_message_unread_idx")]

    def __str__(self):
        return self.title
