"""Data of the network map pages: the filter form and the institutions of the map as table rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network import services
from network.graph import GraphFilters
from network.models import CooperationType, District, Sector

__all__ = ["GraphFilterForm", "manager_projects", "map_rows"]

INTENSITY_CHOICES = [("", _("alle"))] + [(str(i), str(i)) for i in range(1, 6)]


class GraphFilterForm(forms.Form):
    """The graph filters of the map; field names are the graph API's query parameters."""

    date = forms.DateField(
        label=_("Stichtag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Nur Kooperationen, die an diesem Tag gelten. Leer: das aktuelle Netzwerk."),
        error_messages={"invalid": _("Bitte ein Datum im Format TT.MM.JJJJ angeben.")},
    )
    type = forms.MultipleChoiceField(
        label=_("Arten der Kooperation"),
        required=False,
        choices=CooperationType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Diese Art der Kooperation gibt es nicht.")},
    )
    sector = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        required=False,
        queryset=Sector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Dieses Handlungsfeld gibt es in diesem Projekt nicht."),
            "invalid_pk_value": _("Dieses Handlungsfeld gibt es in diesem Projekt nicht."),
        },
    )
    district = forms.ModelMultipleChoiceField(
        label=_("Stadtteile"),
        required=False,
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Diesen Stadtteil gibt es in diesem Projekt nicht."),
            "invalid_pk_value": _("Diesen Stadtteil gibt es in diesem Projekt nicht."),
        },
    )
    min_intensity = forms.TypedChoiceField(
        label=_("Mindestintensität"),
        required=False,
        choices=INTENSITY_CHOICES,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Die Intensität liegt zwischen 1 und 5.")},
    )
    confirmed = forms.BooleanField(label=_("nur bestätigte Kooperationen"), required=False)

    def __init__(self, data=None, *, project, **kwargs):
        super().__init__(data, **kwargs)
        self.project = project
        self.fields["sector"].queryset = Sector.objects.filter(project=project).order_by("name")
        self.fields["district"].queryset = District.objects.filter(project=project).order_by("name")

    def graph_filters(self):
        """The valid input as :class:`network.graph.GraphFilters` (all if nothing is valid)."""
        if not self.is_bound or not self.is_valid():
            return GraphFilters()
        data = self.cleaned_data
        return GraphFilters(
            date=data.get("date"),
            types=data.get("type") or (),
            sectors=[s.pk for s in data.get("sector") or ()],
            districts=[d.pk for d in data.get("district") or ()],
            min_intensity=data.get("min_intensity") or 1,
            confirmed_only=bool(data.get("confirmed")),
        )


def query_items(filters):
    """``GraphFilters`` as (name, value) pairs of the graph API's query string."""
    items = []
    if filters.date:
        items.append(("date", filters.date.isoformat()))
    items += [("type", t) for t in filters.types]
    items += [("sector", str(s)) for s in filters.sectors]
    items += [("district", str(d)) for d in filters.districts]
    if filters.min_intensity > 1:
        items.append(("min_intensity", str(filters.min_intensity)))
    if filters.confirmed_only:
        items.append(("confirmed", "true"))
    return items


def manager_projects(user):
    """Projects whose network ``user`` may see: managed ones, every project for superusers."""
    from cms.models import Project

    return Project.objects.for_user(user, role="manager").order_by("name")


def map_rows(project, filters):
    """The institutions of the map (the same cached graph the map draws), sorted by name.

    Each row is a node of the graph JSON with its ``metrics`` and the ``community_label``.
    """
    payload = services.graph_payload(project, filters)
    labels = {c["id"]: c["label"] for c in payload["communities"]}
    rows = [
        {**node, "community_label": labels.get(node.get("community"))} for node in payload["nodes"]
    ]
    rows.sort(key=lambda node: (node["name"].casefold(), node["id"]))
    return rows, payload
