from django.urls import path

from . import views

app_name = "powers"

urlpatterns = [
    path("powers/items/", views.item_list, name="item_list"),
    path("powers/items/<int:pk>/", views.item_detail, name="item_detail"),
    path("powers/import/", views.item_import, name="item_import"),
    path("powers/import/template/", views.item_template, name="item_template"),
    path("powers/import/published/", views.real_import, name="real_import"),
    path("powers/adjustments/", views.adjustment_list, name="adjustment_list"),
    path("powers/adjustments/new/", views.adjustment_create, name="adjustment_create"),
    path("powers/adjustments/<int:pk>/", views.adjustment_detail, name="adjustment_detail"),
    path("powers/adjustments/<int:pk>/edit/", views.adjustment_edit, name="adjustment_edit"),
    path("powers/adjustments/<int:pk>/lines/new/", views.line_add, name="line_add"),
    path("powers/adjustments/<int:pk>/lines/remove/", views.line_remove, name="line_remove"),
    path("powers/adjustments/<int:pk>/submit/", views.adjustment_submit, name="adjustment_submit"),
    path("powers/adjustments/<int:pk>/approve/", views.adjustment_approve, name="adjustment_approve"),
    path("powers/adjustments/<int:pk>/return/", views.adjustment_return, name="adjustment_return"),
    path("powers/versions/", views.version_list, name="version_list"),
    path("powers/versions/publish/", views.version_publish, name="version_publish"),
    path("powers/versions/view/", views.version_detail, name="version_detail"),
    path("powers/versions/compare/", views.version_compare, name="version_compare"),
    path("powers/laws/", views.law_list, name="law_list"),
    path("powers/laws/mark/", views.law_mark, name="law_mark"),
    path("powers/flags/<int:pk>/resolve/", views.flag_resolve, name="flag_resolve"),
    path("powers/approvals/", views.approval_list, name="approval_list"),
    path("powers/approvals/new/", views.approval_create, name="approval_create"),
    path("powers/approvals/<int:pk>/adjust/", views.approval_adjust, name="approval_adjust"),
    path("public/powers/", views.public_list, name="public_list"),
    path("public/powers/item/", views.public_item, name="public_item"),
    path("public/powers/changes/", views.public_changes, name="public_changes"),
    path("public/powers/compare/", views.public_compare, name="public_compare"),
]
