"""Primary and secondary suppression on hand-built tables, and the public cells of a query."""

from decimal import Decimal

from monitoring.confidentiality import SECRET_SYMBOL, public_cells, suppressed_keys
from monitoring.models import Flag, Observation
from tests.monitoring.conftest import observe

GROUP = [("Stadt", ["A", "B", "C", "D"])]


def test_values_one_and_two_are_suppressed_zero_and_three_are_not():
    counts = {"A": 0, "B": 1, "C": 2, "D": 3}
    assert suppressed_keys(counts, [], 3) == {"B": "primary", "C": "primary"}


def test_the_threshold_is_configurable():
    counts = {"A": 4, "B": 5}
    assert suppressed_keys(counts, [], 5) == {"A": "primary"}


def test_a_single_suppressed_district_takes_the_next_smallest_with_it():
    # Stadt 100 = 2 + 10 + 7 + 81: without a second cell, 100 − 10 − 7 − 81 gives the 2 back.
    counts = {"Stadt": 100, "A": 2, "B": 10, "C": 7, "D": 81}
    assert suppressed_keys(counts, GROUP, 3) == {"A": "primary", "C": "secondary"}


def test_two_primary_cells_need_no_secondary_one():
    counts = {"Stadt": 100, "A": 2, "B": 1, "C": 7, "D": 90}
    assert suppressed_keys(counts, GROUP, 3) == {"A": "primary", "B": "primary"}


def test_no_secondary_suppression_without_a_published_total():
    counts = {"A": 2, "B": 10, "C": 7, "D": 81}
    assert suppressed_keys(counts, GROUP, 3) == {"A": "primary"}


def test_a_missing_district_already_hides_the_suppressed_one():
    counts = {"Stadt": 100, "A": 2, "B": 10, "C": None, "D": 81}
    assert suppressed_keys(counts, GROUP, 3) == {"A": "primary"}


def test_the_total_goes_when_no_other_part_is_left():
    counts = {"Stadt": 10, "A": 10}
    assert suppressed_keys(counts, [("Stadt", ["A"])], 3, hidden={"A"}) == {
        "A": "primary",
        "Stadt": "secondary",
    }


def test_secondary_suppression_carries_down_the_levels():
    # Stadt = X + Y; X = x1 + x2. x1 = 1 hides x2 (secondary) in X's sum; the city sum holds.
    # Then X = 3 (published) … x1, x2 both hidden: no single unknown anywhere.
    counts = {"Stadt": 50, "X": 3, "Y": 47, "x1": 1, "x2": 2}
    groups = [("Stadt", ["X", "Y"]), ("X", ["x1", "x2"])]
    assert suppressed_keys(counts, groups, 3) == {"x1": "primary", "x2": "primary"}
    counts = {"Stadt": 50, "X": 2, "Y": 48, "x1": 1, "x2": 1}
    # X itself is primary, so the city sum must lose Y too.
    assert suppressed_keys(counts, groups, 3) == {
        "X": "primary",
        "x1": "primary",
        "x2": "primary",
        "Y": "secondary",
    }


def test_a_cell_the_office_delivered_secret_is_protected_like_a_small_one():
    counts = {"Stadt": 100, "A": 50, "B": 10, "C": 7, "D": 33}
    assert suppressed_keys(counts, GROUP, 3, hidden={"A"}) == {
        "A": "primary",
        "C": "secondary",
    }


def test_public_cells_hide_value_numerator_and_denominator(town, foreigners):
    city, (north, south, west) = town
    for district, value in ((city, 100), (north, 2), (south, 10), (west, 88)):
        observe(foreigners, district, 2024, value)
    parents = {d.pk: d.parent_id for d in (city, north, south, west)}
    cells = {c.district_id: c for c in public_cells(foreigners, Observation.objects.all(), parents)}
    assert cells[north.pk].value is None
    assert cells[north.pk].symbol == SECRET_SYMBOL == "."
    assert cells[north.pk].flag == Flag.SECRET
    assert cells[south.pk].value is None and cells[south.pk].suppressed
    assert cells[west.pk].value == Decimal("88")
    assert cells[city.pk].value == Decimal("100")


def test_for_a_rate_the_numerator_decides(town, kaarst):
    from monitoring.models import Indicator

    rate = Indicator.objects.create(
        project=kaarst, code="R", name="Quote", definition="d", unit="%", topic="t", source="s"
    )
    city, (north, south, west) = town
    observe(rate, city, 2024, 10, numerator=30, denominator=300)
    observe(rate, north, 2024, 2, numerator=2, denominator=100)
    observe(rate, south, 2024, 14, numerator=14, denominator=100)
    observe(rate, west, 2024, 14, numerator=14, denominator=100)
    parents = {d.pk: d.parent_id for d in (city, north, south, west)}
    cells = {c.district_id: c for c in public_cells(rate, Observation.objects.all(), parents)}
    assert [cells[d.pk].suppressed for d in (city, north, south, west)] == [
        False,
        True,
        True,  # next smallest numerator (14, first in district order)
        False,
    ]
    assert cells[north.pk].denominator is None
