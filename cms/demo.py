"""Demo content of both projects: sites, page trees, media, groups and users (idempotent).

Every object is looked up by a natural key before it is created, and nothing that exists is
changed, so a second run leaves the database exactly as it was. Stored dates are fixed
(upcoming events lie in 2027/2028, the kickoffs in 2019/2020), never relative to today.
"""

import datetime
import io
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from PIL import Image as PILImage
from PIL import ImageDraw

from cms.demo_translations import DEMO_LANGUAGES, translate_page
from cms.models import (
    ContactPage,
    EasyLanguagePage,
    EventIndexPage,
    EventPage,
    FormField,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferIndexPage,
    OfferLanguage,
    OfferPage,
    OfferSlot,
    OfficeHourException,
    OfficeHourSlot,
    Person,
    Project,
    SiteSettings,
    StandardPage,
    TargetGroup,
    TeamMember,
    TeamPage,
)

__all__ = ["DEMO_USERS", "load", "load_users"]

BERLIN = ZoneInfo("Europe/Berlin")
PORT = 8000


def _at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _time(text):
    return datetime.time.fromisoformat(text)


TARGET_GROUPS = [
    ("alle", "Alle Interessierten"),
    ("kinder-jugendliche", "Kinder und Jugendliche"),
    ("familien", "Familien"),
    ("frauen", "Frauen"),
    ("senioren", "Seniorinnen und Senioren"),
    ("gefluechtete", "Geflüchtete"),
    ("ehrenamtliche", "Ehrenamtliche"),
    ("fachkraefte", "Fachkräfte und Einrichtungen"),
]
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("ar", "Arabisch"),
    ("tr", "Türkisch"),
    ("uk", "Ukrainisch"),
]

KAARST_INTRO = (
    "<p>Das Integrationsmanagement am Albert-Einstein-Forum soll dazu beitragen, dass der "
    "beliebte und bekannte Veranstaltungsort in der Kaarster Innenstadt zu einem "
    "generationsübergreifenden, interkulturellen und überreligiösen Quartiersstützpunkt "
    "qualifiziert wird.</p><p>Sie sind gerne dazu eingeladen, sich hieran zu beteiligen!</p>"
)
KAARST_ABOUT = [
    (
        "paragraph",
        "<p>Das Integrationsmanagement am Albert-Einstein-Forum soll dazu beitragen, dass der "
        "beliebte und bekannte Veranstaltungsort in der Kaarster Innenstadt zu einem "
        "generationsübergreifenden, interkulturellen und überreligiösen Quartiersstützpunkt "
        "qualifiziert wird. Der Aufbau eines Integrationsmanagements folgt dem im Integrierten "
        "Entwicklungs- und Handlungskonzept (IEHK) für die Kaarster Innenstadt erhobenen Bedarf "
        "nach einem mehrgenerativ ausgerichteten, zentralen Treffpunkt.</p>"
        "<p>In Zusammenarbeit mit der Stadt Kaarst und Einrichtungen sowie Bewohner/innen der "
        "Kaarster Innenstadt wird ab dem Sommer 2020 der Treff und entsprechende Angebote "
        "aufgebaut.</p>",
    ),
    ("heading", {"text": "Aufgabe", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Aufbau einer sozial-kulturellen Infrastruktur und einer nachbarschaftlichen "
        "Alltagskultur</li><li>Sicherstellung und Organisation einer professionellen Begleitung, "
        "die eine soziale Entwicklung im Stadtteil aufbaut und unterstützt</li><li>Organisation "
        "und Einrichtung der zentralen Anlaufstelle vor Ort</li><li>fachliche Hilfe für "
        "Bürgerinnen und Bürger im Engagement für ihren Stadtteil</li><li>Beratung und "
        "Unterstützung der Bewohnerschaft in der Selbstorganisation</li><li>Kooperation mit dem "
        "Citymanager und anderen Stellen und Ämtern</li><li>Aufbau von lokalen "
        "Vernetzungsstrukturen und Entwicklung stadtteilbezogener "
        "Kommunikationsstrukturen</li></ul>",
    ),
    ("heading", {"text": "Zielgruppe", "level": "h2"}),
    (
        "paragraph",
        "<p>Das Angebot richtet sich explizit an alle Bewohner/innen der Kaarster Innenstadt und "
        "weitere Menschen und Einrichtungen, die an einer Etablierung einer Nachbarschaftskultur "
        "in der Kaarster Innenstadt interessiert sind.</p>",
    ),
]

KL_INTRO = (
    "<p>Kaum ein Phänomen hat in den letzten Jahren die politischen Diskussionen, die Medien "
    "und institutionellen Ebenen so nachhaltig bestimmt wie die Themen „Zuwanderung“ und "
    "„Integration“. Das Projektbüro gestaltet die kommunale Schlüsselaufgabe Integration "
    "zusammen mit den anderen Akteuren.</p>"
)
KL_ABOUT = [
    (
        "paragraph",
        "<p>Kaum ein Phänomen hat in den letzten Jahren die politischen Diskussionen, die Medien "
        "und institutionellen Ebenen bis heute so nachhaltig bestimmt und soziale Fragestellungen "
        "aufgeworfen wie das Thema „Zuwanderung“ und „Integration“.</p><p>Dies erfordert "
        "entsprechende Reaktionen, eine nachhaltige Orientierung und Bereitstellung von "
        "Ressourcen. In seiner Laufzeit soll das Projektbüro Antworten auf diese "
        "Herausforderungen finden und mit konkreten Schritten die kommunale Schlüsselaufgabe "
        "Integration zusammen mit den anderen Akteuren gestalten helfen. Die Leitung des "
        "Projektbüros hat Alexander Pongrácz.</p>",
    ),
    ("heading", {"text": "Integrationsmonitoring", "level": "h2"}),
    (
        "paragraph",
        "<p>Frau Disch baut für die Stadt Kaiserslautern ein Integrationsmonitoring auf. Aus "
        "einer großen Menge an Daten müssen die erkannt, bezogen und aufbereitet werden, welche "
        "für den Prozess der Integration in unserer Stadt von Bedeutung sind. Durch Indikatoren "
        "gestützt, sollen belastbare Aussagen und Prognosen hinsichtlich der Entwicklung und "
        "Bedarfe in der Integrationsarbeit abgeleitet werden können.</p>",
    ),
    ("heading", {"text": "Ehrenamtskoordination", "level": "h2"}),
    (
        "paragraph",
        "<p>Das Engagement vieler Menschen als Ehrenamtliche ist nicht nur im Bereich der "
        "Flüchtlingsunterstützung ein unbezahlbares, wertvolles Gut. Mit der koordinierenden "
        "Unterstützung ist Frau Duran betraut. Das Qualifizieren von Ehrenamtlichen ist dabei "
        "ebenso wichtig wie die Förderung ehrenamtlicher Aktivitäten.</p>",
    ),
    ("heading", {"text": "Öffentlichkeitsarbeit", "level": "h2"}),
    (
        "paragraph",
        "<p>In der Öffentlichkeitsarbeit geht es in erster Linie um den sinnvollen Einsatz der "
        "sozialen Medien. Die Internetseite, die Facebook-Seite und zukünftig eine App sollen "
        "zielgruppengerecht informieren und Kommunikation ermöglichen.</p>",
    ),
]

PROJECTS = {
    "kaarst": {
        "name": "Integrationsmanagement Albert-Einstein-Forum Kaarst",
        "hostname": "kaarst.localhost",
        "default": True,
        "collection": "Kaarst",
        "accent": "#005a9c",
        "address": "Integrationsmanagement Albert-Einstein-Forum Kaarst\nAm Schulzentrum 16\n41564 Kaarst",
        "phone": "0178 9423032",
        "email": "integration@kaarst.example.org",
        "accessibility": {
            "accessibility_standard": (
                "Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW, § 10b) und "
                "Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW); Prüfmaßstab "
                "EN 301 549 / WCAG 2.1, Stufe AA."
            ),
            "arbitration_name": (
                "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen "
                "bei der Beauftragten der Landesregierung für Menschen mit Behinderung"
            ),
            "arbitration_address": "Fürstenwall 25\n40219 Düsseldorf",
            "arbitration_email": "ombudsstelle-barrierefreie-it@mags.nrw.de",
            "arbitration_phone": "",
            "arbitration_url": "https://www.lbbp.nrw.de/ombudsstelle",
        },
        "facebook": "",
        "home_title": "Albert-Einstein-Forum Kaarst",
        "intro": KAARST_INTRO,
        "about_title": "Über das Integrationsmanagement",
        "about": KAARST_ABOUT,
        "translated": [
            "impressum",
            "datenschutz",
            "barrierefreiheit",
            "ueber-uns",
            "aktuelles",
            "aktuelles/auftaktveranstaltungen",
            "veranstaltungen",
            "veranstaltungen/sommerfest-2027",
            "angebote",
            "angebote/offene-sprechstunde",
            "angebote/sprachcafe",
            "team",
            "kontakt",
        ],
        "people": [
            (
                "Max Gassen",
                "Leitung Integrationsmanagement",
                "Ansprechpartner für Bewohnerinnen und Bewohner, Einrichtungen und Ehrenamtliche.",
                "integration@kaarst.example.org",
                "0178 9423032",
            ),
        ],
        "office_hours": [
            (0, "10:00", "12:00", ""),
            (2, "14:00", "17:00", ""),
            (3, "10:00", "12:00", ""),
        ],
        "exceptions": [
            (datetime.date(2026, 12, 24), "Heiligabend"),
            (datetime.date(2026, 12, 31), "Silvester"),
            (datetime.date(2027, 1, 1), "Neujahr"),
        ],
        "news": [
            (
                "eroeffnung-albert-einstein-forum",
                "Eröffnung des Albert-Einstein-Forums geplant",
                datetime.date(2020, 7, 1),
                "Die Eröffnung des Albert-Einstein-Forums ist für Mitte bis Ende August 2020 geplant.",
                ["Forum", "Eröffnung"],
            ),
            (
                "sprechzeiten-und-angebote",
                "Sprechzeiten und Angebote folgen in Kürze",
                datetime.date(2020, 7, 15),
                "Sprechzeiten und eine Übersicht der Angebote veröffentlichen wir in Kürze.",
                ["Angebote"],
            ),
            (
                "auftaktveranstaltungen",
                "Informationen zu den Auftaktveranstaltungen",
                datetime.date(2020, 8, 3),
                "Alle Informationen zu den Auftaktveranstaltungen folgen in Kürze an dieser Stelle.",
                ["Veranstaltungen"],
            ),
        ],
        "events": [
            (
                "auftakt-nachbarschaft",
                "Auftaktveranstaltung: Nachbarschaft gestalten",
                _at(2020, 8, 28, 17),
                _at(2020, 8, 28, 20),
                "Albert-Einstein-Forum, Forum",
                "kostenlos",
                "",
            ),
            (
                "auftakt-einrichtungen",
                "Auftaktveranstaltung für Einrichtungen der Innenstadt",
                _at(2020, 9, 9, 10),
                _at(2020, 9, 9, 13),
                "Albert-Einstein-Forum, Seminarraum",
                "kostenlos",
                "Anmeldung per E-Mail erbeten",
            ),
            (
                "sommerfest-2027",
                "Interkulturelles Sommerfest",
                _at(2027, 6, 12, 15),
                _at(2027, 6, 12, 19),
                "Albert-Einstein-Forum, Vorplatz",
                "kostenlos",
                "",
            ),
            (
                "nachbarschaftsforum-2027",
                "Nachbarschaftsforum Innenstadt",
                _at(2027, 10, 7, 18),
                _at(2027, 10, 7, 20, 30),
                "Albert-Einstein-Forum, Forum",
                "kostenlos",
                "Anmeldung bis eine Woche vorher",
            ),
            (
                "ehrenamtsboerse-2028",
                "Ehrenamtsbörse",
                _at(2028, 3, 4, 11),
                _at(2028, 3, 4, 16),
                "Albert-Einstein-Forum, Foyer",
                "kostenlos",
                "",
            ),
        ],
        "offers": [
            (
                "offene-sprechstunde",
                "Offene Sprechstunde",
                "beratung",
                ["alle"],
                ["de", "en"],
                [(0, "10:00", "12:00"), (3, "15:00", "17:00")],
                "Max Gassen",
                "Fragen zum Stadtteil, zu Angeboten und zum Engagement – ohne Anmeldung.",
            ),
            (
                "sprachcafe",
                "Sprachcafé",
                "sprache",
                ["gefluechtete", "alle"],
                ["de", "ar", "tr"],
                [(1, "16:00", "18:00")],
                "Max Gassen",
                "Deutsch sprechen üben bei Kaffee und Tee.",
            ),
            (
                "nachbarschaftstreff",
                "Nachbarschaftstreff",
                "treffpunkt",
                ["alle", "senioren"],
                ["de"],
                [(2, "14:30", "17:00")],
                "Max Gassen",
                "Gemeinsam Zeit verbringen, Ideen für die Innenstadt entwickeln.",
            ),
            (
                "hausaufgabenhilfe",
                "Hausaufgabenhilfe",
                "kinder",
                ["kinder-jugendliche", "familien"],
                ["de", "ar", "uk"],
                [(0, "14:00", "16:00"), (2, "14:00", "16:00")],
                "Max Gassen",
                "Ehrenamtliche helfen Schülerinnen und Schülern bei den Hausaufgaben.",
            ),
            (
                "ehrenamtsstammtisch",
                "Ehrenamtsstammtisch",
                "ehrenamt",
                ["ehrenamtliche"],
                ["de"],
                [(3, "18:00", "20:00")],
                "Max Gassen",
                "Austausch für alle, die sich im Quartier engagieren oder engagieren möchten.",
            ),
        ],
    },
    "kaiserslautern": {
        "name": "Projektbüro Integration und Interkulturelle Angelegenheiten Kaiserslautern",
        "hostname": "kaiserslautern.localhost",
        "default": False,
        "collection": "Kaiserslautern",
        "accent": "#8a1538",
        "address": "Projektbüro Integration und Interkulturelle Angelegenheiten\nRathaus\nWilly-Brandt-Platz 1\n67657 Kaiserslautern",
        "phone": "0631 365-0000",
        "email": "integration@kaiserslautern.example.org",
        "accessibility": {
            "accessibility_standard": (
                "Landesinklusionsgesetz Rheinland-Pfalz und Barrierefreie-Informationstechnik-"
                "Verordnung Rheinland-Pfalz (BITV RP); Prüfmaßstab EN 301 549 / WCAG 2.1, Stufe AA."
            ),
            "arbitration_name": (
                "Durchsetzungsstelle zur digitalen Barrierefreiheit bei dem Landesbeauftragten für "
                "die Belange von Menschen mit Behinderungen Rheinland-Pfalz"
            ),
            "arbitration_address": "Bauhofstraße 9\n55116 Mainz",
            "arbitration_email": "durchsetzungsstelle@mastd.rlp.de",
            "arbitration_phone": "06131 16-5342",
            "arbitration_url": (
                "https://inklusion.rlp.de/de/landesbeauftragte-landesteilhabebeirat/durchsetzungsstelle/"
            ),
        },
        "facebook": "https://www.facebook.com/",
        "home_title": "Projektbüro Integration Kaiserslautern",
        "intro": KL_INTRO,
        "about_title": "Über das Projektbüro",
        "about": KL_ABOUT,
        "translated": [
            "impressum",
            "datenschutz",
            "barrierefreiheit",
            "ueber-uns",
            "aktuelles",
            "aktuelles/projektbuero-auf-facebook",
            "veranstaltungen",
            "veranstaltungen/integrationsbericht-2027",
            "angebote",
            "angebote/beratung-ehrenamt",
            "angebote/interkultureller-frauentreff",
            "team",
            "kontakt",
        ],
        "people": [
            (
                "Alexander Pongrácz",
                "Leitung des Projektbüros",
                "Gesamtverantwortung für das Projektbüro Integration.",
                "integration@kaiserslautern.example.org",
                "0631 365-0000",
            ),
            (
                "Frau Disch",
                "Integrationsmonitoring",
                "Baut das Integrationsmonitoring der Stadt auf: Daten, Indikatoren, Prognosen.",
                "monitoring@kaiserslautern.example.org",
                "0631 365-0001",
            ),
            (
                "Frau Duran",
                "Ehrenamtskoordination und Öffentlichkeitsarbeit",
                "Koordiniert und qualifiziert Ehrenamtliche; betreut Internetseite und Facebook.",
                "ehrenamt@kaiserslautern.example.org",
                "0631 365-0002",
            ),
        ],
        "office_hours": [(1, "09:00", "12:00", ""), (3, "13:00", "16:00", "")],
        "exceptions": [
            (datetime.date(2026, 12, 24), "Heiligabend"),
            (datetime.date(2027, 1, 1), "Neujahr"),
        ],
        "news": [
            (
                "integrationsmonitoring-im-aufbau",
                "Integrationsmonitoring im Aufbau",
                datetime.date(2019, 7, 18),
                "Frau Disch baut für die Stadt ein Integrationsmonitoring auf.",
                ["Monitoring"],
            ),
            (
                "ehrenamtliche-gesucht",
                "Ehrenamtliche gesucht",
                datetime.date(2019, 9, 2),
                "Möchten Sie sich ehrenamtlich engagieren? Frau Duran berät Sie gern.",
                ["Ehrenamt"],
            ),
            (
                "projektbuero-auf-facebook",
                "Das Projektbüro auf Facebook",
                datetime.date(2019, 10, 1),
                "Neuigkeiten aus dem Projektbüro gibt es jetzt auch auf unserer Facebook-Seite.",
                ["Öffentlichkeitsarbeit"],
            ),
        ],
        "events": [
            (
                "auftakt-projektbuero",
                "Auftaktveranstaltung des Projektbüros",
                _at(2019, 7, 18, 18),
                _at(2019, 7, 18, 20),
                "Rathaus, Großer Ratssaal",
                "kostenlos",
                "",
            ),
            (
                "auftakt-ehrenamt",
                "Auftaktveranstaltung Ehrenamtskoordination",
                _at(2020, 2, 12, 17),
                _at(2020, 2, 12, 19),
                "Rathaus, Raum 1",
                "kostenlos",
                "",
            ),
            (
                "tag-des-ehrenamts-2027",
                "Tag des Ehrenamts",
                _at(2027, 12, 5, 14),
                _at(2027, 12, 5, 18),
                "Rathaus, Foyer",
                "kostenlos",
                "",
            ),
            (
                "integrationsbericht-2027",
                "Vorstellung des Integrationsberichts",
                _at(2027, 11, 10, 18),
                _at(2027, 11, 10, 20),
                "Rathaus, Großer Ratssaal",
                "kostenlos",
                "Anmeldung erbeten",
            ),
            (
                "interkulturelle-woche-2028",
                "Eröffnung der Interkulturellen Woche",
                _at(2028, 9, 24, 11),
                _at(2028, 9, 24, 14),
                "Stiftsplatz",
                "kostenlos",
                "",
            ),
        ],
        "offers": [
            (
                "beratung-ehrenamt",
                "Beratung für Ehrenamtliche",
                "ehrenamt",
                ["ehrenamtliche"],
                ["de", "tr"],
                [(1, "09:00", "12:00")],
                "Frau Duran",
                "Wo kann ich mich engagieren? Persönliche Beratung im Projektbüro.",
            ),
            (
                "qualifizierung-ehrenamt",
                "Qualifizierungsreihe für Ehrenamtliche",
                "bildung",
                ["ehrenamtliche"],
                ["de"],
                [(2, "17:00", "19:00")],
                "Frau Duran",
                "Fortbildungen zu Recht, Kommunikation und interkultureller Kompetenz.",
            ),
            (
                "datensprechstunde",
                "Datensprechstunde Integrationsmonitoring",
                "beratung",
                ["fachkraefte"],
                ["de", "en"],
                [(3, "10:00", "12:00")],
                "Frau Disch",
                "Für Einrichtungen: Fragen zu Daten und Indikatoren der Integration.",
            ),
            (
                "interkultureller-frauentreff",
                "Interkultureller Frauentreff",
                "treffpunkt",
                ["frauen"],
                ["de", "ar", "tr"],
                [(4, "10:00", "12:00")],
                "Frau Duran",
                "Begegnung, Austausch und gemeinsame Ausflüge.",
            ),
            (
                "deutsch-im-alltag",
                "Deutsch im Alltag",
                "sprache",
                ["gefluechtete", "familien"],
                ["de", "uk", "ar"],
                [(0, "17:00", "19:00"), (2, "17:00", "19:00")],
                "Frau Disch",
                "Ehrenamtlich geleiteter Gesprächskreis für Alltagsdeutsch.",
            ),
        ],
    },
}

DEMO_USERS = [
    ("admin", None, True),
    ("redaktion-kaarst", "Redaktion Kaarst", False),
    ("redaktion-kaiserslautern", "Redaktion Kaiserslautern", False),
    ("netzwerk-kaarst", "Netzwerk Kaarst", False),
    ("netzwerk-kaiserslautern", "Netzwerk Kaiserslautern", False),
]

PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


# --- helpers --------------------------------------------------------------------------------


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, slug, build):
    """The child of ``parent`` with ``slug``, created (and published) with ``build()`` if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = build()
    page.slug = slug
    _check_editable(page)
    parent.add_child(instance=page)
    return _publish(page)


def _rich_texts(block, value):
    """(features, HTML) of every rich text in a block's value, nested blocks included."""
    if isinstance(block, blocks.RichTextBlock):
        yield block.features, value.source
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            yield from _rich_texts(child.block, child.value)
    elif isinstance(value, blocks.StructValue):
        for child in value.bound_blocks.values():
            yield from _rich_texts(child.block, child.value)
    elif isinstance(value, blocks.list_block.ListValue):
        for child in value.bound_blocks:
            yield from _rich_texts(child.block, child.value)


def _check_editable(page):
    """Refuse rich text that the page editor could not load (it would answer 500 on edit)."""
    texts = []
    for field in page._meta.get_fields():
        value = getattr(page, field.name, None) if hasattr(field, "attname") else None
        if isinstance(field, StreamField):
            texts.extend(_rich_texts(field.stream_block, value))
        elif isinstance(field, RichTextField) and value:
            texts.append((field.features, value))
    for features, html in texts:
        try:
            ContentstateConverter(features=features).from_database_format(html)
        except AssertionError as error:
            raise ValueError(
                f"Demo page {page.title!r}: the editor cannot load {html!r}"
            ) from error


def _png(colour, size=(1200, 630), label_box=True):
    """A deterministic PNG: a field in ``colour`` with a lighter band (no fonts needed)."""
    image = PILImage.new("RGB", size, colour)
    if label_box:
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, size[1] * 2 // 3, size[0], size[1]], fill="#f2f2f2")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _image(title, collection, colour, filename, size=(1200, 630)):
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        image = Image(title=title, collection=collection)
        image.file = ImageFile(io.BytesIO(_png(colour, size)), name=filename)
        image.save()
    return image


def _document(title, collection, filename, text):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        document = Document(title=title, collection=collection)
        content = text.encode() if isinstance(text, str) else text
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


def _remove_wagtail_welcome_site():
    """Drop the placeholder site and page Wagtail's migrations create (if still untouched)."""
    for site in Site.objects.filter(hostname="localhost", port=80):
        root = site.root_page
        site.delete()
        if root.specific_class is Page and root.slug == "home" and not root.get_children():
            root.delete()


def _collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _vocabularies():
    groups = {
        slug: TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TARGET_GROUPS
    }
    languages = {
        code: OfferLanguage.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in LANGUAGES
    }
    return groups, languages


# --- per project ----------------------------------------------------------------------------


def _site_and_home(spec):
    site = Site.objects.filter(hostname=spec["hostname"], port=PORT).first()
    if site is not None:
        return site, site.root_page.specific
    root = Page.get_first_root_node()
    home = _child(
        root,
        spec["hostname"].split(".")[0],
        lambda: HomePage(title=spec["home_title"], intro=spec["intro"]),
    )
    if spec["default"]:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=spec["hostname"],
        port=PORT,
        root_page=home,
        site_name=spec["name"],
        is_default_site=spec["default"],
    )
    return site, home


def _people(spec, collection, project):
    people = {}
    for name, role, responsibility, email, phone in spec["people"]:
        person = Person.objects.filter(name=name).first()
        if person is None:
            person = Person.objects.create(
                project=project,
                name=name,
                role=role,
                responsibility=responsibility,
                email=email,
                phone=phone,
                photo=_image(
                    f"Porträt {name}", collection, "#6b7280", "portraet.png", size=(400, 400)
                ),
            )
        people[name] = person
    return people


def _legal_pages(home, spec):
    name, address = spec["name"], spec["address"].replace("\n", "<br/>")
    imprint = _child(
        home,
        "impressum",
        lambda: StandardPage(
            title="Impressum",
            body=[
                ("heading", {"text": "Angaben gemäß § 5 DDG", "level": "h2"}),
                ("paragraph", f"<p>{address}</p>"),
                (
                    "paragraph",
                    f"<p>Telefon: {spec['phone']}<br/>E-Mail: {spec['email']}</p>"
                    "<p>Verantwortlich für den Inhalt: die Projektleitung.</p>",
                ),
            ],
        ),
    )
    privacy = _child(
        home,
        "datenschutz",
        lambda: StandardPage(
            title="Datenschutzerklärung",
            body=[
                ("heading", {"text": "Verantwortliche Stelle", "level": "h2"}),
                ("paragraph", f"<p>{name}<br/>{address}</p>"),
                ("heading", {"text": "Kontaktformular", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Wenn Sie uns über das Kontaktformular schreiben, speichern wir Ihre "
                    "Angaben, um Ihre Anfrage zu bearbeiten (Art. 6 Abs. 1 lit. a DSGVO). "
                    "IP-Adressen speichern wir dabei nicht. Sie können Ihre Einwilligung "
                    "jederzeit widerrufen.</p>",
                ),
                ("heading", {"text": "Ihre Rechte", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung und "
                    "Einschränkung der Verarbeitung sowie auf Beschwerde bei einer "
                    "Aufsichtsbehörde.</p>",
                ),
            ],
        ),
    )
    accessibility = _child(
        home,
        "barrierefreiheit",
        lambda: StandardPage(
            title="Erklärung zur Barrierefreiheit",
            body=[
                (
                    "paragraph",
                    f"<p>{name} ist bemüht, diese Website im Einklang mit den Vorschriften zur "
                    "barrierefreien Informationstechnik zugänglich zu machen. Diese Erklärung gilt "
                    "für alle Seiten dieser Website.</p>",
                ),
                ("accessibility_statement", None),
            ],
        ),
    )
    return imprint, privacy, accessibility


def _news(home, spec, image):
    index = _child(
        home,
        "aktuelles",
        lambda: NewsIndexPage(
            title="Aktuelles", show_in_menus=True, intro="<p>Neuigkeiten aus dem Projekt.</p>"
        ),
    )
    for number, (slug, title, date, teaser, tags) in enumerate(spec["news"]):

        def build(title=title, date=date, teaser=teaser, tags=tags, number=number):
            page = NewsPage(
                title=title,
                date=date,
                teaser=teaser,
                image=image if number == 0 else None,
                image_alt="",
                body=[("paragraph", f"<p>{teaser}</p>")],
            )
            page.tags.add(*tags)
            return page

        _child(index, slug, build)
    return index


def _events(home, spec, organiser):
    index = _child(
        home,
        "veranstaltungen",
        lambda: EventIndexPage(
            title="Veranstaltungen",
            show_in_menus=True,
            intro="<p>Termine zum Vormerken – auch als Kalender zum Abonnieren.</p>",
        ),
    )
    for slug, title, start, end, place, cost, registration in spec["events"]:

        def build(title=title, start=start, end=end, place=place, cost=cost, reg=registration):
            return EventPage(
                title=title,
                start=start,
                end=end,
                place=place,
                address=spec["address"],
                cost=cost,
                registration=reg,
                organiser=organiser,
                teaser=f"{title} – alle sind herzlich eingeladen.",
                body=[("paragraph", f"<p>{title}: Wir freuen uns auf Ihren Besuch.</p>")],
            )

        _child(index, slug, build)
    return index


def _offers(home, spec, people, groups, languages):
    index = _child(
        home,
        "angebote",
        lambda: OfferIndexPage(
            title="Angebote",
            show_in_menus=True,
            intro="<p>Beratung, Sprachkurse, Treffpunkte und Angebote für Kinder.</p>",
        ),
    )
    for slug, title, category, group_slugs, codes, slots, contact, teaser in spec["offers"]:

        def build(
            title=title,
            category=category,
            slots=slots,
            contact=contact,
            teaser=teaser,
            group_slugs=group_slugs,
            codes=codes,
        ):
            page = OfferPage(
                title=title,
                category=category,
                place=spec["address"].splitlines()[0],
                contact_person=people[contact],
                cost="kostenlos",
                teaser=teaser,
                body=[("paragraph", f"<p>{teaser}</p>")],
            )
            page.slots = [
                OfferSlot(weekday=day, start=_time(begin), end=_time(finish))
                for day, begin, finish in slots
            ]
            page.target_groups = [groups[group] for group in group_slugs]
            page.languages = [languages[code] for code in codes]
            return page

        _child(index, slug, build)
    return index


def _team(home, people):
    def build():
        page = TeamPage(title="Team", show_in_menus=True, intro="<p>Wir sind für Sie da.</p>")
        page.members = [TeamMember(person=person) for person in people.values()]
        return page

    return _child(home, "team", build)


def _contact(home):
    def build():
        page = ContactPage(
            title="Kontakt",
            show_in_menus=True,
            intro="<p>Möchten Sie sich ehrenamtlich engagieren oder etwas spenden? Dann "
            "schreiben Sie uns über dieses Formular, eine Mail oder rufen Sie uns an.</p>",
            thank_you_text="<p>Vielen Dank für Ihre Nachricht! Wir melden uns bald bei Ihnen.</p>",
            subject="Neue Nachricht über das Kontaktformular",
        )
        page.form_fields = [
            FormField(label="Name", field_type="singleline", required=True),
            FormField(label="E-Mail", field_type="email", required=True),
            FormField(label="Telefon", field_type="singleline", required=False),
            FormField(
                label="Anliegen",
                field_type="dropdown",
                required=True,
                choices="Ehrenamtlich engagieren\nSpenden\nFrage\nBarrierefreiheit\nSonstiges",
            ),
            FormField(label="Nachricht", field_type="multiline", required=True),
        ]
        return page

    return _child(home, "kontakt", build)


def _settings(site, spec, logo, legal):
    site_settings = SiteSettings.for_site(site)
    if site_settings.name:
        return site_settings
    imprint, privacy, accessibility = legal
    site_settings.name = spec["name"]
    site_settings.logo = logo
    site_settings.accent_colour = spec["accent"]
    site_settings.address = spec["address"]
    site_settings.phone = spec["phone"]
    site_settings.email = spec["email"]
    site_settings.contact_text = (
        "Möchten Sie sich ehrenamtlich engagieren oder etwas spenden? "
        "Dann schreiben Sie eine Mail oder rufen Sie uns an."
    )
    site_settings.facebook_url = spec["facebook"]
    site_settings.imprint_page = imprint
    site_settings.privacy_page = privacy
    site_settings.accessibility_page = accessibility
    for field, value in spec["accessibility"].items():
        setattr(site_settings, field, value)
    site_settings.accessibility_conformance = "partial"
    site_settings.accessibility_limitations = (
        "<ul><li>Eine Fassung in Deutscher Gebärdensprache gibt es noch nicht (WCAG 1.2.6). "
        "Wir arbeiten daran; bis dahin beantworten wir Fragen gern per E-Mail.</li>"
        "<li>Die Zeichnung der Partnerkarte ist für Screenreader nicht lesbar; dieselben Angaben "
        "stehen in der Tabelle darunter.</li>"
        "<li>Ältere PDF-Dokumente sind zum Teil nicht barrierefrei. Auf Wunsch senden wir Ihnen "
        "den Inhalt in einer zugänglichen Form.</li></ul>"
    )
    site_settings.accessibility_statement_date = datetime.date(2026, 11, 2)
    site_settings.accessibility_review_date = datetime.date(2026, 12, 1)
    site_settings.accessibility_assessment = (
        "Selbstbewertung: automatische Prüfung jeder Seitenart mit axe-core (WCAG 2.1 A/AA) und "
        "dem W3C-Validator, dazu Bedienung mit der Tastatur und mit einem Screenreader, auf dem "
        "Smartphone (390 Pixel breit) und am Computer, auf Deutsch und Arabisch."
    )
    site_settings.office_hours = [
        OfficeHourSlot(weekday=day, opens=_time(opens), closes=_time(closes), note=note)
        for day, opens, closes, note in spec["office_hours"]
    ]
    site_settings.office_hour_exceptions = [
        OfficeHourException(date=date, closed=True, reason=reason)
        for date, reason in spec["exceptions"]
    ]
    site_settings.save()
    return site_settings


DEMO_MEDIA = Path(__file__).resolve().parent / "demo_media"


def _media_document(title, collection, filename):
    """A document from a file shipped in ``cms/demo_media`` (once per collection)."""
    return _document(title, collection, filename, (DEMO_MEDIA / filename).read_bytes())


def _easy_language(home, spec, collection, site_settings):
    """The site explained in Leichte Sprache and sign language, with contact and offers pages."""
    video = _media_document(
        f"Gebärdensprache: Das ist unsere Website ({spec['collection']})",
        collection,
        "gebaerdensprache-platzhalter.webm",
    )
    captions = _media_document(
        f"Untertitel: Das ist unsere Website ({spec['collection']})",
        collection,
        "gebaerdensprache-platzhalter.vtt",
    )
    short_name = spec["home_title"]
    index = _child(
        home,
        "leichte-sprache",
        lambda: EasyLanguagePage(
            title="Leichte Sprache",
            body=[
                ("heading", {"text": "Das ist unsere Website", "level": "h2"}),
                (
                    "text",
                    f"Diese Website ist von: {short_name}.\n"
                    "Wir helfen Menschen aus vielen Ländern.\n"
                    "Wir helfen beim Ankommen in der Stadt.\n"
                    "Unsere Hilfe kostet kein Geld.",
                ),
                (
                    "sign_language_video",
                    {
                        "title": "Das ist unsere Website: in Gebärdensprache",
                        "video": video,
                        "captions": captions,
                        "transcript": "Platzhalter: Hier steht bald ein Video in Deutscher "
                        "Gebärdensprache.\nDas Video erklärt, was diese Website bietet.",
                    },
                ),
                ("heading", {"text": "So finden Sie sich zurecht", "level": "h2"}),
                (
                    "text",
                    "Oben auf jeder Seite ist das Menü.\n"
                    "Im Menü stehen unsere Themen.\n"
                    "Oben gibt es auch ein Such-Feld.\n"
                    "Dort können Sie ein Wort eingeben.\n"
                    "Dann finden Sie Seiten zu dem Wort.\n"
                    "Sie können die Sprache wählen.\n"
                    "Zum Beispiel Englisch oder Arabisch.",
                ),
            ],
        ),
    )
    _child(
        index,
        "angebote",
        lambda: EasyLanguagePage(
            title="Unsere Angebote",
            body=[
                (
                    "text",
                    "Wir haben viele Angebote.\n"
                    "Zum Beispiel: Beratung.\n"
                    "Bei der Beratung beantworten wir Ihre Fragen.\n"
                    "Zum Beispiel: ein Sprach-Café.\n"
                    "Dort üben Sie Deutsch sprechen.\n"
                    "Alle Angebote finden Sie im Menü unter: Angebote.",
                ),
            ],
        ),
    )
    _child(
        index,
        "kontakt",
        lambda: EasyLanguagePage(
            title="So erreichen Sie uns",
            body=[
                (
                    "text",
                    f"Sie können uns anrufen.\nUnsere Telefon-Nummer ist: {spec['phone']}.\n"
                    f"Sie können uns eine E-Mail schreiben.\nUnsere E-Mail-Adresse ist: "
                    f"{spec['email']}.\nSie können auch zu uns kommen.\n"
                    f"Unsere Adresse ist: {spec['address'].splitlines()[-2]}, "
                    f"{spec['address'].splitlines()[-1]}.",
                ),
            ],
        ),
    )
    if site_settings.easy_language_page_id is None:
        site_settings.easy_language_page = index
        site_settings.save(update_fields=["easy_language_page"])
    return index


def _highlights(home, sections):
    if home.highlights.raw_data:
        return
    offers, events, contact = sections
    home.highlights = [
        (
            "highlight",
            {
                "title": "Angebote",
                "text": "Beratung, Sprachcafé, Treffpunkte und mehr.",
                "page": offers,
            },
        ),
        (
            "highlight",
            {"title": "Veranstaltungen", "text": "Termine zum Vormerken.", "page": events},
        ),
        (
            "highlight",
            {
                "title": "Mitmachen",
                "text": "Engagieren Sie sich in der Nachbarschaft.",
                "page": contact,
            },
        ),
    ]
    _publish(home)


def _translations(home, spec):
    """English and Arabic versions of the home page and of the pages listed in the spec."""
    pages = [home]
    for path in spec["translated"]:
        page = home
        for slug in path.split("/"):
            page = page.get_children().get(slug=slug)
        pages.append(page)
    for code in DEMO_LANGUAGES:
        for page in pages:
            translate_page(page, code)


def _groups(project, site, home, collection, label):
    editors, _ = Group.objects.get_or_create(name=f"Redaktion {label}")
    managers, _ = Group.objects.get_or_create(name=f"Netzwerk {label}")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(access_admin)
    managers.permissions.add(access_admin)
    page_type = ContentType.objects.get_for_model(Page)
    roots = [home, *home.get_translations()]
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        for root in roots:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=permission
            )
    settings_permission = Permission.objects.get(
        content_type__app_label="cms", codename="change_sitesettings"
    )
    GroupSitePermission.objects.get_or_create(
        group=editors, site=site, permission=settings_permission
    )
    for codename in ("add_person", "change_person", "delete_person"):
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="cms", codename=codename)
        )
    if project.editor_group_id != editors.pk or project.manager_group_id != managers.pk:
        project.editor_group = editors
        project.manager_group = managers
        project.save(update_fields=["editor_group", "manager_group"])
    return editors, managers


def _project(slug, spec, groups, languages, stdout):
    site, home = _site_and_home(spec)
    collection = _collection(spec["collection"])
    logo = _image(f"Logo {spec['collection']}", collection, spec["accent"], "logo.png", (400, 400))
    picture = _image(
        f"Treffpunkt {spec['collection']}", collection, spec["accent"], "treffpunkt.png"
    )
    flyer = _document(
        f"Flyer {spec['collection']}",
        collection,
        "flyer.txt",
        f"{spec['name']}\n\n{spec['address']}\nTelefon {spec['phone']}\n",
    )
    project = Project.objects.filter(slug=slug).first()
    if project is None:
        project = Project.objects.create(slug=slug, name=spec["name"], site=site)
    people = _people(spec, collection, project)
    legal = _legal_pages(home, spec)
    _child(
        home,
        "ueber-uns",
        lambda: StandardPage(
            title=spec["about_title"],
            show_in_menus=True,
            teaser=" ".join(spec["intro"].split("</p>")[0].split(">")[1:])[:300],
            body=[
                *spec["about"],
                (
                    "image",
                    {
                        "image": picture,
                        "alt_text": f"Farbfläche in der Farbe des Projekts {slug}",
                        "caption": "",
                    },
                ),
                ("people", {"title": "Ansprechpersonen", "people": list(people.values())}),
                (
                    "documents",
                    {"title": "Zum Herunterladen", "documents": [{"document": flyer, "label": ""}]},
                ),
                (
                    "call_to_action",
                    {
                        "text": "Kontakt aufnehmen",
                        "page": None,
                        "url": f"http://{spec['hostname']}:{PORT}/kontakt/",
                    },
                ),
            ],
        ),
    )
    news = _news(home, spec, picture)
    events = _events(home, spec, spec["name"])
    offers = _offers(home, spec, people, groups, languages)
    _team(home, people)
    contact = _contact(home)
    site_settings = _settings(site, spec, logo, legal)
    _highlights(home, (offers, events, contact))
    _easy_language(home, spec, collection, site_settings)
    _translations(home, spec)
    _groups(project, site, home, collection, spec["collection"])
    _say(stdout, f"Projekt {project.name}: http://{spec['hostname']}:{PORT}/ ({news.url})")
    return project


def load(stdout=None):
    """Create both projects with sites, pages, media and groups; return them by slug."""
    _remove_wagtail_welcome_site()
    groups, languages = _vocabularies()
    return {
        slug: _project(slug, spec, groups, languages, stdout) for slug, spec in PROJECTS.items()
    }


def load_users(projects, stdout=None):
    """Create the demo users that are missing; return their new password, or ``None``.

    One random password is shared by all users created in this run and shown once.
    """
    User = get_user_model()
    password = secrets.token_urlsafe(12)
    created = []
    for username, group_name, is_superuser in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            email=f"{username}@example.org",
            is_staff=is_superuser,
            is_superuser=is_superuser,
        )
        user.set_password(password)
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        created.append(username)
    if not created:
        return None
    _say(stdout, "Neue Demo-Benutzer: " + ", ".join(created))
    return password
