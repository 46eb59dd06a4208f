"""Forms of the CMS: offer filter and search (plain GET forms), login and password reset."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import auth
from wagtail.admin.forms.models import register_form_field_override

from cms.services import html_language
from cms.snippets import OfferLanguage, TargetGroup, Weekday

#: Longest text accepted in a multi-line field of a public form.
PUBLIC_TEXT_MAX_LENGTH = 5000
#: Longest text an editor or manager may enter into a plain text area of the admin.
ADMIN_TEXT_MAX_LENGTH = 20_000
#: Longest search term; longer ones are refused with a message.
SEARCH_MAX_LENGTH = 200
#: Longest password accepted at login (hashing a megabyte of input would only cost time).
PASSWORD_MAX_LENGTH = 4096

MAX_LENGTH_MESSAGE = _("Bitte höchstens %(limit_value)d Zeichen eingeben.")

# Plain text areas of the admin (descriptions, notes, survey texts) get a length limit in
# their forms; the database column stays unlimited. Rich text has its own field class.
register_form_field_override(
    models.TextField, override={"max_length": ADMIN_TEXT_MAX_LENGTH}, exact_class=True
)


def limit_text_fields(form, max_length=PUBLIC_TEXT_MAX_LENGTH):
    """Give every text field of ``form`` a length limit and the German message for it.

    Fields that have a limit keep it; the others (text areas) get ``max_length``.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.CharField):
            continue
        if field.max_length is None:
            field.max_length = max_length
            field.validators.append(MaxLengthValidator(max_length))
            field.widget.attrs.update(field.widget_attrs(field.widget))
        field.error_messages["max_length"] = MAX_LENGTH_MESSAGE


class GermanOptionsSelect(forms.Select):
    """A select whose options named in ``german`` are marked as German on other-language pages.

    For choices that exist only in German (target groups entered by the editors), so screen
    readers pronounce them as German (WCAG 3.1.2).
    """

    def __init__(self, *args, german=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.german = set(german)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.german and html_language()[0] != settings.LANGUAGE_CODE:
            option["attrs"].update(lang=settings.LANGUAGE_CODE, dir="ltr")
        return option


class OfferFilterForm(forms.Form):
    """Filters of the offer index; every field is optional, parameters are German words."""

    kategorie = forms.ChoiceField(label=_("Kategorie"), required=False)
    zielgruppe = forms.ChoiceField(
        label=_("Zielgruppe"), required=False, widget=GermanOptionsSelect
    )
    sprache = forms.ChoiceField(label=_("Sprache"), required=False, widget=GermanOptionsSelect)
    wochentag = forms.TypedChoiceField(
        label=_("Wochentag"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        from cms.pages import OfferCategory

        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["kategorie"].choices = everything + list(OfferCategory.choices)
        groups = list(TargetGroup.objects.values_list("slug", "name"))
        self.fields["zielgruppe"].choices = everything + groups
        self.fields["zielgruppe"].widget.german = {slug for slug, _name in groups}
        # Languages by their names in the visitor's language, in that language's order.
        languages = sorted(
            OfferLanguage.objects.all(), key=lambda language: language.display_name.casefold()
        )
        self.fields["sprache"].choices = everything + [
            (language.code, language.display_name) for language in languages
        ]
        self.fields["sprache"].widget.german = {
            language.code for language in languages if not language.named_in_active_language
        }
        self.fields["wochentag"].choices = everything + list(Weekday.choices)

    def criteria(self):
        """The cleaned filters as keyword arguments of ``OfferPageQuerySet.filtered``."""
        data = self.cleaned_data
        return {
            "category": data.get("kategorie") or None,
            "target_group": data.get("zielgruppe") or None,
            "language": data.get("sprache") or None,
            "weekday": data.get("wochentag"),
        }


class SearchForm(forms.Form):
    """The site search (``/suche/?q=``): one optional term of at most 200 characters."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": MAX_LENGTH_MESSAGE},
    )


class LoginForm(auth.LoginForm):
    """Wagtail's login form with a length limit on the password as well."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_text_fields(self, max_length=PASSWORD_MAX_LENGTH)


class PasswordResetForm(auth.PasswordResetForm):
    """Wagtail's password reset form with the length message in plain German."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_text_fields(self)
