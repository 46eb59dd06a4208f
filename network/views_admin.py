"""Admin pages of the network map and the analysis dashboard, scoped to the manager's project."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from network.map_data import (
    GraphFilterForm,
    dashboard_data,
    manager_projects,
    map_rows,
    query_items,
)

#: Metrics offered for node size and shown in the details panel, in this order.
METRIC_LABELS = {
    "degree": gettext_lazy("Anzahl Kooperationen (Grad)"),
    "weighted_degree": gettext_lazy("Gewichteter Grad"),
    "betweenness_centrality": gettext_lazy("Vermittlerrolle (Betweenness)"),
    "closeness_centrality": gettext_lazy("Nähe (Closeness)"),
    "pagerank": gettext_lazy("PageRank"),
    "clustering": gettext_lazy("Clustering-Koeffizient"),
    "constraint": gettext_lazy("Constraint (Burt)"),
    "effective_size": gettext_lazy("Effektive Größe (Burt)"),
    "core_number": gettext_lazy("k-Kern"),
}

TABLE_PAGE_SIZE = 50


def resolve_project(request):
    """The project a network page works on, and all projects the user may choose from.

    ``?project=<slug>`` picks one; without it a user with one project gets that one and a
    user with several gets ``None`` (the page then shows a chooser). A slug outside the
    user's projects answers 404; a user who manages no project at all gets 403.
    """
    projects = list(manager_projects(request.user))
    if not projects:
        raise PermissionDenied
    slug = request.GET.get("project")
    if slug:
        for project in projects:
            if project.slug == slug:
                return project, projects
        raise Http404
    if len(projects) == 1:
        return projects[0], projects
    return None, projects


def graph_api_url(project):
    """URL of the project's graph API (node-link JSON with metrics)."""
    return reverse("network-analysis:graph", kwargs={"project": project.slug})


class ProjectPageMixin:
    """Resolves the project first; without one, renders the project chooser."""

    chooser_template_name = "network/admin/project_chooser.html"
    page_title = ""
    header_icon = "link"

    def get(self, request, *args, **kwargs):
        self.project, self.projects = resolve_project(request)
        if self.project is None:
            return self.render_to_response(
                {
                    "projects": self.projects,
                    "page_title": self.page_title,
                    "header_icon": self.header_icon,
                    "view_url": request.path,
                },
                template_name=self.chooser_template_name,
            )
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, template_name=None, **kwargs):
        if template_name:
            return self.response_class(
                request=self.request, template=[template_name], context=context, using=None
            )
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            project=self.project,
            projects=self.projects,
            page_title=self.page_title,
            header_icon=self.header_icon,
        )
        return context


class NetworkMapView(ProjectPageMixin, TemplateView):
    """The interactive network map; without JavaScript the same institutions as a table."""

    template_name = "network/admin/network_map.html"
    page_title = gettext_lazy("Netzwerkkarte")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = GraphFilterForm(self.request.GET or None, project=self.project)
        filters = form.graph_filters()
        rows, _payload = map_rows(self.project, filters)
        page = Paginator(rows, TABLE_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = [("project", self.project.slug)] + query_items(filters)
        context.update(
            form=form,
            page=page,
            page_query=urlencode(query),
            netmap_config=self.map_config(query),
            metric_choices=list(METRIC_LABELS.items()),
        )
        return context

    def map_config(self, query):
        """Everything the map script needs, passed as JSON (no inline script)."""
        graph_url = graph_api_url(self.project)
        filters = [item for item in query if item[0] != "project"]
        if filters:
            graph_url += ("&" if "?" in graph_url else "?") + urlencode(filters)
        edit_url = reverse("wagtailsnippets_network_institution:edit", args=[0]).replace(
            "/0/", "/__id__/"
        )
        return {
            "graphUrl": graph_url,
            "workerUrl": static("network/fa2-worker.js"),
            "editUrlTemplate": edit_url,
            "metrics": [{"key": k, "label": str(v)} for k, v in METRIC_LABELS.items()],
            "labels": map_labels(),
        }


def map_labels():
    """Texts of the map script, translated on the server."""
    return {
        "loading": _("Netzwerk wird geladen …"),
        "ready": _("{nodes} Institutionen, {edges} Kooperationen"),
        "visible": _("{nodes} Institutionen mit Kooperationen, {edges} Kooperationen sichtbar"),
        "layoutStart": _("Anordnung fortsetzen"),
        "layoutStop": _("Anordnung anhalten"),
        "error": _("Die Karte konnte nicht geladen werden. Die Tabelle zeigt dieselben Daten."),
        "noWebgl": _(
            "Ihr Browser kann die Karte nicht darstellen (WebGL fehlt). "
            "Die Tabelle zeigt dieselben Daten."
        ),
        "allDates": _("alle Zeiträume"),
        "other": _("weitere"),
        "none": _("ohne Angabe"),
        "type": _("Typ"),
        "sectors": _("Handlungsfelder"),
        "district": _("Stadtteil"),
        "community": _("Gruppe"),
        "partners": _("Kooperationspartner"),
        "edit": _("Institution bearbeiten"),
        "close": _("Schließen"),
        "noResults": _("Keine Treffer"),
        "play": _("Entwicklung abspielen"),
        "pause": _("Anhalten"),
        "website": _("Website"),
    }


class NetworkDashboardView(ProjectPageMixin, TemplateView):
    """The analysis in figures and tables, each chart next to the table with its numbers."""

    template_name = "network/admin/network_dashboard.html"
    page_title = gettext_lazy("Netzwerkanalyse")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = GraphFilterForm(self.request.GET or None, project=self.project)
        freq = "year" if self.request.GET.get("freq") == "year" else "quarter"
        context.update(
            form=form,
            freq=freq,
            data=dashboard_data(self.project, form.graph_filters(), freq=freq),
            map_url=reverse("network_map")
            + "?"
            + urlencode([("project", self.project.slug)] + query_items(form.graph_filters())),
        )
        return context
