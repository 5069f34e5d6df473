"""Services of the suggestions part: every write, in one transaction, audited, the policy re-checked.

Suggestions and proposals: batch intake (Excel, all or nothing), assignment to a lead unit and co-handling
units, the lead unit's reply (its text and the signed reply letter), the proposer's feedback (a new round
when not satisfied), publication of the reply. Accountability records (问责) with a link to the record that
triggered them.
"""
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.core import audit, audit_events, clock, search, uploads, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.core.spreadsheets import RowError
from fazhi.core.text import clean_text
from fazhi.orgs import scope

from ..models.suggestions import (
    AccountabilityForm,
    AccountabilityGround,
    AccountabilityRecord,
    CongressInspection,
    JudicialKind,
    JudicialStatus,
    JudicialSuggestion,
    RectificationTask,
    Satisfaction,
    Suggestion,
    SuggestionCoOpinion,
    SuggestionKind,
    SuggestionRound,
)
from ..permissions import OversightPerm
from ..policies.suggestions import (
    accountability_policy,
    inspection_policy,
    judicial_policy,
    suggestion_policy,
    task_policy,
)
from ..workflows.suggestions import SUGGESTION_FLOW, TASK_FLOW

_E = audit_events.register
_E(1501, "oversight.suggestions_imported", "导入代表建议、政协提案")
_E(1502, "oversight.suggestion_assigned", "交办代表建议、政协提案")
_E(1503, "oversight.suggestion_replied", "答复代表建议、政协提案")
_E(1504, "oversight.suggestion_closed", "登记代表、委员满意的反馈")
_E(1505, "oversight.suggestion_rehandled", "登记代表、委员不满意的反馈并重新办理")
_E(1506, "oversight.suggestion_published", "公开建议提案答复")
_E(1507, "oversight.suggestion_recorded", "登记代表建议、政协提案")
_E(1508, "oversight.suggestion_co_opinion", "会办单位提出协办意见")
_E(1509, "oversight.suggestion_reassigned", "调整建议提案的主办、会办单位")
_E(1520, "oversight.accountability_recorded", "登记问责")
_E(1521, "oversight.accountability_corrected", "更正问责记录")
_E(1530, "oversight.inspection_recorded", "登记人大执法检查、案件评查")
_E(1531, "oversight.judicial_recorded", "登记司法建议、检察建议")
_E(1532, "oversight.judicial_replied", "回复司法建议、检察建议")
_E(1540, "oversight.task_added", "下达整改任务")
_E(1541, "oversight.task_reported", "报告整改完成")
_E(1542, "oversight.task_accepted", "验收整改任务")
_E(1543, "oversight.task_returned", "退回整改任务")

#: the records an accountability record may point to (app label, model), in the order the form offers them
TRIGGER_MODELS = [("decisions", "decision"), ("enforcement", "case"), ("disputes", "petition"),
                  ("normative_docs", "normativedocument")]


def _check(policy, actor, action, obj=None, *, on=None, field=None):
    if actor is None:
        raise DomainError("请先登录。", code="policy_refused")
    if obj is not None and not policy.visible(actor).filter(pk=obj.pk).exists():
        raise NotFound()
    policy.check(actor, action, obj, on=on, field=field)


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - unreachable: every month has a 28th


def suggestion_due_for(start, months):
    """``months`` calendar months after ``start``; a period ending on a rest day rolls to the next working day."""
    return workdays.add_calendar_days(_add_months(start, months) - datetime.timedelta(days=1), 1)


def suggestion_months(suggestion, round_number):
    if round_number > 1:
        return get_setting("oversight.suggestion_rehandle_months")
    key = "oversight.suggestion_urgent_months" if suggestion.urgent else "oversight.suggestion_reply_months"
    return get_setting(key)


def _index(suggestion):
    """The staff search entry: scoped by the lead unit and shared with the co-handling units (index again whenever
    either changes, so a unit no longer co-handling stops finding it)."""
    search.index(suggestion, title=str(suggestion), text=f"{suggestion.proposer} {suggestion.content}",
                 unit=suggestion.unit, url=suggestion.get_absolute_url(), public=False,
                 source="oversight.suggestion", shared_units=list(suggestion.co_units.all()))


# Suggestions --------------------------------------------------------------------------------------

def suggestions_import(*, actor, rows):
    """Create every row's suggestion or none (a repeated number of the same kind and date refuses the batch)."""
    _check(suggestion_policy, actor, "import")
    created = []
    with transaction.atomic():
        for row in rows:
            received_on = clock.check_act_date(row["received_on"], backdate_reason=None, field="received_on")
            if Suggestion.objects.filter(kind=row["kind"], number=row["number"], received_on=received_on).exists():
                raise RowError(f"编号“{row['number']}”已经登记过", row=row, field="number")
            s = Suggestion.objects.create(
                kind=row["kind"], number=row["number"], title=clean_text(row["title"]),
                proposer=clean_text(row["proposer"]), content=clean_text(row["content"]),
                received_on=received_on, urgent=bool(row.get("urgent")), unit=actor.unit)
            _index(s)
            created.append(s)
        audit.record(actor=actor, event="oversight.suggestions_imported", object_repr=f"导入{len(created)}件建议提案",
                     changes={"numbers": [None, [s.number for s in created]]})
    return created


def suggestion_create(*, actor, kind, number, title, proposer, content, received_on, urgent=False):
    """One suggestion or proposal entered by hand (besides the Excel import), waiting for assignment."""
    _check(suggestion_policy, actor, "create")
    if kind not in SuggestionKind.values:
        raise DomainError("请选择类别。", field="kind")
    number = clean_text(number)
    received_on = clock.check_act_date(received_on, backdate_reason=None, field="received_on")
    if Suggestion.objects.filter(kind=kind, number=number, received_on=received_on).exists():
        raise DomainError(f"编号“{number}”已经登记过。", field="number")
    with transaction.atomic():
        s = Suggestion.objects.create(kind=kind, number=number, title=clean_text(title),
                                      proposer=clean_text(proposer), content=clean_text(content),
                                      received_on=received_on, urgent=bool(urgent), unit=actor.unit)
        _index(s)
        audit.record(actor=actor, event="oversight.suggestion_recorded", obj=s,
                     changes={"number": [None, s.number], "proposer": [None, s.proposer]})
    return s


def suggestion_co_opinion(*, actor, suggestion, text, unit=None, on=None):
    """A co-handling unit's opinion (协办意见) for the lead unit, on the current round."""
    suggestion = Suggestion.objects.get(pk=suggestion.pk)  # the state as stored, not as the caller last read it
    _check(suggestion_policy, actor, "co_opinion", suggestion, on=on)
    units = list(suggestion_policy.co_units_for(actor, suggestion))
    if unit is None:
        unit = units[0]
    elif unit not in units:
        raise DomainError(f"“{unit}”不是该件的会办单位，或不在您可以办理的范围内。", field="unit")
    text = clean_text(text)
    if not text:
        raise DomainError("请填写协办意见。", field="text")
    day = clock.check_act_date(on, not_before=suggestion.current_round.assigned_on, not_before_label="交办日期",
                               backdate_reason=None, field="on")
    with transaction.atomic():
        opinion = SuggestionCoOpinion.objects.create(suggestion=suggestion, round_number=suggestion.current_round.number,
                                                     unit=unit, text=text, given_by=actor, given_on=day)
        audit.record(actor=actor, event="oversight.suggestion_co_opinion", obj=suggestion,
                     changes={"unit": [None, unit.name], "round": [None, opinion.round_number]})
    return opinion


def suggestion_assign(*, actor, suggestion, unit, co_units=(), urgent=None, on=None):
    _check(suggestion_policy, actor, "assign", suggestion, on=on)
    if not unit.is_active:
        raise DomainError("主办单位已撤销，请重新选择。", field="unit")
    co_units = [u for u in co_units if u.pk != unit.pk]
    with transaction.atomic():
        def effect(s):
            if urgent is not None:
                s.urgent = urgent
            s.unit = unit
            s.assigned = True
            s.save()
            s.co_units.set(co_units)
            day = on or clock.today()
            SuggestionRound.objects.create(suggestion=s, number=1, assigned_on=day,
                                           due_on=suggestion_due_for(day, suggestion_months(s, 1)))
            _index(s)

        return SUGGESTION_FLOW.apply(
            actor=actor, obj=suggestion, action="assign", effect=effect, on=on, not_before=suggestion.received_on,
            changes={"unit": [None, unit.name], "co_units": [None, [u.name for u in co_units]]})


def suggestion_reassign(*, actor, suggestion, unit, co_units=(), reason):
    """The office changes the lead or co-handling units of a suggestion in handling (交办有误、职能调整); the search
    entry follows at once (a unit taken off stops finding it, a unit added finds it) and the round's due date stays."""
    _check(suggestion_policy, actor, "reassign", suggestion)
    if not unit.is_active:
        raise DomainError("主办单位已撤销，请重新选择。", field="unit")
    reason = clean_text(reason or "")
    if not reason:
        raise DomainError("请填写调整理由。", field="reason")
    co_units = sorted({u.pk: u for u in co_units if u.pk != unit.pk}.values(), key=lambda u: u.pk)
    with transaction.atomic():
        s = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        before_unit, before_co = s.unit, sorted(s.co_units.all(), key=lambda u: u.pk)
        if before_unit == unit and before_co == co_units:
            raise DomainError("主办、会办单位没有变化。", field="unit")
        s.unit = unit
        s.save(update_fields=["unit"])
        s.co_units.set(co_units)
        _index(s)
        audit.record(actor=actor, event="oversight.suggestion_reassigned", obj=s, changes={
            "unit": [before_unit.name, unit.name], "co_units": [[u.name for u in before_co], [u.name for u in co_units]],
            "reason": [None, reason]})
    return s


def suggestion_reply(*, actor, suggestion, text, file, on=None):
    _check(suggestion_policy, actor, "reply", suggestion, on=on)
    text = clean_text(text)
    if not text:
        raise DomainError("请填写答复内容。", field="text")
    uploads.check(file, kind="document", field="file", label="答复函")
    current = suggestion.current_round
    with transaction.atomic():
        def effect(s):
            r = SuggestionRound.objects.select_for_update().get(pk=current.pk)
            r.replied_on = on or clock.today()
            r.reply_text = text
            r.reply_file.save(f"答复函_{s.pk}_{r.number}{_suffix(file)}", file, save=False)
            r.save()

        return SUGGESTION_FLOW.apply(actor=actor, obj=suggestion, action="reply", effect=effect, on=on,
                                     not_before=current.assigned_on,
                                     changes={"round": [None, current.number]})


def _suffix(file):
    name = getattr(file, "name", "") or ""
    return name[name.rfind("."):].lower() if "." in name else ""


def suggestion_feedback(*, actor, suggestion, satisfaction, note="", on=None):
    """Record the proposer's feedback: satisfied or basically satisfied closes the suggestion; not satisfied
    starts a new round for the lead unit (the earlier rounds stay)."""
    if satisfaction not in Satisfaction.values:
        raise DomainError("请选择代表、委员的反馈意见。", field="satisfaction")
    action = "rehandle" if satisfaction == Satisfaction.UNSATISFIED else "satisfied"
    _check(suggestion_policy, actor, action, suggestion, on=on)
    current = suggestion.current_round
    with transaction.atomic():
        def effect(s):
            day = on or clock.today()
            SuggestionRound.objects.filter(pk=current.pk).update(satisfaction=satisfaction, feedback_on=day,
                                                                 feedback_note=clean_text(note))
            if action == "rehandle":
                number = current.number + 1
                SuggestionRound.objects.create(suggestion=s, number=number, assigned_on=day,
                                               due_on=suggestion_due_for(day, suggestion_months(s, number)))

        return SUGGESTION_FLOW.apply(actor=actor, obj=suggestion, action=action, effect=effect, on=on,
                                     not_before=current.replied_on,
                                     changes={"satisfaction": [None, Satisfaction(satisfaction).label]})


def suggestion_publish(*, actor, suggestion, on=None):
    _check(suggestion_policy, actor, "publish", suggestion, on=on)
    day = clock.check_act_date(on, backdate_reason=None)
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        _check(suggestion_policy, actor, "publish", locked, on=day)
        locked.published_on = day
        locked.save(update_fields=["published_on"])
        audit.record(actor=actor, event="oversight.suggestion_published", obj=locked,
                     changes={"published_on": [None, day]})
    return locked


# Accountability -----------------------------------------------------------------------------------

def trigger_types():
    """The content types an accountability record may point to (only installed ones)."""
    types = []
    for app_label, model in TRIGGER_MODELS:
        ct = ContentType.objects.filter(app_label=app_label, model=model).first()
        if ct is not None and ct.model_class() is not None:
            types.append(ct)
    return types


def resolve_trigger(trigger_type, trigger_id):
    """The record an accountability record points to, checked to exist (``None`` when none was given)."""
    if trigger_type is None and not trigger_id:
        return None
    if trigger_type is None or not trigger_id:
        raise DomainError("请同时选择引发问责的记录类型并填写其编号。", field="trigger_id")
    if trigger_type.pk not in {ct.pk for ct in trigger_types()}:
        raise DomainError("不能关联这一类记录。", field="trigger_type")
    obj = trigger_type.model_class()._default_manager.filter(pk=trigger_id).first()
    if obj is None:
        raise DomainError(f"{trigger_type.model_class()._meta.verbose_name}中没有编号为{trigger_id}的记录。",
                          field="trigger_id")
    return obj


def accountability_record(*, actor, person_name, post, unit, ground, facts, form, decided_on, person=None,
                          trigger_type=None, trigger_id=None, correction=""):
    _check(accountability_policy, actor, "create")
    if not scope.can_change(actor, unit, perm=OversightPerm.ACCOUNTABILITY):
        raise DomainError(f"您不能登记“{unit}”的问责记录。", field="unit")
    name = clean_text(person_name) or (person.get_full_name() if person is not None else "")
    if not name:
        raise DomainError("请选择被问责人或填写其姓名。", field="person_name")
    decided_on = clock.check_act_date(decided_on, backdate_reason=None, field="decided_on")
    resolve_trigger(trigger_type, trigger_id)
    with transaction.atomic():
        record = AccountabilityRecord.objects.create(
            person=person, person_name=name, post=clean_text(post), unit=unit, ground=ground,
            facts=clean_text(facts), trigger_type=trigger_type, trigger_id=trigger_id or None, form=form,
            decided_on=decided_on, correction=clean_text(correction))
        audit.record(actor=actor, event="oversight.accountability_recorded", obj=record,
                     changes={"ground": [None, record.get_ground_display()], "form": [None, record.get_form_display()]})
    return record


#: what the office may correct on a saved accountability record, in the order the history lists them
ACCOUNTABILITY_FIELDS = ("person", "person_name", "post", "unit", "ground", "facts", "trigger_type", "trigger_id",
                         "form", "decided_on", "correction")


def _audit_value(record, name):
    field = AccountabilityRecord._meta.get_field(name)
    return getattr(record, field.attname)


def accountability_update(*, actor, record, reason, person_name, post, unit, ground, facts, form, decided_on,
                          person=None, trigger_type=None, trigger_id=None, correction=""):
    """Correct a saved accountability record (office only): every changed field goes into the audit trail with
    its value before and after and the reason, so the record page keeps showing what it said before."""
    _check(accountability_policy, actor, "edit", record)
    if not scope.can_change(actor, unit, perm=OversightPerm.ACCOUNTABILITY):
        raise DomainError(f"您不能登记“{unit}”的问责记录。", field="unit")
    reason = clean_text(reason or "")
    if not reason:
        raise DomainError("请填写更正理由。", field="reason")
    name = clean_text(person_name) or (person.get_full_name() if person is not None else "")
    if not name:
        raise DomainError("请选择被问责人或填写其姓名。", field="person_name")
    if ground not in AccountabilityGround.values:
        raise DomainError("请选择问责情形。", field="ground")
    if form not in AccountabilityForm.values:
        raise DomainError("请选择问责方式。", field="form")
    decided_on = clock.check_act_date(decided_on, backdate_reason=None, field="decided_on")
    resolve_trigger(trigger_type, trigger_id)
    with transaction.atomic():
        record = AccountabilityRecord.objects.select_for_update().get(pk=record.pk)
        before = {f: _audit_value(record, f) for f in ACCOUNTABILITY_FIELDS}
        record.person, record.person_name, record.post, record.unit = person, name, clean_text(post), unit
        record.ground, record.facts, record.form, record.decided_on = ground, clean_text(facts), form, decided_on
        record.trigger_type, record.trigger_id = trigger_type, trigger_id or None
        record.correction = clean_text(correction or "")
        changes = {f: [before[f], _audit_value(record, f)] for f in ACCOUNTABILITY_FIELDS
                   if before[f] != _audit_value(record, f)}
        if not changes:
            raise DomainError("没有修改任何内容。", field="reason")
        record.save()
        audit.record(actor=actor, event="oversight.accountability_corrected", obj=record,
                     changes={**changes, "reason": [None, reason]})
    return record


# Congress inspections, judicial and procuratorial suggestions, rectification tasks ---------------------------

def inspection_record(*, actor, kind, title, held_on, findings, organiser="县人大常委会"):
    _check(inspection_policy, actor, "create")
    held_on = clock.check_act_date(held_on, backdate_reason=None, field="held_on")
    with transaction.atomic():
        inspection = CongressInspection.objects.create(kind=kind, title=clean_text(title), held_on=held_on,
                                                       organiser=clean_text(organiser) or "县人大常委会",
                                                       findings=clean_text(findings), unit=actor.unit)
        audit.record(actor=actor, event="oversight.inspection_recorded", obj=inspection,
                     changes={"title": [None, inspection.title]})
    return inspection


def judicial_reply_due(kind, received_on):
    key = "oversight.judicial_reply_months" if kind == JudicialKind.JUDICIAL else "oversight.procuratorial_reply_months"
    return suggestion_due_for(received_on, get_setting(key))


def judicial_record(*, actor, kind, issuer, number, content, received_on, unit):
    _check(judicial_policy, actor, "create")
    if not scope.can_change(actor, unit, perm=OversightPerm.HANDLE):
        raise DomainError(f"您不能登记“{unit}”收到的建议。", field="unit")
    received_on = clock.check_act_date(received_on, backdate_reason=None, field="received_on")
    with transaction.atomic():
        js = JudicialSuggestion.objects.create(kind=kind, issuer=clean_text(issuer), number=clean_text(number),
                                               content=clean_text(content), received_on=received_on, unit=unit,
                                               reply_due=judicial_reply_due(kind, received_on))
        audit.record(actor=actor, event="oversight.judicial_recorded", obj=js, changes={"number": [None, js.number]})
    return js


def judicial_reply(*, actor, judicial, text, file, on=None):
    """The unit's reply to the court or procuratorate: its text and the reply letter sent (an uploaded file)."""
    _check(judicial_policy, actor, "reply", judicial, on=on)
    text = clean_text(text)
    if not text:
        raise DomainError("请填写回复内容。", field="text")
    uploads.check(file, kind="document", field="file", label="回复函")
    day = clock.check_act_date(on, not_before=judicial.received_on, not_before_label="收到日期", backdate_reason=None)
    with transaction.atomic():
        locked = JudicialSuggestion.objects.select_for_update().get(pk=judicial.pk)
        _check(judicial_policy, actor, "reply", locked, on=day)
        locked.status, locked.replied_on, locked.reply_text = JudicialStatus.REPLIED, day, text
        locked.reply_file.save(f"回复函_{locked.pk}{_suffix(file)}", file, save=False)
        locked.save()
        audit.record(actor=actor, event="oversight.judicial_replied", obj=locked,
                     changes={"replied_on": [None, day], "on_time": [None, day <= locked.reply_due]})
    return locked


def task_add(*, actor, source, unit, content, due_on):
    """A rectification task raised by ``source`` (a congress inspection or a judicial/procuratorial suggestion)."""
    policy = inspection_policy if isinstance(source, CongressInspection) else judicial_policy
    _check(policy, actor, "add_task", source)
    content = clean_text(content)
    if not content:
        raise DomainError("请填写整改事项。", field="content")
    start = source.held_on if isinstance(source, CongressInspection) else source.received_on
    if due_on <= start:
        raise DomainError("整改期限应晚于检查或收到建议的日期。", field="due_on")
    with transaction.atomic():
        task = RectificationTask.objects.create(
            inspection=source if isinstance(source, CongressInspection) else None,
            judicial=source if isinstance(source, JudicialSuggestion) else None,
            unit=unit, content=content, due_on=due_on)
        audit.record(actor=actor, event="oversight.task_added", obj=task,
                     changes={"unit": [None, unit.name], "due_on": [None, due_on]})
    return task


def task_report(*, actor, task, text, evidence, on=None):
    _check(task_policy, actor, "report", task, on=on)
    text = clean_text(text)
    if not text:
        raise DomainError("请填写整改情况。", field="text")
    uploads.check(evidence, kind="evidence", field="evidence", label="整改佐证材料")

    def effect(t):
        t.reported_on = on or clock.today()
        t.report_text = text
        t.evidence.save(f"整改佐证_{t.pk}{_suffix(evidence)}", evidence, save=False)

    return TASK_FLOW.apply(actor=actor, obj=task, action="report", effect=effect, on=on)


def task_accept(*, actor, task, on=None):
    _check(task_policy, actor, "accept", task, on=on)

    def effect(t):
        t.accepted_on = on or clock.today()

    return TASK_FLOW.apply(actor=actor, obj=task, action="accept", effect=effect, on=on, not_before=task.reported_on)


def task_return(*, actor, task, reason, on=None):
    _check(task_policy, actor, "return_task", task, on=on)
    return TASK_FLOW.apply(actor=actor, obj=task, action="return_task", reason=clean_text(reason), on=on,
                           not_before=task.reported_on)
