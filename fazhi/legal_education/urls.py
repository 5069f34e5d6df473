from django.urls import path

from . import views

app_name = "legal_education"

urlpatterns = [
    path("exams/", views.my_exams, name="my_exams"),
    path("exams/<int:pk>/start/", views.exam_start, name="exam_start"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt_take"),
    path("attempts/<int:pk>/answer/", views.attempt_save, name="attempt_save"),
    path("attempts/<int:pk>/submit/", views.attempt_submit, name="attempt_submit"),
    path("attempts/<int:pk>/review/", views.attempt_review, name="attempt_review"),
    path("manage/exams/", views.exam_list, name="exam_list"),
    path("manage/exams/<int:pk>/", views.exam_detail, name="exam_detail"),
]

urlpatterns += [
    path("duty-lists/", views.duty_list, name="duty_list"),
    path("duty-lists/<int:pk>/", views.duty_detail, name="duty_detail"),
    path("duty-lists/<int:pk>/<slug:action>/", views.duty_step, name="duty_step"),
    path("activities/", views.activity_list, name="activity_list"),
    path("sites/", views.site_list, name="site_list"),
    path("study/", views.study_list, name="study_list"),
    path("my-record/", views.my_record, name="my_record"),
]

urlpatterns += [
    path("manage/banks/", views.bank_list, name="bank_list"),
    path("manage/banks/<int:pk>/", views.bank_detail, name="bank_detail"),
    path("manage/banks/<int:pk>/import/", views.bank_import, name="bank_import"),
    path("manage/exams/new/", views.exam_create, name="exam_create"),
]

urlpatterns += [
    path("public/duty-lists/", views.public_duty_lists, name="public_duty_lists"),
    path("public/sites/", views.public_sites, name="public_sites"),
]
