"""Project resolution, permissions and throttles shared by the network API views."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from cms import ratelimit
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


class SignedInOr404(BasePermission):
    """Only signed-in users get further; anyone else gets 404, as for a foreign project.

    The project itself is resolved by :func:`managed_project_or_404` in the view, so a
    caller without login learns as little as another project's manager: not even whether
    the project exists.
    """

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            raise NotFound
        return True


def public_project_or_404(slug):
    """Any project by slug, for the anonymous public endpoints."""
    return get_object_or_404(Project, slug=slug)


class ServiceUnavailable(APIException):
    """The limiter cannot count: changing requests are refused until the cache is back."""

    status_code = 503
    default_detail = _(
        "Änderungen können gerade nicht angenommen werden. Bitte versuchen Sie es in einigen "
        "Minuten noch einmal."
    )
    default_code = "service_unavailable"


class LimiterThrottle(BaseThrottle):
    """A DRF throttle on the product's one limiter (:mod:`cms.ratelimit`).

    Clients are told apart as the form limits do it: by a keyed hash of the address taken
    through ``TRUSTED_PROXY_COUNT`` trusted proxies only (DRF's own throttles believe any
    ``X-Forwarded-For`` and put the plain address into the cache key). The rate is read from
    the current settings (``DEFAULT_THROTTLE_RATES[scope]``), so a changed setting applies at once.
    """

    scope = None
    write = False
    wait_seconds = None

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def applies(self, request):
        return True

    def key(self, request):
        """What is counted; ``None``: the client's hashed address."""
        return None

    def allow_request(self, request, view):
        rate = self.get_rate()
        if not rate or not self.applies(request):
            return True
        verdict, self.wait_seconds = ratelimit.hit(
            request, f"api:{self.scope}", rate, write=self.write, key=self.key(request)
        )
        if verdict is ratelimit.UNAVAILABLE:
            raise ServiceUnavailable
        return verdict is ratelimit.ALLOWED

    def wait(self):
        return self.wait_seconds


class WriteThrottle(LimiterThrottle):
    """Limit changing requests per user (``writes`` rate); reading is not throttled here."""

    scope = "writes"
    write = True

    def applies(self, request):
        return request.method not in SAFE_METHODS

    def key(self, request):
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return None


class PublicThrottle(LimiterThrottle):
    """Limit anonymous reads of the public endpoints (``anon`` rate) per client."""

    scope = "anon"

    def applies(self, request):
        return not (request.user and request.user.is_authenticated)
