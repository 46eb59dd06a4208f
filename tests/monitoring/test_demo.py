"""Demo monitoring: both towns with levels, ≥15 indicators, a break, suppressed cells; idempotent."""

from decimal import Decimal
from pathlib import Path

from django.apps import apps

import pytest

from monitoring.confidentiality import public_cells
from monitoring.demo import load_demo_monitoring
from monitoring.importer import apply_import, read_import
from monitoring.models import Flag, Indicator, Observation
from network.models import District, DistrictLevel
from tests.monitoring.conftest import make_project


@pytest.fixture
def projects(db):
    result = {
        slug: make_project(slug, name)
        for slug, name in (("kaarst", "Kaarst"), ("kaiserslautern", "Kaiserslautern"))
    }
    # the network demo's short name of an Ortsbezirk is reused, not duplicated
    District.objects.create(project=result["kaiserslautern"], name="Kotten")
    return result


def counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_demo_monitoring_of_both_towns(projects):
    load_demo_monitoring(projects)
    kl = projects["kaiserslautern"]
    units = District.objects.filter(project=kl)
    assert units.filter(level=DistrictLevel.CITY).get().name == "Kaiserslautern"
    assert units.filter(level=DistrictLevel.DISTRICT).count() == 17
    kotten = units.get(name="Kotten")
    assert kotten.official_key == "KL-02" and kotten.parent.name == "Kaiserslautern"
    assert not units.filter(name="Innenstadt-West/Kotten").exists()
    assert all(u.boundary_is_schematic and u.boundary for u in units)
    for district in units:
        district.full_clean()  # every schematic boundary is a valid polygon
    kaarst_names = set(
        District.objects.filter(project=projects["kaarst"]).values_list("name", flat=True)
    )
    assert kaarst_names == {"Kaarst", "Kaarst-Mitte", "Büttgen", "Holzbüttgen", "Vorst", "Driesch"}
    indicators = Indicator.objects.filter(project=kl)
    assert indicators.count() >= 15
    assert all(i.demo_data and i.published and "Demodaten" in i.source for i in indicators)
    assert indicators.get(code="B2a").break_years() == [2024]
    years = set(Observation.objects.filter(indicator__project=kl).values_list("year", flat=True))
    assert years == set(range(2012, 2026))


def test_the_city_count_is_the_sum_of_its_districts(projects):
    load_demo_monitoring(projects)
    ew = Indicator.objects.get(project=projects["kaarst"], code="EW")
    city = Observation.objects.get(indicator=ew, year=2020, district__level=DistrictLevel.CITY)
    parts = Observation.objects.filter(
        indicator=ew, year=2020, district__level=DistrictLevel.DISTRICT
    )
    assert city.value == sum(o.value for o in parts)
    share = Indicator.objects.get(project=projects["kaarst"], code="A1a")
    assert share.formula == "percent"
    assert Observation.objects.filter(indicator=share, computed=True).count() == 14 * 6


def test_some_demo_cells_are_suppressed_in_public(projects):
    load_demo_monitoring(projects)
    d3a = Indicator.objects.get(project=projects["kaiserslautern"], code="D3a")
    parents = dict(District.objects.filter(project=d3a.project).values_list("pk", "parent_id"))
    cells = public_cells(d3a, Observation.objects.filter(indicator=d3a), parents)
    assert sum(c.suppressed for c in cells) >= 5
    assert Observation.objects.filter(indicator=d3a, flag=Flag.SECRET).count() == 1


def test_a_second_run_changes_nothing(projects):
    load_demo_monitoring(projects)
    before = counts()
    values = list(Observation.objects.order_by("pk").values_list("pk", "value"))
    load_demo_monitoring(projects)
    assert counts() == before
    assert list(Observation.objects.order_by("pk").values_list("pk", "value")) == values


EXAMPLES = Path(__file__).resolve().parents[2] / "monitoring" / "examples"


@pytest.mark.parametrize(
    ("name", "summary", "again"),
    [
        # five districts of Kaarst by official key, 2026 is not in the demo yet
        ("werte-lang.csv", "5 Werte: 5 neu, 0 geändert, 0 unverändert", "0 neu, 0 geändert, 5"),
        # two districts by name, 2024 and 2025 replace demo values, 2026 is new
        ("werte-breit.csv", "6 Werte: 2 neu, 4 geändert, 0 unverändert", "0 neu, 0 geändert, 6"),
    ],
)
def test_the_example_files_import_into_the_demo(projects, name, summary, again):
    load_demo_monitoring(projects)
    kaarst = projects["kaarst"]
    content = (EXAMPLES / name).read_bytes()
    preview = read_import(kaarst, name, content)
    assert preview.errors == []
    assert preview.summary() == summary
    apply_import(kaarst, preview)
    assert again in read_import(kaarst, name, content).summary()


def test_the_long_example_keeps_the_offices_symbols(projects):
    load_demo_monitoring(projects)
    kaarst = projects["kaarst"]
    apply_import(kaarst, read_import(kaarst, "w.csv", (EXAMPLES / "werte-lang.csv").read_bytes()))
    cells = {
        o.district.official_key: (o.value, o.flag)
        for o in Observation.objects.filter(indicator__code="E5", year=2026).select_related(
            "district"
        )
        if o.district.project_id == kaarst.pk
    }
    assert cells["KA-1"] == (Decimal("6.1"), Flag.OK)
    assert cells["KA-4"] == (Decimal("3.8"), Flag.LIMITED)
    assert cells["KA-5"] == (None, Flag.SECRET)
