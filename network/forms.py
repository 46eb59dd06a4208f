"""Admin forms and list filters of the network data, scoped to the user's projects."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

import django_filters

from cms.models import Project
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


def managed_projects(user):
    """Projects whose network data ``user`` may edit."""
    if user is None:
        return Project.objects.none()
    return Project.objects.for_user(user, role="manager")


def scope_choice_fields(form, user):
    """Limit every model choice field of ``form`` to objects of the user's projects."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model = queryset.model
        if model is Project:
            field.queryset = managed_projects(user)
        elif hasattr(model.objects, "for_user"):
            field.queryset = model.objects.for_user(user) if user else model.objects.none()


class ProjectScopedForm(WagtailAdminModelForm):
    """Choices come from the user's projects only; the project is fixed once saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_choice_fields(self, self.for_user)
        project_field = self.fields.get("project")
        if project_field is not None:
            project_field.empty_label = None
            if self.instance.pk:
                project_field.disabled = True
            else:
                projects = list(project_field.queryset[:2])
                if len(projects) == 1:
                    project_field.initial = projects[0].pk
        # Child forms (memberships) get the user too, so they can scope their choices.
        for formset in self.formsets.values():
            formset.form_kwargs["for_user"] = self.for_user

    def project(self):
        """The project the object belongs to after this form is saved."""
        if self.instance.project_id:
            return self.instance.project
        return self.cleaned_data.get("project")


class MembershipForm(WagtailAdminModelForm):
    """A contact's role in an institution; only contacts of the user's projects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_choice_fields(self, self.for_user)


class ScopedInlinePanel(InlinePanel):
    """An InlinePanel whose child forms are ``MembershipForm``-like scoped forms."""

    def __init__(self, *args, form_class=MembershipForm, **kwargs):
        self.form_class = form_class
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["form_class"] = self.form_class
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = self.form_class
        return options


class CooperationForm(ProjectScopedForm):
    """Cooperation form: involved contacts must belong to the cooperation's project."""

    def clean(self):
        cleaned_data = super().clean()
        project = self.instance.project if self.instance.project_id else None
        project = cleaned_data.get("project") or project
        contacts = cleaned_data.get("contacts") or []
        if project is not None and any(c.project_id != project.pk for c in contacts):
            self.add_error("contacts", _("Diese Kontakte gehören nicht zu diesem Projekt."))
        return cleaned_data


def _scoped(model):
    """A django-filter queryset callable: the model's objects in the request user's projects."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return model.objects.for_user(request.user)

    return queryset


def _projects(request):
    if request is None:
        return Project.objects.none()
    return managed_projects(request.user)


class InstitutionFilterSet(WagtailFilterSet):
    """List filters of the institution index."""

    project = django_filters.ModelChoiceFilter(label=_("Projekt"), queryset=_projects)
    type = django_filters.ModelChoiceFilter(label=_("Typ"), queryset=_scoped(InstitutionType))
    sectors = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), queryset=_scoped(Sector), field_name="sectors"
    )
    district = django_filters.ModelChoiceFilter(label=_("Stadtteil"), queryset=_scoped(District))
    public = django_filters.BooleanFilter(label=_("öffentlich"))
    active = django_filters.BooleanFilter(label=_("aktiv"))

    class Meta:
        model = Institution
        fields = []


class ContactFilterSet(WagtailFilterSet):
    """List filters of the contact index."""

    project = django_filters.ModelChoiceFilter(label=_("Projekt"), queryset=_projects)
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"),
        queryset=_scoped(Institution),
        field_name="memberships__institution",
        distinct=True,
    )
    has_consent = django_filters.BooleanFilter(
        label=_("Einwilligung liegt vor"),
        field_name="consent_date",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Contact
        fields = []


class CooperationFilterSet(WagtailFilterSet):
    """List filters of the cooperation index and the review queue."""

    project = django_filters.ModelChoiceFilter(label=_("Projekt"), queryset=_projects)
    type = django_filters.ChoiceFilter(label=_("Art"), choices=CooperationType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CooperationStatus.choices)
    provenance = django_filters.ChoiceFilter(label=_("Herkunft"), choices=Provenance.choices)
    confirmed = django_filters.BooleanFilter(label=_("bestätigt"))
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), queryset=_scoped(Institution), method="filter_institution"
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), queryset=_scoped(Sector), method="filter_sector"
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Stadtteil"), queryset=_scoped(District), method="filter_district"
    )

    class Meta:
        model = Cooperation
        fields = []

    def filter_institution(self, queryset, name, value):
        return queryset.filter(Q(source=value) | Q(target=value)) if value else queryset

    def filter_sector(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(source__sectors=value) | Q(target__sectors=value)).distinct()

    def filter_district(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(source__district=value) | Q(target__district=value))


class CategoryFilterSet(WagtailFilterSet):
    """Project filter of the category lists."""

    project = django_filters.ModelChoiceFilter(label=_("Projekt"), queryset=_projects)


def category_filterset(model):
    """A ``CategoryFilterSet`` bound to ``model``."""
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}FilterSet", (CategoryFilterSet,), {"Meta": meta})


__all__ = [
    "ContactFilterSet",
    "CooperationFilterSet",
    "CooperationForm",
    "InstitutionFilterSet",
    "MembershipForm",
    "ProjectScopedForm",
    "ScopedInlinePanel",
    "category_filterset",
    "managed_projects",
    "scope_choice_fields",
]
