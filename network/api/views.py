"""Views of the network API: CRUD per project (managers only) and the public partner list."""

from django.db.models import Prefetch

from wagtail.log_actions import log

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from network.api.filters import ContactFilter, CooperationFilter, InstitutionFilter
from network.api.permissions import (
    PROJECT_PARAMETER,
    PublicThrottle,
    SignedInOr404,
    WriteThrottle,
    managed_project_or_404,
    public_project_or_404,
)
from network.api.serializers import (
    ContactSerializer,
    CooperationSerializer,
    InstitutionSerializer,
    PublicPartnersSerializer,
)
from network.models import (
    Contact,
    Cooperation,
    CooperationStatus,
    Institution,
    Membership,
)


class NetworkPagination(PageNumberPagination):
    """Pages of 50 by default; ``page_size`` up to 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def crud_schema(one, many, the_one):
    """OpenAPI summaries and the project parameter for the six CRUD actions of a viewset."""

    def action(summary):
        return extend_schema(summary=summary, parameters=[PROJECT_PARAMETER])

    schema = extend_schema_view(
        list=action(f"{many} des Projekts"),
        retrieve=action(the_one),
        create=action(f"{one} anlegen"),
        update=action(f"{one} ändern"),
        partial_update=action(f"{one} teilweise ändern"),
        destroy=action(f"{one} löschen"),
    )
    tags = extend_schema(tags=[many])
    return lambda viewset: tags(schema(viewset))


class ProjectScopedViewSet(viewsets.ModelViewSet):
    """CRUD on one model inside the project named in the URL.

    The project resolves only for its managers (and superusers); anyone else gets 404 as if
    it did not exist, and every object is looked up inside the project, so an id of another
    project answers 404 too. Changes are recorded in Wagtail's audit log.
    """

    permission_classes = [SignedInOr404]
    throttle_classes = [WriteThrottle]
    pagination_class = NetworkPagination
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.project = managed_project_or_404(request.user, kwargs["project"])
        # Filters scope their choices to this project without asking the database again.
        request.network_project = self.project

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["project"] = getattr(self, "project", None)
        return context

    def base_queryset(self):
        return self.queryset.model.objects.all()

    def get_queryset(self):
        project = getattr(self, "project", None)
        if project is None:  # schema generation
            return self.queryset.model.objects.none()
        return self.base_queryset().filter(project=project)

    def perform_create(self, serializer):
        instance = serializer.save(project=self.project)
        log(instance, "wagtail.create", user=self.request.user)

    def perform_update(self, serializer):
        instance = serializer.save()
        log(instance, "wagtail.edit", user=self.request.user)

    def perform_destroy(self, instance):
        log(instance, "wagtail.delete", user=self.request.user)
        instance.delete()


@crud_schema("Institution", "Institutionen", "Eine Institution")
class InstitutionViewSet(ProjectScopedViewSet):
    queryset = Institution.objects.none()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    search_fields = ["name", "short_name", "description", "target_groups"]
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Institution.objects.select_related("type", "district").prefetch_related("sectors")


@crud_schema("Kontakt", "Kontakte", "Ein Kontakt")
class ContactViewSet(ProjectScopedViewSet):
    queryset = Contact.objects.none()
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    search_fields = ["name", "email", "phone"]
    ordering_fields = ["name", "consent_date", "created_at", "updated_at"]
    ordering = ["name", "pk"]

    def base_queryset(self):
        return Contact.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("institution").order_by("pk"),
            )
        )


@crud_schema("Kooperation", "Kooperationen", "Eine Kooperation")
class CooperationViewSet(ProjectScopedViewSet):
    queryset = Cooperation.objects.none()
    serializer_class = CooperationSerializer
    filterset_class = CooperationFilter
    search_fields = ["source__name", "target__name", "description"]
    ordering_fields = ["valid_from", "valid_to", "intensity", "created_at", "updated_at"]
    ordering = ["-valid_from", "pk"]

    def base_queryset(self):
        return Cooperation.objects.select_related("source", "target").prefetch_related("contacts")


def public_partners(project):
    """Public, active institutions of ``project`` and the active, confirmed ties among them."""
    institutions = list(
        Institution.objects.for_project(project)
        .shown_in_public()
        .select_related("type", "district")
        .prefetch_related("sectors")
        .order_by("name", "pk")
    )
    ids = [institution.pk for institution in institutions]
    cooperations = list(
        Cooperation.objects.filter(
            project=project,
            status=CooperationStatus.ACTIVE,
            confirmed=True,
            source_id__in=ids,
            target_id__in=ids,
        ).order_by("source_id", "target_id", "type", "pk")
    )
    return {"project": project.slug, "institutions": institutions, "cooperations": cooperations}


class PublicPartnersView(APIView):
    """The public partner network: no contact data, nothing unconfirmed, nothing non-public."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]

    @extend_schema(
        summary="Öffentliche Partnerkarte",
        description=(
            "Institutionen, die der Veröffentlichung zugestimmt haben, und die aktiven, "
            "bestätigten Kooperationen zwischen ihnen. Enthält keine personenbezogenen Daten."
        ),
        parameters=[PROJECT_PARAMETER],
        responses=PublicPartnersSerializer,
        tags=["Öffentlich"],
    )
    def get(self, request, project):
        data = public_partners(public_project_or_404(project))
        return Response(PublicPartnersSerializer(data).data)
