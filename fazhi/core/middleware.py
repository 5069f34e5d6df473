from django.conf import settings
from django.utils import timezone


class SecurityHeadersMiddleware:
    """Content-Security-Policy (only this host) and the headers Django's own middleware leaves out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class SessionIdleMiddleware:
    """Signs a user out after ``FAZHI_SESSION_IDLE_SECONDS`` without a request (等保: 登录超时).

    A request pushes the session's expiry forward by saving it, but at most once per
    ``FAZHI_SESSION_REFRESH_SECONDS``: saving on every request would write the session row on each of an exam's
    autosaves. A request that saves the session anyway counts as a refresh. The session's age is the idle time plus
    that interval, so it ends between 30 and 31 minutes after the last request. Sessions nobody signed in to (the
    public site) are never created or touched here."""

    KEY = "_fazhi_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def on_login(cls, sender, request, user, **kwargs):
        """Signing in saves the session anyway: it counts as the first refresh."""
        session = getattr(request, "session", None)
        if session is not None:
            session[cls.KEY] = int(timezone.now().timestamp())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or response.status_code >= 500:
            return response
        now = int(timezone.now().timestamp())
        # a session this request saves anyway (an exam's start keeps its token there) counts as refreshed
        if session.modified or now - session.get(self.KEY, 0) >= settings.FAZHI_SESSION_REFRESH_SECONDS:
            session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it with a new expiry
        return response
