"""How an external system signs in (``Authorization: Bearer <token>``), what it may touch, how often."""
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from fazhi.core import clock

from .models import ApiToken, token_digest


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
    """Calls per token (``REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['token']``)."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth
        ident = f"t{token.pk}" if isinstance(token, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "系统管理员创建的接口令牌"}
