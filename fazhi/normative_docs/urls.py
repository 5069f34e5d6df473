from django.urls import path

from . import views

app_name = "normative_docs"

urlpatterns = [
    path("normative-docs/", views.doc_list, name="doc_list"),
    path("normative-docs/new/", views.doc_create, name="doc_create"),
    path("normative-docs/import/", views.doc_import, name="doc_import"),
    path("normative-docs/import/template/", views.doc_template, name="doc_template"),
    path("normative-docs/reviews/", views.review_queue, name="review_queue"),
    path("normative-docs/reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("normative-docs/filings/", views.filing_list, name="filing_list"),
    path("normative-docs/filings/<int:pk>/<slug:action>/", views.filing_action, name="filing_action"),
    path("normative-docs/prefixes/", views.prefix_list, name="prefix_list"),
    path("normative-docs/prefixes/new/", views.prefix_set, name="prefix_set"),
    path("normative-docs/cleanup/", views.campaign_list, name="campaign_list"),
    path("normative-docs/cleanup/new/", views.campaign_create, name="campaign_create"),
    path("normative-docs/cleanup/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("normative-docs/cleanup/<int:pk>/<slug:action>/", views.campaign_action, name="campaign_action"),
    path("normative-docs/cleanup/items/<int:pk>/", views.item_mark, name="item_mark"),
    path("normative-docs/comments/<int:pk>/dispose/", views.comment_dispose, name="comment_dispose"),
    path("normative-docs/comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("normative-docs/<int:pk>/", views.doc_detail, name="doc_detail"),
    path("normative-docs/<int:pk>/edit/", views.doc_edit, name="doc_edit"),
    path("normative-docs/<int:pk>/amend/", views.doc_amend, name="doc_amend"),
    path("normative-docs/<int:pk>/filing/", views.doc_file, name="doc_file"),
    path("normative-docs/<int:pk>/do/<slug:action>/", views.doc_action, name="doc_action"),
    path("public/normative-docs/", views.public_list, name="public_list"),
    path("public/normative-docs/doc/", views.public_detail, name="public_detail"),
    path("public/normative-docs/draft/", views.public_draft, name="public_draft"),
    path("public/normative-docs/cleanup/", views.public_campaign, name="public_campaign"),
]
