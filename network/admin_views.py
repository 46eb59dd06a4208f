"""Admin views of the network app beyond the snippet viewsets: review queue and import."""

import re
import shutil
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.log_actions import log

from cms.models import Project
from network.importer import import_network
from network.models import Cooperation


class ReviewQueueView(TemplateView):
    """Unconfirmed cooperations (from surveys or imports) waiting for a manager's decision."""

    template_name = "network/admin/review_queue.html"
    page_title = gettext_lazy("Prüfliste")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("network.change_cooperation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cooperations"] = list(
            Cooperation.objects.for_user(self.request.user)
            .filter(confirmed=False)
            .select_related("source", "target", "project")
            .order_by("created_at", "pk")
        )
        context["page_title"] = self.page_title
        context["show_project"] = (
            len({cooperation.project_id for cooperation in context["cooperations"]}) > 1
        )
        context["can_delete"] = self.request.user.has_perm("network.delete_cooperation")
        return context


@require_POST
def review_decision(request, pk, decision):
    """Confirm (flag it) or reject (delete it) one unconfirmed cooperation."""
    if decision not in ("confirm", "reject"):
        raise Http404
    needed = "network.change_cooperation" if decision == "confirm" else "network.delete_cooperation"
    if not request.user.has_perm(needed):
        raise PermissionDenied
    cooperation = (
        Cooperation.objects.for_user(request.user)
        .filter(pk=pk, confirmed=False)
        .select_related("source", "target")
        .first()
    )
    if cooperation is None:
        raise Http404
    if decision == "confirm":
        cooperation.confirmed = True
        cooperation.save(update_fields=["confirmed", "updated_at"])
        log(cooperation, "network.confirm", user=request.user)
        messages.success(request, _("Kooperation „%s“ ist bestätigt.") % cooperation)
    else:
        log(cooperation, "network.reject", user=request.user)
        label = str(cooperation)
        cooperation.delete()
        messages.success(request, _("Kooperation „%s“ wurde abgelehnt und gelöscht.") % label)
    return redirect("network_review")


# --- Import: upload → preview (dry run) → confirm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Projekt"), queryset=Project.objects.none(), empty_label=None
    )
    files = MultipleFileField(
        label=gettext_lazy("Dateien"),
        help_text=gettext_lazy(
            "CSV- oder XLSX-Dateien mit Institutionen, Kontakten und/oder Kooperationen; "
            "das Spaltenformat steht im README unter „Netzwerk-Import“."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.for_user(user, role="manager")

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
                raise forms.ValidationError(_("„%s“ ist keine CSV- oder XLSX-Datei.") % upload.name)
            if upload.size > MAX_IMPORT_BYTES:
                raise forms.ValidationError(_("„%s“ ist größer als 5 MB.") % upload.name)
        return files


MAX_IMPORT_BYTES = 5 * 1024 * 1024
TOKEN_SALT = "network.import"
TOKEN_MAX_AGE = 60 * 60


def upload_dir():
    """Where uploaded files wait between preview and confirmation (never publicly served)."""
    return Path(getattr(settings, "NETWORK_IMPORT_DIR", settings.VAR_DIR / "network-imports"))


def _store(files):
    """Keep the uploads under a random id; return the id."""
    remove_stale_uploads()
    upload_id = uuid.uuid4().hex
    folder = upload_dir() / upload_id
    folder.mkdir(parents=True)
    for index, upload in enumerate(files):
        safe = f"{index:02d}-{Path(upload.name).name}"
        (folder / safe).write_bytes(upload.read())
    return upload_id


def _load(upload_id):
    folder = upload_dir() / upload_id
    if not re_hex.fullmatch(upload_id) or not folder.is_dir():
        return None
    return [(path.name[3:], path.read_bytes()) for path in sorted(folder.iterdir())]


def _discard(upload_id):
    folder = upload_dir() / upload_id
    if re_hex.fullmatch(upload_id) and folder.is_dir():
        shutil.rmtree(folder)


def remove_stale_uploads():
    """Delete uploads whose confirmation window has passed (they may hold personal data)."""
    root = upload_dir()
    if not root.is_dir():
        return
    limit = time.time() - TOKEN_MAX_AGE
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


re_hex = re.compile(r"[0-9a-f]{32}")


class ImportView(TemplateView):
    """Upload files, read the dry-run report, then confirm to apply the same files.

    The files wait on the server (outside the media folder) under a random id; the
    confirmation carries that id in a signed token bound to the user and project, so
    nothing the browser sends back is trusted as data, and the confirmed import runs the
    full validation again against the database as it is at that moment.
    """

    template_name = "network/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("network.add_institution"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_to_response(self.context(form=ImportUploadForm(user=request.user)))

    def context(self, **kwargs):
        return {"page_title": _("Netzwerk-Import"), **kwargs}

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportUploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.context(form=form))
        project = form.cleaned_data["project"]
        upload_id = _store(form.cleaned_data["files"])
        report = import_network(project, _load(upload_id), dry_run=True, user=request.user)
        token = None
        if report.ok:
            token = signing.dumps(
                {"id": upload_id, "project": project.pk, "user": request.user.pk},
                salt=TOKEN_SALT,
            )
        else:
            _discard(upload_id)
        return self.render_to_response(
            self.context(form=form, report=report, project=project, token=token),
            status=200 if report.ok else 400,
        )

    def expired(self, request):
        """The confirmation came without a valid preview: the upload form again, status 400."""
        messages.error(request, _("Die Vorschau ist abgelaufen. Bitte erneut hochladen."))
        return self.render_to_response(
            self.context(form=ImportUploadForm(user=request.user)), status=400
        )

    def confirm(self, request):
        try:
            data = signing.loads(request.POST["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            return self.expired(request)
        if data.get("user") != request.user.pk:
            raise PermissionDenied
        project = (
            Project.objects.for_user(request.user, role="manager")
            .filter(pk=data.get("project"))
            .first()
        )
        if project is None:
            raise Http404
        files = _load(data["id"])
        if files is None:
            return self.expired(request)
        report = import_network(project, files, user=request.user)
        _discard(data["id"])
        if report.ok:
            messages.success(
                request,
                _("Import abgeschlossen: %s") % "; ".join(report.summary_lines()),
            )
            return redirect("network_import")
        return self.render_to_response(
            self.context(form=ImportUploadForm(user=request.user), report=report, project=project),
            status=400,
        )
