from django.urls import path  # noqa: F401

from .views import litigation as litigation_views  # noqa: F401
from .views import suggestions as suggestions_views  # noqa: F401

app_name = "oversight"

# --- suggestions ---
_sv = suggestions_views
suggestions_urls = [
    path("oversight/suggestions/", _sv.suggestion_list, name="suggestion_list"),
    path("oversight/suggestions/import/", _sv.suggestion_import, name="suggestion_import"),
    path("oversight/suggestions/import/template/", _sv.suggestion_template, name="suggestion_template"),
    path("oversight/suggestions/new/", _sv.suggestion_create, name="suggestion_create"),
    path("oversight/suggestions/<int:pk>/", _sv.suggestion_detail, name="suggestion_detail"),
    path("oversight/suggestions/<int:pk>/co-opinion/", _sv.suggestion_co_opinion, name="suggestion_co_opinion"),
    path("oversight/suggestions/<int:pk>/publish/", _sv.suggestion_publish, name="suggestion_publish"),
    path("oversight/suggestions/<int:pk>/units/", _sv.suggestion_reassign, name="suggestion_reassign"),
    path("oversight/suggestions/<int:pk>/rounds/<int:number>/file/", _sv.suggestion_reply_file,
         name="suggestion_reply_file"),
    path("oversight/suggestions/<int:pk>/<slug:action>/", _sv.suggestion_step, name="suggestion_step"),
    path("public/oversight/suggestions/", _sv.public_suggestions, name="public_suggestions"),
    path("public/oversight/suggestions/<int:pk>/", _sv.public_suggestion_detail, name="public_suggestion_detail"),
    path("oversight/accountability/", _sv.accountability_list, name="accountability_list"),
    path("oversight/accountability/new/", _sv.accountability_create, name="accountability_create"),
    path("oversight/accountability/<int:pk>/", _sv.accountability_detail, name="accountability_detail"),
    path("oversight/accountability/<int:pk>/edit/", _sv.accountability_edit, name="accountability_edit"),
    path("oversight/inspections/", _sv.inspection_list, name="inspection_list"),
    path("oversight/inspections/new/", _sv.inspection_create, name="inspection_create"),
    path("oversight/inspections/<int:pk>/", _sv.inspection_detail, name="inspection_detail"),
    path("oversight/judicial-suggestions/", _sv.judicial_list, name="judicial_list"),
    path("oversight/judicial-suggestions/new/", _sv.judicial_create, name="judicial_create"),
    path("oversight/judicial-suggestions/<int:pk>/", _sv.judicial_detail, name="judicial_detail"),
    path("oversight/judicial-suggestions/<int:pk>/reply/", _sv.judicial_reply, name="judicial_reply"),
    path("oversight/judicial-suggestions/<int:pk>/reply/file/", _sv.judicial_reply_file, name="judicial_reply_file"),
    path("oversight/rectification/", _sv.task_list, name="task_list"),
    path("oversight/rectification/new/<slug:source>/<int:pk>/", _sv.task_add, name="task_add"),
    path("oversight/rectification/<int:pk>/", _sv.task_detail, name="task_detail"),
    path("oversight/rectification/<int:pk>/evidence/", _sv.task_evidence, name="task_evidence"),
    path("oversight/rectification/<int:pk>/<slug:action>/", _sv.task_step, name="task_step"),
]
# --- litigation ---
_lv = litigation_views
litigation_urls = [
    path("oversight/litigation/", _lv.litigation_list, name="litigation_list"),
    path("oversight/litigation/new/", _lv.litigation_create, name="litigation_create"),
    path("oversight/litigation/import/", _lv.litigation_import, name="litigation_import"),
    path("oversight/litigation/import/template/", _lv.litigation_import_template, name="litigation_import_template"),
    path("oversight/litigation/appearance/", _lv.appearance_statistics, name="appearance_statistics"),
    path("oversight/litigation/<int:pk>/", _lv.litigation_detail, name="litigation_detail"),
    path("oversight/litigation/<int:pk>/step/<slug:action>/", _lv.litigation_step, name="litigation_step"),
    path("oversight/litigation/<int:pk>/analysis/", _lv.litigation_analyse, name="litigation_analyse"),
    path("oversight/litigation/<int:pk>/hearings/new/", _lv.hearing_create, name="hearing_create"),
    path("oversight/litigation/hearings/<int:pk>/", _lv.hearing_detail, name="hearing_detail"),
    path("oversight/litigation/hearings/<int:pk>/appearance/", _lv.hearing_record, name="hearing_record"),
    path("oversight/reconsideration/", _lv.recon_list, name="recon_list"),
    path("oversight/reconsideration/new/", _lv.recon_create, name="recon_create"),
    path("oversight/reconsideration/import/", _lv.recon_import, name="recon_import"),
    path("oversight/reconsideration/import/template/", _lv.recon_import_template, name="recon_import_template"),
    path("oversight/reconsideration/statistics/", _lv.recon_statistics, name="recon_statistics"),
    path("oversight/reconsideration/returns/new/", _lv.recon_return, name="recon_return"),
    path("oversight/reconsideration/<int:pk>/", _lv.recon_detail, name="recon_detail"),
    path("oversight/reconsideration/<int:pk>/step/<slug:action>/", _lv.recon_step, name="recon_step"),
]

urlpatterns = [*suggestions_urls, *litigation_urls]
