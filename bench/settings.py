"""Settings of the page benchmark: production-like (no debug), any host on 127.0.0.1, plus the floor view."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import env

DEBUG = False
SECRET_KEY = "bench-only-key-never-used-for-anything-served-to-people-0123456789"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The floor view is measured as it is, never through the page cache.
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz", "/__boden__/")
