"""Editor form of a survey: project choice limited to the editor's projects, question checks."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

CHOICE_KINDS = {"einfach", "mehrfach", "stadtteil"}


class SurveyAdminForm(WagtailAdminModelForm):
    """Checks the survey as a whole: unique keys and display conditions that can hold."""

    languages = forms.MultipleChoiceField(
        label=gettext_lazy("weitere Sprachen"),
        choices=[(code, name) for code, name in settings.LANGUAGES if code != "de"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Sprachen, in denen die Umfrage außer Deutsch angeboten wird."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.models import Project

        if "project" in self.fields and self.for_user is not None:
            projects = Project.objects.for_user(self.for_user)
            self.fields["project"].queryset = projects
            if self.instance.pk is None and projects.count() == 1:
                self.fields["project"].initial = projects.first().pk

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned
        seen = {}
        for form in formset.ordered_forms if formset.can_order else formset.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            key = data.get("key")
            if key in seen:
                form.add_error("key", _("Diese Kennung kommt schon einmal vor."))
            condition_key = data.get("condition_key")
            if condition_key:
                earlier = seen.get(condition_key)
                if earlier is None:
                    form.add_error(
                        "condition_key",
                        _("Die Bedingung muss sich auf eine frühere Frage beziehen."),
                    )
                elif earlier["kind"] not in CHOICE_KINDS:
                    form.add_error(
                        "condition_key",
                        _("Die Bedingung muss sich auf eine Auswahlfrage beziehen."),
                    )
                elif earlier["kind"] != "stadtteil" and data.get("condition_value") not in [
                    line.strip() for line in earlier["choices"].splitlines() if line.strip()
                ]:
                    form.add_error(
                        "condition_value",
                        _("Diese Antwort gibt es bei der genannten Frage nicht."),
                    )
            if key and key not in seen:
                seen[key] = {"kind": data.get("kind"), "choices": data.get("choices") or ""}
        return cleaned
