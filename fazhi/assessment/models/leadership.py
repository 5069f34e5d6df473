"""The leadership part: the leading groups and their posts, meetings, the year's plan as a tree of task areas,
tasks and measures, and the units' progress reports on them (seed section 一; RULES §16–§17, §10)."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.orgs.models import OrgUnit


class GroupPostKind(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    OFFICE_HEAD = "office_head", "办公室主任"


class MeetingKind(models.TextChoices):
    MOBILISATION = "mobilisation", "动员会"
    PROGRESS = "progress", "推进会"
    STANDING = "standing", "常务会"


class PlanKind(models.TextChoices):
    POINTS = "points", "工作要点"
    DEMONSTRATION = "demonstration", "示范创建实施方案"


class TaskStatus(models.TextChoices):
    OPEN = "open", "推进中"
    REPORTED = "reported", "进展待审核"
    RETURNED = "returned", "进展被退回"
    DONE = "done", "已完成"


class ProgressStatus(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已通过"
    RETURNED = "returned", "已退回"


class LeadingGroup(models.Model):
    """The county's leading group for rule-of-law government or a unit's own leading body."""

    scope_owner = "unit"

    unit = models.ForeignKey(OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=200)
    office_unit = models.ForeignKey(OrgUnit, verbose_name="办公室设在", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    established_on = models.DateField("成立日期", null=True, blank=True)

    class Meta:
        verbose_name = "领导小组"
        ordering = ["unit__path", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:group_detail", args=[self.pk])


class GroupPost(models.Model):
    """One person's post in a leading group for a period; ending it and adding another keeps the history."""

    scope_owner = "group__unit"

    group = models.ForeignKey(LeadingGroup, verbose_name="领导小组", on_delete=models.CASCADE, related_name="posts")
    post = models.CharField("职务", max_length=20, choices=GroupPostKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="人员", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField("姓名", max_length=50, blank=True)
    title = models.CharField("本职", max_length=100, help_text="如：县长、常务副县长、县司法局局长")
    person_unit = models.ForeignKey(OrgUnit, verbose_name="所在单位", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField("任职起始")
    end_on = models.DateField("任职终止", null=True, blank=True)

    class Meta:
        verbose_name = "领导小组职务"
        ordering = ["group", "end_on", "post", "start_on", "pk"]

    def __str__(self):
        return f"{self.get_post_display()}：{self.holder}"

    @property
    def holder(self):
        return self.user.get_full_name() if self.user_id else self.person_name

    def active_on(self, day):
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)


class Meeting(models.Model):
    """A meeting of a leading group (or a government standing meeting) on rule-of-law topics."""

    scope_owner = "group__unit"

    group = models.ForeignKey(LeadingGroup, verbose_name="领导小组", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("召开日期")
    chair = models.ForeignKey(GroupPost, verbose_name="主持人", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    chair_name = models.CharField("主持人姓名", max_length=50, blank=True)
    attendees = models.TextField("参会人员", blank=True)
    topics = models.TextField("议题")
    decisions = models.TextField("议定事项", blank=True)
    minutes = models.FileField("会议纪要", upload_to="assessment/minutes/%Y/", blank=True)

    class Meta:
        verbose_name = "会议"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("assessment:meeting_detail", args=[self.pk])

    @property
    def chaired_by_leader(self):
        return self.chair_id is not None and self.chair.post == GroupPostKind.LEADER


class WorkPlan(models.Model):
    """The year's plan (工作要点 / 示范创建实施方案): task areas, tasks and measures."""

    scope_owner = "unit"

    unit = models.ForeignKey(OrgUnit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类别", max_length=20, choices=PlanKind.choices)
    title = models.CharField("名称", max_length=200)

    class Meta:
        verbose_name = "年度工作方案"
        ordering = ["-year", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:plan_detail", args=[self.pk])


class TaskArea(models.Model):
    """A task area of a plan (the demonstration plan's 8 大项: the 纲要's 7 task areas and 组织领导)."""

    scope_owner = "plan__unit"

    plan = models.ForeignKey(WorkPlan, verbose_name="方案", on_delete=models.CASCADE, related_name="areas")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("任务领域", max_length=200)

    class Meta:
        verbose_name = "任务领域"
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="assessment_area_position")]

    def __str__(self):
        return self.name


class PlanTask(models.Model):
    """A task of the plan (or a measure under a task) split to a lead unit with its partners."""

    scope_owner = "lead_unit"
    status_tags = {TaskStatus.OPEN: "blue", TaskStatus.REPORTED: "orange", TaskStatus.RETURNED: "red",
                   TaskStatus.DONE: "green"}

    plan = models.ForeignKey(WorkPlan, verbose_name="方案", on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(TaskArea, verbose_name="任务领域", on_delete=models.PROTECT, related_name="tasks")
    parent = models.ForeignKey("self", verbose_name="所属任务", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="measures")
    number = models.CharField("序号", max_length=20)
    title = models.CharField("任务/措施", max_length=500)
    lead_unit = models.ForeignKey(OrgUnit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+")
    partners = models.ManyToManyField(OrgUnit, verbose_name="配合单位", blank=True, related_name="+")
    deadline = models.DateField("完成时限")
    deliverable = models.CharField("成果形式", max_length=300, blank=True)
    indicator = models.CharField("考核指标", max_length=300, blank=True)
    meeting = models.ForeignKey(Meeting, verbose_name="来源会议", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="tasks")
    status = models.CharField("状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    done_on = models.DateField("完成日期", null=True, blank=True)
    last_reported_on = models.DateField("最近报送进展", null=True, blank=True)

    class Meta:
        verbose_name = "任务"
        ordering = ["plan", "area__position", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="assessment_task_number")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("assessment:task_detail", args=[self.pk])

    @property
    def on_time(self):
        return self.done_on is not None and self.done_on <= self.deadline


class ProgressReport(models.Model):
    """A unit's progress report on a task for a period, with evidence; the office accepts or returns it."""

    scope_owner = "task__lead_unit"
    status_tags = {ProgressStatus.SUBMITTED: "orange", ProgressStatus.ACCEPTED: "green",
                   ProgressStatus.RETURNED: "red"}

    task = models.ForeignKey(PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="reports")
    period = models.CharField("报送期间", max_length=50)
    text = models.TextField("进展情况")
    completed = models.BooleanField("任务已完成", default=False)
    evidence = models.FileField("佐证材料", upload_to="assessment/evidence/%Y/", blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", on_delete=models.PROTECT,
                                    related_name="+")
    reported_on = models.DateField("报送日期")
    status = models.CharField("状态", max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.SUBMITTED)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    review_reason = models.TextField("退回理由", blank=True)

    class Meta:
        verbose_name = "任务进展"
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.task.number} {self.period}进展"

    def get_absolute_url(self):
        return reverse("assessment:task_detail", args=[self.task_id])
