"""Fixtures of the monitoring tests: a town with districts at two levels and indicators."""

from decimal import Decimal

import pytest

from monitoring.models import Indicator, Observation
from network.models import District, DistrictLevel
from tests.surveys.conftest import make_project, make_user

__all__ = ["make_project", "make_user", "make_town", "observe"]


def make_town(project, parts=("Nord", "Süd", "West")):
    """The town as a unit of level Stadt with ``parts`` as its Stadtteile."""
    city = District.objects.create(
        project=project, name=project.name, level=DistrictLevel.CITY, official_key="000"
    )
    districts = [
        District.objects.create(
            project=project,
            name=name,
            level=DistrictLevel.DISTRICT,
            parent=city,
            official_key=f"{index:03d}",
        )
        for index, name in enumerate(parts, start=1)
    ]
    return city, districts


def observe(indicator, district, year, value, numerator=None, denominator=None, **extra):
    return Observation.objects.create(
        indicator=indicator,
        district=district,
        year=year,
        value=None if value is None else Decimal(str(value)),
        numerator=None if numerator is None else Decimal(str(numerator)),
        denominator=None if denominator is None else Decimal(str(denominator)),
        **extra,
    )


@pytest.fixture
def kaarst(db):
    return make_project("kaarst", "Kaarst")


@pytest.fixture
def other(db):
    return make_project("andere", "Andere Stadt")


@pytest.fixture
def town(kaarst):
    return make_town(kaarst)


@pytest.fixture
def foreigners(kaarst):
    return Indicator.objects.create(
        project=kaarst,
        code="AUS",
        name="Ausländerinnen und Ausländer",
        definition="Einwohner ohne deutsche Staatsangehörigkeit (Hauptwohnsitz, 31.12.)",
        unit="Anzahl",
        decimals=0,
        topic="Bevölkerung",
        source="Melderegister",
        is_count=True,
        published=True,
    )


@pytest.fixture
def residents(kaarst):
    return Indicator.objects.create(
        project=kaarst,
        code="EW",
        name="Einwohnerinnen und Einwohner",
        definition="Einwohner mit Hauptwohnsitz am 31.12.",
        unit="Anzahl",
        decimals=0,
        topic="Bevölkerung",
        source="Melderegister",
        is_count=True,
        published=True,
    )
