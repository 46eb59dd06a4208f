"""URL routes of the network app: the REST API under ``/api/v1/``."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("network.api.urls")),
    path("api/v1/", include("network.api.analysis")),
]
