"""Demo data of the volunteering for both sites: opportunities, volunteers, hours, donations.

Names are synthetic. Everything is created once per project; a second run changes nothing.
Dates hang on the network demo's anchor day, except the qualifications that are meant to
expire soon, which count from the day the demo is loaded so the "läuft in 30 Tagen ab"
list has something to show.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wagtail import hooks

from network.demo import ANCHOR_DATE
from network.models import District, Institution
from volunteers.models import (
    DonationNeed,
    DonationStatus,
    FieldOfActivity,
    HoursEntry,
    Insurance,
    Opportunity,
    OpportunityKind,
    OpportunitySlot,
    OpportunityStatus,
    Placement,
    PoliceCertificate,
    Qualification,
    QualificationType,
    Skill,
    State,
    Volunteer,
    VolunteerAvailability,
    VolunteerLanguage,
    VolunteerSettings,
    VolunteerStatus,
)
from volunteers.pages import VolunteeringIndexPage
from volunteers.permissions import grant_volunteer_permissions

__all__ = ["load_demo_volunteers"]

FIELDS = [
    "Sprachpatenschaft",
    "Hausaufgabenhilfe",
    "Begleitung zu Ämtern",
    "Café und Begegnung",
    "Sport und Freizeit",
    "Veranstaltungen",
]
SKILLS = [
    "Kochen",
    "Nachhilfe Mathematik",
    "Übersetzen",
    "Fahrrad reparieren",
    "Kinderbetreuung",
    "Organisation",
    "Musik",
]
QUALIFICATION_TYPES = [
    ("Erste Hilfe", 24),
    ("Jugendleitercard (Juleica)", 36),
    ("Schulung Sprachpatenschaft", None),
    ("Hygieneschulung", 24),
]
STATES = {"kaarst": State.NW, "kaiserslautern": State.RP}

#: (title, field, kind, skills, languages, without German, min age, accessible,
#:  police certificate, required qualification, slots as (weekday, from, to))
OPPORTUNITIES = [
    (
        "Sprachpatin oder Sprachpate",
        "Sprachpatenschaft",
        OpportunityKind.REGULAR,
        ["Übersetzen"],
        ["de"],
        False,
        18,
        True,
        False,
        "Schulung Sprachpatenschaft",
        [(1, 17, 19)],
    ),
    (
        "Hausaufgabenhilfe für Grundschulkinder",
        "Hausaufgabenhilfe",
        OpportunityKind.REGULAR,
        ["Nachhilfe Mathematik", "Kinderbetreuung"],
        ["de", "tr"],
        False,
        16,
        True,
        True,
        None,
        [(0, 14, 16), (2, 14, 16)],
    ),
    (
        "Begleitung zu Behörden und Ärzten",
        "Begleitung zu Ämtern",
        OpportunityKind.REGULAR,
        ["Übersetzen", "Organisation"],
        ["ar", "uk"],
        False,
        18,
        False,
        False,
        None,
        [(3, 9, 12)],
    ),
    (
        "Internationales Frauencafé",
        "Café und Begegnung",
        OpportunityKind.REGULAR,
        ["Kochen"],
        ["ar", "tr", "de"],
        True,
        None,
        True,
        False,
        "Hygieneschulung",
        [(4, 15, 18)],
    ),
    (
        "Fahrradwerkstatt",
        "Sport und Freizeit",
        OpportunityKind.REGULAR,
        ["Fahrrad reparieren"],
        ["de", "en"],
        True,
        14,
        False,
        False,
        None,
        [(5, 10, 13)],
    ),
    (
        "Helferin oder Helfer beim Stadtteilfest",
        "Veranstaltungen",
        OpportunityKind.ONE_OFF,
        ["Organisation", "Kochen"],
        [],
        True,
        None,
        True,
        False,
        None,
        [(5, 11, 18)],
    ),
    (
        "Ferienfreizeit für Jugendliche",
        "Sport und Freizeit",
        OpportunityKind.PROJECT,
        ["Kinderbetreuung", "Musik"],
        ["de"],
        False,
        18,
        True,
        True,
        "Erste Hilfe",
        [(0, 9, 16), (1, 9, 16)],
    ),
    (
        "Musik verbindet: Chor für alle",
        "Café und Begegnung",
        OpportunityKind.REGULAR,
        ["Musik"],
        ["de", "en"],
        True,
        None,
        True,
        False,
        None,
        [(2, 18, 20)],
    ),
    (
        "Lesepatenschaft in der Stadtbibliothek",
        "Sprachpatenschaft",
        OpportunityKind.REGULAR,
        ["Kinderbetreuung"],
        ["de"],
        False,
        16,
        True,
        True,
        None,
        [(3, 15, 17)],
    ),
]

FIRST_NAMES = [
    "Amira",
    "Jonas",
    "Leyla",
    "Mehmet",
    "Olena",
    "Paul",
    "Samira",
    "Tobias",
    "Yusuf",
    "Hanna",
    "Karim",
    "Mia",
    "Dmytro",
    "Elif",
    "Lukas",
    "Nour",
    "Sophie",
    "Ahmad",
    "Greta",
    "Rana",
    "Felix",
    "Aylin",
    "Maksym",
    "Clara",
    "Omar",
]
LAST_NAMES = [
    "Beispiel",
    "Muster",
    "Probe",
    "Demo",
    "Testfeld",
    "Linde",
    "Aue",
    "Brunnen",
    "Eiche",
    "Feld",
]
CEFR_LEVELS = ["A2", "B1", "B2", "C1", "M"]
END_REASONS = ["weggezogen", "keine Zeit mehr"]
DONATIONS = [
    ("Kinderwagen", "2", "gut erhalten", DonationStatus.NEEDED, "Keine Autositze."),
    (
        "Wintermäntel für Kinder (Größe 110–140)",
        "10",
        "sauber, ohne Löcher",
        DonationStatus.NEEDED,
        "",
    ),
    ("Deutsch-Lehrbücher A1/A2", "15", "aktuelle Auflage", DonationStatus.ENOUGH, ""),
    (
        "Fahrräder",
        "",
        "fahrbereit",
        DonationStatus.STOP,
        "Keine Elektrogeräte, keine Kuscheltiere.",
    ),
]


def _categories(project, model, names):
    return {name: model.objects.get_or_create(project=project, name=name)[0] for name in names}


def _qualification_types(project):
    types = {}
    for name, months in QUALIFICATION_TYPES:
        types[name] = QualificationType.objects.get_or_create(
            project=project, name=name, defaults={"validity_months": months}
        )[0]
    return types


def _opportunities(project, rng, fields, skills, qualifications, languages):
    institutions = list(Institution.objects.filter(project=project, active=True).order_by("name"))
    rng.shuffle(institutions)
    contact = project.people.order_by("name").first()
    opportunities = []
    for index, spec in enumerate(OPPORTUNITIES):
        (
            title,
            field,
            kind,
            wanted,
            codes,
            no_german,
            age,
            accessible,
            certificate,
            needs,
            slots,
        ) = spec
        institution = institutions[index] if index < len(institutions) and index != 5 else None
        status = (
            OpportunityStatus.DRAFT
            if index == len(OPPORTUNITIES) - 1
            else OpportunityStatus.PUBLISHED
        )
        opportunity = Opportunity(
            project=project,
            title=title,
            field=fields[field],
            kind=kind,
            description=(
                f"{title}: wir suchen Menschen, die Lust haben, sich in der Nachbarschaft "
                "zu engagieren. Sie werden eingearbeitet und begleitet."
            ),
            tasks="Vorbereiten und mitmachen\nAnsprechperson für die Teilnehmenden sein",
            time_commitment="einmalig am Festtag"
            if kind == OpportunityKind.ONE_OFF
            else "2 Stunden pro Woche",
            hours_per_week=None if kind == OpportunityKind.ONE_OFF else Decimal(2),
            district=institution.district if institution else None,
            institution=institution,
            contact_person=contact,
            without_german=no_german,
            min_age=age,
            accessible=accessible,
            requirements="Freundlichkeit und Geduld.",
            police_certificate_required=certificate,
            insurance=Insurance.CARRIER if institution else Insurance.STATE,
            benefits="Einarbeitung und Schulung\nErsatz von Fahrtkosten\nEhrenamtsnachweis",
            status=status,
            last_reviewed=ANCHOR_DATE - datetime.timedelta(days=30 if index % 3 else 120),
        )
        opportunity.save()
        opportunity.languages.set([languages[code] for code in codes if code in languages])
        opportunity.skills.set([skills[name] for name in wanted])
        if needs:
            opportunity.required_qualifications.set([qualifications[needs]])
        opportunity.save()
        for order, (day, start, end) in enumerate(slots):
            OpportunitySlot.objects.create(
                opportunity=opportunity,
                sort_order=order,
                weekday=day,
                start=datetime.time(start),
                end=datetime.time(end),
            )
        opportunities.append(opportunity)
    return opportunities


def _volunteers(project, rng, skills, districts, languages):
    statuses = (
        [VolunteerStatus.ACTIVE] * 14
        + [VolunteerStatus.PAUSED] * 2
        + [VolunteerStatus.IN_TALKS] * 4
        + [VolunteerStatus.REQUESTED] * 3
        + [VolunteerStatus.ENDED] * 2
    )
    volunteers = []
    offset = 0 if project.slug == "kaarst" else 5
    for index, status in enumerate(statuses):
        first = FIRST_NAMES[(index + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 3 + offset) % len(LAST_NAMES)]
        volunteer = Volunteer(
            project=project,
            name=f"{first} {last}",
            email=f"{first.lower()}.{last.lower()}@example.org",
            phone="" if index % 3 else f"0151 5550{index:03d}",
            birth_date=datetime.date(
                1955 + rng.randrange(50), rng.randrange(1, 13), rng.randrange(1, 29)
            ),
            status=status,
            end_reason=END_REASONS[index % 2] if status == VolunteerStatus.ENDED else "",
            notes="Erstgespräch geführt." if status != VolunteerStatus.REQUESTED else "",
            consent_version="demo",
            consented_at=timezone.make_aware(
                datetime.datetime.combine(
                    ANCHOR_DATE - datetime.timedelta(days=200 - index), datetime.time(10)
                )
            ),
        )
        volunteer.save()
        volunteer.skills.set(rng.sample(list(skills.values()), 2))
        if districts:
            volunteer.districts.set(rng.sample(districts, min(2, len(districts))))
        volunteer.save()
        spoken = ["de"] + rng.sample(["ar", "tr", "uk", "en"], 1 + index % 2)
        for order, code in enumerate(spoken):
            if code in languages:
                VolunteerLanguage.objects.create(
                    volunteer=volunteer,
                    language=languages[code],
                    level="C1" if code == "de" and index % 4 else rng.choice(CEFR_LEVELS),
                    sort_order=order,
                )
        for order, day in enumerate(sorted(rng.sample(range(7), 2))):
            start = rng.choice([9, 14, 17])
            VolunteerAvailability.objects.create(
                volunteer=volunteer,
                sort_order=order,
                weekday=day,
                start=datetime.time(start),
                end=datetime.time(start + 3),
            )
        volunteers.append(volunteer)
    return volunteers


def _qualifications(volunteers, types):
    today = timezone.localdate()
    for index, volunteer in enumerate(volunteers[:16]):
        kind = list(types.values())[index % len(types)]
        obtained = ANCHOR_DATE - datetime.timedelta(days=100 + 20 * index)
        expires = None
        if index in (1, 5, 9):
            # expires soon after the day the demo is loaded
            expires = today + datetime.timedelta(days=8 + 7 * (index // 4))
        Qualification.objects.create(
            volunteer=volunteer, type=kind, obtained_on=obtained, expires_on=expires
        )


def _placements_and_hours(rng, volunteers, opportunities):
    published = [o for o in opportunities if o.status == OpportunityStatus.PUBLISHED]
    placed = [
        v
        for v in volunteers
        if v.status in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED, VolunteerStatus.ENDED)
    ]
    for index, volunteer in enumerate(placed):
        opportunity = published[index % len(published)]
        start = ANCHOR_DATE - datetime.timedelta(days=60 + 14 * index)
        end = (
            ANCHOR_DATE - datetime.timedelta(days=20)
            if volunteer.status == VolunteerStatus.ENDED
            else None
        )
        placement = Placement.objects.create(
            volunteer=volunteer, opportunity=opportunity, start=start, end=end
        )
        if opportunity.police_certificate_required:
            PoliceCertificate.objects.create(
                volunteer=volunteer,
                certificate_date=start - datetime.timedelta(days=20),
                inspected_on=start - datetime.timedelta(days=10),
                inspected_by="Frau Duran",
                relevant_entry=False,
            )
        day = start
        last = end or ANCHOR_DATE
        week = 0
        while day <= last:
            HoursEntry.objects.create(
                placement=placement,
                date=day,
                hours=Decimal(rng.choice(["1.5", "2", "2.5", "3", "6"])),
                approved=day < ANCHOR_DATE - datetime.timedelta(days=14),
            )
            day += datetime.timedelta(days=7)
            week += 1


def _donations(project):
    office = project.name
    for order, (item, quantity, condition, status, not_accepted) in enumerate(DONATIONS):
        DonationNeed.objects.create(
            project=project,
            item=item,
            quantity=quantity,
            condition=condition,
            dropoff_place=office,
            dropoff_times="Di und Do 10–12 Uhr, bitte vorher anrufen",
            status=status,
            not_accepted=not_accepted,
            sort_order=order,
        )


def _page(project):
    """The /engagement/ page in the menu, its translations, and the home's "Mitmachen" tile."""
    from cms.pages import HomePage

    home = project.site.root_page.specific
    if not isinstance(home, HomePage):
        return None
    page = VolunteeringIndexPage.objects.child_of(home).filter(slug="engagement").first()
    if page is None:
        page = home.add_child(
            instance=VolunteeringIndexPage(
                title="Mitmachen",
                slug="engagement",
                show_in_menus=True,
                intro=INTRO,
            )
        )
        _translate(page)
    _point_highlight(home, page)
    return page


INTRO = (
    "<p>Möchten Sie sich ehrenamtlich engagieren oder etwas spenden? Hier finden "
    "Sie Engagementangebote in der Nachbarschaft.</p>"
)
#: the page's texts in English and Arabic (as cms.demo_translations.TEXTS)
PAGE_TEXTS = {
    "Mitmachen": ("Get involved", "شارك معنا"),
    "Möchten Sie sich ehrenamtlich engagieren oder etwas spenden? Hier finden Sie "
    "Engagementangebote in der Nachbarschaft.": (
        "Would you like to volunteer or donate something? Here you find volunteering "
        "opportunities in the neighbourhood.",
        "هل ترغب في التطوع أو التبرع بشيء؟ تجد هنا فرص التطوع في الحي.",
    ),
}


def _translate(page):
    """English and Arabic versions, where the home page has them."""
    from wagtail.models import Locale

    from cms.demo_translations import DEMO_LANGUAGES, TEXTS, translate_page

    parent = page.get_parent()
    for code in DEMO_LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None and parent.get_translation_or_none(locale) is not None:
            translate_page(page, code, texts={**TEXTS, **PAGE_TEXTS})


def _point_highlight(home, page):
    """Let the "Mitmachen" highlight of the home page (all languages) lead to ``page``."""
    from cms.pages import HomePage

    ids = [
        block.id
        for block in home.highlights
        if block.block_type == "highlight" and block.value["title"] == "Mitmachen"
    ]
    if not ids:
        return
    for version in HomePage.objects.filter(translation_key=home.translation_key):
        raw = version.highlights.raw_data
        changed = False
        for index in range(len(raw)):
            block = raw[index]
            if block["id"] in ids and block["value"].get("page") != page.pk:
                block["value"]["page"] = page.pk
                raw[index] = block
                changed = True
        if changed:
            version.save_revision().publish()


@hooks.register("load_demo_data", order=30)
def load_demo_volunteers(projects, stdout=None):
    """Create each project's volunteering demo once; a second run changes nothing."""
    from cms.snippets import OfferLanguage

    with transaction.atomic():
        languages = {language.code: language for language in OfferLanguage.objects.all()}
        for slug, project in sorted(projects.items()):
            if project.manager_group is not None:
                grant_volunteer_permissions(project.manager_group)
            settings = VolunteerSettings.for_site(project.site)
            if settings.state != STATES.get(slug, settings.state):
                settings.state = STATES[slug]
                settings.save()
            _page(project)
            if Opportunity.objects.filter(project=project).exists():
                continue
            rng = random.Random(f"volunteers-{slug}")
            fields = _categories(project, FieldOfActivity, FIELDS)
            skills = _categories(project, Skill, SKILLS)
            types = _qualification_types(project)
            districts = list(District.objects.filter(project=project).order_by("name"))
            opportunities = _opportunities(project, rng, fields, skills, types, languages)
            volunteers = _volunteers(project, rng, skills, districts, languages)
            _qualifications(volunteers, types)
            _placements_and_hours(rng, volunteers, opportunities)
            _donations(project)
            if stdout:
                stdout.write(
                    f"Ehrenamt {project.name}: {len(opportunities)} Angebote, "
                    f"{len(volunteers)} Ehrenamtliche angelegt."
                )
