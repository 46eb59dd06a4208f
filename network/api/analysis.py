"""Analysis endpoints of a project's network: graph, analysis, suggestions, ego, path, evolution, export.

All live under ``/api/v1/projects/<project>/network/`` and answer only the
project's managers (and superusers); for anyone else the project does not exist
(404). They read the filtered network through ``network.services`` (cached by
data version and filters).

Filters (query parameters of every endpoint): ``date`` (YYYY-MM-DD, snapshot),
``type`` (cooperation types, repeatable or comma-separated), ``sector`` and
``district`` (ids), ``min_intensity`` (1–5), ``confirmed`` (true: confirmed
cooperations only).

``GET …/network/graph/`` returns node-link JSON for the network map::

    {"project": "kaarst", "data_version": 12, "filters": {...}, "directed": false,
     "network": {...whole-network figures...},
     "communities": [{"id": 1, "label": "Bildung · Schule", "size": 14,
                      "sector": "Bildung", "type": "Schule"}],
     "nodes": [{"id": 3, "label": "AWO", "name": "AWO Kreisverband", "type": "Verein",
                "sectors": ["Bildung"], "district": "Mitte", "public": true,
                "latitude": 51.14, "longitude": 6.61, "community": 1,
                "metrics": {"degree": 5, "weighted_degree": 14, "in_degree": 5,
                            "out_degree": 4, "betweenness_centrality": 0.12,
                            "closeness_centrality": 0.45, "pagerank": 0.02,
                            "clustering": 0.3, "constraint": 0.41,
                            "effective_size": 3.2, "core_number": 2}}],
     "edges": [{"id": 17, "source": 3, "target": 5, "type": "kooperation",
                "type_label": "Kooperation/Projektpartnerschaft", "intensity": 4,
                "directed": false, "valid_from": "2021-03-01", "valid_to": null,
                "status": "aktiv", "confirmed": true}]}

Each cooperation is one edge (a pair may have several); ``directed`` edges point
from ``source`` to ``target``. ``constraint`` and ``effective_size`` are ``null``
for institutions without cooperations.

``GET …/network/graph/?history=true`` adds what the current network leaves out so
the map can replay its growth: ended cooperations (planned ones never) and
archived institutions. Every edge then carries ``"current": true|false`` (part of
today's network) besides ``valid_from``/``valid_to``/``status``, every node
``"current"`` and ``"archived_on"``; the measures and communities remain those of
today's network (``null`` outside it) and the ``date`` filter does not apply.
"""

import datetime

from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from network import exports, services
from network.api.permissions import PROJECT_PARAMETER, SignedInOr404, managed_project_or_404
from network.graph import GraphFilters
from network.models import CooperationType

__all__ = ["urlpatterns"]

app_name = "network-analysis"


class CommaListField(serializers.ListField):
    """A list given as repeated parameters (``?type=a&type=b``) or comma-separated (``a,b``)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        items = [part.strip() for item in data for part in str(item).split(",") if part.strip()]
        return super().to_internal_value(items)


class GraphFilterSerializer(serializers.Serializer):
    """Query parameters selecting part of the network."""

    date = serializers.DateField(
        required=False,
        help_text=gettext_lazy("Stichtag (JJJJ-MM-TT): Kooperationen, die an diesem Tag galten."),
    )
    type = CommaListField(
        child=serializers.ChoiceField(choices=CooperationType.choices),
        required=False,
        help_text=gettext_lazy("Kooperationsarten, mehrfach oder durch Kommas getrennt."),
    )
    sector = CommaListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=gettext_lazy("Handlungsfelder (IDs): nur Institutionen aus diesen Feldern."),
    )
    district = CommaListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=gettext_lazy("Stadtteile (IDs): nur Institutionen aus diesen Stadtteilen."),
    )
    min_intensity = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=5,
        help_text=gettext_lazy("Mindestintensität 1–5."),
    )
    confirmed = serializers.BooleanField(
        required=False,
        help_text=gettext_lazy("Nur bestätigte Kooperationen."),
    )

    def filters(self):
        data = self.validated_data
        return GraphFilters(
            date=data.get("date"),
            types=data.get("type", ()),
            sectors=data.get("sector", ()),
            districts=data.get("district", ()),
            min_intensity=data.get("min_intensity") or 1,
            confirmed_only=bool(data.get("confirmed")),
        )


class GraphQuerySerializer(GraphFilterSerializer):
    history = serializers.BooleanField(
        required=False,
        help_text=gettext_lazy(
            "Mit Verlauf: auch beendete Kooperationen und archivierte Institutionen, "
            "jeweils mit Gültigkeit, Status und „current“ (gehört zum heutigen Netzwerk); "
            "der Stichtag gilt dann nicht."
        ),
    )


class SuggestionQuerySerializer(GraphFilterSerializer):
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=100, help_text=gettext_lazy("Anzahl (1–100).")
    )


class EgoQuerySerializer(GraphFilterSerializer):
    radius = serializers.ChoiceField(
        choices=[(1, "1"), (2, "2")],
        required=False,
        help_text=gettext_lazy("1: Partner, 2: auch deren Partner."),
    )


class PathQuerySerializer(GraphFilterSerializer):
    source = serializers.IntegerField(help_text=gettext_lazy("ID der ersten Institution."))
    target = serializers.IntegerField(help_text=gettext_lazy("ID der zweiten Institution."))


class EvolutionQuerySerializer(GraphFilterSerializer):
    start = serializers.DateField(
        required=False, help_text=gettext_lazy("Beginn (Standard: erste Kooperation).")
    )
    end = serializers.DateField(required=False, help_text=gettext_lazy("Ende (Standard: heute)."))
    freq = serializers.ChoiceField(
        choices=[("quarter", gettext_lazy("Quartal")), ("year", gettext_lazy("Jahr"))],
        required=False,
        help_text=gettext_lazy("Zeitraster: quarter oder year."),
    )

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end < start:
            raise serializers.ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        if start and end and (end - start).days > 366 * 30:
            raise serializers.ValidationError({"start": _("Höchstens 30 Jahre auf einmal.")})
        return attrs


PROJECT = PROJECT_PARAMETER
NOT_FOUND = OpenApiResponse(description="Projekt unbekannt oder nicht freigegeben.")


class AnalysisView(APIView):
    """Base: resolves the project for its managers (404 otherwise) and parses the filters."""

    permission_classes = [SignedInOr404]
    query_serializer = GraphFilterSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.project = managed_project_or_404(request.user, kwargs["project"])
        query = self.query_serializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.query = query.validated_data
        self.filters = query.filters()


class GraphView(AnalysisView):
    query_serializer = GraphQuerySerializer

    @extend_schema(
        summary="Netzwerk als Knoten-Kanten-JSON",
        description=(
            "Institutionen mit Kennzahlen und Kooperationen für die Netzwerkkarte. "
            "Mit ``history=true`` zusätzlich alle beendeten Kooperationen (ohne geplante) und "
            "archivierten Institutionen, damit die Karte das Wachstum des Netzwerks abspielen "
            "kann: jede Kante mit ``valid_from``, ``valid_to``, ``status`` und ``current`` "
            "(gehört zum heutigen Netzwerk), jeder Knoten mit ``current`` und ``archived_on``; "
            "Kennzahlen und Gruppen sind die des heutigen Netzwerks (``null`` außerhalb)."
        ),
        parameters=[PROJECT, GraphQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project):
        build = services.graph_history_json if self.query.get("history") else services.graph_json
        return HttpResponse(build(self.project, self.filters), content_type="application/json")


class NetworkAnalysisView(AnalysisView):
    @extend_schema(
        summary="Netzwerkanalyse",
        description=(
            "Kennzahlen des Gesamtnetzwerks, Sektorenmischung, Gruppen, Kennzahlen je "
            "Institution, Makler, Randständige, Isolierte, Lücken und Vorschläge."
        ),
        parameters=[PROJECT, GraphFilterSerializer],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project):
        return HttpResponse(
            services.analysis_json(self.project, self.filters), content_type="application/json"
        )


class SuggestionsView(AnalysisView):
    query_serializer = SuggestionQuerySerializer

    @extend_schema(
        summary="Vorgeschlagene Kooperationen",
        description="Paare ohne Kooperation mit gemeinsamen Partnern (Adamic–Adar) und Begründung.",
        parameters=[PROJECT, SuggestionQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project):
        limit = self.query.get("limit") or 20
        return Response(
            {"suggestions": services.suggestion_list(self.project, self.filters, limit)}
        )


class EgoView(AnalysisView):
    query_serializer = EgoQuerySerializer

    @extend_schema(
        summary="Ego-Netzwerk einer Institution",
        parameters=[
            PROJECT,
            OpenApiParameter("institution", OpenApiTypes.INT, OpenApiParameter.PATH),
            EgoQuerySerializer,
        ],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project, institution):
        radius = int(self.query.get("radius") or 1)
        payload = services.ego_payload(self.project, institution, self.filters, radius)
        if payload is None:
            raise NotFound(_("Diese Institution ist nicht im (gefilterten) Netzwerk."))
        return Response(payload)


class PathView(AnalysisView):
    query_serializer = PathQuerySerializer

    @extend_schema(
        summary="Kürzeste Verbindung zwischen zwei Institutionen",
        description="``path`` ist null, wenn keine Kette von Kooperationen sie verbindet.",
        parameters=[PROJECT, PathQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project):
        payload = services.path_payload(
            self.project, self.query["source"], self.query["target"], self.filters
        )
        if payload is None:
            raise NotFound(_("Diese Institution ist nicht im (gefilterten) Netzwerk."))
        return Response(payload)


class EvolutionView(AnalysisView):
    query_serializer = EvolutionQuerySerializer

    @extend_schema(
        summary="Entwicklung des Netzwerks",
        description="Kennzahlen je Quartal oder Jahr mit gewonnenen und beendeten Kooperationen.",
        parameters=[PROJECT, EvolutionQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project):
        first, today = services.default_evolution_range(self.project)
        start = self.query.get("start") or first
        end = self.query.get("end") or today
        if end < start:
            start = end
        freq = self.query.get("freq") or "quarter"
        return Response(services.evolution_payload(self.project, start, end, freq, self.filters))


class ExportView(AnalysisView):
    @extend_schema(
        summary="Export des Netzwerks",
        description=(
            "graphml, gexf (für Gephi), csv (zip mit institutions.csv und cooperations.csv), "
            "xlsx (Institutionen, Kooperationen, Kennzahlen, Gesamtnetzwerk), json (Knoten-Kanten)."
        ),
        parameters=[
            PROJECT,
            OpenApiParameter(
                "file_format",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=sorted(exports.FORMATS),
            ),
            GraphFilterSerializer,
        ],
        responses={
            **{
                (200, content_type.split(";")[0]): (
                    OpenApiTypes.OBJECT if "json" in content_type else OpenApiTypes.BINARY
                )
                for content_type, _ in exports.FORMATS.values()
            },
            404: NOT_FOUND,
        },
        tags=["Netzwerkanalyse"],
    )
    def get(self, request, project, file_format):
        if file_format not in exports.FORMATS:
            raise Http404
        content_type, extension = exports.FORMATS[file_format]
        if file_format == "json":
            body = services.graph_json(self.project, self.filters)
        else:
            full = services.export_tables(self.project, self.filters)
            body = {
                "graphml": exports.to_graphml,
                "gexf": exports.to_gexf,
                "csv": exports.to_csv_zip,
                "xlsx": exports.to_xlsx,
            }[file_format](full)
        stamp = (self.filters.date or datetime.date.today()).isoformat()
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="netzwerk-{self.project.slug}-{stamp}.{extension}"'
        )
        return response


PREFIX = "projects/<slug:project>/network/"

urlpatterns = [
    path(f"{PREFIX}graph/", GraphView.as_view(), name="graph"),
    path(f"{PREFIX}analysis/", NetworkAnalysisView.as_view(), name="analysis"),
    path(f"{PREFIX}suggestions/", SuggestionsView.as_view(), name="suggestions"),
    path(f"{PREFIX}ego/<int:institution>/", EgoView.as_view(), name="ego"),
    path(f"{PREFIX}path/", PathView.as_view(), name="path"),
    path(f"{PREFIX}evolution/", EvolutionView.as_view(), name="evolution"),
    path(f"{PREFIX}export/<str:file_format>/", ExportView.as_view(), name="export"),
]
