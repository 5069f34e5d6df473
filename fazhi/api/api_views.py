"""The open API's endpoints (``/api/v1/``): public reads through the portal's selectors, writes through the
modules' services. Every call lands in the compact call log (``calllog``)."""
import re

import django_filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import clock
from fazhi.core.errors import DomainError, NotFound
from fazhi.disputes import services as dispute_services
from fazhi.disputes.models import Petition
from fazhi.enforcement import selectors as enf
from fazhi.enforcement import services as enf_services
from fazhi.enforcement.models import Case, CaseRecord, EnforcementBody, Officer, Publication
from fazhi.normative_docs import selectors as docs
from fazhi.normative_docs.models import NormativeDocument
from fazhi.orgs.models import OrgUnit
from fazhi.powers import selectors as powers
from fazhi.powers.models import ListVersion
from fazhi.reporting.models import Report
from fazhi.reporting.selectors import reports

from . import calllog, serializers, services
from .auth import HasScope, TokenAuthentication, TokenThrottle


class Paging(PageNumberPagination):
    """``?page=`` (from 1) and ``?page_size=`` (1–200, default 50); a malformed size is a 400, not ignored."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        if len(raw) > 1 or not re.fullmatch(r"[0-9]{1,3}", raw[0]) or not 1 <= int(raw[0]) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"应为1至{self.max_page_size}之间的整数。"]})
        return int(raw[0])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for p in parameters:
            if p["name"] == self.page_size_query_param:
                p["schema"].update(minimum=1, maximum=self.max_page_size)
            if p["name"] == self.page_query_param:
                p["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class Logged:
    authentication_classes = [TokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [TokenThrottle]
    pagination_class = Paging

    def throttled(self, request, wait):
        refusal = Throttled(detail=f"调用过于频繁，已超过该令牌的调用频率限制，请{wait}秒后再试。")
        refusal.wait = wait  # the Retry-After header (DRF's own sentence after the detail would be English)
        raise refusal

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None)
        calllog.log(token if isinstance(token, services.ApiToken) else None, request.method,
                    request.get_full_path(), response.status_code)
        return response


class PresentDateField(forms.DateField):
    """A date that, once the parameter is there, must be one (``?changed_since=`` alone is a 400)."""

    empty_values = [None]


class PresentDateFilter(django_filters.DateFilter):
    field_class = PresentDateField


class ChangedSince(django_filters.FilterSet):
    changed_since = PresentDateFilter(method="since", label="只返回该日期（含）以后变更的记录（YYYY-MM-DD）")
    since_field = "updated_at__date__gte"

    def since(self, qs, name, value):
        return qs.filter(**{self.since_field: value})


def _changed_since(model, field):
    return type(f"{model.__name__}Since", (ChangedSince,), {"since_field": field, "Meta": type(
        "Meta", (), {"model": model, "fields": []})})


# Public reads -------------------------------------------------------------------------------------

class NormativeDocList(Logged, generics.ListAPIView):
    """已公布的行政规范性文件（含已废止、失效的，状态随附）。"""

    resource = "normative_docs"
    serializer_class = serializers.NormativeDocSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = _changed_since(NormativeDocument, "updated_at__date__gte")

    def get_queryset(self):
        return docs.public_list()


class NormativeDocDetail(Logged, generics.RetrieveAPIView):
    """一件已公布的行政规范性文件及其各版本正文。"""

    resource = "normative_docs"
    serializer_class = serializers.NormativeDocDetailSerializer

    def get_object(self):
        return docs.public_get(pk=self.kwargs["pk"])


class PowerVersionList(Logged, generics.ListAPIView):
    """权责清单的已公布版本（is_current 为现行版本）。"""

    resource = "powers"
    queryset = ListVersion.objects.none()  # the schema's model; the rows come from the selector
    serializer_class = serializers.PowerVersionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = _changed_since(ListVersion, "published_on__gte")

    def get_queryset(self):
        return powers.version_list()


class PowerEntryList(Logged, generics.ListAPIView):
    """一个清单版本的全部事项；版本编号用 current 表示现行版本。"""

    resource = "powers"
    serializer_class = serializers.PowerEntrySerializer

    def get_queryset(self):
        key = self.kwargs["version"]
        if not re.fullmatch(r"current|[0-9]{1,18}", key):
            raise NotFound("没有这个清单版本。")
        version = powers.current_version() if key == "current" else powers.version_get(key)
        if version is None:
            raise NotFound("尚未公布权责清单。")
        return powers.version_entries(version)


class DecisionList(Logged, generics.ListAPIView):
    """正在公示的执法决定（与公开网站相同的脱敏文本）。"""

    resource = "decisions"
    serializer_class = serializers.DecisionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = _changed_since(Publication, "published_on__gte")

    def get_queryset(self):
        return enf.public_decisions(today=clock.today())


class DecisionDetail(Logged, generics.RetrieveAPIView):
    resource = "decisions"
    serializer_class = serializers.DecisionSerializer

    def get_object(self):
        return enf.public_decision_get(self.kwargs["pk"])


class ReportList(Logged, generics.ListAPIView):
    """已公开的法治政府建设年度报告（正文见公开页面与 Word 下载）。"""

    resource = "reports"
    serializer_class = serializers.ReportSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = _changed_since(Report, "updated_at__date__gte")

    def get_queryset(self):
        return reports.public_reports()


class ReportDetail(Logged, generics.RetrieveAPIView):
    resource = "reports"
    serializer_class = serializers.ReportSerializer

    def get_object(self):
        return reports.public_report_get(self.kwargs["pk"])


# Writes from the provincial systems -----------------------------------------------------------------

def _signer(token, certificate_no):
    """The officer who signs: certified, with a platform account, within the token's units."""
    officer = Officer.objects.select_related("unit", "user").filter(certificate_no=certificate_no.strip()).first()
    if officer is None or not services.in_units(token, officer.unit):
        raise DomainError("没有这个执法证号的执法人员。", field="officer_certificate_no")
    if officer.user is None:
        raise DomainError(f"{officer.name}没有平台账号，不能签名办理。", field="officer_certificate_no")
    return officer.user


def _case(token, pk):
    case = Case.objects.select_related("unit", "body").filter(pk=pk).first()
    services.check_unit(token, case.unit if case else None)
    return case


def _answer(serializer_class, record, created):
    return Response(serializer_class(record).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class BodyList(Logged, generics.ListAPIView):
    """令牌授权单位内的执法主体（立案时填写其编号）。"""

    resource = "cases"
    serializer_class = serializers.BodyOut

    def get_queryset(self):
        units = self.request.auth.units.all()
        within = Q()
        for u in units:
            within |= Q(unit__path__startswith=u.path)
        return EnforcementBody.objects.filter(within, is_active=True).select_related("unit").order_by("id")


class CaseCreate(Logged, APIView):
    resource = "cases"

    @extend_schema(request=serializers.CaseIn, responses={200: serializers.CaseOut, 201: serializers.CaseOut},
                   summary="报送执法案件（立案）")
    def post(self, request):
        data = _valid(serializers.CaseIn, request)
        token = request.auth

        def create():
            body = EnforcementBody.objects.select_related("unit").filter(pk=data["body"]).first()
            services.check_unit(token, body.unit if body else None)
            actor = _signer(token, data["officer_certificate_no"])
            team = [_officer(token, no) for no in data.get("team_certificate_nos", [])]
            case = enf_services.case_register(
                actor=actor, body=body, kind=data["kind"], title=data["title"], facts=data.get("facts", ""),
                registered_on=data["registered_on"], officers=team, power_code=data.get("power_code", ""),
                coercive_measure=data.get("coercive_measure", ""), parties=data.get("parties", []))
            return case, case.unit, actor

        case, created = services.receive(token=token, kind="case", external_id=data["external_id"],
                                         event="api.case_received", request_line=(request.method, request.path),
                                         create=create, model=Case)
        return _answer(serializers.CaseOut, case, created)


def _officer(token, certificate_no):
    officer = Officer.objects.select_related("unit").filter(certificate_no=certificate_no.strip()).first()
    if officer is None or not services.in_units(token, officer.unit):
        raise DomainError(f"没有执法证号为{certificate_no}的执法人员。", field="team_certificate_nos")
    return officer


class CaseDetail(Logged, generics.RetrieveAPIView):
    """本系统报送的、令牌授权单位内的执法案件（其他单位的为 404）。"""

    resource = "cases"
    serializer_class = serializers.CaseOut

    def get_object(self):
        return _case(self.request.auth, self.kwargs["pk"])


class CaseStepCreate(Logged, APIView):
    resource = "cases"

    @extend_schema(request=serializers.StepIn, responses={200: serializers.CaseOut, 201: serializers.CaseOut},
                   summary="报送办理环节（告知、决定、送达……），按平台的程序规则校验")
    def post(self, request, pk):
        token = request.auth
        case = _case(token, pk)
        data = _valid(serializers.StepIn, request)

        def create():
            actor = _signer(token, data["officer_certificate_no"])
            extra = {k: data[k] for k in ("fine_amount", "rights_waived", "hearing_kind", "decision",
                                          "decision_number") if k in data}
            done = enf_services.case_transition(
                actor=actor, case=case, action=data["action"], text=data.get("text", ""), on=data["on"],
                reason=data.get("reason", ""), backdate_reason=data.get("backdate_reason", ""), **extra)
            return done, done.unit, actor

        record, created = services.receive(token=token, kind=f"case_step:{case.pk}",
                                           external_id=data["external_id"], event="api.case_step_received",
                                           request_line=(request.method, request.path), create=create, model=Case)
        return _answer(serializers.CaseOut, record, created)


class CaseRecordCreate(Logged, APIView):
    resource = "cases"

    @extend_schema(request=serializers.RecordIn, responses={200: serializers.RecordOut, 201: serializers.RecordOut},
                   summary="追加全过程记录")
    def post(self, request, pk):
        token = request.auth
        case = _case(token, pk)
        data = _valid(serializers.RecordIn, request)

        def create():
            actor = _signer(token, data["officer_certificate_no"])
            record = enf_services.record_add(actor=actor, case=case, step=data["step"], act=data["act"],
                                             text=data["text"], occurred_on=data["occurred_on"])
            return record, case.unit, actor

        record, created = services.receive(token=token, kind=f"case_record:{case.pk}",
                                           external_id=data["external_id"], event="api.case_record_received",
                                           request_line=(request.method, request.path), create=create,
                                           model=CaseRecord)
        return _answer(serializers.RecordOut, record, created)


class PetitionCreate(Logged, APIView):
    resource = "petitions"

    @extend_schema(request=serializers.PetitionIn,
                   responses={200: serializers.PetitionOut, 201: serializers.PetitionOut},
                   summary="接收省网上信访系统转交的信访事项")
    def post(self, request):
        token = request.auth
        data = _valid(serializers.PetitionIn, request)

        def create():
            office = OrgUnit.objects.filter(code=data["office"].strip()).first()
            services.check_unit(token, office)
            petition = dispute_services.petition_register(
                actor=token.act_as, office=office, channel=data["channel"], petitioner_name=data["petitioner_name"],
                phone=data["phone"], event_on=data["event_on"], received_on=data["received_on"],
                category=data["category"], request=data["request"], facts=data["facts"],
                id_number=data.get("id_number", ""), address=data.get("address", ""), persons=data["persons"],
                merge="new" if data["as_new"] else None)
            return petition, petition.unit, token.act_as

        petition, created = services.receive(token=token, kind="petition", external_id=data["external_id"],
                                             event="api.petition_received",
                                             request_line=(request.method, request.path), create=create,
                                             model=Petition)
        return _answer(serializers.PetitionOut, petition, created)


class PetitionDetail(Logged, generics.RetrieveAPIView):
    resource = "petitions"
    serializer_class = serializers.PetitionOut

    def get_object(self):
        petition = Petition.objects.select_related("unit").filter(pk=self.kwargs["pk"]).first()
        services.check_unit(self.request.auth, petition.unit if petition else None)
        return petition


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(exclude=True)
class Unknown(Logged, APIView):
    """Any other address under /api/v1/: a JSON 404 (a path that does not parse is not an HTML page)."""

    permission_classes = []

    def get(self, request, *args, **kwargs):
        raise NotFound("没有这个接口地址。")

    post = put = patch = delete = get
