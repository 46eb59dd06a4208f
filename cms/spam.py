"""Spam protection for public forms: honeypot, minimum fill time and a per-client rate limit.

No IP address is stored anywhere: the rate limit keys the cache by a keyed hash of the
address (HMAC with ``SECRET_KEY``), and the entries expire with the limit's window.
"""

import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from cms.cache_backend import CacheUnavailable

__all__ = [
    "HONEYPOT_FIELD",
    "TIMESTAMP_FIELD",
    "SpamProtectionMixin",
    "client_key",
    "parse_rate",
    "rate_limit_exceeded",
    "sign_timestamp",
]

HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "form_started"
_SALT = "cms.spam.form-started"


def sign_timestamp():
    """A signed token holding the current time; rendered into each form as a hidden field."""
    return signing.TimestampSigner(salt=_SALT).sign(str(int(time.time())))


def seconds_since(token):
    """Seconds since ``token`` was signed, or ``None`` when it was forged or is a day old."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=24 * 3600)
        return time.time() - int(value)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def parse_rate(rate):
    """``"10/h"`` → ``(10, 3600)``.

    >>> parse_rate("10/h"), parse_rate("3/m"), parse_rate("100/d")
    ((10, 3600), (3, 60), (100, 86400))
    """
    count, period = rate.split("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0].lower()]
    return int(count), seconds


def client_key(request, scope):
    """A cache key for this client that does not reveal its IP address."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}:{address}".encode(), hashlib.sha256
    ).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def rate_limit_exceeded(request, scope, rate=None):
    """Count one attempt of this client in ``scope``; ``True`` once the limit is passed."""
    limit, window = parse_rate(rate or settings.FORM_RATE_LIMIT)
    key = client_key(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except CacheUnavailable:  # cannot count: refuse the write (fail closed)
        return True
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts > limit


class SpamProtectionMixin(forms.Form):
    """Adds a honeypot field and a signed start time to a form.

    A filled honeypot does not raise an error (that would teach the robot); the caller
    checks :attr:`is_spam` and quietly stores nothing. Too fast a submission gets an error.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Bitte dieses Feld leer lassen"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=sign_timestamp
        )

    @property
    def is_spam(self):
        """Whether the honeypot was filled in."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned_data = super().clean()
        elapsed = seconds_since(self.data.get(TIMESTAMP_FIELD, ""))
        if elapsed is None:
            raise forms.ValidationError(
                _(
                    "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut."
                ),
                code="expired",
            )
        if elapsed < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie erneut."),
                code="too_fast",
            )
        return cleaned_data

    def protected_field_names(self):
        """Names of the fields that only serve spam protection."""
        return {HONEYPOT_FIELD, TIMESTAMP_FIELD}
