from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("enforcement/cases/", views.case_list, name="case_list"),
    path("enforcement/cases/new/", views.case_create, name="case_create"),
    path("enforcement/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("enforcement/cases/<int:pk>/step/<slug:action>/", views.case_step, name="case_step"),
    path("enforcement/cases/<int:pk>/records/new/", views.case_record_add, name="case_record_add"),
    path("enforcement/cases/<int:pk>/officers/new/", views.case_officer_add, name="case_officer_add"),
    path("enforcement/cases/<int:pk>/parties/new/", views.case_party_add, name="case_party_add"),
    path("enforcement/cases/<int:pk>/persons/new/", views.case_person_add, name="case_person_add"),
    path("enforcement/cases/<int:pk>/major/", views.case_major, name="case_major"),
    path("enforcement/cases/<int:pk>/publish/", views.case_publish, name="case_publish"),
    path("enforcement/cases/<int:pk>/revoke/", views.case_revoke, name="case_revoke"),
    path("enforcement/cases/<int:pk>/withdraw/", views.case_withdraw, name="case_withdraw"),
    path("enforcement/cases/<int:pk>/evaluate/", views.case_evaluate, name="case_evaluate"),
    path("enforcement/records/<int:pk>/file/", views.record_file, name="record_file"),
    path("enforcement/officers/", views.officer_list, name="officer_list"),
    path("enforcement/officers/new/", views.officer_create, name="officer_create"),
    path("enforcement/officers/import/", views.officer_import, name="officer_import"),
    path("enforcement/officers/template/", views.officer_template, name="officer_template"),
    path("enforcement/officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("enforcement/officers/<int:pk>/status/", views.officer_status, name="officer_status"),
    path("enforcement/officers/<int:pk>/training/", views.officer_training, name="officer_training"),
    path("enforcement/bodies/", views.body_list, name="body_list"),
    path("enforcement/bodies/new/", views.body_create, name="body_create"),
    path("enforcement/bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("enforcement/inspections/", views.inspection_list, name="inspection_list"),
    path("enforcement/inspections/new/", views.inspection_create, name="inspection_create"),
    path("enforcement/publications/", views.publication_list, name="publication_list"),
    path("enforcement/evaluations/", views.evaluation_list, name="evaluation_list"),
    path("public/enforcement/", views.public_home, name="public_home"),
    path("public/enforcement/officers/", views.public_officers, name="public_officers"),
    path("public/enforcement/inspections/", views.public_inspections, name="public_inspections"),
    path("public/enforcement/decisions/", views.public_decisions, name="public_decisions"),
    path("public/enforcement/decisions/<int:pk>/", views.public_decision_detail, name="public_decision_detail"),
]
