from django.urls import path  # noqa: F401

from .views import evaluation as evaluation_views  # noqa: F401
from .views import leadership as leadership_views  # noqa: F401

app_name = "assessment"

# --- leadership ---
_lv = leadership_views
leadership_urls = [
    path("assessment/group/", _lv.group_list, name="group_list"),
    path("assessment/group/new/", _lv.group_create, name="group_create"),
    path("assessment/group/units/", _lv.group_units, name="group_units"),
    path("assessment/group/<int:pk>/", _lv.group_detail, name="group_detail"),
    path("assessment/group/<int:pk>/posts/new/", _lv.post_add, name="post_add"),
    path("assessment/group/<int:pk>/meetings/new/", _lv.meeting_create, name="meeting_create"),
    path("assessment/group/posts/<int:pk>/end/", _lv.post_end, name="post_end"),
    path("assessment/meetings/", _lv.meeting_list, name="meeting_list"),
    path("assessment/meetings/<int:pk>/", _lv.meeting_detail, name="meeting_detail"),
    path("assessment/meetings/<int:pk>/minutes/", _lv.meeting_minutes, name="meeting_minutes"),
    path("assessment/meetings/<int:pk>/task/", _lv.meeting_task, name="meeting_task"),
    path("assessment/plans/", _lv.plan_list, name="plan_list"),
    path("assessment/plans/new/", _lv.plan_create, name="plan_create"),
    path("assessment/plans/<int:pk>/", _lv.plan_detail, name="plan_detail"),
    path("assessment/plans/<int:pk>/import/", _lv.plan_import, name="plan_import"),
    path("assessment/plans/<int:pk>/template/", _lv.plan_template, name="plan_template"),
    path("assessment/tasks/", _lv.task_list, name="task_list"),
    path("assessment/tasks/<int:pk>/", _lv.task_detail, name="task_detail"),
    path("assessment/tasks/<int:pk>/report/", _lv.task_report, name="task_report"),
    path("assessment/tasks/progress/<int:pk>/evidence/", _lv.progress_evidence, name="progress_evidence"),
    path("assessment/tasks/progress/<int:pk>/<str:action>/", _lv.progress_step, name="progress_step"),
]
# --- evaluation ---
V = evaluation_views
evaluation_urls = [
    path("assessment/pilots/", V.pilot_list, name="pilot_list"),
    path("assessment/pilots/new/", V.pilot_create, name="pilot_create"),
    path("assessment/pilots/<int:pk>/", V.pilot_detail, name="pilot_detail"),
    path("assessment/pilots/<int:pk>/self-assess/", V.pilot_self_assess, name="pilot_self_assess"),
    path("assessment/pilots/assessments/<int:pk>/score/", V.pilot_score, name="pilot_score"),
    path("assessment/pilots/assessments/<int:pk>/evidence/", V.pilot_evidence, name="pilot_evidence"),
    path("assessment/indicators/", V.indicator_tree, name="indicator_tree"),
    path("assessment/indicators/import/", V.indicator_import, name="indicator_import"),
    path("assessment/indicators/template/", V.indicator_template, name="indicator_template"),
    path("assessment/annual/", V.annual, name="annual"),
    path("assessment/annual/indicators/new/", V.annual_indicator_create, name="annual_indicator_create"),
    path("assessment/annual/compute/", V.annual_compute, name="annual_compute"),
    path("assessment/annual/publish/", V.annual_publish, name="annual_publish"),
    path("assessment/scorecards/", V.card_list, name="card_list"),
    path("assessment/scorecards/<int:pk>/", V.card_detail, name="card_detail"),
    path("assessment/scorecards/<int:pk>/object/", V.card_object, name="card_object"),
    path("assessment/scorecards/<int:pk>/reply/", V.card_reply, name="card_reply"),
    path("assessment/scorecards/scores/<int:pk>/score/", V.score_edit, name="score_edit"),
    path("assessment/scorecards/scores/<int:pk>/evidence/", V.score_evidence, name="score_evidence"),
    path("assessment/scorecards/scores/<int:pk>/file/", V.score_file, name="score_file"),
    path("public/assessment/results/", V.public_results, name="public_results"),
]

urlpatterns = [*leadership_urls, *evaluation_urls]
