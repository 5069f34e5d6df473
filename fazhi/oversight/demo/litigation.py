"""Demo records of the litigation part for 2019 (seed 五: the county issued rules requiring administrative heads to
appear in court and counts appearances in the annual assessment). The seed states no numbers here: the numbers
below are chosen to be believable for a county of this size, not taken from any source —

- 16 first-instance suits against county organs, 4 of them appealed (20 instances heard); a qualifying head appeared
  in 18 of the 20 instances (出庭应诉率 90.0%); two hearings had only the organ's staff;
- 16 reconsideration applications (14 to the county government, 2 against county units before the city
  government), 15 accepted and concluded, 4 corrected (纠错率 26.7%), with the yearly return reported to match.

Fast (bulk_create) and idempotent: nothing is created when the first case number exists.
"""
import datetime

from django.db import transaction

from fazhi.core import workdays
from fazhi.orgs.models import OrgUnit

from ..models.litigation import (
    AppearanceRole,
    JudgmentKind,
    LitigationCase,
    LitigationHearing,
    LitigationInstance,
    LitigationOutcome,
    LitigationStatus,
    MustAppear,
    PartyKind,
    ReconMatter,
    ReconOutcome,
    ReconRole,
    ReconsiderationCase,
    ReconsiderationReturn,
    ReconStatus,
)

YEAR = 2019
MARKER = "（2019）鄂0322行初1号"
DEFENDANTS = ["G-YX", "D-ZRZYJ", "D-ZJJ", "D-GAJ", "D-SCJ", "D-HBJ"]
ACTS = ["房屋征收补偿决定", "土地登记行为", "违法建设限期拆除决定", "治安管理处罚决定", "食品经营行政处罚决定",
        "环境违法行政处罚决定"]
FIRST_OUTCOMES = [LitigationOutcome.REJECTED, LitigationOutcome.UPHELD, LitigationOutcome.REJECTED,
                  LitigationOutcome.REVOKED, LitigationOutcome.WITHDRAWN, LitigationOutcome.DISMISSED,
                  LitigationOutcome.REJECTED, LitigationOutcome.UNLAWFUL]
SURNAMES = "刘陈杨黄赵吴周徐孙马朱胡郭何高林"
RECON_OUTCOMES = [ReconOutcome.UPHELD] * 7 + [ReconOutcome.REJECTED] * 2 + [
    ReconOutcome.REVOKED, ReconOutcome.REVOKED, ReconOutcome.UNLAWFUL, ReconOutcome.PERFORM, ReconOutcome.MEDIATED,
    ReconOutcome.TERMINATED]
MATTERS = [ReconMatter.PENALTY, ReconMatter.EXPROPRIATION, ReconMatter.CONFIRMATION, ReconMatter.DISCLOSURE,
           ReconMatter.INACTION, ReconMatter.LICENCE, ReconMatter.PENALTY, ReconMatter.COERCION]


def _judge(case, on, outcome):
    kind = JudgmentKind.RULING if outcome in (LitigationOutcome.DISMISSED, LitigationOutcome.WITHDRAWN) \
        else JudgmentKind.JUDGMENT
    case.judgment_kind, case.outcome, case.judged_on = kind, outcome, on
    case.appeal_due = workdays.add_calendar_days(on, 15 if kind == JudgmentKind.JUDGMENT else 10)
    case.status = LitigationStatus.CLOSED
    case.closed_on = case.appeal_due + datetime.timedelta(days=1)
    if case.lost:
        case.loss_analysis = "行政行为作出前调查取证不充分、程序存在瑕疵，已责成承办单位整改并纳入年度依法行政考评。"


def _hearing(case, on, appeared, i):
    head = appeared
    return LitigationHearing(
        case=case, hearing_on=on, notice_on=on - datetime.timedelta(days=7), recorded_on=on,
        role=(AppearanceRole.DEPUTY if i % 3 else AppearanceRole.HEAD) if head else AppearanceRole.STAFF,
        appeared_name=f"{SURNAMES[i % len(SURNAMES)]}某", appeared_post="分管副局长" if head and i % 3 else
        ("主要负责人" if head else "法规股股长"), identity_proof=True, lawyer_present=True,
        excuse="" if head else "duties", excuse_proof=not head,
        statement="同意在法院主持下就补偿标准与原告协商，依法实质性化解争议。" if head else "")


def _litigation(units):
    cases, hearings = [], []
    for i in range(16):
        received = datetime.date(YEAR, 2, 11) + datetime.timedelta(days=14 * i)
        code = DEFENDANTS[i % len(DEFENDANTS)]
        case = LitigationCase(
            unit=units[code], instance=LitigationInstance.FIRST, court="郧西县人民法院",
            case_number=f"（{YEAR}）鄂0322行初{i + 1}号",
            plaintiff_name=f"{SURNAMES[i]}某" if i % 4 else "郧西县某建材有限公司",
            plaintiff_kind=PartyKind.PERSON if i % 4 else PartyKind.ORGANISATION,
            act_text=ACTS[i % len(ACTS)], received_on=received,
            defence_due=workdays.add_calendar_days(received, 15),
            defended_on=received + datetime.timedelta(days=10),
            must_appear=MustAppear.PUBLIC_INTEREST if i % 5 == 0 else "")
        _judge(case, received + datetime.timedelta(days=75), FIRST_OUTCOMES[i % len(FIRST_OUTCOMES)])
        cases.append(case)
    LitigationCase.objects.bulk_create(cases)
    appeals = []
    for n, first in enumerate(cases[i] for i in (0, 3, 6, 9)):
        received = first.judged_on + datetime.timedelta(days=20)
        appeal = LitigationCase(
            unit=first.unit, instance=LitigationInstance.APPEAL, previous=first, court="湖北省十堰市中级人民法院",
            case_number=f"（{YEAR}）鄂03行终{n + 21}号", plaintiff_name=first.plaintiff_name,
            plaintiff_kind=first.plaintiff_kind, act_text=first.act_text, received_on=received,
            defence_due=workdays.add_calendar_days(received, 15), defended_on=received + datetime.timedelta(days=9))
        _judge(appeal, received + datetime.timedelta(days=50),
               LitigationOutcome.REJECTED if n != 1 else LitigationOutcome.UPHELD)
        appeals.append(appeal)
    LitigationCase.objects.bulk_create(appeals)
    for i, case in enumerate(cases):
        hearings.append(_hearing(case, case.received_on + datetime.timedelta(days=40), i not in (4, 14), i))
    for i, case in enumerate(appeals):
        hearings.append(_hearing(case, case.received_on + datetime.timedelta(days=30), True, i + 1))
    LitigationHearing.objects.bulk_create(hearings)
    return len(cases) + len(appeals)


def _reconsideration(units, gov):
    rows = []
    for i in range(16):
        received = datetime.date(YEAR, 1, 21) + datetime.timedelta(days=19 * i)
        respondent = i in (7, 12)
        code = "G-YX" if respondent and i == 7 else DEFENDANTS[1 + i % (len(DEFENDANTS) - 1)]
        accepted = workdays.add_working_days(received, 3)
        case = ReconsiderationCase(
            role=ReconRole.RESPONDENT if respondent else ReconRole.BODY,
            body_name="十堰市人民政府" if respondent else "郧西县人民政府", unit=units[code],
            number=f"郧政复〔{YEAR}〕{i + 1}号", applicant_name=f"{SURNAMES[-1 - i]}某",
            applicant_kind=PartyKind.PERSON, matter=MATTERS[i % len(MATTERS)], act_text=ACTS[i % len(ACTS)],
            applied_on=received - datetime.timedelta(days=2), received_on=received,
            accept_due=workdays.add_working_days(received, 5))
        if i == 5:
            case.status, case.not_accepted_reason = ReconStatus.NOT_ACCEPTED, "申请超过法定申请期限，且无正当理由。"
        else:
            outcome = RECON_OUTCOMES[(i if i < 5 else i - 1) % len(RECON_OUTCOMES)]
            case.accepted_on, case.decision_due = accepted, workdays.add_calendar_days(accepted, 60)
            case.copy_served_on = accepted + datetime.timedelta(days=5)
            case.answer_due = workdays.add_calendar_days(case.copy_served_on, 10)
            case.answered_on = case.copy_served_on + datetime.timedelta(days=8)
            case.status, case.outcome = ReconStatus.DECIDED, outcome
            case.decided_on = accepted + datetime.timedelta(days=45)
        rows.append(case)
    ReconsiderationCase.objects.bulk_create(rows)
    concluded = [c for c in rows if c.status == ReconStatus.DECIDED]
    ReconsiderationReturn.objects.create(
        unit=gov, year=YEAR, received=len(rows), accepted=len(concluded), concluded=len(concluded),
        corrected=sum(c.corrected for c in concluded))
    return len(rows)


def load(*, scale=1, stdout=None):
    if LitigationCase.objects.filter(case_number=MARKER).exists():
        return
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=DEFENDANTS)}
    if len(units) < len(DEFENDANTS):
        return
    with transaction.atomic():
        n = _litigation(units)
        m = _reconsideration(units, units["G-YX"])
    if stdout is not None:
        stdout.write(f"行政应诉案件 {n} 件（审级），行政复议案件 {m} 件")
