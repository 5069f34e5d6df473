"""Lawyers in the villages ("二四六"), their service logs, legal aid and purchased services (RULES.md §14).

Organs' legal advisers (政府法律顾问) are ``fazhi.decisions``' records; this module keeps the lawyers sent to
the townships and villages, the villages' adviser agreements (聘请) and what the lawyers do there.
"""
from django.conf import settings
from django.db import models

from .choices import (
    AidMatter,
    AidStatus,
    DocumentKind,
    Duty,
    Exemption,
    LawVersion,
    LogStatus,
    PetitionKind,
    Place,
    TerminationGround,
)


def lawyer_photo_to(instance, filename):
    return f"legal_services/lawyers/{filename}"


def log_file_to(instance, filename):
    return f"legal_services/logs/{filename}"


def agreement_file_to(instance, filename):
    return f"legal_services/agreements/{filename}"


def aid_file_to(instance, filename):
    return f"legal_services/aid/{filename}"


class Lawyer(models.Model):
    """A lawyer's profile (an account holding the 驻村（社区）律师 role). Licence, firm and professional phone
    are public on the citizens' pages; nothing else of the lawyer is."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="账户", on_delete=models.PROTECT,
                                related_name="lawyer_profile")
    name = models.CharField("姓名", max_length=50)
    firm = models.ForeignKey("orgs.OrgUnit", verbose_name="律师事务所", on_delete=models.PROTECT,
                             related_name="legal_lawyers")
    licence_no = models.CharField("执业证号", max_length=30, unique=True)
    phone = models.CharField("工作电话", max_length=20)
    photo = models.FileField("照片", upload_to=lawyer_photo_to, blank=True, max_length=300)  # checked as an image by the upload policy
    office_hours = models.CharField("坐班时间", max_length=100, blank=True)
    active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_owner = "firm"
    scope_person = "user"

    class Meta:
        verbose_name = "包联律师"
        verbose_name_plural = verbose_name
        ordering = ["firm__code", "name"]

    def __str__(self):
        return self.name


class Assignment(models.Model):
    """包联: a lawyer serves a village, a township's centre or the petition hall for a period."""

    lawyer = models.ForeignKey(Lawyer, verbose_name="律师", on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="包联单位", on_delete=models.PROTECT,
                             related_name="legal_assignments")
    place = models.CharField("服务场所", max_length=20, choices=Place.choices, default=Place.VILLAGE)
    start = models.DateField("包联开始")
    end = models.DateField("包联结束")
    office_hours = models.CharField("驻点时间", max_length=100, blank=True)

    scope_owner = "unit"
    scope_person = "lawyer__user"

    class Meta:
        verbose_name = "律师包联"
        verbose_name_plural = verbose_name
        ordering = ["unit__path", "start"]

    def __str__(self):
        return f"{self.lawyer}·{self.unit}"


class VillageAgreement(models.Model):
    """A village's agreement retaining a lawyer as its legal adviser (村（社区）聘请法律顾问)."""

    village = models.ForeignKey("orgs.OrgUnit", verbose_name="村（社区）", on_delete=models.PROTECT,
                                related_name="legal_agreements")
    lawyer = models.ForeignKey(Lawyer, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="agreements")
    signed_on = models.DateField("签订日期")
    start = models.DateField("聘期开始")
    end = models.DateField("聘期结束")
    file = models.FileField("聘用协议", upload_to=agreement_file_to, blank=True, max_length=300)

    scope_owner = "village"

    class Meta:
        verbose_name = "村（社区）法律顾问聘用协议"
        verbose_name_plural = verbose_name
        ordering = ["village__path", "-start"]

    def __str__(self):
        return f"{self.village}聘请{self.lawyer}"


class ServiceLog(models.Model):
    """One day's service by a lawyer in a village (or centre, or the hall), confirmed by the unit served.

    ``summary`` names people and their problems: it is seen within scope only, never on a public page and
    never in the payment export."""

    lawyer = models.ForeignKey(Lawyer, verbose_name="律师", on_delete=models.PROTECT, related_name="logs")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="服务单位", on_delete=models.PROTECT,
                             related_name="legal_logs")
    place = models.CharField("服务场所", max_length=20, choices=Place.choices, default=Place.VILLAGE)
    served_on = models.DateField("服务日期")
    duty = models.CharField("服务类别", max_length=20, choices=Duty.choices)
    people = models.PositiveIntegerField("服务人次", default=0)
    hours = models.DecimalField("服务时长（小时）", max_digits=5, decimal_places=1, default=0)
    summary = models.TextField("服务情况")
    petition_kind = models.CharField("涉及信访案件", max_length=20, choices=PetitionKind.choices, blank=True,
                                     default="")
    petition_cases = models.PositiveIntegerField("参与化解信访案件数", default=0)
    petition_ref = models.CharField("信访件编号", max_length=100, blank=True)
    petition = models.ForeignKey("disputes.Petition", verbose_name="关联信访事项", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="legal_logs")
    document_kind = models.CharField("出具文书", max_length=20, choices=DocumentKind.choices, blank=True, default="")
    document_items = models.PositiveIntegerField("建议条数/意见书份数", default=0)
    document = models.FileField("文书", upload_to=log_file_to, blank=True, max_length=300)
    village_rules = models.BooleanField("协助制定村规民约", default=False)
    attachment = models.FileField("照片或签到表", upload_to=log_file_to, blank=True, max_length=300)
    status = models.CharField("状态", max_length=20, choices=LogStatus.choices, default=LogStatus.SUBMITTED)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    dispute_reason = models.TextField("异议", blank=True)
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    scope_owner = "unit"
    scope_person = "lawyer__user"
    status_tags = {LogStatus.SUBMITTED: "orange", LogStatus.CONFIRMED: "green", LogStatus.DISPUTED: "red",
                   LogStatus.CORRECTED: "orange"}

    class Meta:
        verbose_name = "律师服务日志"
        verbose_name_plural = verbose_name
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["served_on", "duty"]), models.Index(fields=["status", "served_on"])]

    def __str__(self):
        return f"{self.served_on:%Y-%m-%d} {self.lawyer} {self.get_duty_display()}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("legal_services:log_detail", args=[self.pk])


class AidApplication(models.Model):
    """A legal-aid application (法律援助申请) judged under the law in force on the application date."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="受理机构", on_delete=models.PROTECT,
                             related_name="legal_aid_applications")
    number = models.CharField("受理编号", max_length=50, blank=True)
    applicant = models.CharField("申请人", max_length=50)
    applicant_phone = models.CharField("联系电话", max_length=20, blank=True)
    matter = models.CharField("申请事项", max_length=30, choices=AidMatter.choices)
    facts = models.TextField("案情及申请理由")
    applied_on = models.DateField("申请日期")
    law_version = models.CharField("适用法规", max_length=10, choices=LawVersion.choices)
    hardship_proof = models.BooleanField("已提交经济困难证明", default=False)
    exemption = models.CharField("免予核查经济困难的情形", max_length=20, choices=Exemption.choices, blank=True,
                                 default="")
    limitation_on = models.DateField("时效或期限届满日", null=True, blank=True)
    urgent = models.BooleanField("先行提供法律援助", default=False)
    review_due = models.DateField("审查期限", null=True, blank=True)
    materials_requested_on = models.DateField("一次性告知补充材料日期", null=True, blank=True)
    materials_list = models.TextField("需补充的材料", blank=True)
    materials_due = models.DateField("补充材料期限", null=True, blank=True)
    materials_received_on = models.DateField("补齐材料日期", null=True, blank=True)
    decided_on = models.DateField("审查决定日期", null=True, blank=True)
    refusal_reason = models.TextField("不予援助的理由", blank=True)
    assign_due = models.DateField("指派期限", null=True, blank=True)
    assigned_on = models.DateField("指派日期", null=True, blank=True)
    lawyer = models.ForeignKey(Lawyer, verbose_name="承办律师", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="aid_cases")
    objected_on = models.DateField("提出异议日期", null=True, blank=True)
    objection = models.TextField("异议理由", blank=True)
    objection_due = models.DateField("异议审查期限", null=True, blank=True)
    objection_decided_on = models.DateField("异议审查决定日期", null=True, blank=True)
    objection_upheld = models.BooleanField("异议成立", null=True, blank=True)
    terminated_on = models.DateField("终止日期", null=True, blank=True)
    termination_ground = models.CharField("终止理由", max_length=20, choices=TerminationGround.choices, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closing_report = models.FileField("结案报告及文书副本", upload_to=aid_file_to, blank=True, max_length=300)
    subsidy = models.DecimalField("办案补贴（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=AidStatus.choices, default=AidStatus.APPLIED)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_owner = "unit"
    status_tags = {AidStatus.APPLIED: "orange", AidStatus.MATERIALS: "orange", AidStatus.APPROVED: "blue",
                   AidStatus.REFUSED: "red", AidStatus.OBJECTED: "orange", AidStatus.ASSIGNED: "blue",
                   AidStatus.TERMINATED: "grey", AidStatus.WITHDRAWN: "grey", AidStatus.CLOSED: "green"}

    class Meta:
        verbose_name = "法律援助申请"
        verbose_name_plural = verbose_name
        ordering = ["-applied_on", "-id"]

    def __str__(self):
        return self.number or f"法律援助申请{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("legal_services:aid_detail", args=[self.pk])


class ServiceContract(models.Model):
    """政府购买法律服务合同 with a firm."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="购买单位", on_delete=models.PROTECT,
                             related_name="legal_contracts")
    firm = models.ForeignKey("orgs.OrgUnit", verbose_name="律师事务所", on_delete=models.PROTECT,
                             related_name="legal_contracts_won")
    number = models.CharField("合同编号", max_length=60)
    signed_on = models.DateField("签订日期")
    start = models.DateField("服务期开始")
    end = models.DateField("服务期结束")
    amount = models.DecimalField("合同金额（元）", max_digits=14, decimal_places=2)
    scope_text = models.TextField("服务内容")
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    acceptance = models.TextField("验收意见", blank=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "购买法律服务合同"
        verbose_name_plural = verbose_name
        ordering = ["-signed_on", "number"]

    def __str__(self):
        return self.number


class ContractPayment(models.Model):
    contract = models.ForeignKey(ServiceContract, verbose_name="合同", on_delete=models.CASCADE,
                                 related_name="payments")
    label = models.CharField("付款节点", max_length=100)
    due_on = models.DateField("计划付款日期")
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    paid_on = models.DateField("实际付款日期", null=True, blank=True)
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    acceptance = models.TextField("验收意见", blank=True)

    scope_owner = "contract__unit"

    class Meta:
        verbose_name = "合同付款节点"
        verbose_name_plural = verbose_name
        ordering = ["due_on"]

    def __str__(self):
        return self.label
