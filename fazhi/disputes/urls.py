from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("disputes/petitions/", views.petition_list, name="petition_list"),
    path("disputes/petitions/new/", views.petition_create, name="petition_create"),
    path("disputes/petitions/<int:pk>/", views.petition_detail, name="petition_detail"),
    path("disputes/petitions/<int:pk>/step/<slug:action>/", views.petition_step, name="petition_step"),
    path("disputes/petitions/<int:pk>/extend/", views.petition_extend, name="petition_extend"),
    path("disputes/petitions/<int:pk>/letter/", views.petition_letter, name="petition_letter"),
    path("disputes/petitions/<int:pk>/charge/", views.petition_charge, name="petition_charge"),
    path("disputes/petitions/<int:pk>/notes/new/", views.petition_note, name="petition_note"),
    path("disputes/petitions/<int:pk>/resolve/", views.petition_resolve, name="petition_resolve"),
    path("disputes/petitions/export-unmasked/", views.petition_export_unmasked, name="petition_export_unmasked"),
    path("disputes/overview/", views.overview, name="overview"),
    path("disputes/cases/", views.case_list, name="case_list"),
    path("disputes/cases/new/", views.case_create, name="case_create"),
    path("disputes/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("disputes/cases/<int:pk>/do/<slug:action>/", views.case_action, name="case_action"),
    path("disputes/cases/<int:pk>/take-over/", views.case_take_over, name="case_take_over"),
    path("disputes/cases/<int:pk>/scan/", views.case_scan, name="case_scan"),
    path("disputes/organisations/", views.org_list, name="org_list"),
    path("disputes/organisations/new/", views.org_create, name="org_create"),
    path("disputes/organisations/<int:pk>/mediators/new/", views.mediator_add, name="mediator_add"),
    path("disputes/organisations/<int:pk>/trainings/new/", views.training_add, name="training_add"),
    path("disputes/organisations/<int:pk>/returns/new/", views.return_edit, name="return_edit"),
    path("disputes/statistics/", views.statistics, name="statistics"),
    path("disputes/hall/", views.hall_list, name="hall_list"),
    path("disputes/hall/new/", views.hall_create, name="hall_create"),
    path("public/petitions/progress/", views.public_query, name="public_query"),
]
