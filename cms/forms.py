"""Public forms of the CMS pages: the offer filter (a plain GET form that needs no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.snippets import OfferLanguage, TargetGroup, Weekday


class OfferFilterForm(forms.Form):
    """Filters of the offer index; every field is optional, parameters are German words."""

    kategorie = forms.ChoiceField(label=_("Kategorie"), required=False)
    zielgruppe = forms.ChoiceField(label=_("Zielgruppe"), required=False)
    sprache = forms.ChoiceField(label=_("Sprache"), required=False)
    wochentag = forms.TypedChoiceField(
        label=_("Wochentag"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        from cms.pages import OfferCategory

        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["kategorie"].choices = everything + list(OfferCategory.choices)
        self.fields["zielgruppe"].choices = everything + list(
            TargetGroup.objects.values_list("slug", "name")
        )
        self.fields["sprache"].choices = everything + list(
            OfferLanguage.objects.values_list("code", "name")
        )
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
