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

urlpatterns += [
    path("activities/new/", views.activity_edit, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/files/<int:file_pk>/", views.activity_file, name="activity_file"),
    path("sites/new/", views.site_edit, name="site_create"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/photos/<int:photo_pk>/", views.site_photo, name="site_photo"),
    path("study/new/", views.study_edit, name="study_create"),
    path("study/<int:pk>/edit/", views.study_edit, name="study_edit"),
    path("manage/programmes/new/", views.programme_edit, name="programme_create"),
    path("manage/programmes/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("manage/honours/new/", views.honour_edit, name="honour_create"),
    path("manage/honours/<int:pk>/", views.honour_edit, name="honour_edit"),
]

urlpatterns += [
    path("duty-lists/import/", views.duty_import, name="duty_import"),
    path("duty-lists/template/", views.duty_template, name="duty_template"),
    path("duty-lists/export/<int:pk>/", views.duty_export, name="duty_export"),
    path("manage/banks/template/", views.bank_template, name="bank_template"),
    path("manage/banks/<int:pk>/excel/", views.bank_excel_import, name="bank_excel_import"),
    path("manage/banks/<int:pk>/export/", views.bank_export, name="bank_export"),
]

urlpatterns += [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_edit, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/publish/", views.case_publish, name="case_publish"),
    path("public/cases/", views.public_cases, name="public_cases"),
    path("public/cases/<int:pk>/", views.public_case_detail, name="public_case_detail"),
]

urlpatterns += [
    path("records/", views.record_list, name="record_list"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
]
