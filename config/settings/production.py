"""Production: PostgreSQL, collected static files, HTTPS. Refuses to start unsafely."""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DEFAULT_SECRET_KEY, env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)

if DEBUG:
    raise ImproperlyConfigured("生产环境禁止开启 DEBUG：请设置 DJANGO_DEBUG=false。")
if not SECRET_KEY or SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("生产环境必须设置 DJANGO_SECRET_KEY（至少40个字符，且不能使用默认值）。")

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = 31536000 if env_bool("DJANGO_HSTS", True) else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = bool(SECURE_HSTS_SECONDS)  # the platform's own host name and those below it
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A plain-HTTP request is redirected to HTTPS (the proxy says which is which), wherever cookies need HTTPS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", SESSION_COOKIE_SECURE)
# HSTS preload is for a public domain its owner submits to the browsers' list; a county's host under gov.cn
# is not ours to submit, so the preload directive is not sent (check --deploy's W021 is expected).
SILENCED_SYSTEM_CHECKS = ["security.W021"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
