from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/password/", views.password_change, name="password_change"),
    path("orgs/units/", views.unit_list, name="unit_list"),
    path("orgs/units/new/", views.unit_create, name="unit_create"),
    path("orgs/units/import/", views.unit_import, name="unit_import"),
    path("orgs/units/template/", views.unit_template, name="unit_template"),
    path("orgs/units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("orgs/units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("orgs/units/<int:pk>/move/", views.unit_move, name="unit_move"),
    path("orgs/units/<int:pk>/retire/", views.unit_retire, name="unit_retire"),
    path("orgs/units/<int:pk>/reactivate/", views.unit_reactivate, name="unit_reactivate"),
    path("orgs/users/", views.user_list, name="user_list"),
    path("orgs/users/new/", views.user_create, name="user_create"),
    path("orgs/users/<int:pk>/", views.user_detail, name="user_detail"),
    path("orgs/users/<int:pk>/grant/", views.user_grant, name="user_grant"),
    path("orgs/users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("orgs/grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("orgs/login-log/", views.login_log, name="login_log"),
]
