"""How an external system signs in (``Authorization: Bearer <token>``), what it may touch, how often."""
import math

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from fazhi.core import clock

from .models import ApiRateCount, ApiToken, token_digest


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("令牌格式不正确。")
        token = ApiToken.objects.filter(digest=token_digest(header[1])).first()
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效。")
        if not token.is_active:
            raise exceptions.AuthenticationFailed("令牌已吊销。")
        if token.expires_on and token.expires_on < clock.today():
            raise exceptions.AuthenticationFailed("令牌已过期。")
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return self.keyword


class HasScope(permissions.BasePermission):
    """The view's ``resource``: reading needs read or write on it, any other method needs write."""

    message = "该令牌没有此资源的权限。"

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated("请提供接口令牌。")
        return token.allows(view.resource, write=request.method not in permissions.SAFE_METHODS)


class TokenThrottle(throttling.SimpleRateThrottle):
    """Calls per token (``REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['token']``), counted in the database.

    DRF's own throttle keeps its history in the cache, which is per process with the local-memory cache: N workers
    on 2 instances would give a token N×2 its rate. Here every worker and instance counts in one row per token
    (``ApiRateCount``), in fixed windows of the rate's period, one atomic update per call — no cache table or
    broker to set up, the same on SQLite and PostgreSQL. A refused call counts too (a client that keeps calling
    stays refused until the window ends).
    """

    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth
        ident = f"t{token.pk}" if isinstance(token, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        self.now = self.timer()
        self.window = int(self.now // self.duration) * self.duration
        return self.count(key[:100], self.window) <= self.num_requests

    @staticmethod
    def count(key, window):
        """This call counted in ``key``'s row for ``window``; returns the calls in the window so far."""
        bump = {"count": Case(When(window=window, then=F("count") + 1), default=Value(1)), "window": window}
        with transaction.atomic():
            if not ApiRateCount.objects.filter(key=key).update(**bump):
                try:
                    with transaction.atomic():
                        ApiRateCount.objects.create(key=key, window=window, count=1)
                except IntegrityError:  # another worker created the row a moment ago
                    ApiRateCount.objects.filter(key=key).update(**bump)
            return ApiRateCount.objects.values_list("count", flat=True).get(key=key)

    def wait(self):
        return max(1, math.ceil(self.window + self.duration - self.now))


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "系统管理员创建的接口令牌"}
