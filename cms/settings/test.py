"""Test settings: fast password hashing, local-memory cache, e-mail kept in memory."""

from .base import *  # noqa: F403
from .base import env, fail_safe

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": fail_safe(
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quartiersnetz-test",
        }
    )
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "test-media"))  # noqa: F405
FORM_MIN_FILL_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://kaarst.localhost"
# Tests that check the anonymous page cache or the fragment cache switch them on themselves.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False
