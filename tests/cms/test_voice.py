"""German messages say "Sie": library catalogues that say "du" are overridden (cms/voice.py)."""

import re
from pathlib import Path

from django import forms
from django.utils import translation

import polib
import rest_framework

DU = re.compile(r"\b(du|dich|dir|dein\w*|Gib|gib|Wähle|wähle|Stelle sicher|Überprüfe)\b")
DRF_CATALOGUE = Path(rest_framework.__file__).parent / "locale/de/LC_MESSAGES/django.mo"


def test_every_du_message_of_the_api_library_reads_sie_in_german():
    du_messages = [e.msgid for e in polib.mofile(str(DRF_CATALOGUE)) if DU.search(e.msgstr)]
    assert len(du_messages) == 12  # the library's own count: a new one fails this test
    with translation.override("de"):
        shown = {msgid: translation.gettext(msgid) for msgid in du_messages}
    assert [text for text in shown.values() if DU.search(text)] == []
    assert shown["Enter a valid URL."] == "Bitte geben Sie eine gültige Adresse (URL) ein."


def test_a_residents_form_asks_for_an_email_address_with_sie():
    field = forms.EmailField()
    with translation.override("de"):
        try:
            field.clean("keine-adresse")
        except forms.ValidationError as error:
            assert error.messages == ["Bitte geben Sie eine gültige E-Mail-Adresse ein."]
        else:
            raise AssertionError("an invalid address was accepted")


def test_other_languages_keep_the_libraries_translations():
    with translation.override("en"):
        assert translation.gettext("Enter a valid email address.") == "Enter a valid email address."
    with translation.override("ar"):
        arabic = translation.gettext("Enter a valid email address.")
    assert arabic != "Enter a valid email address." and re.search("[\u0600-\u06ff]", arabic)
