"""Swagger UI and Redoc, from drf-spectacular-sidecar's files under our own static URL (no CDN).

Both build their page with inline styles (React style attributes, styled-components' <style> elements),
which the site-wide policy forbids. These two pages, which show only the published schema and no record,
get the site's policy with inline styles allowed (and Redoc's search worker from a blob:); scripts stay
'self' only: the Swagger initialiser is served as a separate script (``SpectacularSwaggerSplitView``).
"""
from django.conf import settings
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

DOCS_CSP = (settings.CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            + "; worker-src 'self' blob:")


class _DocsPolicy:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class Swagger(_DocsPolicy, SpectacularSwaggerSplitView):
    pass


class Redoc(_DocsPolicy, SpectacularRedocView):
    template_name = "api/redoc.html"
