from django.urls import path

from . import views

app_name = "legal_services"

urlpatterns = [
    path("legal-services/logs/", views.log_list, name="log_list"),
    path("legal-services/logs/new/", views.log_create, name="log_create"),
    path("legal-services/logs/<int:pk>/", views.log_detail, name="log_detail"),
    path("legal-services/logs/<int:pk>/step/<slug:action>/", views.log_step, name="log_step"),
    path("legal-services/logs/<int:pk>/file/<slug:which>/", views.log_file, name="log_file"),
    path("legal-services/lawyers/", views.lawyer_list, name="lawyer_list"),
    path("legal-services/lawyers/new/", views.lawyer_create, name="lawyer_create"),
    path("legal-services/lawyers/<int:pk>/", views.lawyer_detail, name="lawyer_detail"),
    path("legal-services/lawyers/<int:pk>/photo/", views.lawyer_photo, name="lawyer_photo"),
    path("legal-services/lawyers/<int:pk>/assign/", views.assignment_create, name="assignment_create"),
    path("legal-services/agreements/", views.agreement_list, name="agreement_list"),
    path("legal-services/agreements/new/", views.agreement_create, name="agreement_create"),
    path("legal-services/coverage/", views.coverage, name="coverage"),
    path("legal-services/duty-check/", views.duty_check, name="duty_check"),
    path("legal-services/subsidy/", views.subsidy, name="subsidy"),
    path("legal-services/aid/", views.aid_list, name="aid_list"),
    path("legal-services/aid/new/", views.aid_create, name="aid_create"),
    path("legal-services/aid/<int:pk>/", views.aid_detail, name="aid_detail"),
    path("legal-services/aid/<int:pk>/step/<slug:action>/", views.aid_step, name="aid_step"),
    path("legal-services/contracts/", views.contract_list, name="contract_list"),
    path("legal-services/contracts/new/", views.contract_create, name="contract_create"),
    path("legal-services/contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("legal-services/contracts/<int:pk>/accept/", views.contract_accept, name="contract_accept"),
    path("legal-services/contracts/<int:pk>/payments/new/", views.payment_create, name="payment_create"),
    path("legal-services/payments/<int:pk>/pay/", views.payment_pay, name="payment_pay"),
    path("legal-services/payments/<int:pk>/accept/", views.payment_accept, name="payment_accept"),
    path("public/legal-services/", views.public_lawyers, name="public_lawyers"),
]
