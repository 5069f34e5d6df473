"""The API documentation page: Swagger UI from drf-spectacular-sidecar's files under our own static URL (no CDN),
under the site-wide Content-Security-Policy unchanged.

Swagger UI sets its styles through React's style properties (CSSOM, which the policy allows) and its stylesheet is a
file; the page's own few rules are a file too (``api/docs.css``) and its initialiser a separate script
(``SpectacularSwaggerSplitView``). Redoc is not offered: its styled-components inject ``<style>`` elements, which
``style-src 'self'`` refuses (the page stays unstyled), and the site's policy is not relaxed for it.
"""
from drf_spectacular.views import SpectacularSwaggerSplitView


class Swagger(SpectacularSwaggerSplitView):
    template_name = "api/swagger.html"
    title = "法治政府建设平台开放接口文档"
