"""Every write to the power lists: one transaction, one audit entry, Chinese errors (RULES.md §1).

Read-only rule helpers (``line_problems``, ``open_version``, ``versions_compare``) are in ``selectors``.

The list changes only through adjustments (动态调整): a department drafts a ``ListAdjustment``
with its lines, submits it, and the office approves (the lines then become dated item versions
from the effective date) or returns it. The office publishes versions of the whole list, which
never change afterwards, and marks laws amended or repealed, which flags every item citing them.
"""
import datetime
import re
from collections import Counter

from django.db import transaction
from django.db.models import OuterRef, Subquery

from fazhi.core import audit, audit_events, clock
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import (
    AdjustmentKind,
    ApprovalChangeKind,
    ApprovalStatus,
    LawChangeKind,
    PowerCategory,
)
from .models import (
    CONTENT_FIELDS,
    AdjustmentLine,
    ApprovalChange,
    ApprovalItem,
    ItemFlag,
    LawChange,
    ListAdjustment,
    ListVersion,
    ListVersionEntry,
    PowerItem,
    PowerItemVersion,
    basis_lines,
)
from .permissions import PowersPerm
from .policies import AdjustmentPolicy, ApprovalPolicy, FlagPolicy, LawChangePolicy, VersionPolicy
from .selectors import ADDING, line_problems, open_version, versions_compare

# powers: 4xx
audit_events.register(401, "powers.adjustment_created", "新建权责清单动态调整")
audit_events.register(402, "powers.adjustment_updated", "修改权责清单动态调整")
audit_events.register(403, "powers.line_added", "添加调整事项")
audit_events.register(404, "powers.line_removed", "删除调整事项")
audit_events.register(405, "powers.adjustment_submitted", "提交权责清单动态调整")
audit_events.register(406, "powers.adjustment_approved", "批准权责清单动态调整")
audit_events.register(407, "powers.adjustment_returned", "退回权责清单动态调整")
audit_events.register(410, "powers.version_published", "公布权责清单版本")
audit_events.register(420, "powers.law_change_marked", "标记法律法规修改/废止")
audit_events.register(421, "powers.flag_resolved", "处理依据变化提醒")
audit_events.register(430, "powers.items_imported", "导入权责清单")
audit_events.register(440, "powers.approval_item_added", "新增行政审批事项")
audit_events.register(441, "powers.approval_item_changed", "调整行政审批事项")

ENDING = (AdjustmentKind.CANCEL, AdjustmentKind.DELEGATE)


# Legal bases -------------------------------------------------------------------------------

_LAW_RE = re.compile(r"《([^《》]+)》\s*(?:[（(][^）)]*[）)])?\s*((?:第[一二三四五六七八九十百千零〇两\d]+条(?:之[一二三四五六七八九十]+)?"
                     r"(?:第[一二三四五六七八九十百\d]+款)?(?:第[一二三四五六七八九十百\d（）()]+项)?[、，,和及]?)*)")


def parse_bases(text):
    """``[{"law", "article"}]`` from free text: every 《law》 and the articles written right after it."""
    bases, seen = [], set()
    for m in _LAW_RE.finditer(text or ""):
        law = normalise_law(m.group(1))
        article = m.group(2).strip("、，,和及 ")
        if law and (law, article) not in seen:
            seen.add((law, article))
            bases.append({"law": law, "article": article})
    if not bases:
        # A real list's typo: “（禁止使用童工规定》” (the opening mark mistyped as a bracket).
        for m in _BROKEN_MARK_RE.finditer(text or ""):
            law = normalise_law(m.group(1))
            if (law, "") not in seen:
                seen.add((law, ""))
                bases.append({"law": law, "article": ""})
    if not bases:
        # One basis per line without book-title marks: "法律名称 第X条".
        for line in re.split(r"[\n；;]+", text or ""):
            line = line.strip(" 　0123456789.、")
            if not line:
                continue
            m = _PLAIN_LAW_RE.match(line)
            if m is None or line.startswith(("依照", "依据", "根据", "按照", "有关", "相关")):
                continue  # not a law's name: “依照有关规定” is no basis
            law, article = normalise_law(m.group(1)), (m.group(3) or "").strip()
            if law and (law, article) not in seen:
                seen.add((law, article))
                bases.append({"law": law, "article": article})
    return bases


_BROKEN_MARK_RE = re.compile(r"[（(〈]([^《》（）()〈〉\s]{2,60}?(?:法|条例|规定|办法|细则|决定|规则))》")
_PLAIN_LAW_RE = re.compile(r"(.{2,80}?(法|条例|规定|办法|细则|决定|规则|规章))\s*(第[一二三四五六七八九十百千零〇两\d]+条.*)?$")


def normalise_law(name):
    return re.sub(r"[\s《》〈〉]+", "", name or "").replace("（", "(").replace("）", ")")


def _law_key(name):
    n = normalise_law(name)
    return n[len("中华人民共和国"):] if n.startswith("中华人民共和国") else n


def cites(bases, law, article=""):
    """The bases of ``bases`` that cite ``law`` (and ``article``, when given)."""
    key = _law_key(law)
    article = (article or "").strip()
    hits = []
    for b in bases or []:
        if _law_key(b.get("law", "")) != key:
            continue
        if article and not _cites_article(b.get("article", ""), article):
            continue
        hits.append(b)
    return hits


def _cites_article(text, article):
    # "第十条、第十二条第二款" cites 第十条 and 第十二条; 第十条 must not match 第十一条 or 第一百一十条.
    parts = re.findall(r"第[^第条]+条", text)
    return article in parts or any(p.startswith(article) for p in re.split(r"[、，,和及]", text) if p)


# Content checks ----------------------------------------------------------------------------

def clean_content(data, *, prefix_field=""):
    """Check and normalise an item's content; raise ``DomainError`` naming the field."""
    content = {f: data.get(f) for f in CONTENT_FIELDS}
    for f in ("name", "sub_items", "implementing_body", "duties", "accountability", "time_limit", "remarks"):
        content[f] = (content[f] or "").strip() if isinstance(content[f], str) or content[f] is None else content[f]
    if not content["name"]:
        raise DomainError("请填写事项名称。", field="name")
    if content["category"] not in PowerCategory.values:
        raise DomainError("权力类型应为十类之一：" + "、".join(PowerCategory.labels) + "。", field="category")
    bases = content["bases"]
    if isinstance(bases, str):
        bases = parse_bases(bases)
    bases = [{"law": normalise_law(b.get("law", "")), "article": (b.get("article") or "").strip()}
             for b in bases or [] if normalise_law(b.get("law", ""))]
    if not bases:
        raise DomainError("请填写实施依据（法律法规名称及条款，如《中华人民共和国行政处罚法》第二十条）。", field="bases")
    content["bases"] = bases
    for f, label, limit in (("name", "事项名称", 500), ("implementing_body", "实施主体", 300),
                            ("time_limit", "法定办理时限", 200)):
        if len(content[f]) > limit:
            raise DomainError(f"{label}过长（最多{limit}字）。", field=f)
    return content


def _check_code(code):
    code = clean_code(code)  # zero-width characters gone, full-width ＳＣＪ－００１ → SCJ-001
    if not code:
        raise DomainError("请填写职权编码。", field="code")
    if len(code) > 60 or re.search(r"\s", code):
        raise DomainError("职权编码不能含空格，且不超过60个字符。", field="code")
    return code


# Scope helpers -----------------------------------------------------------------------------

def _require_unit(actor, unit):
    if not scope.changeable(actor, OrgUnit.objects.filter(pk=unit.pk), perm=PowersPerm.EDIT).exists():
        raise DomainError("只能调整本单位的权责清单。", field="unit")
    if not unit.is_active:
        raise DomainError("该单位已撤销，不能调整其清单。", field="unit")


def _require_adjustment(actor, adjustment):
    policy = AdjustmentPolicy()
    policy.get(actor, adjustment.pk, action="edit")  # out of scope: NotFound, as for the page
    policy.check(actor, "edit", adjustment)


# Adjustments -------------------------------------------------------------------------------

def _check_header(title, reason, trigger_document, effective_on):
    if not (title or "").strip():
        raise DomainError("请填写调整名称。", field="title")
    if not (reason or "").strip():
        raise DomainError("请填写调整理由。", field="reason")
    if not (trigger_document or "").strip():
        raise DomainError("请填写引起调整的文件（如上级决定、法律法规修改文件）。", field="trigger_document")
    if not isinstance(effective_on, datetime.date):
        raise DomainError("请填写生效日期。", field="effective_on")


def adjustment_create(*, actor, unit, title, reason, trigger_document, effective_on):
    AdjustmentPolicy().check(actor, "create")
    _require_unit(actor, unit)
    _check_header(title, reason, trigger_document, effective_on)
    with transaction.atomic():
        adj = ListAdjustment.objects.create(unit=unit, title=title.strip(), reason=reason.strip(),
                                            trigger_document=trigger_document.strip(), effective_on=effective_on,
                                            created_by=actor)
        audit.record(actor=actor, event="powers.adjustment_created", obj=adj,
                     changes={"unit": [None, unit.name], "effective_on": [None, str(effective_on)]})
    return adj


def adjustment_update(*, actor, adjustment, title, reason, trigger_document, effective_on):
    _require_adjustment(actor, adjustment)
    _check_header(title, reason, trigger_document, effective_on)
    fields = ["title", "reason", "trigger_document", "effective_on"]
    with transaction.atomic():
        before = audit.snapshot(adjustment, fields)
        adjustment.title, adjustment.reason = title.strip(), reason.strip()
        adjustment.trigger_document, adjustment.effective_on = trigger_document.strip(), effective_on
        adjustment.save()
        audit.record(actor=actor, event="powers.adjustment_updated", obj=adjustment,
                     changes=audit.diff(before, audit.snapshot(adjustment, fields)))
    return adjustment


def _line_for(adjustment, *, kind, item=None, code=None, content=None, note=""):
    """An unsaved, checked ``AdjustmentLine`` (no query beyond what the kind needs)."""
    if kind not in AdjustmentKind.values:
        raise DomainError("请选择调整类型。", field="kind")
    if kind in ADDING:
        code = _check_code(code)
        content = clean_content(content or {})
        if PowerItem.objects.filter(code=code).exists():
            raise DomainError(f"职权编码 {code} 已被使用。", field="code")
        if kind == AdjustmentKind.TAKE_OVER and not note.strip():
            raise DomainError("请说明承接自哪一级（如：市政府下放）。", field="note")
        return AdjustmentLine(adjustment=adjustment, kind=kind, code=code, note=note.strip(), **content)
    if item is None:
        raise DomainError("请选择要调整的事项。", field="item")
    if item.unit_id != adjustment.unit_id:
        raise DomainError("只能调整本单位清单中的事项。", field="item")
    current = open_version(item)
    if current is None or item.ended_on:
        raise DomainError(f"事项 {item.code} 已移出清单，不能再调整。", field="item")
    if kind == AdjustmentKind.CHANGE:
        content = clean_content(content or {})
        if content == current.content():
            raise DomainError("变更后的内容与现行内容相同，请修改需要变更的字段。", field="name")
    else:
        content = current.content()
        if kind == AdjustmentKind.DELEGATE and not note.strip():
            raise DomainError("请说明下放至哪一级（如：下放至乡镇人民政府）。", field="note")
    return AdjustmentLine(adjustment=adjustment, kind=kind, item=item, code=item.code, note=note.strip(), **content)


def line_add(*, actor, adjustment, kind, item=None, code=None, content=None, note=""):
    _require_adjustment(actor, adjustment)
    line = _line_for(adjustment, kind=kind, item=item, code=code, content=content, note=note)
    if adjustment.lines.filter(code=line.code).exists():
        raise DomainError(f"本次调整已包含职权编码 {line.code}。", field="code" if kind in ADDING else "item")
    with transaction.atomic():
        line.save()
        audit.record(actor=actor, event="powers.line_added", obj=adjustment,
                     changes={"line": [None, str(line)]})
    return line


def line_remove(*, actor, line):
    adjustment = line.adjustment
    _require_adjustment(actor, adjustment)
    with transaction.atomic():
        text = str(line)
        line.delete()
        audit.record(actor=actor, event="powers.line_removed", obj=adjustment, changes={"line": [text, None]})


def _workflow():
    from .workflows import adjustment_workflow

    return adjustment_workflow


def adjustment_submit(*, actor, adjustment):
    def effect(adj):
        adj.submitted_at = clock.now()

    return _workflow().apply(actor=actor, obj=adjustment, action="submit", effect=effect)


def adjustment_return(*, actor, adjustment, reason):
    def effect(adj):
        adj.reviewed_by, adj.reviewed_at, adj.review_opinion = actor, clock.now(), reason.strip()

    return _workflow().apply(actor=actor, obj=adjustment, action="return", reason=reason, effect=effect)


def adjustment_approve(*, actor, adjustment, opinion=""):
    counts = {}

    def effect(adj):
        adj.reviewed_by, adj.reviewed_at, adj.review_opinion = actor, clock.now(), (opinion or "").strip()
        counts.update(lines_apply(adj, checked=True))  # may_approve checked the lines on the locked row

    adj = _workflow().apply(actor=actor, obj=adjustment, action="approve", effect=effect,
                            changes={"applied": [None, counts]})
    return adj


def lines_apply(adjustment, *, checked=False):
    """Write the approved lines as dated versions (bulk, for lists of thousands of items).

    ``checked``: the caller (the approval's guard, on the locked row) has just run ``line_problems``.
    """
    problems = [] if checked else line_problems(adjustment)
    if problems:
        raise DomainError("；".join(problems[:5]) + ("等" if len(problems) > 5 else ""))
    day = adjustment.effective_on
    lines = list(adjustment.lines.values("id", "kind", "item_id", "code", *CONTENT_FIELDS))
    counts = {k: 0 for k in AdjustmentKind.values}
    new_items = [PowerItem(unit_id=adjustment.unit_id, code=ln["code"]) for ln in lines if ln["kind"] in ADDING]
    PowerItem.objects.bulk_create(new_items, batch_size=1000)
    ids = dict(PowerItem.objects.filter(code__in=[i.code for i in new_items]).values_list("code", "pk"))
    touched = [ln["item_id"] for ln in lines if ln["item_id"]]
    PowerItemVersion.objects.filter(item_id__in=touched, valid_to__isnull=True).update(valid_to=day)
    versions = []
    ending = {}
    for ln in lines:
        kind = ln["kind"]
        counts[kind] += 1
        content = {f: ln[f] for f in CONTENT_FIELDS}
        if kind in ADDING:
            versions.append(PowerItemVersion(item_id=ids[ln["code"]], valid_from=day, line_id=ln["id"], **content))
        elif kind == AdjustmentKind.CHANGE:
            versions.append(PowerItemVersion(item_id=ln["item_id"], valid_from=day, line_id=ln["id"], **content))
        elif kind in ENDING:
            ending.setdefault(kind, []).append(ln["item_id"])
    for kind, item_ids in ending.items():
        PowerItem.objects.filter(pk__in=item_ids).update(ended_on=day, end_kind=kind)
        # the approval catalogue follows its licensing items (RULES.md §1: no licence outside the list)
        approvals = list(ApprovalItem.objects.filter(power_item_id__in=item_ids, status=ApprovalStatus.ACTIVE))
        if approvals:
            ApprovalItem.objects.filter(pk__in=[a.pk for a in approvals]).update(
                status=ApprovalStatus.CANCELLED if kind == AdjustmentKind.CANCEL else ApprovalStatus.DELEGATED)
            ApprovalChange.objects.bulk_create([ApprovalChange(
                item=a, kind=ApprovalChangeKind.CANCEL if kind == AdjustmentKind.CANCEL else ApprovalChangeKind.DELEGATE,
                changed_on=day, document=adjustment.trigger_document[:300],
                note=f"随权责清单动态调整“{adjustment.title}”调整") for a in approvals])
    PowerItemVersion.objects.bulk_create(versions, batch_size=1000)
    # An adjusted (changed, cancelled or delegated) item no longer waits because of a changed law.
    ItemFlag.objects.filter(item_id__in=touched, resolved_at__isnull=True).update(
        resolved_at=clock.now(), resolution=f"已通过动态调整“{adjustment.title}”处理")
    if new_items:
        AdjustmentLine.objects.filter(adjustment=adjustment, kind__in=ADDING).update(
            item_id=Subquery(PowerItem.objects.filter(code=OuterRef("code")).values("pk")[:1]))
    return {k: v for k, v in counts.items() if v}


# Published versions ------------------------------------------------------------------------

def version_publish(*, actor, title, published_on, document="", note=""):
    """Freeze the whole list in force on ``published_on`` as a published version."""
    VersionPolicy().check(actor, "publish")
    title = (title or "").strip()
    if not title:
        raise DomainError("请填写版本名称。", field="title")
    if not isinstance(published_on, datetime.date):
        raise DomainError("请填写公布日期。", field="published_on")
    if ListVersion.objects.filter(title=title).exists():
        raise DomainError("已有同名的清单版本。", field="title")
    latest = ListVersion.objects.order_by("-published_on").first()
    if latest and published_on < latest.published_on:
        raise DomainError(f"公布日期不能早于上一版本（{latest.published_on:%Y-%m-%d}）。", field="published_on")
    with transaction.atomic():
        current = (PowerItemVersion.objects.in_force_on(published_on)
                   .select_related("item__unit").order_by("item__unit__sort_order", "item__code"))
        rows = list(current)
        if not rows:
            raise DomainError("该日期没有有效的权责事项，不能公布。", field="published_on")
        version = ListVersion.objects.create(title=title, published_on=published_on, document=(document or "").strip(),
                                             note=(note or "").strip(), item_count=len(rows), published_by=actor)
        ListVersionEntry.objects.bulk_create([
            ListVersionEntry(version=version, item_id=v.item_id, unit_id=v.item.unit_id, unit_name=v.item.unit.name,
                             code=v.item.code, **v.content()) for v in rows], batch_size=1000)
        from .search import index_version

        index_version(version, versions_compare(latest, version) if latest else None)
        audit.record(actor=actor, event="powers.version_published", obj=version,
                     changes={"published_on": [None, str(published_on)], "item_count": [None, len(rows)]})
    return version


# Legal-basis impact ------------------------------------------------------------------------

def law_change_mark(*, actor, law, kind, changed_on, article="", document=""):
    """Mark a law (or an article) amended or repealed and flag every item in force that cites it."""
    LawChangePolicy().check(actor, "mark")
    law = normalise_law(law)
    if not law:
        raise DomainError("请填写法律法规名称。", field="law")
    if kind not in LawChangeKind.values:
        raise DomainError("请选择修改或废止。", field="kind")
    if not isinstance(changed_on, datetime.date):
        raise DomainError("请填写修改/废止日期。", field="changed_on")
    with transaction.atomic():
        change = LawChange.objects.create(law=law, article=(article or "").strip(), kind=kind, changed_on=changed_on,
                                          document=(document or "").strip(), marked_by=actor)
        flags = []
        for v in PowerItemVersion.objects.filter(valid_to__isnull=True).only("item_id", "bases"):
            hits = cites(v.bases, law, change.article)
            if hits:
                flags.append(ItemFlag(item_id=v.item_id, law_change=change, basis="；".join(basis_lines(hits))[:500]))
        ItemFlag.objects.bulk_create(flags, batch_size=1000)
        audit.record(actor=actor, event="powers.law_change_marked", obj=change,
                     changes={"kind": [None, kind], "flagged_items": [None, len(flags)]})
    change.flag_count = len(flags)
    return change


def flag_resolve(*, actor, flag, resolution):
    """The unit confirms that an item citing a changed law needs no adjustment (with the reason)."""
    policy = FlagPolicy()
    policy.get(actor, flag.pk, action="resolve")  # out of scope: NotFound, as for the page
    policy.check(actor, "resolve", flag)
    if not (resolution or "").strip():
        raise DomainError("请说明处理情况（如：所引条款内容未变，无需调整）。", field="resolution")
    with transaction.atomic():
        flag.resolved_at, flag.resolution = clock.now(), resolution.strip()
        flag.save(update_fields=["resolved_at", "resolution"])
        audit.record(actor=actor, event="powers.flag_resolved", obj=flag.item,
                     changes={"flag": [str(flag.law_change), resolution.strip()]})
    return flag


# Import ------------------------------------------------------------------------------------

def items_import(*, actor, rows, title="", reason="", trigger_document="", effective_on=None):
    """Turn clean import rows into one draft adjustment per unit (new codes are 新增, known ones 变更).

    Rows carry ``unit`` (an ``OrgUnit``), ``code`` and the content fields. Raises ``RowError`` for
    the first row that cannot be taken; the caller's transaction then saves nothing.
    """
    from fazhi.core.spreadsheets import RowError

    AdjustmentPolicy().check(actor, "import")
    effective_on = effective_on or clock.today()
    units = {}
    for row in rows:
        units.setdefault(row["unit"].pk, row["unit"])
    allowed = set(scope.changeable(actor, OrgUnit.objects.filter(pk__in=list(units)), perm=PowersPerm.EDIT)
                  .values_list("pk", flat=True))
    codes = [row["code"] for row in rows]
    existing = {i.code: i for i in PowerItem.objects.filter(code__in=codes)}
    opens = {v.item_id: v for v in PowerItemVersion.objects.filter(
        item__code__in=codes, valid_to__isnull=True)}
    adjustments, lines = {}, []
    counts = {"add": 0, "change": 0, "same": 0}
    for row in rows:
        unit = row["unit"]
        if unit.pk not in allowed:
            raise RowError(f"不能导入其他单位（{unit.name}）的清单。", row=row, field="unit")
        try:
            content = clean_content(row)
        except DomainError as e:
            raise RowError(e.message, row=row, field=e.field) from None
        item = existing.get(row["code"])
        if item is not None and item.unit_id != unit.pk:
            raise RowError(f"职权编码 {row['code']} 已属于其他单位的清单。", row=row, field="code")
        if item is not None and item.ended_on:
            raise RowError(f"职权编码 {row['code']} 对应的事项已移出清单。", row=row, field="code")
        if item is not None and opens.get(item.pk) and opens[item.pk].content() == content:
            counts["same"] += 1
            continue
        if unit.pk not in adjustments:
            adjustments[unit.pk] = ListAdjustment(
                unit=unit, title=title or f"{unit.name}权责清单导入", reason=reason or "按导入的清单文件调整",
                trigger_document=trigger_document or "导入文件", effective_on=effective_on, created_by=actor)
        kind = AdjustmentKind.CHANGE if item is not None else AdjustmentKind.ADD
        counts[kind] += 1
        lines.append(AdjustmentLine(adjustment=adjustments[unit.pk], kind=kind, item=item, code=row["code"],
                                    **content))
    per_unit = Counter(ln.adjustment.unit_id for ln in lines)
    with transaction.atomic():
        for adj in adjustments.values():
            adj.save()
        for ln in lines:
            ln.adjustment = adjustments[ln.adjustment.unit_id]  # now saved: sets adjustment_id
        AdjustmentLine.objects.bulk_create(lines, batch_size=1000)
        for unit_id, adj in adjustments.items():
            audit.record(actor=actor, event="powers.items_imported", obj=adj,
                         changes={"lines": [None, per_unit[unit_id]]})
    return {**counts, "adjustments": list(adjustments.values())}


# Approval catalogue ------------------------------------------------------------------------

def approval_item_add(*, actor, unit, code, name, listed_on, document, power_item=None, legal_days=None,
                      promised_days=None):
    ApprovalPolicy().check(actor, "create")
    code = _check_code(code)
    if not (name or "").strip():
        raise DomainError("请填写事项名称。", field="name")
    if not (document or "").strip():
        raise DomainError("请填写依据文件。", field="document")
    if ApprovalItem.objects.filter(code=code).exists():
        raise DomainError(f"事项编码 {code} 已在目录中。", field="code")
    if power_item is not None:
        current = open_version(power_item)
        if current is None or current.category != PowerCategory.LICENSING:
            raise DomainError("审批事项只能对应现行的行政许可类权责事项。", field="power_item")
        if power_item.unit_id != unit.pk:
            raise DomainError("对应的权责事项应属于同一实施单位。", field="power_item")
    if legal_days and promised_days and promised_days > legal_days:
        raise DomainError("承诺办结时限不能长于法定办结时限。", field="promised_days")
    with transaction.atomic():
        item = ApprovalItem.objects.create(unit=unit, code=code, name=name.strip(), power_item=power_item,
                                           legal_days=legal_days, promised_days=promised_days, listed_on=listed_on)
        ApprovalChange.objects.create(item=item, kind=ApprovalChangeKind.ADD, changed_on=listed_on,
                                      document=document.strip(), actor=actor)
        audit.record(actor=actor, event="powers.approval_item_added", obj=item,
                     changes={"unit": [None, unit.name], "document": [None, document.strip()]})
    return item


def approval_item_adjust(*, actor, item, kind, changed_on, document, note="", name=None, promised_days=None):
    """Follow an upper-level decision: cancel, delegate or change an approval item."""
    if kind not in (ApprovalChangeKind.CANCEL, ApprovalChangeKind.DELEGATE, ApprovalChangeKind.CHANGE):
        raise DomainError("请选择取消、下放或变更。", field="kind")
    ApprovalPolicy().check(actor, "adjust", item, field="kind")
    if not (document or "").strip():
        raise DomainError("请填写依据文件（如上级取消、下放事项的决定）。", field="document")
    if kind == ApprovalChangeKind.CHANGE and not ((name or "").strip() or promised_days):
        raise DomainError("变更时请填写新的事项名称或承诺时限。", field="name")
    fields = ["name", "promised_days", "status"]
    with transaction.atomic():
        before = audit.snapshot(item, fields)
        if kind == ApprovalChangeKind.CANCEL:
            item.status = ApprovalStatus.CANCELLED
        elif kind == ApprovalChangeKind.DELEGATE:
            item.status = ApprovalStatus.DELEGATED
        else:
            item.name = (name or "").strip() or item.name
            item.promised_days = promised_days or item.promised_days
        item.save()
        ApprovalChange.objects.create(item=item, kind=kind, changed_on=changed_on, document=document.strip(),
                                      note=(note or "").strip(), actor=actor)
        audit.record(actor=actor, event="powers.approval_item_changed", obj=item,
                     changes={**audit.diff(before, audit.snapshot(item, fields)), "kind": [None, kind]})
    return item
