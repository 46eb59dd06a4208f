"""Admin views of the network app beyond the snippet viewsets: review queue and import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.log_actions import log

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
