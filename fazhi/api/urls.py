from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import api_views as api
from . import views
from .docs_views import Swagger

app_name = "api"

urlpatterns = [
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", Swagger.as_view(url_name="api:schema"), name="swagger"),
    path("v1/normative-docs/", api.NormativeDocList.as_view(), name="normative_docs"),
    path("v1/normative-docs/<int:pk>/", api.NormativeDocDetail.as_view(), name="normative_doc"),
    path("v1/powers/versions/", api.PowerVersionList.as_view(), name="power_versions"),
    path("v1/powers/versions/<str:version>/entries/", api.PowerEntryList.as_view(), name="power_entries"),
    path("v1/decisions/", api.DecisionList.as_view(), name="decisions"),
    path("v1/decisions/<int:pk>/", api.DecisionDetail.as_view(), name="decision"),
    path("v1/reports/", api.ReportList.as_view(), name="reports"),
    path("v1/reports/<int:pk>/", api.ReportDetail.as_view(), name="report"),
    path("v1/enforcement/bodies/", api.BodyList.as_view(), name="bodies"),
    path("v1/enforcement/cases/", api.CaseCreate.as_view(), name="cases"),
    path("v1/enforcement/cases/<int:pk>/", api.CaseDetail.as_view(), name="case"),
    path("v1/enforcement/cases/<int:pk>/steps/", api.CaseStepCreate.as_view(), name="case_steps"),
    path("v1/enforcement/cases/<int:pk>/records/", api.CaseRecordCreate.as_view(), name="case_records"),
    path("v1/petitions/", api.PetitionCreate.as_view(), name="petitions"),
    path("v1/petitions/<int:pk>/", api.PetitionDetail.as_view(), name="petition"),
    re_path(r"^v1/", api.Unknown.as_view()),  # last: anything else under /api/v1/ is a JSON 404
]
