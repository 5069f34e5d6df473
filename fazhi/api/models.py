"""Tokens of the external systems (provincial and national) and what they did through the open API."""
import hashlib

from django.conf import settings
from django.db import models

from .choices import RESOURCES, Access


def token_digest(raw):
    """SHA-256 of a token: only the digest is stored, the token itself is shown once on creation."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """One external system's key: bound to units (each with its subtree) and to read/write per resource."""

    system = models.CharField("接入系统名称", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    units = models.ManyToManyField("orgs.OrgUnit", verbose_name="授权单位（含下级）", related_name="+")
    scopes = models.JSONField("授权范围", default=dict, help_text="资源 → read / write")
    act_as = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="代办账号", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text="接收转交信访事项时以该账号的权限登记")
    is_active = models.BooleanField("有效", default=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    scope_exempt = "接入令牌由系统管理员在全县范围管理，不属于某个单位的业务数据"

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.system}（{self.prefix}…）"

    def allows(self, resource, write=False):
        granted = self.scopes.get(resource, "")
        return granted == Access.WRITE if write else granted in (Access.READ, Access.WRITE)

    def scope_labels(self):
        return [f"{label}：{Access(self.scopes[key]).label}" for key, label in RESOURCES if self.scopes.get(key)]


class ApiCallLog(models.Model):
    """A compact line per call (system, method, path, status), written in batches (``calllog``)."""

    token = models.ForeignKey(ApiToken, verbose_name="令牌", null=True, on_delete=models.SET_NULL, related_name="+")
    system = models.CharField("接入系统", max_length=100, blank=True)
    at = models.DateTimeField("时间", db_index=True)
    method = models.CharField("方法", max_length=10)
    path = models.CharField("路径", max_length=300)
    status = models.PositiveSmallIntegerField("状态码")

    scope_exempt = "接口调用日志只供系统管理员查看"

    class Meta:
        verbose_name = "接口调用日志"
        verbose_name_plural = verbose_name
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.system or '无令牌'} {self.method} {self.path} {self.status}"


class ExternalRef(models.Model):
    """The record an external system's id became: a second POST with the same id finds it (idempotency)."""

    system = models.CharField("接入系统", max_length=100)
    kind = models.CharField("类型", max_length=30)
    external_id = models.CharField("外部编号", max_length=100)
    object_id = models.PositiveBigIntegerField("记录")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "外部编号对照"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["system", "kind", "external_id"], name="api_external_once")]

    def __str__(self):
        return f"{self.system} {self.kind} {self.external_id}"


class ApiRateCount(models.Model):
    """The calls a token made in the current rate window, one row per token, shared by every worker and instance
    (``auth.TokenThrottle`` counts here, in one atomic update per call)."""

    key = models.CharField("计数键", max_length=100, unique=True)
    window = models.BigIntegerField("时段起点")  # Unix seconds, a multiple of the rate's period
    count = models.PositiveIntegerField("调用次数", default=0)

    scope_exempt = "接口限流计数只用于控制调用频率，不属于某个单位的业务数据"

    class Meta:
        verbose_name = "接口限流计数"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.key} {self.window} {self.count}"
