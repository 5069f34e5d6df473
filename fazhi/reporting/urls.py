from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/refresh/", views.report_refresh, name="report_refresh"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/do/<str:action>/", views.report_action, name="report_action"),
    path("reports/<int:pk>/export/<str:fmt>/", views.report_export, name="report_export"),
    path("public/reports/", views.public_report_list, name="public_report_list"),
    path("public/reports/view/", views.public_report_view, name="public_report_view"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("figures/definitions/", views.figure_definitions, name="figure_definitions"),
    path("figures/records/", views.figure_records, name="figure_records"),
]
