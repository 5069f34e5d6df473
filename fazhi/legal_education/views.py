"""Pages of the module (thin: a form, the policy, one service or selector, a page)."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registers import register_page
from fazhi.core.web import form_page, require_perm, xlsx_response

from . import filters, selectors, services, spreadsheets
from .models import Attempt
from .permissions import LegalEducationPerm as P
from .policies import ExamPolicy


def _session_key(attempt_pk):
    return f"le_attempt_{attempt_pk}"


@login_required
def my_exams(request):
    """The examinee's own open exams and past attempts (no question is on this page)."""
    services.finalize_due(user=request.user)
    return render(request, "legal_education/my_exams.html", {
        "open_exams": selectors.open_exams_for(request.user), "attempts": selectors.my_attempts(request.user)})


@login_required
def exam_start(request, pk):
    try:
        exam = selectors.exam_for_examinee(request.user, pk)
    except NotFound as e:
        raise Http404(e.message) from e
    if request.method == "POST":
        current = services.exams.open_attempt(request.user, exam)
        held = request.session.get(_session_key(current.pk)) if current else None
        try:
            attempt, token = services.attempt_start(actor=request.user, exam=exam, token=held)
        except DomainError as e:
            messages.error(request, e.message)
            return redirect("legal_education:my_exams")
        request.session[_session_key(attempt.pk)] = token
        return redirect("legal_education:attempt_take", attempt.pk)
    return render(request, "legal_education/exam_intro.html", {
        "exam": exam, "refusal": services.exams.start_refusal(request.user, exam)})


def _own_attempt(request, pk):
    attempt = Attempt.objects.select_related("exam").filter(pk=pk, user_id=request.user.pk).first() \
        if str(pk).isdigit() else None
    if attempt is None:
        raise Http404("考试记录不存在。")
    return attempt


@login_required
def attempt_take(request, pk):
    attempt = _own_attempt(request, pk)
    services.finalize_due(user=request.user, exam=attempt.exam)
    attempt.refresh_from_db()
    if attempt.status != "open":
        return redirect("legal_education:my_exams")
    was = attempt.token
    attempt, token = services.attempt_open(actor=request.user, attempt=attempt,
                                           token=request.session.get(_session_key(attempt.pk)))
    request.session[_session_key(attempt.pk)] = token
    if was and token != was:
        messages.info(request, "已在本浏览器继续作答，原浏览器中的页面不再保存答案。")
    return render(request, "legal_education/attempt_take.html", {
        "attempt": attempt, "token": token, "items": selectors.paper_for_examinee(attempt),
        "deadline_ms": int(attempt.deadline.timestamp() * 1000)})


@login_required
def attempt_save(request, pk):
    _own_attempt(request, pk)  # 404 for anyone else's attempt, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        body = json.loads(request.body or b"{}")
        value = services.save_answer(actor=request.user, attempt_id=pk, token=body.get("token", ""),
                                     position=body.get("position"), chosen=body.get("chosen", ""),
                                     seq=int(body.get("seq", 0)))
    except (ValueError, TypeError):
        return JsonResponse({"ok": False, "message": "请求格式不正确。"}, status=400)
    except DomainError as e:
        status = {"taken_over": 409, "deadline": 410, "closed": 410, "not_found": 404}.get(e.code, 400)
        return JsonResponse({"ok": False, "code": e.code, "message": e.message}, status=status)
    return JsonResponse({"ok": True, "saved": bool(value)})


@login_required
def attempt_submit(request, pk):
    attempt = _own_attempt(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        attempt = services.attempt_submit(actor=request.user, attempt=attempt,
                                          token=request.session.get(_session_key(attempt.pk), ""))
    except DomainError as e:
        messages.error(request, e.message)
        return redirect("legal_education:my_exams")
    messages.success(request, f"已交卷，得分{attempt.score}分。")
    return redirect("legal_education:my_exams")


@login_required
def attempt_review(request, pk):
    attempt = _own_attempt(request, pk)
    if clock.now() < attempt.exam.ends_at:
        messages.info(request, "考试结束后才能查看答题情况和正确答案。")
        return redirect("legal_education:my_exams")
    services.finalize_due(user=request.user, exam=attempt.exam)
    attempt.refresh_from_db()
    return render(request, "legal_education/attempt_review.html", {
        "attempt": attempt, "items": selectors.paper_for_review(attempt)})


@require_perm(P.VIEW)
def exam_list(request):
    exams = ExamPolicy().visible(request.user).select_related("unit")
    return render(request, "legal_education/exam_list.html", {
        "exams": exams, "may": {"create": ExamPolicy().can(request.user, "create")}})


@require_perm(P.VIEW)
def exam_detail(request, pk):
    exam = ExamPolicy().get(request.user, pk)
    services.finalize_due(exam=exam)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(selectors.results_workbook(exam), f"{exam.title}成绩_{clock.today():%Y%m%d}.xlsx")
    return render(request, "legal_education/exam_detail.html", {
        "exam": exam, "may": ExamPolicy().may(request.user, exam), **selectors.exam_statistics(exam)})


# 普法 registers ---------------------------------------------------------------------------------------

def _may_create(policy_class, user):
    return {"create": policy_class().can(user, "create")}


@require_perm(P.VIEW)
def duty_list(request):
    from .policies import DutyListPolicy

    qs = DutyListPolicy().visible(request.user).select_related("unit").order_by("-year", "unit__sort_order")
    return register_page(request, filterset_class=filters.DutyListFilter, queryset=qs,
                         template="legal_education/duty_list.html", export=spreadsheets.export_duty_lists,
                         export_name="普法责任清单")


@require_perm(P.VIEW)
def duty_detail(request, pk):
    from .policies import DutyListPolicy

    policy = DutyListPolicy()
    obj = policy.get(request.user, pk)
    return render(request, "legal_education/duty_detail.html", {
        "obj": obj, "items": obj.items.all(), "may": policy.may(request.user, obj),
        "buttons": policy.buttons(request.user, obj)})


@require_perm(P.VIEW)
def duty_step(request, pk, action):
    from .forms import StepForm
    from .policies import DutyListPolicy

    policy = DutyListPolicy()
    obj = policy.get(request.user, pk)
    if action not in {t.action for t in policy.buttons(request.user, obj)}:
        raise Http404("该操作不存在或当前不可办理。")
    t = policy.workflow.transition(action)
    form = StepForm(request.POST or None, needs_reason=t.needs_reason)
    return form_page(request, form, title=f"{obj}：{t.label}", cancel=obj.get_absolute_url(),
                     save=lambda d: services.duty_list_step(actor=request.user, duty_list=obj, action=action,
                                                            reason=d.get("reason", "")),
                     submit=t.label, warning=f"依据：{t.rule}")


@require_perm(P.VIEW)
def activity_list(request):
    from .policies import ActivityPolicy

    qs = ActivityPolicy().visible(request.user).select_related("unit", "place")
    return register_page(request, filterset_class=filters.ActivityFilter, queryset=qs,
                         template="legal_education/activity_list.html", export=spreadsheets.export_activities,
                         export_name="普法活动", context={"may": _may_create(ActivityPolicy, request.user)})


@require_perm(P.VIEW)
def site_list(request):
    from .policies import SitePolicy

    qs = SitePolicy().visible(request.user).select_related("unit", "place")
    return register_page(request, filterset_class=filters.SiteFilter, queryset=qs,
                         template="legal_education/site_list.html", export=spreadsheets.export_sites,
                         export_name="法治文化阵地", context={"programmes": selectors.programmes()})


@require_perm(P.VIEW)
def study_list(request):
    from .policies import StudyPolicy

    qs = StudyPolicy().visible(request.user).select_related("unit")
    return register_page(request, filterset_class=filters.StudyFilter, queryset=qs,
                         template="legal_education/study_list.html")


@login_required
def my_record(request):
    """The person's own 学法档案: study sessions, hours and exam results."""
    return render(request, "legal_education/my_record.html", selectors.study_record(request.user))


# The question bank and exams (the office) ------------------------------------------------------------

@require_perm(P.MANAGE)
def bank_list(request):
    from django.db.models import Count

    from .policies import BankPolicy

    banks = BankPolicy().visible(request.user).annotate(n=Count("questions"))
    return render(request, "legal_education/bank_list.html", {"banks": banks})


@require_perm(P.MANAGE)
def bank_detail(request, pk):
    from .policies import BankPolicy

    bank = BankPolicy().get(request.user, pk)
    from fazhi.core.web import paginate

    page = paginate(request, bank.questions.order_by("kind", "pk"))
    return render(request, "legal_education/bank_detail.html", {"bank": bank, "page": page,
                                                                  "may": BankPolicy().may(request.user, bank)})


@require_perm(P.MANAGE)
def bank_import(request, pk):
    """Paste or upload messy text; every question is previewed (doubtful ones say why); nothing is saved until
    the user confirms the ticked ones."""
    from .forms import ImportUploadForm
    from .policies import BankPolicy
    from .services import importer

    policy = BankPolicy()
    bank = policy.get(request.user, pk, action="import_questions")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    parsed, text = None, ""
    if request.method == "POST" and request.POST.get("confirm"):
        text = request.POST.get("text", "")
        selected = [int(x) for x in request.POST.getlist("pick") if x.isdigit()]
        try:
            n = services.confirm_import(actor=request.user, bank=bank, text=text, selected=selected)
        except DomainError as e:
            messages.error(request, e.message)
            parsed = importer.parse_text(text, bank=bank)
        else:
            messages.success(request, f"已导入{n}道试题。")
            return redirect("legal_education:bank_detail", bank.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            text = (importer.read_upload(form.cleaned_data["file"]) if form.cleaned_data.get("file")
                    else form.cleaned_data.get("text", ""))
        except DomainError as e:
            form.add_error("file", e.message)
        else:
            parsed = importer.parse_text(text, bank=bank)
            if not parsed:
                form.add_error("text", "没有识别出试题：每道题应以题号开头，例如“1.”或“1、”。")
                parsed = None
    rows = [(i, p) for i, p in enumerate(parsed or [])]
    return render(request, "legal_education/bank_import.html", {
        "bank": bank, "form": form, "rows": rows, "text": text,
        "doubtful": sum(1 for _i, p in rows if p.doubts)})


@require_perm(P.MANAGE)
def exam_create(request):
    from fazhi.orgs.models import OrgUnit

    from .forms import ExamForm
    from .policies import BankPolicy

    if not ExamPolicy().can(request.user, "create"):
        raise PermissionDenied("您没有此功能的权限。")
    form = ExamForm(request.POST or None, banks=BankPolicy().visible(request.user),
                    units=OrgUnit.objects.filter(is_active=True).order_by("path"),
                    exams=ExamPolicy().visible(request.user).filter(makeup_of__isnull=True))

    def save(d):
        return services.exam_create(
            actor=request.user, title=d["title"], unit=request.user.unit, bank=d["bank"],
            starts_at=d["starts_at"], ends_at=d["ends_at"], duration_minutes=d["duration_minutes"],
            attempts_allowed=d["attempts_allowed"], rules=form.rules(), pass_mark=d["pass_mark"],
            eligible_units=d["eligible_units"], makeup_of=d["makeup_of"], multiple_partial=d["multiple_partial"],
            publish=d["publish"])

    return form_page(request, form, save=save, title="新建学法用法考试", cancel=reverse("legal_education:exam_list"),
                     warning="试卷按组卷规则为每位考生随机抽题，选项乱序；补考只允许原考试中未通过或未参加的人员参加。")


# The public site ---------------------------------------------------------------------------------------

def public_duty_lists(request):
    """Accepted 普法责任清单, per unit and year (no personal data: laws, content, audience, measures, posts)."""
    return register_page(request, filterset_class=filters.PublicDutyListFilter, queryset=selectors.public_duty_lists(),
                         template="legal_education/public_duty_lists.html")


def public_sites(request):
    return render(request, "legal_education/public_sites.html", {
        "sites": selectors.public_sites(), "activities": selectors.public_activities()})
