"""The system administrator's pages for the external systems' tokens (list, create shown once, revoke)."""
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.web import form_error, form_page, require_perm
from fazhi.orgs.builtin_roles import Perm

from . import services
from .forms import RevokeForm, TokenForm
from .models import ApiToken


@require_perm(Perm.SYSADMIN)
def token_list(request):
    tokens = ApiToken.objects.prefetch_related("units").select_related("act_as")
    return render(request, "api/token_list.html", {"tokens": tokens})


@require_perm(Perm.SYSADMIN)
def token_create(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, raw = services.token_create(actor=request.user, system=data["system"], units=list(data["units"]),
                                               scopes=form.scopes(), expires_on=data["expires_on"],
                                               act_as=data["act_as"])
        except DomainError as e:
            form_error(form, e)
        else:  # shown on this answer only: the platform keeps just its digest
            response = render(request, "api/token_created.html", {"token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "core/form.html", {"form": form, "title": "新建接口令牌", "submit": "创建",
                                              "cancel": reverse("api:token_list")})


@require_perm(Perm.SYSADMIN)
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    return form_page(request, RevokeForm(request.POST if request.method == "POST" else None), title=f"吊销接口令牌：{token.system}",
                     save=lambda data: services.token_revoke(actor=request.user, token=token),
                     cancel=reverse("api:token_list"), done=lambda t: reverse("api:token_list"), success="已吊销，该令牌立即失效。",
                     submit="吊销", danger=True,
                     confirm="吊销后该接入系统将无法再调用接口，确定吊销吗？",
                     warning="吊销后不可恢复；如需继续接入，请新建令牌并交给对方系统。")
