"""Serializers of the network API; every related object is looked up inside the URL's project."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from network.models import (
    Contact,
    Cooperation,
    District,
    Institution,
    InstitutionType,
    Membership,
    Sector,
)


class ModelCleanMixin:
    """Run the model's ``full_clean()`` so the API and the admin share every rule and message."""

    #: Fields that ``full_clean`` cannot check on an unsaved instance (many-to-many, nested).
    clean_skip = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            if name not in self.clean_skip:
                setattr(instance, name, value)
        instance.project = self.context["project"]
        try:
            instance.full_clean(exclude=list(self.clean_skip))
        except DjangoValidationError as error:
            raise serializers.ValidationError(_as_drf_errors(error)) from error
        return attrs


def _as_drf_errors(error):
    errors = {}
    for field, messages in error.message_dict.items():
        key = "non_field_errors" if field == "__all__" else field
        errors[key] = [str(message) for message in messages]
    return errors


class ProjectRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that must name an object of the project in the serializer context."""

    def get_queryset(self):
        project = self.context.get("project")
        model = self.queryset.model
        return model.objects.filter(project=project) if project else model.objects.none()


@extend_schema_field({"type": "string", "maxLength": 200})
class WebsiteField(serializers.CharField):
    """A website address: checked as a URL on write, documented as the plain text it stores."""


class InstitutionSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An institution with its categories as ids and, read-only, as names."""

    clean_skip = ("sectors",)

    type = ProjectRelatedField(
        queryset=InstitutionType.objects.none(), allow_null=True, required=False
    )
    district = ProjectRelatedField(
        queryset=District.objects.none(), allow_null=True, required=False
    )
    sectors = ProjectRelatedField(queryset=Sector.objects.none(), many=True, required=False)
    # Method fields: a read-only field with a default is left out of a partial update's answer.
    type_name = serializers.SerializerMethodField()
    district_name = serializers.SerializerMethodField()
    sector_names = serializers.SerializerMethodField()
    # Checked as a URL on write, documented as the text stored: Django accepts addresses
    # (blank, international domains) that the OpenAPI "uri" format refuses.
    website = WebsiteField(allow_blank=True, required=False, max_length=200)

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "short_name",
            "type",
            "type_name",
            "sectors",
            "sector_names",
            "district",
            "district_name",
            "address",
            "latitude",
            "longitude",
            "website",
            "description",
            "target_groups",
            "languages",
            "public",
            "active",
            "archived_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_website(self, value):
        # Here rather than as a field validator, which the schema would document as "uri".
        if value:
            try:
                URLValidator()(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from error
        return value

    def get_type_name(self, institution) -> str | None:
        return institution.type.name if institution.type else None

    def get_district_name(self, institution) -> str | None:
        return institution.district.name if institution.district else None

    def get_sector_names(self, institution) -> list[str]:
        return [sector.name for sector in institution.sectors.all()]


class MembershipSerializer(serializers.ModelSerializer):
    """A contact's role in an institution (nested in the contact)."""

    institution = ProjectRelatedField(queryset=Institution.objects.none())
    institution_name = serializers.CharField(source="institution.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["institution", "institution_name", "role", "start", "end"]

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end": [_("Das Ende darf nicht vor dem Beginn liegen.")]}
            )
        return attrs


class ContactSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A contact person with consent record and memberships (personal data: managers only).

    Writing ``memberships`` replaces the contact's memberships as a whole.
    """

    clean_skip = ("memberships",)

    memberships = MembershipSerializer(many=True, required=False)

    class Meta:
        model = Contact
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "languages",
            "notes",
            "consent_date",
            "consent_purpose",
            "consent_method",
            "memberships",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    @transaction.atomic
    def create(self, validated_data):
        memberships = validated_data.pop("memberships", [])
        contact = super().create(validated_data)
        self._write_memberships(contact, memberships)
        return contact

    @transaction.atomic
    def update(self, instance, validated_data):
        memberships = validated_data.pop("memberships", None)
        contact = super().update(instance, validated_data)
        if memberships is not None:
            contact.memberships.all().delete()
            self._write_memberships(contact, memberships)
        return contact

    def _write_memberships(self, contact, memberships):
        for data in memberships:
            Membership.objects.create(contact=contact, **data)


class CooperationSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A cooperation between two institutions of the project."""

    clean_skip = ("contacts",)

    source = ProjectRelatedField(queryset=Institution.objects.none())
    target = ProjectRelatedField(queryset=Institution.objects.none())
    contacts = ProjectRelatedField(queryset=Contact.objects.none(), many=True, required=False)
    source_name = serializers.CharField(source="source.name", read_only=True)
    target_name = serializers.CharField(source="target.name", read_only=True)
    directed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Cooperation
        fields = [
            "id",
            "source",
            "source_name",
            "target",
            "target_name",
            "type",
            "directed",
            "intensity",
            "valid_from",
            "valid_to",
            "status",
            "description",
            "contacts",
            "provenance",
            "confirmed",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PublicInstitutionSerializer(serializers.ModelSerializer):
    """What the public partner map shows of an institution: no person, no internal notes."""

    type = serializers.CharField(source="type.name", read_only=True, default=None, allow_null=True)
    district = serializers.CharField(
        source="district.name", read_only=True, default=None, allow_null=True
    )
    sectors = serializers.SerializerMethodField()
    # Blank when unknown, so documented as text rather than as a URI.
    website = serializers.CharField(read_only=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "short_name",
            "type",
            "sectors",
            "district",
            "address",
            "latitude",
            "longitude",
            "website",
            "description",
            "target_groups",
            "languages",
        ]
        read_only_fields = fields

    def get_sectors(self, institution) -> list[str]:
        return [sector.name for sector in institution.sectors.all()]


class PublicCooperationSerializer(serializers.ModelSerializer):
    """A cooperation between two public institutions, without description or contacts."""

    directed = serializers.BooleanField(read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Cooperation
        fields = ["source", "target", "type", "type_label", "directed", "intensity"]
        read_only_fields = fields


class PublicPartnersSerializer(serializers.Serializer):
    """The public partner network of a project."""

    project = serializers.CharField()
    institutions = PublicInstitutionSerializer(many=True)
    cooperations = PublicCooperationSerializer(many=True)
