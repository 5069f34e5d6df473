from django.contrib import admin
from django.urls import include, path

from fazhi.console.admin_site import restrict_admin

restrict_admin(admin.site)

urlpatterns = [
    path("", include("fazhi.portal.urls")),
    path("", include("fazhi.orgs.urls")),
    path("", include("fazhi.console.urls")),
    path("", include("fazhi.powers.urls")),
    path("", include("fazhi.decisions.urls")),
    path("", include("fazhi.normative_docs.urls")),
    path("", include("fazhi.enforcement.urls")),
    path("", include("fazhi.oversight.urls")),
    path("", include("fazhi.legal_services.urls")),
    path("", include("fazhi.disputes.urls")),
    path("", include("fazhi.legal_education.urls")),
    path("", include("fazhi.assessment.urls")),
    path("", include("fazhi.reporting.urls")),
    path("api/", include("fazhi.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "fazhi.core.errorviews.permission_denied"
handler404 = "fazhi.core.errorviews.page_not_found"
handler500 = "fazhi.core.errorviews.server_error"
