"""The organisation tree, users, roles and their data scopes, and the login log."""
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from .choices import DataScope, LoginEvent, UnitKind


class OrgUnit(models.Model):
    """A node of the county's tree: government → departments, townships → villages; outside bodies."""

    code = models.CharField("单位代码", max_length=50, unique=True)
    name = models.CharField("单位名称", max_length=200)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("单位类型", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/<id>/<id>/…/" from the root: the subtree of a unit is every row whose path starts with its own.
    path = models.CharField("树路径", max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)
    retired_on = models.DateField("撤销日期", null=True, blank=True)
    retired_reason = models.CharField("撤销原因", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope_owner = "self"

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = verbose_name
        ordering = ["path", "sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_organ(self):
        from .choices import ORGAN_KINDS

        return self.kind in ORGAN_KINDS

    @property
    def is_administrative_organ(self):
        """An organ that may act in its own name as an administrative organ (制定机关, 决策机关): not a court,
        procuratorate, enterprise or people's organisation kept among the departments."""
        from .choices import NON_ADMINISTRATIVE_NAME_MARKS

        return self.is_organ and not any(mark in self.name for mark in NON_ADMINISTRATIVE_NAME_MARKS)

    def ancestor_ids(self):
        return [int(x) for x in self.path.strip("/").split("/") if x][:-1]


class User(AbstractUser):
    """A person who signs in. Belongs to one unit; posts in other units come as role grants there."""

    full_name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="members")
    title = models.CharField("职务", max_length=100, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]
    scope_owner = "unit"
    scope_person = "self"

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = verbose_name
        ordering = ["unit__path", "username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name or self.username


class Role(models.Model):
    """A built-in role (declared in ``builtin_roles.py`` and synced to this table)."""

    code = models.CharField("角色代码", max_length=50, unique=True)
    name = models.CharField("角色名称", max_length=50)
    description = models.CharField("说明", max_length=300, blank=True)
    read_only = models.BooleanField("只读", default=False)

    scope_exempt = "角色定义对所有用户相同"

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = verbose_name
        ordering = ["id"]

    def __str__(self):
        return self.name


class RoleGrant(models.Model):
    """A user holds a role in a unit (their own, or another where they hold a post) with a data scope."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="grants")
    role = models.ForeignKey(Role, verbose_name="角色", on_delete=models.PROTECT, related_name="grants")
    unit = models.ForeignKey(OrgUnit, verbose_name="任职单位", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField("数据权限", max_length=20, choices=DataScope.choices)
    custom_units = models.ManyToManyField(OrgUnit, verbose_name="自定义单位", blank=True, related_name="+")
    post = models.CharField("岗位", max_length=100, blank=True)
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="orgs_rolegrant_user_role_unit"),
        ]

    def __str__(self):
        return f"{self.user} · {self.role} · {self.unit}（{self.get_scope_display()}）"


class LoginLog(models.Model):
    """Every sign-in attempt and sign-out, with IP and time (等保: 登录日志)."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    username = models.CharField("登录名", max_length=150, db_index=True)
    user = models.ForeignKey(User, verbose_name="用户", null=True, blank=True, on_delete=models.SET_NULL)
    unit = models.ForeignKey(OrgUnit, verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    event = models.CharField("事件", max_length=20, choices=LoginEvent.choices)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)

    scope_owner = "unit"
    scope_person = "user"

    class Meta:
        verbose_name = "登录日志"
        verbose_name_plural = verbose_name
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_event_display()}"
