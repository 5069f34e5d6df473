"""Writes of the dispute clusters (矛盾纠纷专项化解): the cluster itself, its leading group's members and
meetings, and its households one by one (一户一档) — added singly or imported from Excel, all or nothing.
One transaction each, the policy re-checked, an audit entry on the cluster."""
import re

from django.db import transaction

from fazhi.core import audit, clock, masking
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code, clean_text, compare_key
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from . import policies
from .choices import ClusterStatus, HouseholdStatus
from .models import ClusterHousehold, ClusterMeeting, ClusterMember, DisputeCluster, MediationCase, Petition
from .permissions import DisputesPerm as P
from .services import _day, _text, check

_SPACES = re.compile(r"\s+")


def household_name(value):
    """A household's name as stored: full-width digits and letters folded, every space removed
    ("王 明 （3栋５０２）" → "王明(3栋502)")."""
    return _SPACES.sub("", clean_code(value or ""))


def _lead_unit(actor, unit):
    if unit is None:
        raise DomainError("请选择牵头单位。", field="unit")
    if not scope.changeable(actor, OrgUnit.objects.filter(pk=unit.pk), perm=P.MANAGE).exists():
        raise DomainError("牵头单位不在您可以办理的范围内。", field="unit")
    return unit


@transaction.atomic
def cluster_save(*, actor, cluster=None, name, kind, unit, leading_group, set_up_on, leader=None, member_units=(),
                 description="", approach="", status=ClusterStatus.HANDLING, closing_summary=""):
    """Create (``cluster=None``) or edit a cluster. Closing it (已化解) needs the closing summary."""
    if cluster is None:
        check(policies.clusters, actor, "create")
        cluster = DisputeCluster()
        before = {}
    else:
        cluster = DisputeCluster.objects.select_for_update().get(pk=cluster.pk)
        check(policies.clusters, actor, "edit", cluster)
        before = audit.snapshot(cluster, ["name", "unit", "status"])
    name = _text(name, "专项名称", "name")
    if DisputeCluster.objects.filter(name=name).exclude(pk=cluster.pk).exists():
        raise DomainError("已有同名的专项。", field="name")
    cluster.name = name
    cluster.kind = kind
    cluster.unit = _lead_unit(actor, unit)
    cluster.leading_group = _text(leading_group, "领导小组名称", "leading_group")
    cluster.leader = leader
    cluster.description = clean_text(description)
    cluster.approach = clean_text(approach)
    cluster.set_up_on = _day(set_up_on, field="set_up_on")
    summary = clean_text(closing_summary)
    if status == ClusterStatus.RESOLVED:
        if not summary:
            raise DomainError("标记为已化解须填写化解总结。", field="closing_summary")
        if cluster.status != ClusterStatus.RESOLVED:
            cluster.closed_on = clock.today()
    else:
        cluster.closed_on = None
    cluster.status = status
    cluster.closing_summary = summary
    cluster.save()
    cluster.member_units.set(member_units)
    audit.record(actor=actor, event="disputes.cluster_saved", obj=cluster,
                 changes=audit.diff(before, audit.snapshot(cluster, ["name", "unit", "status"])))
    return cluster


@transaction.atomic
def member_add(*, actor, cluster, post, from_on, person=None, unit=None, title="", to_on=None):
    """A post in the leading group (组长/副组长/成员) held by a person or by a unit."""
    check(policies.clusters, actor, "add_member", cluster)
    if (person is None) == (unit is None):
        raise DomainError("请选择人员或单位（二者选其一）。", field="person")
    from_on = _day(from_on, field="from_on")
    if to_on is not None and to_on < from_on:
        raise DomainError("截止日期不能早于起始日期。", field="to_on")
    member = ClusterMember.objects.create(cluster=cluster, post=post, person=person, unit=unit,
                                          title=clean_text(title), from_on=from_on, to_on=to_on)
    audit.record(actor=actor, event="disputes.cluster_member_added", obj=cluster,
                 changes={"member": [None, str(member)]})
    return member


@transaction.atomic
def meeting_add(*, actor, cluster, held_on, chair, attendees, topics, decisions):
    check(policies.clusters, actor, "add_meeting", cluster)
    meeting = ClusterMeeting.objects.create(
        cluster=cluster, held_on=_day(held_on, field="held_on"), chair=_text(chair, "主持人", "chair"),
        attendees=_text(attendees, "参会人员", "attendees"), topics=_text(topics, "议题", "topics"),
        decisions=_text(decisions, "议定事项", "decisions"))
    audit.record(actor=actor, event="disputes.cluster_meeting_added", obj=cluster,
                 changes={"held_on": [None, meeting.held_on]})
    return meeting


def _household(actor, cluster, *, name, request, handler, amount=None, status=HouseholdStatus.OPEN,
               last_contact_on=None, note="", petition=None, case=None, taken=None):
    name = household_name(name)
    if not name:
        raise DomainError("请填写户主姓名。", field="name")
    key = compare_key(name)
    if key in (taken if taken is not None else set()) or cluster.households.filter(name_key=key).exists():
        raise DomainError(f"该专项已有涉及户“{name}”。", field="name")
    if amount is not None and amount < 0:
        raise DomainError("涉及金额不能为负数。", field="amount")
    if last_contact_on is not None:
        last_contact_on = _day(last_contact_on, field="last_contact_on")
    if petition is not None and not policies.petitions.visible(actor).filter(pk=petition.pk).exists():
        raise DomainError("关联的信访事项不在您可以查看的范围内。", field="petition")
    if case is not None and not policies.cases.visible(actor).filter(pk=case.pk).exists():
        raise DomainError("关联的调解案件不在您可以查看的范围内。", field="case")
    return ClusterHousehold(cluster=cluster, name=name, name_key=key, request=_text(request, "诉求", "request"),
                            amount=amount, handler=handler, status=status, last_contact_on=last_contact_on,
                            note=clean_text(note), petition=petition, case=case)


@transaction.atomic
def household_add(*, actor, cluster, name, request, handler, amount=None, status=HouseholdStatus.OPEN,
                  last_contact_on=None, note="", petition=None, case=None):
    check(policies.clusters, actor, "add_household", cluster)
    household = _household(actor, cluster, name=name, request=request, handler=handler, amount=amount,
                           status=status, last_contact_on=last_contact_on, note=note, petition=petition, case=case)
    household.save()
    audit.record(actor=actor, event="disputes.household_added", obj=cluster,
                 changes={"household": [None, masking.mask_name(household.name)]})
    return household


@transaction.atomic
def household_update(*, actor, household, status, last_contact_on=None, note=""):
    """The household's handling: its status, the last contact, a note (marking it resolved moves the progress)."""
    household = ClusterHousehold.objects.select_for_update().select_related("cluster").get(pk=household.pk)
    check(policies.clusters, actor, "update_household", household.cluster)
    before = household.status
    if last_contact_on is not None:
        household.last_contact_on = _day(last_contact_on, field="last_contact_on")
    household.status = status
    if note:
        household.note = clean_text(note)
    household.save()
    audit.record(actor=actor, event="disputes.household_updated", obj=household.cluster,
                 changes={"household": [None, masking.mask_name(household.name)], "status": [before, status]})
    return household


def _unit_named(text):
    text = clean_text(text)
    return OrgUnit.objects.filter(is_active=True).filter(name=text).first() or OrgUnit.objects.filter(
        code=clean_code(text)).first()


@transaction.atomic
def households_import(*, actor, cluster, rows):
    """The households of an Excel sheet, all or nothing: every row's error named with its row number."""
    from fazhi.core.spreadsheets import RowError, RowErrors

    check(policies.clusters, actor, "add_household", cluster)
    errors, households, taken = [], [], set()
    for row in rows:
        handler = _unit_named(row["handler"])
        if handler is None:
            errors.append(RowError(f"包户单位“{row['handler']}”不存在", row=row, field="handler"))
            continue
        petition = case = None
        if row.get("petition"):
            petition = Petition.objects.filter(number=clean_code(row["petition"])).first()
            if petition is None:
                errors.append(RowError(f"信访事项“{row['petition']}”不存在", row=row, field="petition"))
                continue
        if row.get("case"):
            case = MediationCase.objects.filter(number=clean_code(row["case"])).first()
            if case is None:
                errors.append(RowError(f"调解案件“{row['case']}”不存在", row=row, field="case"))
                continue
        try:
            household = _household(actor, cluster, name=row["name"], request=row["request"], handler=handler,
                                   amount=row.get("amount"), status=row.get("status") or HouseholdStatus.OPEN,
                                   last_contact_on=row.get("last_contact_on"), note=row.get("note") or "",
                                   petition=petition, case=case, taken=taken)
        except DomainError as e:
            errors.append(RowError(e.message.rstrip("。"), row=row, field=e.field))
            continue
        taken.add(household.name_key)
        households.append(household)
    if errors:
        raise RowErrors(errors)
    ClusterHousehold.objects.bulk_create(households)
    audit.record(actor=actor, event="disputes.households_imported", obj=cluster,
                 changes={"households": [None, len(households)]})
    return len(households)
