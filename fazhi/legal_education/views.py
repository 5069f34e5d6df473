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
        try:
            attempt, token = services.attempt_start(
                actor=request.user, exam=exam, token_for=lambda pk: request.session.get(_session_key(pk)))
        except DomainError as e:
            messages.error(request, e.message)
            return redirect("legal_education:my_exams")
        request.session[_session_key(attempt.pk)] = token
        # the answer is the paper itself, not a redirect to it: at an exam's opening thousands start within the
        # same minute, and the second round trip cost nearly as much as the start. The page puts the attempt's own
        # address in the address bar (exam.js), so a reload asks for the paper, never a second start.
        return _paper_page(request, attempt, token)
    now = clock.now()
    opens_at = services.exams.opens_for(request.user, exam, now)
    return render(request, "legal_education/exam_intro.html", {
        "exam": exam, "opens_at": opens_at,
        "opens_in_ms": int((opens_at - now).total_seconds() * 1000) if opens_at else None,
        "refusal": None if opens_at else services.exams.start_refusal(request.user, exam, now)})


def _own_attempt(request, pk):
    attempt = Attempt.objects.select_related("exam").filter(pk=pk, user_id=request.user.pk).first() \
        if str(pk).isdecimal() else None
    if attempt is None:
        raise Http404("考试记录不存在。")
    return attempt


@login_required
def attempt_take(request, pk):
    attempt = _own_attempt(request, pk)
    # an attempt past its deadline is graded first (the page then leads to the results); an open attempt within
    # its deadline — the page right after the start — has nothing to grade
    if attempt.status != "open" or attempt.deadline <= clock.now():
        services.finalize_due(user=request.user, exam=attempt.exam)
        return redirect("legal_education:my_exams")
    was = attempt.token
    attempt, token = services.attempt_open(actor=request.user, attempt=attempt,
                                           token=request.session.get(_session_key(attempt.pk)))
    if token != request.session.get(_session_key(attempt.pk)):  # the session is written only when it changes
        request.session[_session_key(attempt.pk)] = token
    if was and token != was:
        messages.info(request, "已在本浏览器继续作答，原浏览器中的页面不再保存答案。")
    return _paper_page(request, attempt, token)


def _paper_page(request, attempt, token):
    return render(request, "legal_education/attempt_take.html", {
        "attempt": attempt, "token": token, "items": selectors.paper_for_examinee(attempt),
        "deadline_ms": int(attempt.deadline.timestamp() * 1000)})


@login_required
def attempt_save(request, pk):
    if request.method != "POST":
        _own_attempt(request, pk)  # 404 for anyone else's attempt
        return HttpResponseNotAllowed(["POST"])
    # the service reads the examinee's own attempt (one locked read): anyone else's is a 404 there
    try:
        body = json.loads(request.body or b"{}")
        value = services.save_answer(actor=request.user, attempt_id=pk, token=body.get("token", ""),
                                     position=body.get("position"), chosen=body.get("chosen", ""),
                                     seq=int(body.get("seq", 0)))
    except (ValueError, TypeError):
        _own_attempt(request, pk)  # anyone else's attempt stays a 404, whatever the body
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
                         export_name="普法责任清单", context={"may": _may_create(DutyListPolicy, request.user)})


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
    from .policies import HonourPolicy, SitePolicy

    qs = SitePolicy().visible(request.user).select_related("unit", "place")
    return register_page(request, filterset_class=filters.SiteFilter, queryset=qs,
                         template="legal_education/site_list.html", export=spreadsheets.export_sites,
                         export_name="法治文化阵地", context={
                             "programmes": selectors.programmes(), "honours": selectors.honours(),
                             "may": {"create": SitePolicy().can(request.user, "create"),
                                     "county": HonourPolicy().can(request.user, "create")}})


@require_perm(P.VIEW)
def study_list(request):
    from .policies import StudyPolicy

    qs = StudyPolicy().visible(request.user).select_related("unit")
    return register_page(request, filterset_class=filters.StudyFilter, queryset=qs,
                         template="legal_education/study_list.html",
                         context={"may": _may_create(StudyPolicy, request.user)})


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
        selected = [int(x) for x in request.POST.getlist("pick") if x.isdecimal()]
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


# Create/edit pages of the 普法 registers ---------------------------------------------------------------------

def _keep_units(user):
    from fazhi.orgs import scope
    from fazhi.orgs.models import OrgUnit

    return scope.changeable(user, OrgUnit.objects.filter(is_active=True), perm=P.KEEP).order_by("path")


def _people(user):
    from django.contrib.auth import get_user_model

    from fazhi.orgs import scope

    users = get_user_model().objects.filter(is_active=True).select_related("unit")
    return scope.visible(user, users, perm=P.KEEP).order_by("unit__path", "full_name")


def _initial(obj, names):
    return {n: getattr(obj, n) for n in names} if obj is not None else None


def _record_for_edit(policy, user, pk):
    obj = policy.get(user, pk, action="edit") if pk is not None else None
    if obj is None and not policy.can(user, "create"):
        raise PermissionDenied("您没有此功能的权限。")
    return obj


@require_perm(P.KEEP)
def activity_edit(request, pk=None):
    from .forms import ActivityForm
    from .policies import ActivityPolicy

    obj = _record_for_edit(ActivityPolicy(), request.user, pk)
    initial = _initial(obj, ["kind", "title", "unit", "held_on", "place", "place_detail", "audience", "laws",
                             "summary"])
    if obj is not None:
        initial["partners"] = list(obj.partners.all())
    form = ActivityForm(request.POST or None, request.FILES or None, initial=initial,
                        units=_keep_units(request.user))

    def save(d):
        fields = {k: v for k, v in d.items() if k not in {"unit", "partners", "photos", "signins"}}
        return services.activity_save(actor=request.user, unit=d["unit"], partners=list(d["partners"]),
                                      photos=d["photos"], signins=d["signins"], activity=obj, **fields)

    return form_page(request, form, save=save, title=f"修改：{obj}" if obj else "登记普法活动",
                     cancel=obj.get_absolute_url() if obj else reverse("legal_education:activity_list"))


@require_perm(P.VIEW)
def activity_detail(request, pk):
    from .policies import ActivityPolicy

    policy = ActivityPolicy()
    obj = policy.get(request.user, pk)
    return render(request, "legal_education/activity_detail.html", {
        "obj": obj, "files": obj.files.all(), "partners": obj.partners.all(), "may": policy.may(request.user, obj)})


@require_perm(P.VIEW)
def activity_file(request, pk, file_pk):
    from fazhi.core.uploads import file_response

    from .policies import ActivityPolicy

    obj = ActivityPolicy().get(request.user, pk)
    f = obj.files.filter(pk=file_pk).first() if str(file_pk).isdecimal() else None
    if f is None:
        raise Http404("附件不存在。")
    return file_response(request, f.file)


@require_perm(P.KEEP)
def site_edit(request, pk=None):
    from .forms import SiteForm
    from .policies import SitePolicy

    obj = _record_for_edit(SitePolicy(), request.user, pk)
    form = SiteForm(request.POST or None, request.FILES or None, units=_keep_units(request.user),
                    initial=_initial(obj, ["name", "unit", "level", "designation", "designated_year", "place",
                                           "place_detail"]))

    def save(d):
        fields = {k: v for k, v in d.items() if k not in {"unit", "photos"}}
        return services.site_save(actor=request.user, unit=d["unit"], photos=d["photos"], site=obj, **fields)

    return form_page(request, form, save=save, title=f"修改：{obj}" if obj else "登记法治文化阵地",
                     cancel=obj.get_absolute_url() if obj else reverse("legal_education:site_list"))


@require_perm(P.VIEW)
def site_detail(request, pk):
    from .policies import SitePolicy

    policy = SitePolicy()
    obj = policy.get(request.user, pk)
    return render(request, "legal_education/site_detail.html", {
        "obj": obj, "photos": obj.photos.all(), "may": policy.may(request.user, obj)})


@require_perm(P.VIEW)
def site_photo(request, pk, photo_pk):
    from fazhi.core.uploads import file_response

    from .policies import SitePolicy

    obj = SitePolicy().get(request.user, pk)
    f = obj.photos.filter(pk=photo_pk).first() if str(photo_pk).isdecimal() else None
    if f is None:
        raise Http404("照片不存在。")
    return file_response(request, f.file)


@require_perm(P.KEEP)
def study_edit(request, pk=None):
    from .forms import StudyForm
    from .policies import StudyPolicy

    obj = _record_for_edit(StudyPolicy(), request.user, pk)
    initial = _initial(obj, ["kind", "unit", "meeting", "held_on", "topic", "presenter", "hours"])
    if obj is not None:
        initial["attendees"] = list(obj.attendees.all())
    form = StudyForm(request.POST or None, initial=initial, units=_keep_units(request.user),
                     people=_people(request.user))

    def save(d):
        fields = {k: v for k, v in d.items() if k not in {"unit", "attendees"}}
        return services.study_save(actor=request.user, unit=d["unit"], attendees=list(d["attendees"]),
                                   study=obj, **fields)

    return form_page(request, form, save=save, title=f"修改：{obj}" if obj else "登记学法活动",
                     cancel=reverse("legal_education:study_list"),
                     done=lambda o: reverse("legal_education:study_list"))


@require_perm(P.MANAGE)
def programme_edit(request, pk=None):
    from .forms import ProgrammeForm
    from .policies import ProgrammePolicy

    obj = _record_for_edit(ProgrammePolicy(), request.user, pk)
    initial = _initial(obj, ["name", "year", "outcome"])
    if obj is not None:
        initial["units"] = list(obj.units.all())
    form = ProgrammeForm(request.POST or None, initial=initial)

    def save(d):
        fields = {k: v for k, v in d.items() if k != "units"}
        return services.programme_save(actor=request.user, units=list(d["units"]), programme=obj, **fields)

    return form_page(request, form, save=save, title=f"修改：{obj}" if obj else "登记法治创建活动",
                     cancel=reverse("legal_education:site_list"),
                     done=lambda o: reverse("legal_education:site_list"))


@require_perm(P.MANAGE)
def honour_edit(request, pk=None):
    from .forms import HonourForm
    from .policies import HonourPolicy

    obj = _record_for_edit(HonourPolicy(), request.user, pk)
    form = HonourForm(request.POST or None, initial=_initial(obj, ["title", "unit", "awarded_by", "year"]))
    return form_page(request, form, save=lambda d: services.honour_save(actor=request.user, honour=obj, **d),
                     title=f"修改：{obj}" if obj else "登记普法荣誉", cancel=reverse("legal_education:site_list"),
                     done=lambda o: reverse("legal_education:site_list"))


# Excel import/export: duty list items and the question bank -------------------------------------------------

@require_perm(P.KEEP)
def duty_import(request):
    """A unit's list items from the template: creates the year's list or replaces a draft/returned one's items."""
    import functools

    from fazhi.core.web import import_page

    from .forms import DutyImportForm
    from .models import DutyList

    def spec(d):
        existing = DutyList.objects.filter(unit=d["unit"], year=d["year"]).first()
        return spreadsheets.duty_item_sheet(actor=request.user, unit=d["unit"], year=d["year"], duty_list=existing)

    def done(result):
        messages.success(request, f"已导入{len(result.rows)}项普法责任事项。")
        return redirect(result.saved.get_absolute_url())

    return import_page(request, spec=spec, title="导入普法责任清单", done=done,
                       template_url=reverse("legal_education:duty_template"),
                       cancel=reverse("legal_education:duty_list"),
                       form_class=functools.partial(DutyImportForm, units=_keep_units(request.user)))


@require_perm(P.VIEW)
def duty_template(request):
    from fazhi.core.spreadsheets import template_workbook

    return xlsx_response(template_workbook(spreadsheets.duty_item_sheet()), "普法责任清单导入模板.xlsx")


@require_perm(P.VIEW)
def duty_export(request, pk):
    from fazhi.core.spreadsheets import export_workbook

    from .policies import DutyListPolicy

    obj = DutyListPolicy().get(request.user, pk)
    return xlsx_response(export_workbook(spreadsheets.duty_item_sheet(), obj.items.all()), f"{obj}.xlsx")


@require_perm(P.MANAGE)
def bank_excel_import(request, pk):
    from fazhi.core.web import import_page

    from .policies import BankPolicy

    bank = BankPolicy().get(request.user, pk, action="import_questions")

    def done(result):
        messages.success(request, f"已导入{result.saved}道试题。")
        return redirect("legal_education:bank_detail", bank.pk)

    return import_page(request, spec=lambda d: spreadsheets.question_sheet(actor=request.user, bank=bank),
                       title=f"{bank}：Excel导入试题", done=done, template_url=reverse("legal_education:bank_template"),
                       cancel=reverse("legal_education:bank_detail", args=[bank.pk]))


@require_perm(P.MANAGE)
def bank_template(request):
    from fazhi.core.spreadsheets import template_workbook

    return xlsx_response(template_workbook(spreadsheets.question_sheet()), "试题导入模板.xlsx")


@require_perm(P.MANAGE)
def bank_export(request, pk):
    from fazhi.core.spreadsheets import export_workbook

    from .policies import BankPolicy

    bank = BankPolicy().get(request.user, pk)
    return xlsx_response(export_workbook(spreadsheets.question_sheet(), bank.questions.order_by("kind", "pk")),
                         f"{bank}试题.xlsx")


# 以案释法 ------------------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def case_list(request):
    from .policies import CasePolicy

    qs = CasePolicy().visible(request.user).select_related("unit")
    return register_page(request, filterset_class=filters.CaseFilter, queryset=qs,
                         template="legal_education/case_list.html",
                         context={"may": _may_create(CasePolicy, request.user)})


@require_perm(P.VIEW)
def case_detail(request, pk):
    from .policies import CasePolicy

    policy = CasePolicy()
    obj = policy.get(request.user, pk)
    summary, explanation = obj.public_text()
    return render(request, "legal_education/case_detail.html", {
        "obj": obj, "persons": obj.persons.all(), "public_summary": summary, "public_explanation": explanation,
        "may": policy.may(request.user, obj)})


@require_perm(P.KEEP)
def case_edit(request, pk=None):
    from .forms import CaseForm
    from .policies import CasePolicy

    obj = _record_for_edit(CasePolicy(), request.user, pk)
    initial = _initial(obj, ["title", "unit", "law", "summary", "explanation"])
    if obj is not None:
        initial["persons"] = "\n".join(p.name for p in obj.persons.all())
    form = CaseForm(request.POST or None, initial=initial, units=_keep_units(request.user))

    def save(d):
        fields = {k: v for k, v in d.items() if k != "unit"}
        return services.case_save(actor=request.user, unit=d["unit"], case=obj, **fields)

    return form_page(request, form, save=save, title=f"修改：{obj}" if obj else "新增以案释法案例",
                     cancel=obj.get_absolute_url() if obj else reverse("legal_education:case_list"))


@require_perm(P.KEEP)
def case_publish(request, pk):
    from .forms import StepForm
    from .policies import CasePolicy

    policy = CasePolicy()
    obj = policy.get(request.user, pk, action="publish")
    reason = policy.refusal(request.user, "publish", obj)
    if reason:
        raise PermissionDenied(reason)
    form = StepForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, title=f"{obj}：向社会公开", cancel=obj.get_absolute_url(), submit="公开",
                     save=lambda d: services.case_publish(actor=request.user, case=obj), success="已在公众网站公开。",
                     confirm="公开后社会公众即可看到（当事人姓名已隐去），确定公开吗？",
                     warning="公开的内容以本页“公开后的样子”为准：当事人姓名显示为“某”，身份证号、电话号码等一律隐去。")


def public_cases(request):
    """Published 以案释法 cases (masked)."""
    return register_page(request, filterset_class=filters.PublicCaseFilter, queryset=selectors.public_cases(),
                         template="legal_education/public_cases.html")


def public_case_detail(request, pk):
    obj = selectors.public_cases().filter(pk=pk).first()
    if obj is None:
        raise Http404("案例不存在或尚未公开。")
    summary, explanation = obj.public_text()
    return render(request, "legal_education/public_case_detail.html", {
        "obj": obj, "summary": summary, "explanation": explanation})


# 学法档案 of the unit's staff / the whole county ----------------------------------------------------------------

@require_perm(P.VIEW)
def record_list(request):
    """Each person's study sessions, hours and exam results: a unit sees its staff, the office everyone."""
    qs = selectors.study_record_people(request.user)
    year = filters.StudyRecordFilter(request.GET or None, queryset=qs, request=request).chosen_year()
    return register_page(request, filterset_class=filters.StudyRecordFilter, queryset=qs,
                         template="legal_education/record_list.html", export_name="学法档案",
                         export=lambda rows: spreadsheets.export_study_records(selectors.record_rows(rows, year)),
                         decorate=lambda rows: selectors.record_rows(rows, year), context={"year": year})


@require_perm(P.VIEW)
def record_detail(request, pk):
    person = selectors.study_record_people(request.user).filter(pk=pk).first()
    if person is None:
        raise Http404("该人员不存在或不在您可以查看的范围内。")
    return render(request, "legal_education/my_record.html", {**selectors.study_record(person), "other": True})
