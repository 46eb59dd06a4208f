"""The one district list with levels and boundaries, indicators, versions and computed values."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from monitoring.computed import recompute, recompute_dependants
from monitoring.models import Flag, Formula, Indicator, IndicatorVersion, Observation
from network.boundaries import BoundaryError, validate_boundary
from network.models import District, DistrictLevel
from tests.monitoring.conftest import observe

SQUARE = {"type": "Polygon", "coordinates": [[[7, 49], [7.1, 49], [7.1, 49.1], [7, 49.1], [7, 49]]]}


def test_a_new_district_is_a_stadtteil_without_boundary(kaarst):
    district = District.objects.create(project=kaarst, name="Vorst")
    assert district.level == DistrictLevel.DISTRICT
    assert district.boundary is None and district.parent is None


def test_a_valid_square_boundary_is_kept(town):
    city, (north, *_rest) = town
    north.boundary = SQUARE
    north.full_clean()
    north.save()
    north.refresh_from_db()
    assert north.boundary["coordinates"][0][2] == [7.1, 49.1]


@pytest.mark.parametrize(
    "geometry, message",
    [
        (
            {"type": "Polygon", "coordinates": [[[7, 49], [7.1, 49], [7.1, 49.1], [7, 49.1]]]},
            "nicht geschlossen",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[7, 49], [7.1, 49.1], [7.1, 49], [7, 49.1], [7, 49]]],
            },
            "selbst schneidet",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[350000, 5480000], [350100, 5480000], [350100, 5480100], [350000, 5480000]]
                ],
            },
            "EPSG:4326",
        ),
        ({"type": "LineString", "coordinates": [[7, 49], [7.1, 49]]}, "Polygon oder MultiPolygon"),
        ("{kein json", "kein gültiges GeoJSON"),
    ],
)
def test_bad_boundaries_are_refused_in_german(geometry, message):
    with pytest.raises(BoundaryError) as caught:
        validate_boundary(geometry)
    assert message in str(caught.value)


def test_a_bad_boundary_is_a_field_error_of_the_district(town):
    _city, (north, *_rest) = town
    north.boundary = {
        "type": "Polygon",
        "coordinates": [[[7, 49], [7.1, 49], [7.1, 49.1], [7, 49.1]]],
    }
    with pytest.raises(ValidationError) as caught:
        north.full_clean()
    assert "nicht geschlossen" in caught.value.message_dict["boundary"][0]


def test_a_parent_must_be_on_a_higher_level_of_the_same_project(town, other):
    city, (north, south, _west) = town
    south.parent = north
    with pytest.raises(ValidationError) as caught:
        south.full_clean()
    assert "höheren Ebene" in caught.value.message_dict["parent"][0]
    foreign = District.objects.create(project=other, name="Fremd", level=DistrictLevel.CITY)
    south.parent = foreign
    with pytest.raises(ValidationError) as caught:
        south.full_clean()
    assert "anderen Projekt" in caught.value.message_dict["parent"][0]


def test_versions_mark_series_breaks_by_year(foreigners):
    IndicatorVersion.objects.create(
        indicator=foreigners, valid_from=datetime.date(2012, 1, 1), definition="alt", is_break=False
    )
    IndicatorVersion.objects.create(
        indicator=foreigners, valid_from=datetime.date(2024, 6, 27), definition="neu"
    )
    assert foreigners.break_years() == [2024]


def test_numbers_are_formatted_the_german_way(foreigners):
    foreigners.decimals = 1
    assert foreigners.format(Decimal("12345.67")) == "12\u202f345,7"
    assert foreigners.format(None) == ""


def test_a_computed_share_keeps_numerator_and_denominator(kaarst, town, foreigners, residents):
    city, (north, *_rest) = town
    share = Indicator.objects.create(
        project=kaarst,
        code="A1",
        name="Ausländeranteil",
        definition="AUS / EW × 100",
        unit="%",
        topic="Bevölkerung",
        source="Melderegister",
        formula=Formula.PERCENT,
        base_a=foreigners,
        base_b=residents,
    )
    observe(foreigners, north, 2024, 150)
    observe(residents, north, 2024, 1200)
    observe(foreigners, city, 2024, 2, flag=Flag.SECRET)
    observe(residents, city, 2024, 5000)
    assert recompute(share) == 2
    cell = Observation.objects.get(indicator=share, district=north)
    assert (cell.value, cell.numerator, cell.denominator) == (
        Decimal("12.5"),
        Decimal("150"),
        Decimal("1200"),
    )
    assert cell.computed
    secret = Observation.objects.get(indicator=share, district=city)
    assert secret.flag == Flag.SECRET and secret.value is None


def test_a_base_change_recomputes_the_chain(kaarst, town, foreigners, residents):
    _city, (north, *_rest) = town
    share = Indicator.objects.create(
        project=kaarst,
        code="A1",
        name="Anteil",
        definition="d",
        unit="%",
        topic="t",
        source="s",
        formula=Formula.PERCENT,
        base_a=foreigners,
        base_b=residents,
    )
    change = Indicator.objects.create(
        project=kaarst,
        code="A1d",
        name="Veränderung",
        definition="d",
        unit="Prozentpunkte",
        topic="t",
        source="s",
        formula=Formula.ABS_CHANGE,
        base_a=share,
        periods=1,
    )
    observe(foreigners, north, 2023, 100)
    observe(residents, north, 2023, 1000)
    cell = observe(foreigners, north, 2024, 150)
    observe(residents, north, 2024, 1000)
    assert [i.code for i in recompute_dependants([foreigners.pk])] == ["A1", "A1d"]
    assert Observation.objects.get(indicator=change, year=2024).value == Decimal("5")
    cell.value = Decimal(200)
    cell.save()
    recompute_dependants([foreigners.pk])
    assert Observation.objects.get(indicator=change, year=2024).value == Decimal("10")
    assert Observation.objects.filter(indicator=share).count() == 2


def test_a_formula_needs_its_bases(kaarst, foreigners):
    indicator = Indicator(
        project=kaarst,
        code="X",
        name="x",
        definition="d",
        unit="%",
        topic="t",
        source="s",
        formula=Formula.RATIO,
        base_a=foreigners,
    )
    with pytest.raises(ValidationError) as caught:
        indicator.full_clean()
    assert "Basisindikator B" in caught.value.message_dict["base_b"][0]


def test_manual_breaks_must_ascend(kaarst):
    indicator = Indicator(
        project=kaarst,
        code="X",
        name="x",
        definition="d",
        unit="%",
        topic="t",
        source="s",
        classification="manual",
        manual_breaks=[10, 5],
    )
    with pytest.raises(ValidationError) as caught:
        indicator.full_clean()
    assert "aufsteigende" in caught.value.message_dict["manual_breaks"][0]


def test_managers_see_only_their_projects_indicators(kaarst, other, foreigners):
    from tests.monitoring.conftest import make_user

    manager = make_user("m", other.manager_group)
    assert list(Indicator.objects.for_user(manager)) == []
    assert list(Indicator.objects.for_user(make_user("k", kaarst.manager_group))) == [foreigners]
