"""What the open API reads and accepts. Public reads copy the public pages' fields, nothing more."""
from django.urls import reverse
from rest_framework import serializers

from fazhi.disputes.choices import Category, Channel
from fazhi.enforcement.choices import Act, CaseKind, CoerciveMeasure, HearingKind, PartyKind, Step
from fazhi.enforcement.models import Case, Publication
from fazhi.enforcement.selectors import PUBLIC_FIELDS
from fazhi.enforcement.workflows import CASE_FLOW
from fazhi.normative_docs.models import DocumentVersion, NormativeDocument
from fazhi.powers.models import ListVersion, ListVersionEntry
from fazhi.reporting.models import Report

# Reads --------------------------------------------------------------------------------------------


class DocumentVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentVersion
        fields = ["version_no", "text", "note", "amendment_number", "valid_from", "valid_to"]


class NormativeDocSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuer.name", read_only=True)
    status = serializers.CharField(source="get_status_display", read_only=True)
    public_url = serializers.CharField(source="get_public_url", read_only=True)

    class Meta:
        model = NormativeDocument
        fields = ["id", "title", "number", "issuer", "status", "published_on", "effective_from", "valid_until",
                  "ended_on", "updated_at", "public_url"]


class NormativeDocDetailSerializer(NormativeDocSerializer):
    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta(NormativeDocSerializer.Meta):
        fields = [*NormativeDocSerializer.Meta.fields, "versions"]


class PowerVersionSerializer(serializers.ModelSerializer):
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = ListVersion
        fields = ["id", "title", "published_on", "document", "note", "item_count", "is_current"]


class PowerEntrySerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = ListVersionEntry
        fields = ["code", "name", "category", "unit_name", "sub_items", "implementing_body", "bases", "duties",
                  "accountability", "time_limit", "remarks"]


class DecisionSerializer(serializers.ModelSerializer):
    """The decision as the public page shows it: the masked text frozen when it was published."""

    kind = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Publication
        fields = ["id", *PUBLIC_FIELDS]


class ReportSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    public_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "year", "title", "unit", "published_on", "updated_at", "public_url", "docx_url"]

    def get_public_url(self, report) -> str:
        return f'{reverse("reporting:public_report_view")}?id={report.pk}'

    def get_docx_url(self, report) -> str:
        return f"{self.get_public_url(report)}&export=docx"


# Writes -------------------------------------------------------------------------------------------

EXTERNAL_ID = dict(max_length=100, help_text="接入系统自己的记录编号；同一编号再次提交返回已有记录（幂等）")
SIGNER = dict(max_length=40, help_text="签名执法人员的执法证号（须有平台账号，按其权限办理）")


class PartyIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PartyKind.choices, default=PartyKind.PERSON)
    name = serializers.CharField(max_length=200)
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    operator_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    representative_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    is_minor = serializers.BooleanField(default=False)


class CaseIn(serializers.Serializer):
    external_id = serializers.CharField(**EXTERNAL_ID)
    officer_certificate_no = serializers.CharField(**SIGNER)
    body = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="执法主体编号（见执法主体列表）")
    kind = serializers.ChoiceField(choices=CaseKind.choices)
    title = serializers.CharField(max_length=300)
    facts = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    registered_on = serializers.DateField()
    team_certificate_nos = serializers.ListField(child=serializers.CharField(max_length=40), required=False,
                                                 max_length=20, help_text="其他执法人员的执法证号")
    power_code = serializers.CharField(max_length=60, required=False, allow_blank=True)
    coercive_measure = serializers.ChoiceField(choices=CoerciveMeasure.choices, required=False, allow_blank=True)
    parties = PartyIn(many=True, required=False, max_length=20)


class CaseOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    status = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "number", "unit", "kind", "title", "status", "registered_on", "decision_due",
                  "decision_number", "decided_on", "served_on", "closed_on", "record_count"]


class BodyOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField(source="unit.name")


class StepIn(serializers.Serializer):
    external_id = serializers.CharField(**EXTERNAL_ID)
    officer_certificate_no = serializers.CharField(**SIGNER)
    action = serializers.ChoiceField(choices=[(t.action, t.label) for t in CASE_FLOW.transitions])
    on = serializers.DateField(help_text="办理日期")
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    backdate_reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, min_value=0,
                                           max_value=10**11)
    rights_waived = serializers.BooleanField(required=False)
    hearing_kind = serializers.ChoiceField(choices=HearingKind.choices, required=False)
    decision = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    decision_number = serializers.CharField(required=False, allow_blank=True, max_length=80)


class RecordIn(serializers.Serializer):
    external_id = serializers.CharField(**EXTERNAL_ID)
    officer_certificate_no = serializers.CharField(**SIGNER)
    step = serializers.ChoiceField(choices=Step.choices)
    act = serializers.ChoiceField(choices=Act.choices, default=Act.GENERAL)
    text = serializers.CharField(max_length=5000)
    occurred_on = serializers.DateField()


class RecordOut(serializers.Serializer):
    id = serializers.IntegerField()
    seq = serializers.IntegerField()
    step = serializers.CharField()
    occurred_on = serializers.DateField()
    hash = serializers.CharField()


class PetitionIn(serializers.Serializer):
    external_id = serializers.CharField(**EXTERNAL_ID)
    office = serializers.CharField(max_length=50, help_text="登记的信访工作机构的单位代码")
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.TRANSFERRED)
    petitioner_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=30)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    persons = serializers.IntegerField(min_value=1, max_value=10000, default=1)
    event_on = serializers.DateField()
    received_on = serializers.DateField()
    category = serializers.ChoiceField(choices=Category.choices)
    request = serializers.CharField(max_length=5000)
    facts = serializers.CharField(max_length=10000)
    as_new = serializers.BooleanField(default=False, help_text="信访人已有信访事项时，确认作为新事项登记")


class PetitionOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    unit = serializers.CharField(source="unit.name")
    status = serializers.CharField(source="get_status_display")
    received_on = serializers.DateField()
    route_due = serializers.DateField()
