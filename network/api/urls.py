"""Routes of the network API under ``/api/v1/``.

The analysis endpoints (``…/network/…``) live in ``network.api.analysis``, included
next to these routes by ``network.urls``.
"""

from django.urls import path

from rest_framework.routers import SimpleRouter

from network.api import views

router = SimpleRouter()
router.register(
    r"projects/(?P<project>[-\w]+)/institutions", views.InstitutionViewSet, basename="institution"
)
router.register(r"projects/(?P<project>[-\w]+)/contacts", views.ContactViewSet, basename="contact")
router.register(
    r"projects/(?P<project>[-\w]+)/cooperations", views.CooperationViewSet, basename="cooperation"
)

app_name = "network-api"

urlpatterns = [
    *router.urls,
    path(
        "projects/<slug:project>/public/partners/",
        views.PublicPartnersView.as_view(),
        name="public-partners",
    ),
]
