"""Data of the network map pages: the filter form and the accessible table of institutions."""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from network.models import Cooperation, CooperationType, District, Institution, Sector

__all__ = ["GraphFilterForm", "graph_json", "institution_rows", "manager_projects"]

INTENSITY_CHOICES = [("", _("alle"))] + [(str(i), str(i)) for i in range(1, 6)]


class GraphFilterForm(forms.Form):
    """The graph filters of the map, as GET parameters shared with the graph API."""

    date = forms.DateField(
        label=_("Stichtag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Nur Kooperationen, die an diesem Tag gelten."),
        error_messages={"invalid": _("Bitte ein Datum im Format TT.MM.JJJJ angeben.")},
    )
    types = forms.MultipleChoiceField(
        label=_("Arten der Kooperation"),
        required=False,
        choices=CooperationType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Diese Art der Kooperation gibt es nicht.")},
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        required=False,
        queryset=Sector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Dieses Handlungsfeld gibt es in diesem Projekt nicht.")
        },
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadtteile"),
        required=False,
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Diesen Stadtteil gibt es in diesem Projekt nicht.")},
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
        self.fields["sectors"].queryset = Sector.objects.filter(project=project).order_by("name")
        self.fields["districts"].queryset = District.objects.filter(project=project).order_by(
            "name"
        )

    def filters(self):
        """The cleaned filters (empty ones left out); call after ``is_valid()``."""
        data = getattr(self, "cleaned_data", {})
        return {
            "date": data.get("date"),
            "types": list(data.get("types") or []),
            "sectors": list(data.get("sectors") or []),
            "districts": list(data.get("districts") or []),
            "min_intensity": data.get("min_intensity"),
            "confirmed": bool(data.get("confirmed")),
        }

    def query_items(self):
        """The valid filters as (name, value) pairs for the graph API's query string."""
        f = self.filters()
        items = []
        if f["date"]:
            items.append(("date", f["date"].isoformat()))
        items += [("types", t) for t in f["types"]]
        items += [("sectors", str(s.pk)) for s in f["sectors"]]
        items += [("districts", str(d.pk)) for d in f["districts"]]
        if f["min_intensity"]:
            items.append(("min_intensity", str(f["min_intensity"])))
        if f["confirmed"]:
            items.append(("confirmed", "true"))
        return items


def manager_projects(user):
    """Projects whose network ``user`` may see: managed ones, every project for superusers."""
    from cms.models import Project

    return Project.objects.for_user(user, role="manager").order_by("name")


def _cooperation_filter(filters, prefix=""):
    q = Q()
    if filters.get("date"):
        day = filters["date"]
        q &= Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})
        q &= Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    if filters.get("types"):
        q &= Q(**{f"{prefix}type__in": filters["types"]})
    if filters.get("min_intensity"):
        q &= Q(**{f"{prefix}intensity__gte": filters["min_intensity"]})
    if filters.get("confirmed"):
        q &= Q(**{f"{prefix}confirmed": True})
    return q


def institutions_in_graph(project, filters):
    """Institutions of ``project`` that are nodes of the filtered graph."""
    queryset = Institution.objects.filter(project=project)
    if filters.get("sectors"):
        queryset = queryset.filter(
            pk__in=Institution.objects.filter(sectors__in=filters["sectors"]).values("pk")
        )
    if filters.get("districts"):
        queryset = queryset.filter(district__in=filters["districts"])
    return queryset


def institution_rows(project, filters):
    """The map as a table: institutions with their type, sectors, district and cooperations.

    ``cooperation_count`` counts the filtered cooperations to other institutions of the
    filtered graph (the institution's degree on the map). One query, plus one for sectors.
    """
    nodes = institutions_in_graph(project, filters)
    edges = Cooperation.objects.filter(_cooperation_filter(filters), project=project)
    outgoing = (
        edges.filter(source=OuterRef("pk"), target__in=nodes.values("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    incoming = (
        edges.filter(target=OuterRef("pk"), source__in=nodes.values("pk"))
        .order_by()
        .values("target")
        .annotate(n=Count("pk"))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    return (
        nodes.select_related("type", "district")
        .prefetch_related("sectors")
        .annotate(
            cooperation_count=Coalesce(Subquery(outgoing, output_field=IntegerField()), zero)
            + Coalesce(Subquery(incoming, output_field=IntegerField()), zero)
        )
        .order_by("name", "pk")
    )


def graph_json(project, filters):
    """Node-link JSON of the filtered network, read straight from the database."""
    nodes = list(institution_rows(project, filters))
    ids = {node.pk for node in nodes}
    edges = (
        Cooperation.objects.filter(_cooperation_filter(filters), project=project)
        .filter(source_id__in=ids, target_id__in=ids)
        .order_by("source_id", "target_id", "type", "pk")
        .values_list("source_id", "target_id", "type", "intensity", "valid_from", "valid_to")
    )
    directed_types = set(CooperationType.directed_values())
    return {
        "directed": False,
        "nodes": [
            {
                "id": node.pk,
                "label": node.name,
                "type": node.type.name if node.type else None,
                "sectors": [sector.name for sector in node.sectors.all()],
                "district": node.district.name if node.district else None,
                "public": node.public,
                "degree": node.cooperation_count,
            }
            for node in nodes
        ],
        "edges": [
            {
                "source": source,
                "target": target,
                "type": kind,
                "intensity": intensity,
                "directed": kind in directed_types,
                "valid_from": valid_from.isoformat() if valid_from else None,
                "valid_to": valid_to.isoformat() if valid_to else None,
            }
            for source, target, kind, intensity, valid_from, valid_to in edges
        ],
    }
