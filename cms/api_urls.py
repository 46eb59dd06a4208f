"""API routes: Wagtail's read-only pages API (v2) and the OpenAPI schema of our own API."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from network.api.permissions import PublicThrottle


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """The pages API without login: Wagtail lists only live, public pages of the request's site."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]


pages_api = WagtailAPIRouter("wagtailapi")
pages_api.register_endpoint("pages", PublicPagesAPIViewSet)
pages_api.register_endpoint("images", ImagesAPIViewSet)
pages_api.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("api/v2/", pages_api.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
