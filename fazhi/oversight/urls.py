from django.urls import path  # noqa: F401

from .views import litigation as litigation_views  # noqa: F401
from .views import suggestions as suggestions_views  # noqa: F401

app_name = "oversight"

# --- suggestions ---
suggestions_urls = []
# --- litigation ---
litigation_urls = []

urlpatterns = [*suggestions_urls, *litigation_urls]
