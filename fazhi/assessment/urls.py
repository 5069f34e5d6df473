from django.urls import path  # noqa: F401

from .views import evaluation as evaluation_views  # noqa: F401
from .views import leadership as leadership_views  # noqa: F401

app_name = "assessment"

# --- leadership ---
leadership_urls = []
# --- evaluation ---
evaluation_urls = []

urlpatterns = [*leadership_urls, *evaluation_urls]
