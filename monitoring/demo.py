"""Demo monitoring of both projects: districts with levels, indicators, synthetic series.

Every value is synthetic (deterministic random walks around plausible levels) and every
indicator is marked ``demo_data``, so each page, chart and table says "Demodaten". The
definitions and sources are those of the Integrationsmonitoring der Länder (IntMK), the
Bundesagentur für Arbeit and the municipal statistics. District boundaries are schematic
rectangles, marked as such. A second run changes nothing.
"""

import datetime
import math
import random
from decimal import Decimal

from django.db import transaction

from wagtail import hooks

from monitoring.analysis import dissimilarity
from monitoring.computed import recompute
from monitoring.models import (
    Flag,
    Formula,
    ImportBatch,
    Indicator,
    IndicatorVersion,
    Observation,
    Polarity,
)
from monitoring.permissions import grant_monitoring_permissions
from network.models import District, DistrictLevel

__all__ = ["DEMO_YEARS", "INDICATORS", "TOWNS", "load_demo_monitoring"]

DEMO_YEARS = range(2012, 2026)
DEMO_SOURCE_NOTE = "Demodaten (synthetische Werte)"

#: Towns: the city unit, its Stadtteile/Ortsbezirke (name, key, residents in 2025) and the
#: names the network demo already uses for some of them (reused, never duplicated).
TOWNS = {
    "kaarst": {
        "city": ("Kaarst", "05162016"),
        "centre": (51.2276, 6.6173),
        "districts": [
            ("Kaarst-Mitte", "KA-1", 17800),
            ("Büttgen", "KA-2", 9800),
            ("Holzbüttgen", "KA-3", 7600),
            ("Vorst", "KA-4", 4200),
            ("Driesch", "KA-5", 3100),
        ],
    },
    "kaiserslautern": {
        "city": ("Kaiserslautern", "07312000"),
        "centre": (49.4447, 7.7690),
        "districts": [
            # The network demo's "Innenstadt" is the Ortsbezirk Innenstadt-Ost.
            ("Innenstadt", "KL-01", 9600),
            ("Innenstadt-West/Kotten", "KL-02", 8900),
            ("Innenstadt-Nord/Kaiserberg", "KL-03", 8100),
            ("Innenstadt-Südwest", "KL-04", 6900),
            ("Betzenberg", "KL-05", 5600),
            ("Lämmchesberg/Uniwohnstadt", "KL-06", 5200),
            ("Bännjerrück/Karl-Pfaff-Siedlung", "KL-07", 6100),
            ("Kaiserslautern-West (Erzhütten/Wiesenthalerhof)", "KL-08", 7400),
            ("Grübentälchen/Volkspark", "KL-09", 6300),
            ("Erfenbach", "KL-10", 2400),
            ("Siegelbach", "KL-11", 2700),
            ("Erlenbach", "KL-12", 2200),
            ("Morlautern", "KL-13", 2900),
            ("Mölschbach", "KL-14", 900),
            ("Dansenberg", "KL-15", 2300),
            ("Hohenecken", "KL-16", 3700),
            ("Einsiedlerhof", "KL-17", 1300),
        ],
        "reuse": {
            "Innenstadt-West/Kotten": "Kotten",
            "Lämmchesberg/Uniwohnstadt": "Lämmchesberg",
            "Bännjerrück/Karl-Pfaff-Siedlung": "Bännjerrück",
            "Kaiserslautern-West (Erzhütten/Wiesenthalerhof)": "Erzhütten",
            "Grübentälchen/Volkspark": "Grübentälchen",
        },
    },
}

IntMK = "Integrationsmonitoring der Länder"
MELDEREGISTER = "Einwohnermelderegister der Stadt (Statistikstelle)"
BA = "Statistik der Bundesagentur für Arbeit"

#: (code, name, topic, unit, decimals, polarity, kind, level, trend, definition, source, licence)
#: kind: "count" (residents-scaled count), "rate" (numerator/denominator in %), "computed".
INDICATORS = [
    (
        "EW",
        "Einwohnerinnen und Einwohner",
        "Bevölkerung",
        "Anzahl",
        0,
        Polarity.NEUTRAL,
        "count",
        1.0,
        0.002,
        "Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12.",
        MELDEREGISTER,
        "dl-de/by-2-0",
    ),
    (
        "AUS",
        "Ausländerinnen und Ausländer",
        "Bevölkerung",
        "Anzahl",
        0,
        Polarity.NEUTRAL,
        "count",
        0.12,
        0.035,
        "Einwohnerinnen und Einwohner mit Hauptwohnsitz ohne deutsche Staatsangehörigkeit am 31.12.",
        MELDEREGISTER,
        "dl-de/by-2-0",
    ),
    (
        "A1a",
        "Ausländeranteil",
        "Bevölkerung",
        "%",
        1,
        Polarity.NEUTRAL,
        "computed",
        0,
        0,
        "Ausländerinnen und Ausländer (Hauptwohnsitz) je 100 Einwohnerinnen und Einwohner "
        "(Hauptwohnsitz) am 31.12.",
        MELDEREGISTER,
        "dl-de/by-2-0",
    ),
    (
        "A1b",
        "Anteil der Bevölkerung mit Migrationshintergrund",
        "Bevölkerung",
        "%",
        1,
        Polarity.NEUTRAL,
        "rate",
        28.0,
        0.5,
        "Einwohnerinnen und Einwohner mit Migrationshintergrund (eigene oder elterliche "
        "Zuwanderung, abgeleitet nach MigraPro aus Staatsangehörigkeiten, Geburtsort und "
        "Zuzugsherkunft) je 100 Einwohnerinnen und Einwohner.",
        MELDEREGISTER + ", MigraPro",
        "dl-de/by-2-0",
    ),
    (
        "A2a",
        "Wanderungssaldo der ausländischen Bevölkerung",
        "Bevölkerung",
        "je 1.000",
        1,
        Polarity.NEUTRAL,
        "rate_permille",
        12.0,
        -0.3,
        "Zuzüge minus Fortzüge von Ausländerinnen und Ausländern über die Stadtgrenze im Jahr je "
        "1.000 Ausländerinnen und Ausländer am 31.12. des Vorjahres (IntMK A2a).",
        MELDEREGISTER + "; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "B1",
        "Anteil mit unbefristetem Aufenthaltstitel",
        "Rechtliche Integration",
        "%",
        1,
        Polarity.HIGHER_BETTER,
        "rate",
        45.0,
        0.4,
        "Ausländerinnen und Ausländer mit Niederlassungserlaubnis, Erlaubnis zum Daueraufenthalt-EU "
        "oder unbefristetem Aufenthaltsrecht je 100 Ausländerinnen und Ausländer "
        "(ohne Unionsbürger), Stichtag 31.12.",
        "Ausländerzentralregister / Ausländerbehörde",
        "dl-de/by-2-0",
    ),
    (
        "B2a",
        "Einbürgerungsquote I",
        "Rechtliche Integration",
        "%",
        2,
        Polarity.HIGHER_BETTER,
        "rate",
        2.2,
        0.02,
        "Einbürgerungen im Jahr je 100 Ausländerinnen und Ausländer mit mindestens acht Jahren "
        "Aufenthaltsdauer am 31.12. des Vorjahres (IntMK B2a).",
        "Einbürgerungsstatistik des Statistischen Landesamts; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "B2b",
        "Einbürgerungsquote II",
        "Rechtliche Integration",
        "%",
        2,
        Polarity.HIGHER_BETTER,
        "rate",
        1.1,
        0.02,
        "Einbürgerungen im Jahr je 100 Ausländerinnen und Ausländer am 31.12. des Vorjahres "
        "(IntMK B2b).",
        "Einbürgerungsstatistik des Statistischen Landesamts; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "C1b",
        "Betreuungsquote unter 3 Jahren, Kinder mit Migrationshintergrund",
        "Kindertagesbetreuung",
        "%",
        1,
        Polarity.HIGHER_BETTER,
        "rate",
        18.0,
        0.6,
        "Kinder unter 3 Jahren mit mindestens einem Elternteil ausländischer Herkunft in "
        "Kindertageseinrichtungen und Tagespflege je 100 Kinder dieser Altersgruppe mit "
        "Migrationshintergrund, Stichtag 1.3. (IntMK C1b).",
        "Kinder- und Jugendhilfestatistik; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "C2b",
        "Betreuungsquote 3 bis unter 6 Jahren, Kinder mit Migrationshintergrund",
        "Kindertagesbetreuung",
        "%",
        1,
        Polarity.HIGHER_BETTER,
        "rate",
        82.0,
        0.4,
        "Kinder von 3 bis unter 6 Jahren mit mindestens einem Elternteil ausländischer Herkunft "
        "in Kindertageseinrichtungen je 100 Kinder dieser Altersgruppe mit Migrationshintergrund, "
        "Stichtag 1.3.; kann über 100 % liegen, weil am Ort der Einrichtung gezählt wird (IntMK C2b).",
        "Kinder- und Jugendhilfestatistik; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "C3",
        "Kita-Kinder mit nichtdeutscher Familiensprache",
        "Kindertagesbetreuung",
        "%",
        1,
        Polarity.NEUTRAL,
        "rate",
        24.0,
        0.5,
        "Kinder in Kindertageseinrichtungen, in deren Familie vorrangig nicht Deutsch gesprochen "
        "wird, je 100 Kinder in Kindertageseinrichtungen, Stichtag 1.3. (IntMK C3).",
        "Kinder- und Jugendhilfestatistik; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "D3a",
        "Ausländische Schulabgänger ohne Hauptschulabschluss",
        "Bildung",
        "%",
        1,
        Polarity.LOWER_BETTER,
        "rate_small",
        14.0,
        -0.3,
        "Ausländische Abgängerinnen und Abgänger allgemeinbildender Schulen ohne "
        "Hauptschulabschluss je 100 ausländische Abgängerinnen und Abgänger (Wohnort der "
        "Schülerinnen und Schüler; IntMK D3).",
        "Schulstatistik des Statistischen Landesamts; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "D1",
        "Übergangsquote auf das Gymnasium, ausländische Kinder",
        "Bildung",
        "%",
        1,
        Polarity.HIGHER_BETTER,
        "rate",
        24.0,
        0.4,
        "Ausländische Schülerinnen und Schüler, die nach der Grundschule auf ein Gymnasium "
        "wechseln, je 100 ausländische Schülerinnen und Schüler der 4. Klasse (IntMK D1).",
        "Schulstatistik des Statistischen Landesamts; " + IntMK,
        "dl-de/by-2-0",
    ),
    (
        "E1",
        "Beschäftigungsquote der ausländischen Bevölkerung",
        "Arbeitsmarkt",
        "%",
        1,
        Polarity.HIGHER_BETTER,
        "rate",
        38.0,
        0.9,
        "Sozialversicherungspflichtig Beschäftigte am Wohnort ohne deutsche Staatsangehörigkeit "
        "im Alter von 15 bis unter 65 Jahren je 100 Ausländerinnen und Ausländer dieses Alters, "
        "Stichtag 30.6.",
        BA,
        "dl-de/by-2-0",
    ),
    (
        "E5",
        "Arbeitslosenanteil der ausländischen Bevölkerung",
        "Arbeitsmarkt",
        "%",
        1,
        Polarity.LOWER_BETTER,
        "rate",
        11.0,
        -0.2,
        "Arbeitslose ohne deutsche Staatsangehörigkeit je 100 Ausländerinnen und Ausländer im "
        "Alter von 15 bis unter 65 Jahren (Arbeitslosenanteil; für Stadtteile, weil die amtliche "
        "Quote nur für die Stadt vorliegt; IntMK E5), Jahresdurchschnitt.",
        BA,
        "dl-de/by-2-0",
    ),
    (
        "E8",
        "SGB-II-Quote der ausländischen Bevölkerung",
        "Arbeitsmarkt",
        "%",
        1,
        Polarity.LOWER_BETTER,
        "rate",
        22.0,
        -0.35,
        "Leistungsberechtigte nach dem SGB II ohne deutsche Staatsangehörigkeit je 100 "
        "Ausländerinnen und Ausländer unter der Regelaltersgrenze, Dezember (IntMK E8).",
        BA + " (Grundsicherung für Arbeitsuchende)",
        "dl-de/by-2-0",
    ),
    (
        "IK",
        "Neue Teilnehmende an Integrationskursen",
        "Sprache",
        "Anzahl",
        0,
        Polarity.HIGHER_BETTER,
        "city_count",
        0.009,
        0.01,
        "Neue Kursteilnehmende an Integrationskursen mit Wohnsitz in der Stadt im Jahr.",
        "Integrationskursgeschäftsstatistik des Bundesamts für Migration und Flüchtlinge",
        "dl-de/by-2-0",
    ),
    (
        "SEG",
        "Segregationsindex Ausländer/Deutsche",
        "Bevölkerung",
        "Index (0–100)",
        1,
        Polarity.LOWER_BETTER,
        "segregation",
        0,
        0,
        "Dissimilaritätsindex nach Duncan über die Stadtteile/Ortsbezirke: Anteil der "
        "ausländischen Bevölkerung, der umziehen müsste, damit sie in jedem Stadtteil so "
        "verteilt wäre wie die deutsche (0 = gleich verteilt, 100 = völlig getrennt).",
        MELDEREGISTER + " (berechnet)",
        "dl-de/by-2-0",
    ),
]

NATURALISATION_REFORM = datetime.date(2024, 6, 27)
NATURALISATION_NEW = (
    "Einbürgerungen im Jahr je 100 Ausländerinnen und Ausländer mit mindestens fünf Jahren "
    "Aufenthaltsdauer am 31.12. des Vorjahres (IntMK B2a; Voraufenthalt nach § 10 Abs. 1 StAG "
    "seit dem 27.06.2024 fünf statt acht Jahre: Reihenbruch)."
)

#: Schematic grid: columns of the rectangles and their size in degrees.
CELL_LON, CELL_LAT = 0.022, 0.014


def _rectangle(lon, lat, width=CELL_LON, height=CELL_LAT):
    ring = [
        [round(lon, 6), round(lat, 6)],
        [round(lon + width, 6), round(lat, 6)],
        [round(lon + width, 6), round(lat + height, 6)],
        [round(lon, 6), round(lat + height, 6)],
        [round(lon, 6), round(lat, 6)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _districts(project, spec):
    """The city unit and its districts (existing ones reused, completed with key and level)."""
    lat0, lon0 = spec["centre"]
    names = spec["districts"]
    columns = math.ceil(math.sqrt(len(names)))
    rows = math.ceil(len(names) / columns)
    west = lon0 - columns * CELL_LON / 2
    south = lat0 - rows * CELL_LAT / 2
    city_name, city_key = spec["city"]
    city = District.objects.filter(project=project, name=city_name).first()
    if city is None:
        city = District.objects.create(
            project=project,
            name=city_name,
            level=DistrictLevel.CITY,
            official_key=city_key,
            boundary=_rectangle(west, south, columns * CELL_LON, rows * CELL_LAT),
            boundary_is_schematic=True,
        )
    units = []
    for index, (name, key, residents) in enumerate(names):
        shown = spec.get("reuse", {}).get(name, name)
        district = District.objects.filter(project=project, name=shown).first()
        if district is None:
            district = District(project=project, name=shown)
        if not district.official_key:
            row, column = divmod(index, columns)
            district.level = DistrictLevel.DISTRICT
            district.official_key = key
            district.parent = city
            district.boundary = _rectangle(
                west + column * CELL_LON, south + (rows - 1 - row) * CELL_LAT
            )
            district.boundary_is_schematic = True
            district.save()
        units.append((district, residents))
    return city, units


def _walk(rng, start, slope, years, noise, growth=False):
    """A random walk: ``slope`` per year (a growth rate where ``growth``), Gaussian noise."""
    value, values = start, []
    for _year in years:
        values.append(value)
        value = (value * (1 + slope) if growth else value + slope) + rng.gauss(0, noise)
    return values


def _indicator(project, spec):
    code, name, topic, unit, decimals, polarity, kind, _level, _trend, definition, source, lic = (
        spec
    )
    indicator, created = Indicator.objects.get_or_create(
        project=project,
        code=code,
        defaults={
            "name": name,
            "topic": topic,
            "unit": unit,
            "decimals": decimals,
            "polarity": polarity,
            "definition": definition,
            "source": f"{source} – {DEMO_SOURCE_NOTE}",
            "licence": lic,
            "contact": "Statistikstelle der Stadtverwaltung",
            "published": True,
            "demo_data": True,
            "is_count": kind in ("count", "city_count"),
            "classification": "natural_breaks" if kind == "rate" else "quantiles",
            "classes": 4 if project.slug == "kaiserslautern" else 3,
        },
    )
    if created:
        IndicatorVersion.objects.create(
            indicator=indicator,
            valid_from=datetime.date(DEMO_YEARS[0], 1, 1),
            definition=definition,
            is_break=False,
        )
        if code == "B2a":
            IndicatorVersion.objects.create(
                indicator=indicator, valid_from=NATURALISATION_REFORM, definition=NATURALISATION_NEW
            )
    return indicator, created


def _decimal(value, places=6):
    return Decimal(str(round(value, places)))


def _series(project, indicator, spec, city, units, batch, rng):
    """Observations of one base indicator for every district and the city, all years."""
    code, *_middle, kind, level, slope, _definition, _source, _licence = spec
    years = list(DEMO_YEARS)
    rows = []
    totals = {year: [0, 0] for year in years}
    if kind == "city_count":
        population = sum(r for _d, r in units)
        start = population * level
        values = _walk(rng, start, slope, years, start * 0.08, growth=True)
        for year, value in zip(years, values, strict=True):
            rows.append(
                Observation(
                    indicator=indicator,
                    district=city,
                    year=year,
                    value=_decimal(max(0, round(value)), 0),
                    batch=batch,
                )
            )
        return rows
    for position, (district, residents) in enumerate(units):
        factor = 0.6 + 0.8 * rng.random()
        if kind == "count":
            start = residents * level * (factor if level < 1 else 1) * (1 - 0.002 * len(years))
            values = _walk(rng, start, slope, years, start * 0.01, growth=True)
            for year, value in zip(years, values, strict=True):
                count = max(0, round(value))
                totals[year][0] += count
                rows.append(
                    Observation(
                        indicator=indicator,
                        district=district,
                        year=year,
                        value=_decimal(count, 0),
                        batch=batch,
                    )
                )
            continue
        base = level * factor
        rates = _walk(rng, base, slope, years, base * 0.04)
        per = 1000 if kind == "rate_permille" else 100
        for year, rate in zip(years, rates, strict=True):
            if kind == "rate_small":
                denominator = max(1, round(residents * 0.0012 * (1 + 0.1 * math.sin(year))))
            else:
                denominator = max(1, round(residents * 0.12 * (1 + 0.01 * (year - 2012))))
            if code == "B2a" and year >= 2024:
                rate, denominator = rate * 1.35, round(denominator * 1.4)
            rate = max(0.0, rate) if kind != "rate_permille" else rate
            numerator = round(rate * denominator / per)
            flag = Flag.OK
            if code == "D3a" and position == len(units) - 1 and year == 2019:
                flag = Flag.SECRET  # delivered as secret by the office
            if year == 2025 and code in ("E5", "E8"):
                flag = Flag.PROVISIONAL
            totals[year][0] += numerator
            totals[year][1] += denominator
            rows.append(
                Observation(
                    indicator=indicator,
                    district=district,
                    year=year,
                    value=None if flag == Flag.SECRET else _decimal(numerator / denominator * per),
                    numerator=None if flag == Flag.SECRET else _decimal(numerator, 0),
                    denominator=_decimal(denominator, 0),
                    flag=flag,
                    batch=batch,
                )
            )
    for year in years:
        numerator, denominator = totals[year]
        if kind == "count":
            rows.append(
                Observation(
                    indicator=indicator,
                    district=city,
                    year=year,
                    value=_decimal(numerator, 0),
                    batch=batch,
                )
            )
        else:
            per = 1000 if kind == "rate_permille" else 100
            rows.append(
                Observation(
                    indicator=indicator,
                    district=city,
                    year=year,
                    value=_decimal(numerator / denominator * per),
                    numerator=_decimal(numerator, 0),
                    denominator=_decimal(denominator, 0),
                    flag=Flag.PROVISIONAL if year == 2025 and code in ("E5", "E8") else Flag.OK,
                    batch=batch,
                )
            )
    return rows


def _segregation(indicator, city, units):
    by_cell = {
        (o.indicator.code, o.district_id, o.year): o.value
        for o in Observation.objects.filter(
            indicator__project=indicator.project, indicator__code__in=("EW", "AUS")
        ).select_related("indicator")
    }
    rows = []
    for year in DEMO_YEARS:
        group = [float(by_cell[("AUS", d.pk, year)]) for d, _r in units]
        everyone = [float(by_cell[("EW", d.pk, year)]) for d, _r in units]
        rest = [e - g for e, g in zip(everyone, group, strict=True)]
        index = dissimilarity(group, rest) * 100
        rows.append(
            Observation(
                indicator=indicator, district=city, year=year, value=_decimal(index), computed=True
            )
        )
    return rows


def load_project(project, stdout=None):
    """Districts, indicators and series of one project; existing ones stay untouched."""
    spec = TOWNS[project.slug]
    rng = random.Random(f"monitoring-demo-{project.slug}")
    city, units = _districts(project, spec)
    indicators, new = {}, []
    for indicator_spec in INDICATORS:
        indicator, created = _indicator(project, indicator_spec)
        indicators[indicator.code] = indicator
        if created:
            new.append((indicator, indicator_spec))
    if not new:
        return
    batch = ImportBatch.objects.create(
        project=project,
        file_name="Demodaten (synthetisch)",
        sha256="0" * 64,
        file_format="demo",
        layout="long",
    )
    rows = []
    for indicator, indicator_spec in new:
        kind = indicator_spec[6]
        if kind in ("computed", "segregation"):
            continue
        rows.extend(_series(project, indicator, indicator_spec, city, units, batch, rng))
    Observation.objects.bulk_create(rows, batch_size=2000)
    batch.rows = batch.created = len(rows)
    batch.save(update_fields=["rows", "created"])
    share = indicators["A1a"]
    if any(i.code == "A1a" for i, _s in new):
        share.formula, share.base_a, share.base_b = (
            Formula.PERCENT,
            indicators["AUS"],
            indicators["EW"],
        )
        share.save(update_fields=["formula", "base_a", "base_b"])
        recompute(share)
    if any(i.code == "SEG" for i, _s in new):
        Observation.objects.bulk_create(_segregation(indicators["SEG"], city, units))
    if stdout is not None:
        stdout.write(
            f"Monitoring {project.name}: {len(indicators)} Indikatoren, "
            f"{Observation.objects.filter(indicator__project=project).count()} Werte (Demodaten)"
        )


@hooks.register("load_demo_data", order=40)
def load_demo_monitoring(projects, stdout=None):
    """The ``load_demo_data`` hook: monitoring demo data for each project that has a town."""
    with transaction.atomic():
        for slug, project in sorted(projects.items()):
            if slug in TOWNS:
                if project.manager_group_id:
                    grant_monitoring_permissions(project.manager_group)
                load_project(project, stdout)
