"""Demo network of both projects: fictitious institutions, contacts and cooperations (idempotent).

Everything is derived from a fixed seed per project and dated relative to a fixed anchor
date, so two runs produce the same records; objects are looked up by natural keys before
they are created and nothing that exists is changed.
"""

import datetime
import random
from decimal import Decimal

from wagtail import hooks

from network.models import (
    DIRECTED_COOPERATION_TYPES,
    ConsentMethod,
    Contact,
    Cooperation,
    CooperationStatus,
    CooperationType,
    District,
    Institution,
    InstitutionType,
    Membership,
    Provenance,
    Sector,
)
from network.permissions import grant_network_permissions
from network.signals import bulk_changes
from network.vocabulary import SECTORS, TYPES

__all__ = ["ANCHOR_DATE", "NETWORK_START", "load"]

#: "Today" of the demo data; nothing stored depends on the real date.
ANCHOR_DATE = datetime.date(2026, 10, 1)
FIRST_DATE = datetime.date(2020, 1, 1)
#: When each project began its network work (Kaarst: opening of the Albert-Einstein-Forum).
NETWORK_START = {
    "kaarst": datetime.date(2020, 8, 28),
    "kaiserslautern": datetime.date(2021, 3, 1),
}
INSTITUTIONS_PER_PROJECT = 80
COOPERATIONS_PER_PROJECT = 250


CITIES = {
    "kaarst": {
        "city": "Kaarst",
        "office": (
            "Albert-Einstein-Forum – Integrationsmanagement",
            "AEF",
            "Sonstige",
            ["Beratung", "Sprache", "Kultur"],
            "Kaarst-Mitte",
        ),
        "centre": (51.2276, 6.6173),
        "districts": {
            "Kaarst-Mitte": (0.0, 0.0),
            "Büttgen": (-0.020, -0.030),
            "Holzbüttgen": (0.010, -0.020),
            "Vorst": (-0.035, 0.010),
            "Driesch": (0.015, 0.020),
        },
        "street": "Am Neumarkt",
        "zip": "41564",
    },
    "kaiserslautern": {
        "city": "Kaiserslautern",
        "office": (
            "Projektbüro Integration und Interkulturelle Angelegenheiten",
            "Projektbüro",
            "Behörde/Amt",
            ["Beratung", "Arbeit", "Kultur"],
            "Innenstadt",
        ),
        "centre": (49.4447, 7.7690),
        "districts": {
            "Innenstadt": (0.0, 0.0),
            "Betzenberg": (-0.010, -0.015),
            "Grübentälchen": (0.005, 0.020),
            "Kotten": (-0.008, 0.010),
            "Lämmchesberg": (-0.012, 0.008),
            "Erzhütten": (0.020, 0.035),
            "Morlautern": (0.040, 0.010),
            "Bännjerrück": (-0.005, -0.030),
        },
        "street": "Willy-Brandt-Platz",
        "zip": "67657",
    },
}

# (name pattern, type, sectors); {city} and {district} are filled in.
CITY_WIDE = [
    ("Jobcenter {city}", "Behörde/Amt", ["Arbeit", "Beratung"]),
    ("Agentur für Arbeit {city}", "Behörde/Amt", ["Arbeit"]),
    ("Ausländerbehörde {city}", "Behörde/Amt", ["Beratung"]),
    ("Sozialamt {city}", "Behörde/Amt", ["Wohnen", "Beratung"]),
    ("Jugendamt {city}", "Behörde/Amt", ["Jugend", "Familie"]),
    ("Gesundheitsamt {city}", "Behörde/Amt", ["Gesundheit"]),
    ("Volkshochschule {city}", "Sonstige", ["Bildung", "Sprache"]),
    ("Stadtbibliothek {city}", "Sonstige", ["Bildung", "Kultur"]),
    ("Musikschule {city}", "Sonstige", ["Kultur", "Jugend"]),
    ("Caritas Migrationsberatung {city}", "Wohlfahrtsverband", ["Beratung", "Familie"]),
    ("Diakonie Flüchtlingsberatung {city}", "Wohlfahrtsverband", ["Beratung", "Wohnen"]),
    ("AWO Integrationsagentur {city}", "Wohlfahrtsverband", ["Beratung", "Arbeit"]),
    ("DRK Sprach- und Kulturmittler {city}", "Wohlfahrtsverband", ["Sprache", "Gesundheit"]),
    ("Jugendmigrationsdienst {city}", "Beratungsstelle", ["Jugend", "Beratung"]),
    ("Schuldnerberatung {city}", "Beratungsstelle", ["Beratung"]),
    ("Integrationsrat {city}", "Politik", ["Kultur"]),
    ("Ausschuss für Soziales und Integration {city}", "Politik", ["Wohnen"]),
    ("Deutsch-Türkischer Freundeskreis {city}", "Migrantenorganisation", ["Kultur"]),
    ("Ukrainische Gemeinschaft {city}", "Migrantenorganisation", ["Kultur", "Sprache"]),
    ("Syrisch-Deutscher Elternverein {city}", "Migrantenorganisation", ["Familie", "Bildung"]),
    ("Afrika-Forum {city}", "Migrantenorganisation", ["Kultur"]),
    ("Tafel {city}", "Initiative", ["Wohnen", "Senioren"]),
    ("Bürgerstiftung {city}", "Sonstige", ["Kultur", "Bildung"]),
    ("Wohnungsbaugesellschaft {city}", "Unternehmen", ["Wohnen"]),
    ("Kreishandwerkerschaft {city}", "Unternehmen", ["Arbeit"]),
    ("Stadtsportbund {city}", "Verein", ["Sport"]),
]
PER_DISTRICT = [
    ("Grundschule {district}", "Schule", ["Bildung", "Jugend"]),
    ("Kita {kita} {district}", "Kita", ["Bildung", "Familie"]),
    ("Familienzentrum {district}", "Kita", ["Familie", "Bildung"]),
    ("Jugendtreff {district}", "Initiative", ["Jugend", "Sport"]),
    ("Sportverein {district}", "Verein", ["Sport", "Jugend"]),
    ("Seniorentreff {district}", "Initiative", ["Senioren"]),
    ("Sprachcafé {district}", "Initiative", ["Sprache"]),
    ("Nachbarschaftshilfe {district}", "Initiative", ["Wohnen", "Senioren"]),
    ("Evangelische Kirchengemeinde {district}", "Religionsgemeinschaft", ["Religion"]),
    ("Katholische Pfarrgemeinde St. {saint} {district}", "Religionsgemeinschaft", ["Religion"]),
    ("Moscheeverein {district}", "Religionsgemeinschaft", ["Religion", "Bildung"]),
    ("Hausarztpraxis {district}", "Unternehmen", ["Gesundheit"]),
]
KITA_NAMES = ["Regenbogen", "Sonnenschein", "Pusteblume", "Löwenzahn", "Kunterbunt", "Arche"]
SAINTS = ["Martin", "Antonius", "Elisabeth", "Maria", "Josef", "Ludger", "Agnes", "Marien"]

CONTACTS = {
    "kaarst": [
        ("Aylin Demir", "Leitung", "Kontaktpflege im Integrationsnetzwerk"),
        ("Jonas Becker", "Koordination Ehrenamt", "Einladungen zu Netzwerktreffen"),
        ("Olena Kovalenko", "Sprachmittlerin", "Vermittlung von Sprachmittlung"),
        ("Samir Haddad", "Vorsitz", "Kontaktpflege im Integrationsnetzwerk"),
        ("Maria Schmitz", "Sozialarbeit", "Fallübergreifende Zusammenarbeit"),
        ("Thomas Weber", "Geschäftsführung", "Einladungen zu Netzwerktreffen"),
    ],
    "kaiserslautern": [
        ("Fatma Yılmaz", "Beratung", "Kontaktpflege im Integrationsnetzwerk"),
        ("Lukas Hoffmann", "Schulsozialarbeit", "Einladungen zu Netzwerktreffen"),
        ("Amina Yusuf", "Vorsitz", "Kontaktpflege im Integrationsnetzwerk"),
        ("Dmytro Shevchenko", "Ehrenamtliche Koordination", "Vermittlung von Sprachmittlung"),
        ("Sabine Klein", "Leitung", "Fallübergreifende Zusammenarbeit"),
        ("Karim Benali", "Jugendarbeit", "Einladungen zu Netzwerktreffen"),
    ],
}

TYPE_WEIGHTS = [
    (CooperationType.COOPERATION, 30),
    (CooperationType.INFORMATION, 25),
    (CooperationType.REFERRAL, 20),
    (CooperationType.NETWORK, 12),
    (CooperationType.ROOMS, 8),
    (CooperationType.FUNDING, 5),
]


def _categories(project, model, names):
    found = {}
    for name in names:
        found[name], _created = model.objects.get_or_create(project=project, name=name)
    return found


def _institution_specs(slug, rng):
    """80 (name, short name, type, sectors, district) tuples, the project office first."""
    spec = CITIES[slug]
    city = spec["city"]
    districts = list(spec["districts"])
    candidates = [
        (name.format(city=city), "", kind, sectors, rng.choice(districts))
        for name, kind, sectors in CITY_WIDE
    ]
    for index, district in enumerate(districts):
        for name, kind, sectors in PER_DISTRICT:
            candidates.append(
                (
                    name.format(
                        district=district,
                        kita=KITA_NAMES[(index + len(name)) % len(KITA_NAMES)],
                        saint=SAINTS[index % len(SAINTS)],
                    ),
                    "",
                    kind,
                    sectors,
                    district,
                )
            )
    rng.shuffle(candidates)
    return [spec["office"], *candidates[: INSTITUTIONS_PER_PROJECT - 1]]


def _coordinates(slug, district, rng):
    spec = CITIES[slug]
    lat0, lon0 = spec["centre"]
    dlat, dlon = spec["districts"][district]
    lat = lat0 + dlat + rng.uniform(-0.006, 0.006)
    lon = lon0 + dlon + rng.uniform(-0.009, 0.009)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _date_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _start_date(rng, network_start):
    """Few cooperations before the project's start, then more every year."""
    if rng.random() < 0.08:
        return _date_between(rng, FIRST_DATE, network_start - datetime.timedelta(days=1))
    span = (ANCHOR_DATE - network_start).days
    # A power below 1 of a uniform number leans towards 1: more cooperations every year.
    offset = int(span * (rng.random() ** 0.7))
    return network_start + datetime.timedelta(days=min(offset, span - 1))


def _institutions(project, rng, types, sectors, districts):
    institutions = []
    spec = CITIES[project.slug]
    for number, (name, short, kind, sector_names, district) in enumerate(
        _institution_specs(project.slug, rng)
    ):
        latitude, longitude = _coordinates(project.slug, district, rng)
        public = number == 0 or rng.random() < 0.12
        archived = number > 0 and rng.random() < 0.03
        institution, created = Institution.objects.get_or_create(
            project=project,
            name=name,
            defaults={
                "short_name": short,
                "type": types[kind],
                "district": districts[district],
                "address": f"{spec['street']} {number + 1}, {spec['zip']} {spec['city']}",
                "latitude": latitude,
                "longitude": longitude,
                "website": "",
                "description": f"{name}: fiktiver Eintrag der Demo-Daten.",
                "target_groups": rng.choice(
                    ["Familien", "Geflüchtete", "Jugendliche", "Seniorinnen und Senioren", ""]
                ),
                "languages": rng.choice(
                    ["Deutsch", "Deutsch, Türkisch", "Deutsch, Arabisch", "Deutsch, Ukrainisch"]
                ),
                "public": public and not archived,
                "active": not archived,
                "archived_on": datetime.date(2025, 12, 31) if archived else None,
            },
        )
        if created:
            institution.sectors.add(*(sectors[s] for s in sector_names))
        institutions.append(institution)
    return institutions


def _pick_pair(rng, institutions, hub_weights):
    source = rng.choices(institutions, weights=hub_weights)[0]
    # Partners in the same district or sector are likelier.
    others = [(index, i) for index, i in enumerate(institutions) if i.pk != source.pk]
    candidates = [candidate for _index, candidate in others]
    weights = [
        1 + 3 * (candidate.district_id == source.district_id) + hub_weights[index] / 4
        for index, candidate in others
    ]
    return source, rng.choices(candidates, weights=weights)[0]


def _cooperations(project, rng, institutions):
    network_start = NETWORK_START[project.slug]
    hub_weights = [
        12 if index == 0 else (3 if index < 8 else 1) for index in range(len(institutions))
    ]
    existing = {
        (c.source_id, c.target_id, c.type, c.valid_from)
        for c in Cooperation.objects.filter(project=project)
    }
    active_keys = set()
    made = 0
    attempts = 0
    while made < COOPERATIONS_PER_PROJECT and attempts < COOPERATIONS_PER_PROJECT * 20:
        attempts += 1
        source, target = _pick_pair(rng, institutions, hub_weights)
        kind = rng.choices([t for t, _w in TYPE_WEIGHTS], weights=[w for _t, w in TYPE_WEIGHTS])[0]
        valid_from = _start_date(rng, network_start)
        roll = rng.random()
        valid_to = None
        status = CooperationStatus.ACTIVE
        if roll < 0.12:
            status = CooperationStatus.ENDED
            valid_to = min(
                valid_from + datetime.timedelta(days=rng.randrange(90, 900)),
                ANCHOR_DATE - datetime.timedelta(days=1),
            )
        elif roll < 0.15:
            status = CooperationStatus.PLANNED
            valid_from = ANCHOR_DATE + datetime.timedelta(days=rng.randrange(14, 180))
        pair = (source.pk, target.pk)
        if kind not in DIRECTED_COOPERATION_TYPES:
            pair = tuple(sorted(pair))
        if status == CooperationStatus.ACTIVE:
            if (pair, kind) in active_keys:
                continue
            active_keys.add((pair, kind))
        unconfirmed = status == CooperationStatus.ACTIVE and rng.random() < 0.04
        intensity = rng.choices([1, 2, 3, 4, 5], weights=[10, 25, 35, 20, 10])[0]
        made += 1
        if (source.pk, target.pk, kind, valid_from) in existing:
            continue
        Cooperation.objects.create(
            project=project,
            source=source,
            target=target,
            type=kind,
            intensity=intensity,
            valid_from=valid_from,
            valid_to=valid_to,
            status=status,
            provenance=Provenance.SURVEY if unconfirmed else Provenance.MANUAL,
            confirmed=not unconfirmed,
            description="",
        )
        existing.add((source.pk, target.pk, kind, valid_from))


def _contacts(project, rng, institutions):
    for number, (name, role, purpose) in enumerate(CONTACTS[project.slug]):
        email = (
            name.lower()
            .replace(" ", ".")
            .replace("ı", "i")
            .replace("ü", "ue")
            .replace("ö", "oe")
            .replace("ä", "ae")
        ) + "@example.org"
        contact, _created = Contact.objects.get_or_create(
            project=project,
            name=name,
            email=email,
            defaults={
                "phone": f"0000 {100000 + number * 137}",
                "languages": "Deutsch",
                "consent_date": datetime.date(2024, 1 + number, 10 + number),
                "consent_purpose": purpose,
                "consent_method": [ConsentMethod.WRITTEN, ConsentMethod.EMAIL][number % 2],
            },
        )
        institution = institutions[(number * 7) % len(institutions)]
        Membership.objects.get_or_create(
            contact=contact,
            institution=institution,
            defaults={"role": role, "start": datetime.date(2021, 1 + number, 1)},
        )


def load_project(project, stdout=None):
    """Create the demo network of one project (nothing that exists is changed)."""
    rng = random.Random(f"network-demo-{project.slug}")
    types = _categories(project, InstitutionType, TYPES)
    sectors = _categories(project, Sector, SECTORS)
    districts = _categories(project, District, list(CITIES[project.slug]["districts"]))
    institutions = _institutions(project, rng, types, sectors, districts)
    _cooperations(project, rng, institutions)
    _contacts(project, rng, institutions)
    if project.manager_group_id:
        grant_network_permissions(project.manager_group)
    if stdout is not None:
        stdout.write(
            f"Netzwerk {project.name}: {len(institutions)} Institutionen, "
            f"{Cooperation.objects.filter(project=project).count()} Kooperationen"
        )


@hooks.register("load_demo_data", order=10)
def load(projects, stdout=None):
    """The ``load_demo_data`` hook: a demo network for each project that has one defined."""
    with bulk_changes():
        for slug, project in sorted(projects.items()):
            if slug in CITIES:
                load_project(project, stdout)
