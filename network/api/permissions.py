"""Project resolution, permissions and throttles shared by the network API views."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from cms.cache_backend import cache_reachable
from cms.models import Project

PROJECT_PARAMETER = OpenApiParameter(
    "project",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="Kürzel des Projekts, z. B. „kaarst“.",
)


def managed_project_or_404(user, slug):
    """The project ``slug`` if ``user`` manages it; otherwise 404, as if it did not exist."""
    project = Project.objects.for_user(user, role="manager").filter(slug=slug).first()
    if project is None:
        raise Http404
    return project


def public_project_or_404(slug):
    """Any project by slug, for the anonymous public endpoints."""
    return get_object_or_404(Project, slug=slug)


class LiveRatesMixin:
    """Read the rate from the current settings, so a changed setting applies at once."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class WriteThrottle(LiveRatesMixin, UserRateThrottle):
    """Limit changing requests per user (``writes`` rate); reading is not throttled here."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        allowed = super().allow_request(request, view)
        # A write whose count could not be read or stored is refused (fail closed).
        return allowed and cache_reachable(self.cache)


class PublicThrottle(LiveRatesMixin, AnonRateThrottle):
    """Limit anonymous reads of the public endpoints (``anon`` rate) per client address."""

    scope = "anon"

    def allow_request(self, request, view):
        if request.user and request.user.is_authenticated:
            return True
        return super().allow_request(request, view)
