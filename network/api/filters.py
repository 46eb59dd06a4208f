"""Query-parameter filters of the network API lists."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from network.models import (
    Contact,
    Cooperation,
    CooperationStatus,
    CooperationType,
    District,
    Institution,
    InstitutionType,
    Provenance,
    Sector,
)


def _scoped(model):
    """Choices of a filter: the objects of the project the view has resolved for this request."""

    def queryset(request):
        project = getattr(request, "network_project", None)
        if project is None:
            return model.objects.none()
        return model.objects.filter(project=project)

    return queryset


class InstitutionFilter(django_filters.FilterSet):
    type = django_filters.ModelChoiceFilter(queryset=_scoped(InstitutionType), label=_("Typ"))
    district = django_filters.ModelChoiceFilter(queryset=_scoped(District), label=_("Stadtteil"))
    sector = django_filters.ModelChoiceFilter(
        queryset=_scoped(Sector), field_name="sectors", label=_("Handlungsfeld")
    )
    public = django_filters.BooleanFilter(label=_("öffentlich"))
    active = django_filters.BooleanFilter(label=_("aktiv"))

    class Meta:
        model = Institution
        fields = ["type", "district", "sector", "public", "active"]


class ContactFilter(django_filters.FilterSet):
    institution = django_filters.ModelChoiceFilter(
        queryset=_scoped(Institution),
        field_name="memberships__institution",
        distinct=True,
        label=_("Institution"),
    )
    has_consent = django_filters.BooleanFilter(
        field_name="consent_date",
        lookup_expr="isnull",
        exclude=True,
        label=_("Einwilligung liegt vor"),
    )

    class Meta:
        model = Contact
        fields = ["institution", "has_consent"]


class CooperationFilter(django_filters.FilterSet):
    type = django_filters.MultipleChoiceFilter(choices=CooperationType.choices, label=_("Art"))
    status = django_filters.ChoiceFilter(choices=CooperationStatus.choices, label=_("Status"))
    provenance = django_filters.ChoiceFilter(choices=Provenance.choices, label=_("Herkunft"))
    confirmed = django_filters.BooleanFilter(label=_("bestätigt"))
    institution = django_filters.NumberFilter(
        method="filter_institution", label=_("Institution (Quelle oder Ziel)")
    )
    min_intensity = django_filters.NumberFilter(
        field_name="intensity", lookup_expr="gte", label=_("Mindestintensität")
    )
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("gültig am"))

    class Meta:
        model = Cooperation
        fields = [
            "type",
            "status",
            "provenance",
            "confirmed",
            "source",
            "target",
            "institution",
            "min_intensity",
            "valid_on",
        ]

    def filter_institution(self, queryset, name, value):
        return queryset.filter(Q(source_id=value) | Q(target_id=value))

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=value),
            Q(valid_to__isnull=True) | Q(valid_to__gte=value),
        )
