from django.urls import path

from . import operations, views

app_name = "console"

urlpatterns = [
    path("workbench/", views.workbench, name="workbench"),
    path("audit/", views.audit_list, name="audit_list"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:pk>/remove/", views.calendar_day_remove, name="calendar_day_remove"),
    path("settings/rules/", views.rule_settings, name="rule_settings"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("operations/", operations.operations, name="operations"),
    path("messages/", operations.message_centre, name="messages"),
]
