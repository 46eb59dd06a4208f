"""Admin forms and list filters of the monitoring, scoped to the user's projects."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet

import django_filters

from cms.models import Project
from monitoring.models import Indicator, Polarity
from network.forms import ProjectScopedForm, managed_projects

__all__ = ["IndicatorFilterSet", "IndicatorForm", "IndicatorImportForm", "MAX_IMPORT_BYTES"]

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _projects(request):
    if request is None:
        return Project.objects.none()
    return managed_projects(request.user)


class IndicatorFilterSet(WagtailFilterSet):
    """List filters of the indicator catalogue: project, topic area, polarity, publication."""

    project = django_filters.ModelChoiceFilter(label=gettext_lazy("Projekt"), queryset=_projects)
    topic = django_filters.ChoiceFilter(label=gettext_lazy("Themenfeld"), choices=())
    polarity = django_filters.ChoiceFilter(
        label=gettext_lazy("Polarität"), choices=Polarity.choices
    )
    published = django_filters.BooleanFilter(label=gettext_lazy("veröffentlicht"))

    class Meta:
        model = Indicator
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        topics = (
            Indicator.objects.for_user(user)
            .order_by("topic")
            .values_list("topic", flat=True)
            .distinct()
            if user is not None
            else []
        )
        self.filters["topic"].extra["choices"] = [(topic, topic) for topic in topics]


class IndicatorForm(ProjectScopedForm):
    """The indicator form: base indicators of computed ones come from the user's projects."""


class IndicatorImportForm(forms.Form):
    """One CSV or XLSX file of indicator values for one of the user's projects."""

    project = forms.ModelChoiceField(
        label=gettext_lazy("Projekt"), queryset=Project.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy(
            "CSV oder XLSX, lang (Indikator; Raumeinheit; Jahr; Wert) oder breit "
            "(Indikator; Raumeinheit; 2012; 2013; …). Indikatoren nach Kürzel oder Bezeichnung, "
            "Raumeinheiten nach amtlichem Schlüssel oder Name. Höchstens 5 MB."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = managed_projects(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(_("„%s“ ist keine CSV- oder XLSX-Datei.") % upload.name)
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("„%s“ ist größer als 5 MB.") % upload.name)
        return upload
