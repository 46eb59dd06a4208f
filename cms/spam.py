"""Spam protection for public forms: honeypot, minimum fill time and a single-use start token.

The rate limit itself is :mod:`cms.ratelimit` (per client, site and form, hashed keys); this
module words its refusals for the residents.
"""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from cms import ratelimit

__all__ = [
    "HONEYPOT_FIELD",
    "TIMESTAMP_FIELD",
    "SpamProtectionMixin",
    "refusal",
    "seconds_since",
    "sign_timestamp",
]

HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "form_started"
_SALT = "cms.spam.form-started"


def sign_timestamp():
    """A signed, unique token holding the current time; rendered into each form as a hidden field.

    A random part makes two tokens of the same second differ, so each can be used once.
    """
    return signing.TimestampSigner(salt=_SALT).sign(f"{int(time.time())}.{secrets.token_hex(8)}")


def seconds_since(token):
    """Seconds since ``token`` was signed, or ``None`` when it was forged or is a day old."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=24 * 3600)
        return time.time() - int(value.split(".")[0])
    except (signing.BadSignature, ValueError, TypeError):
        return None


def refusal(verdict, reused=False):
    """``(German message, status)`` for a submission the limiter refuses, or ``None``."""
    if verdict is ratelimit.UNAVAILABLE:
        return (
            _(
                "Ihre Nachricht kann gerade nicht angenommen werden. Bitte versuchen Sie es in "
                "einigen Minuten noch einmal oder rufen Sie uns an."
            ),
            503,
        )
    if verdict is ratelimit.LIMITED and reused:
        return (
            _(
                "Dieses Formular wurde bereits gesendet. Wenn Sie diese weitere Nachricht auch "
                "senden möchten, senden Sie das Formular bitte noch einmal ab."
            ),
            409,
        )
    if verdict is ratelimit.LIMITED:
        return (
            _(
                "Sie haben in kurzer Zeit sehr viele Nachrichten gesendet. "
                "Bitte versuchen Sie es später noch einmal oder rufen Sie uns an."
            ),
            429,
        )
    return None


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

    def claim_start_token(self):
        """Use up the form's start token: ``(verdict, same message as before)``.

        See :func:`cms.ratelimit.claim_once`; only hashes of the token and message are kept.
        """
        content = repr(
            sorted(
                (name, str(value))
                for name, value in self.cleaned_data.items()
                if name not in self.protected_field_names()
            )
        )
        return ratelimit.claim_once(
            "form-started", self.data.get(TIMESTAMP_FIELD, ""), content=content
        )

    def renew_start_token(self):
        """Give the shown form a fresh start token, so that it can be sent again."""
        self.data = self.data.copy()
        self.data[TIMESTAMP_FIELD] = sign_timestamp()

    def protected_field_names(self):
        """Names of the fields that only serve spam protection."""
        return {HONEYPOT_FIELD, TIMESTAMP_FIELD}
