"""Admin views of the monitoring beyond the indicator viewset: the values table and the import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from monitoring.forms import IndicatorImportForm
from monitoring.importer import apply_import, read_import
from monitoring.models import Indicator
from monitoring.tables import value_table


class IndicatorValuesView(TemplateView):
    """District × year table of one indicator with the city's trend and forecast."""

    template_name = "monitoring/admin/indicator_values.html"

    def get(self, request, pk):
        # Scope first: a foreign indicator answers exactly like a missing one.
        indicator = get_object_or_404(
            Indicator.objects.for_user(request.user)
            .select_related("project")
            .prefetch_related("versions"),
            pk=pk,
        )
        if not request.user.has_perm("monitoring.view_indicator"):
            raise PermissionDenied
        context = {
            "page_title": _("Werte: %s") % indicator,
            "indicator": indicator,
            "table": value_table(indicator),
        }
        return self.render_to_response(context)


class ImportView(TemplateView):
    """Upload one CSV/XLSX file; every row is checked, and it is applied whole or not at all."""

    template_name = "monitoring/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("monitoring.add_observation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def context(self, **kwargs):
        return {"page_title": _("Monitoring-Import"), **kwargs}

    def get(self, request):
        return self.render_to_response(self.context(form=IndicatorImportForm(user=request.user)))

    def post(self, request):
        form = IndicatorImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.context(form=form), status=400)
        project = form.cleaned_data["project"]
        upload = form.cleaned_data["file"]
        preview = read_import(project, upload.name, upload.read())
        if not preview.ok:
            return self.render_to_response(
                self.context(form=form, errors=preview.errors, file_name=preview.file_name),
                status=400,
            )
        batch = apply_import(project, preview, user=request.user)
        messages.success(
            request,
            _("Import von „%(file)s“ in %(project)s abgeschlossen: %(summary)s.")
            % {"file": batch.file_name, "project": project.name, "summary": preview.summary()},
        )
        return redirect("monitoring_import")
