"""Data of the network map pages: the filter form and the institutions of the map as table rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network import services
from network.graph import GraphFilters
from network.models import CooperationType, District, Sector

__all__ = ["GraphFilterForm", "dashboard_data", "manager_projects", "map_rows"]

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


FIGURE_LABELS = [
    ("institutions", _("Institutionen"), "int"),
    ("cooperations", _("Kooperationsbeziehungen (Paare)"), "int"),
    ("density", _("Dichte"), "float"),
    ("average_degree", _("Mittlere Zahl der Partner"), "float"),
    ("components", _("Zusammenhangskomponenten"), "int"),
    ("isolates", _("Isolierte Institutionen"), "int"),
    ("largest_component_share", _("Anteil in der größten Komponente"), "percent"),
    ("average_shortest_path_length", _("Mittlere Pfadlänge (größte Komponente)"), "float"),
    ("diameter", _("Durchmesser (größte Komponente)"), "int"),
    ("transitivity", _("Transitivität"), "float"),
    ("average_clustering", _("Mittlerer Clustering-Koeffizient"), "float"),
    ("degree_centralization", _("Degree-Zentralisierung"), "float"),
    ("modularity", _("Modularität der Gruppen"), "float"),
]


def dashboard_data(project, filters, freq="quarter"):
    """Everything the analysis dashboard shows: figures, brokers, groups, gaps, suggestions,
    evolution, with the chart series built from the same rows as the tables."""
    result = services.analysis_result(project, filters)
    start, end = services.default_evolution_range(project)
    evolution = services.evolution_payload(project, start, end, freq, filters)
    names = {row["id"]: row["name"] for row in result["institutions"]}
    figures = [
        {"key": key, "label": label, "value": result["network"].get(key), "kind": kind}
        for key, label, kind in FIGURE_LABELS
        if key in result["network"]
    ]
    brokers = [{**b, "name": names.get(b["node"], b.get("name"))} for b in result["brokers"]]
    communities = result["communities"]
    periods = [{**p, "connected": p["institutions"] - p["isolates"]} for p in evolution["periods"]]
    charts = {
        "brokers": {
            "type": "bar",
            "horizontal": True,
            "labels": [b["name"] for b in brokers],
            "datasets": [
                {
                    "label": str(_("Betweenness")),
                    "data": [round(b["betweenness_centrality"], 4) for b in brokers],
                }
            ],
        },
        "communities": {
            "type": "bar",
            "labels": [c["label"] or str(c["id"]) for c in communities],
            "datasets": [
                {"label": str(_("Institutionen")), "data": [c["size"] for c in communities]}
            ],
        },
        "growth": {
            "type": "line",
            "labels": [p["period"] for p in periods],
            "datasets": [
                {
                    "label": str(_("Kooperationsbeziehungen")),
                    "data": [p["cooperations"] for p in periods],
                },
                {
                    "label": str(_("Institutionen mit Kooperationen")),
                    "data": [p["connected"] for p in periods],
                },
            ],
        },
        "changes": {
            "type": "bar",
            "labels": [p["period"] for p in periods],
            "datasets": [
                {"label": str(_("neu")), "data": [p["gained"] for p in periods]},
                {"label": str(_("beendet")), "data": [p["lost"] for p in periods]},
            ],
        },
    }
    return {
        "figures": figures,
        "sampled": result["network"].get("sampled"),
        "modularity": result["network"].get("modularity"),
        "brokers": brokers,
        "communities": communities,
        "isolates": result["isolates"],
        "peripheral": result["peripheral"],
        "gaps": result["gaps"],
        "suggestions": result["suggestions"],
        "periods": periods,
        "evolution": evolution,
        "charts": charts,
    }
