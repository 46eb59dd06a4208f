"""Bad input on every form: NUL bytes, oversized fields and broken bodies answer 4xx in German.

Every address outside the API is classified below (``ROUTES``), and so is every page type
(``PAGE_TYPES``): a new address or page type fails ``test_every_address_is_classified`` until
someone decides whether it takes input and, if so, adds its form to ``FORMS``. Each form is
then sent a NUL byte, an oversized value and, for forms that are posted, a JSON body, a
multipart body without or with the wrong boundary and form data that is not UTF-8. Every
case must answer 400 with the exact German message, store nothing, send no mail and never
answer with a server error.
"""

import json
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import get_page_models

import pytest

from cms.snippets import Person
from cms.spam import sign_timestamp
from monitoring.models import ImportBatch, Indicator, Observation
from network.models import Contact, Cooperation, District, Institution, InstitutionType, Sector
from surveys.models import Response, Survey
from tests.demo_data import PASSWORD, contact_message, demo_content, demo_users  # noqa: F401
from tests.url_inventory import entries
from volunteers.models import Application, Opportunity, OpportunityStatus, Volunteer

HOST = "kaarst.localhost"
NUL = "Tr\x00eff"
LONG = "x" * 100_000
NUL_MESSAGE = "Nullzeichen sind nicht erlaubt."
BROKEN_BODY = (
    "Ihre Angaben kamen unvollständig oder beschädigt bei uns an und wurden nicht gespeichert."
)
PUBLIC_SUMMARY = "Bitte korrigieren Sie eine Angabe"
SURVEY_SUMMARY = "Bitte prüfen Sie Ihre Angaben"


def too_long(limit):
    """Our own message for a text over its limit."""
    return f"Bitte höchstens {limit} Zeichen eingeben."


def django_too_long(limit, length=100_000):
    """Django's German message for a model field over its limit (admin forms)."""
    return (
        f"Bitte sicherstellen, dass der Wert aus höchstens {limit} Zeichen besteht. "
        f"(Er besteht aus {length} Zeichen.)"
    )


def not_created(model_name):
    return f"Das „{model_name}“-Objekt konnte aufgrund von Fehlern nicht erstellt werden."


def not_saved(model_name):
    return f"Das „{model_name}“-Objekt konnte aufgrund von Fehlern nicht gespeichert werden."


# --- the forms ----------------------------------------------------------------------------


@dataclass
class Form:
    """One form: who sends it, how to get a valid submission, and what refusals say.

    ``prepare(client, demo)`` returns the address and a valid submission (after any steps
    needed to reach the form, such as earlier survey steps). ``cases`` maps a case name to
    ``(changes, expected message)``: the valid submission with ``changes`` applied must be
    refused with that message.
    """

    user: str | None
    prepare: object
    cases: dict
    summary: str = ""
    method: str = "post"
    files: dict = field(default_factory=dict)


def fixed(url, data=None):
    return lambda client, demo: (url, dict(data or {}))


def contact_form(client, demo):
    return "/kontakt/", contact_message()


def state_of(response):
    match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert match, f"kein Antwortstand in der Seite (Status {response.status_code})"
    return match.group(1)


def last_survey_step(client, demo):
    """The demo survey answered up to its last step, which stores the response."""
    first = client.get("/beteiligung/", HTTP_HOST=HOST)
    choice = re.search(r'name="q_besuch" value="([^"]+)"', first.content.decode()).group(1)
    second = client.post(
        "/beteiligung/",
        {"state": state_of(first), "action": "next", "q_besuch": choice},
        HTTP_HOST=HOST,
    )
    third = client.post(
        "/beteiligung/", {"state": state_of(second), "action": "next"}, HTTP_HOST=HOST
    )
    assert "Schritt 3 von 3" in third.content.decode()
    return "/beteiligung/", {"state": state_of(third), "action": "next", "q_wunsch": "Mehr"}


def password_reset_confirm(client, demo):
    # Fresh from the database: logging in elsewhere changed the last login the token includes.
    user = get_user_model().objects.get(username="netzwerk-kaarst")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(f"/admin/password_reset/confirm/{uid}/{token}/", HTTP_HOST=HOST)
    assert response.status_code == 302
    return response["Location"], {"new_password1": "Neu-1234-abcd", "new_password2": ""}


def project_pk(demo):
    return demo["projects"]["kaarst"].pk


def snippet_add(path, name_field, **extra):
    def prepare(client, demo):
        return path, {"project": project_pk(demo), name_field: "Neu", **extra}

    return prepare


def institution_edit(client, demo):
    institution = Institution.objects.filter(project=demo["projects"]["kaarst"]).order_by("pk")[0]
    return f"/admin/network/institutions/edit/{institution.pk}/", {
        "name": institution.name,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }


def survey_of_kaarst(demo):
    # The survey's page exists in German, English and Arabic: one survey, three pages.
    return (
        Survey.objects.filter(project=demo["projects"]["kaarst"], pages__slug="beteiligung")
        .distinct()
        .get()
    )


def survey_edit(client, demo):
    return f"/admin/snippets/surveys/survey/edit/{survey_of_kaarst(demo).pk}/", {
        "title": "Neu",
        "project": project_pk(demo),
    }


def invitations(client, demo):
    return f"/admin/umfragen/{survey_of_kaarst(demo).pk}/einladungen/", {"count": "2"}


def network_import(client, demo):
    return "/admin/network/import/", {"project": project_pk(demo)}


def indicator_add(client, demo):
    return "/admin/monitoring/indicators/add/", {
        "project": project_pk(demo),
        "code": "NEU",
        "name": "Neu",
        "definition": "Neu",
        "unit": "%",
        "decimals": "1",
        "polarity": "neutral",
        "topic": "Neu",
        "source": "Neu",
        "update_interval": "yearly",
        "suppression_threshold": "3",
        "classification": "quantiles",
        "classes": "5",
        "manual_breaks": "[]",
        "periods": "1",
    }


def monitoring_import(client, demo):
    return "/admin/monitoring/import/", {"project": project_pk(demo)}


def csv_file(name, *rows):
    header = "Name;Kurzname;Typ;Handlungsfelder;Stadtteil"
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(), "text/csv")


def network_map(client, demo):
    return "/admin/network/map/", {"project": "kaarst"}


def network_dashboard(client, demo):
    return "/admin/network/analysis/", {"project": "kaarst"}


def volunteering_application(client, demo):
    """The application form of the first published opportunity of Kaarst."""
    opportunity = (
        Opportunity.objects.filter(
            project=demo["projects"]["kaarst"], status=OpportunityStatus.PUBLISHED
        )
        .order_by("pk")
        .first()
    )
    return f"/engagement/{opportunity.pk}-{opportunity.slug}/", {
        "name": "Samira Probe",
        "email": "samira@example.org",
        "message": "Ich koche gern.",
        "consent": "on",
        "website": "",
        "form_started": sign_timestamp(),
    }


def volunteer_matches(client, demo):
    volunteer = Volunteer.objects.filter(project=demo["projects"]["kaarst"]).order_by("pk")[0]
    return f"/admin/ehrenamt/ehrenamtliche/{volunteer.pk}/vorschlaege/", {"day": "2026-12-02"}


def volunteer_add(client, demo):
    inline = {}
    for prefix in ("languages", "availability"):
        inline |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return "/admin/ehrenamt/ehrenamtliche/add/", {
        "project": project_pk(demo),
        "name": "Neu",
        "status": "active",
        **inline,
    }


ADMIN_LONG = django_too_long(20_000)

FORMS = {
    "kontakt": Form(
        None,
        contact_form,
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang_einzeilig": ({"name": LONG}, too_long(255)),
            "zu_lang_mehrzeilig": ({"nachricht": LONG}, too_long(5000)),
        },
        summary=PUBLIC_SUMMARY,
    ),
    "umfrage": Form(
        None,
        last_survey_step,
        {
            "nul": ({"q_wunsch": NUL}, NUL_MESSAGE),
            "zu_lang": ({"q_wunsch": LONG}, too_long(5000)),
            "stand_verloren": (
                {"state": NUL},
                "Ihre bisherigen Angaben waren abgelaufen. Bitte beginnen Sie die Umfrage "
                "noch einmal.",
                "Neu begonnen",  # a notice at the top instead of the error summary
            ),
        },
        summary=SURVEY_SUMMARY,
    ),
    "suche": Form(
        None,
        fixed("/suche/", {"q": "Sprachcafé"}),
        {"nul": ({"q": NUL}, NUL_MESSAGE), "zu_lang": ({"q": "x" * 201}, too_long(200))},
        summary=PUBLIC_SUMMARY,
        method="get",
    ),
    "angebotsfilter": Form(
        None,
        fixed("/angebote/", {"kategorie": ""}),
        {
            "nul": (
                {"kategorie": NUL},
                "Bitte eine gültige Auswahl treffen. Tr\x00eff ist keine gültige Auswahl.",
            ),
        },
        summary=PUBLIC_SUMMARY,
        method="get",
    ),
    "anmeldung_verwaltung": Form(
        None,
        fixed("/admin/login/", {"username": "netzwerk-kaarst", "password": PASSWORD}),
        {
            "nul": ({"username": NUL}, NUL_MESSAGE),
            "zu_lang": ({"password": LONG}, too_long(4096)),
        },
    ),
    "anmeldung_seiten": Form(
        None,
        fixed("/_util/login/", {"username": "netzwerk-kaarst", "password": PASSWORD}),
        {
            "nul": ({"username": NUL}, NUL_MESSAGE),
            # Django's login form names no length: any unknown name is refused the same way.
            "zu_lang": (
                {"username": LONG},
                "Bitte Benutzername und Passwort eingeben. Beide Felder berücksichtigen die "
                "Groß-/Kleinschreibung.",
            ),
        },
    ),
    "passwort_vergessen": Form(
        None,
        fixed("/admin/password_reset/", {"email": "netzwerk-kaarst@example.org"}),
        {
            "nul": ({"email": "a\x00@example.org"}, NUL_MESSAGE),
            "zu_lang": ({"email": "x" * 250 + "@example.org"}, too_long(254)),
        },
    ),
    "neues_passwort": Form(
        None,
        password_reset_confirm,
        {"nul": ({"new_password1": NUL, "new_password2": NUL}, NUL_MESSAGE)},
    ),
    "institution_neu": Form(
        "netzwerk-kaarst",
        snippet_add(
            "/admin/network/institutions/add/",
            "name",
            **{"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
        ),
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang_einzeilig": ({"name": LONG}, django_too_long(255)),
            "zu_lang_mehrzeilig": ({"description": LONG}, ADMIN_LONG),
        },
        summary=not_created("Institution"),
    ),
    "institution_bearbeiten": Form(
        "netzwerk-kaarst",
        institution_edit,
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang": ({"description": LONG}, ADMIN_LONG),
        },
        summary=not_saved("Institution"),
    ),
    "kontakt_neu": Form(
        "netzwerk-kaarst",
        snippet_add(
            "/admin/network/contacts/add/",
            "name",
            **{"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
        ),
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang": ({"notes": LONG}, ADMIN_LONG),
        },
        summary=not_created("Kontakt"),
    ),
    "kooperation_neu": Form(
        "netzwerk-kaarst",
        snippet_add("/admin/network/cooperations/add/", "description"),
        {
            "nul": ({"description": NUL}, NUL_MESSAGE),
            "zu_lang": ({"description": LONG}, ADMIN_LONG),
        },
        summary=not_created("Kooperation"),
    ),
    "kategorie_neu": Form(
        "netzwerk-kaarst",
        snippet_add("/admin/network/sectors/add/", "name"),
        {"nul": ({"name": NUL}, NUL_MESSAGE), "zu_lang": ({"name": LONG}, django_too_long(120))},
        summary=not_created("Handlungsfeld"),
    ),
    "import": Form(
        "netzwerk-kaarst",
        network_import,
        {
            "falsche_art": (
                {"files": SimpleUploadedFile("liste.txt", b"Name\n")},
                "„liste.txt“ ist keine CSV- oder XLSX-Datei.",
            ),
            "zu_gross": (
                {"files": SimpleUploadedFile("gross.csv", b"x" * (5 * 1024 * 1024 + 1))},
                "„gross.csv“ ist größer als 5 MB.",
            ),
            "nul_in_zeile": (
                {"files": csv_file("nul.csv", "Tr\x00eff;;Verein;;")},
                "nul.csv, Zeile 2, Spalte „Name“: Nullzeichen sind nicht erlaubt.",
            ),
            "vorschau_gefaelscht": (
                {"token": NUL},
                "Die Vorschau ist abgelaufen. Bitte erneut hochladen.",
            ),
        },
    ),
    "indikator_neu": Form(
        "netzwerk-kaarst",
        indicator_add,
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang_einzeilig": ({"name": LONG}, django_too_long(200)),
            "zu_lang_mehrzeilig": ({"definition": LONG}, ADMIN_LONG),
        },
        summary=not_created("Indikator"),
    ),
    "monitoring_import": Form(
        "netzwerk-kaarst",
        monitoring_import,
        {
            "falsche_art": (
                {"file": SimpleUploadedFile("werte.txt", b"Indikator\n")},
                "„werte.txt“ ist keine CSV- oder XLSX-Datei.",
            ),
            "zu_gross": (
                {"file": SimpleUploadedFile("gross.csv", b"x" * (5 * 1024 * 1024 + 1))},
                "„gross.csv“ ist größer als 5 MB.",
            ),
            "nul_in_zeile": (
                {
                    "file": SimpleUploadedFile(
                        "nul.csv", b"Indikator;Raumeinheit;Jahr;Wert\nE\x00W;x;2024;1\n"
                    )
                },
                "Zeile 2, Indikator: Den Indikator „E\x00W“ gibt es in diesem Projekt nicht",
            ),
            "projekt_nul": ({"project": NUL}, None),
        },
    ),
    "person_neu": Form(
        "redaktion-kaarst",
        snippet_add("/admin/snippets/cms/person/add/", "name"),
        {"nul": ({"name": NUL}, NUL_MESSAGE), "zu_lang": ({"name": LONG}, django_too_long(200))},
        summary=not_created("Person"),
    ),
    "umfrage_neu": Form(
        "netzwerk-kaarst",
        snippet_add("/admin/snippets/surveys/survey/add/", "title"),
        {
            "nul": ({"title": NUL}, NUL_MESSAGE),
            "zu_lang": ({"intro": LONG}, ADMIN_LONG),
        },
        summary=not_created("Umfrage"),
    ),
    "umfrage_bearbeiten": Form(
        "netzwerk-kaarst",
        survey_edit,
        {"nul": ({"title": NUL}, NUL_MESSAGE)},
        summary=not_saved("Umfrage"),
    ),
    "einladungen": Form(
        "netzwerk-kaarst",
        invitations,
        {
            "nul": ({"count": NUL}, "Bitte eine ganze Zahl angeben."),
            "zu_viele": ({"count": "1000000"}, "Höchstens 5000 auf einmal."),
        },
    ),
    "ehrenamt_anfrage": Form(
        None,
        volunteering_application,
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang_einzeilig": ({"name": LONG}, too_long(200)),
            "zu_lang_mehrzeilig": ({"message": LONG}, too_long(5000)),
        },
        summary=PUBLIC_SUMMARY,
    ),
    # Matches for a volunteer and for an opportunity share the reference-day form.
    "ehrenamt_vorschlaege": Form(
        "netzwerk-kaarst",
        volunteer_matches,
        {
            # a date field reads a NUL byte as one more wrong date
            "nul": ({"day": NUL}, "Bitte ein Datum angeben (TT.MM.JJJJ)."),
            "kein_datum": ({"day": "kaputt"}, "Bitte ein Datum angeben (TT.MM.JJJJ)."),
        },
        method="get",
    ),
    # The volunteering records share one scoped form class: the volunteer stands for all.
    "ehrenamt_neu": Form(
        "netzwerk-kaarst",
        volunteer_add,
        {
            "nul": ({"name": NUL}, NUL_MESSAGE),
            "zu_lang": ({"notes": LONG}, ADMIN_LONG),
        },
        summary=not_created("Ehrenamtliche/r"),
    ),
    # The listings of our snippets share Wagtail's listing view: one of them stands for all.
    "verwaltungsliste": Form(
        "netzwerk-kaarst",
        fixed("/admin/network/institutions/", {"q": "Treff"}),
        {"nul": ({"q": NUL}, NUL_MESSAGE)},
        method="get",
    ),
    "netzwerkkarte": Form(
        "netzwerk-kaarst",
        network_map,
        {"nul": ({"district": NUL}, None)},
        method="get",
    ),
    "netzwerkanalyse": Form(
        "netzwerk-kaarst",
        network_dashboard,
        {"nul": ({"district": NUL}, None)},
        method="get",
    ),
}

# --- every address and page type classified -------------------------------------------------

NO_INPUT = "keine Eingabe"  # answers GET only, or a POST without fields (delete, confirm)
WAGTAIL = "Wagtail"  # Wagtail's own admin modules: refusals answer 400 through our middleware
PAGES = "Seiten"  # the page tree: see PAGE_TYPES

SNIPPET_ACTIONS = r"(delete|history|history-results|usage)/<int:pk>/"
VOLUNTEER_MODELS = (
    "(angebote|anfragen|ehrenamtliche|qualifikationen|fuehrungszeugnisse|einsaetze|stunden"
    "|sachspenden|qualifikationsarten|engagementfelder|faehigkeiten)"
)
ROUTES = [
    (r"\(\(\?:\[\\w\\-\]\+/\)\*\)", PAGES),
    (r"suche/", "suche"),
    (r"_util/login/", "anmeldung_seiten"),
    (r"admin/login/", "anmeldung_verwaltung"),
    (r"admin/password_reset/", "passwort_vergessen"),
    (r"admin/password_reset/confirm/<uidb64>/<token>/", "neues_passwort"),
    (r"admin/network/institutions/add/", "institution_neu"),
    (r"admin/network/institutions/edit/<int:pk>/", "institution_bearbeiten"),
    (r"admin/network/contacts/(add|edit/<int:pk>)/", "kontakt_neu"),
    (r"admin/network/cooperations/(add|edit/<int:pk>)/", "kooperation_neu"),
    (r"admin/network/(districts|sectors|types)/(add|edit/<int:pk>)/", "kategorie_neu"),
    (r"admin/network/import/", "import"),
    (r"admin/network/map/", "netzwerkkarte"),
    (r"admin/network/analysis/", "netzwerkanalyse"),
    (r"admin/monitoring/indicators/(add|edit/<int:pk>)/", "indikator_neu"),
    (r"admin/monitoring/import/", "monitoring_import"),
    (r"admin/snippets/cms/person/(add|edit/<int:pk>|copy/<int:pk>)/", "person_neu"),
    (r"admin/snippets/surveys/survey/(add|copy/<int:pk>)/", "umfrage_neu"),
    (r"admin/snippets/surveys/survey/edit/<int:pk>/", "umfrage_bearbeiten"),
    (r"admin/umfragen/<int:pk>/einladungen/", "einladungen"),
    (rf"admin/ehrenamt/{VOLUNTEER_MODELS}/(add|edit/<int:pk>)/", "ehrenamt_neu"),
    # read-only or without input fields
    (r"healthz|robots\.txt|sitemap\.xml", NO_INPUT),
    (r"\(\?P<path>\(\?:\[\\w\\-\]\+/\)\+\[\\w\\-\]\+\\\.ics\)", NO_INPUT),
    (r"documents/\(\\d\+\)/\(\.\*\)", NO_INPUT),
    (r"admin/password_reset/(done|complete)/", NO_INPUT),
    (r"admin/(logout|jsi18n|sprite|failwhale|test404|\.\*)/", NO_INPUT),
    (r"admin/", NO_INPUT),  # the dashboard
    (
        r"admin/network/(contacts|cooperations|districts|institutions|sectors|types)/(results/)?",
        "verwaltungsliste",  # search and filters of the listings
    ),
    (r"admin/snippets/(cms/person|surveys/survey)/(results/)?", "verwaltungsliste"),
    (r"admin/monitoring/indicators/(results/)?", "verwaltungsliste"),
    (rf"admin/monitoring/indicators/({SNIPPET_ACTIONS}|values/<int:pk>/)", NO_INPUT),
    (rf"admin/ehrenamt/{VOLUNTEER_MODELS}/(results/)?", "verwaltungsliste"),
    (rf"admin/ehrenamt/{VOLUNTEER_MODELS}/({SNIPPET_ACTIONS})", NO_INPUT),
    # Taking over an application is one button; the certificate's optional period falls back
    # to the last twelve months when it is not a date; the hours approval takes the ticked
    # entries' ids and ignores anything else.
    (r"admin/ehrenamt/anfragen/<int:pk>/uebernehmen/", NO_INPUT),
    (r"admin/ehrenamt/(angebote|ehrenamtliche)/<int:pk>/vorschlaege/", "ehrenamt_vorschlaege"),
    (r"admin/ehrenamt/ehrenamtliche/<int:pk>/(nachweis|ehrenamtskarte)\.pdf", NO_INPUT),
    (r"admin/ehrenamt/(ablaufende-qualifikationen|stundenfreigabe|pruefung)/", NO_INPUT),
    (
        rf"admin/network/(contacts|cooperations|districts|institutions|sectors|types)/"
        rf"({SNIPPET_ACTIONS})",
        NO_INPUT,
    ),
    (r"admin/network/review/(<int:pk>/<str:decision>/)?", NO_INPUT),
    (
        r"admin/umfragen/<int:pk>/(ergebnisse/|ergebnisse\.xlsx|antworten\.(csv|xlsx)|gegenseitigkeit/)",
        NO_INPUT,
    ),
    (rf"admin/snippets/(cms/person|surveys/survey)/({SNIPPET_ACTIONS})", NO_INPUT),
    (r"admin/snippets/", NO_INPUT),
    # Wagtail's own modules, including page editing, choosers and password-protected pages.
    (r"_util/authenticate_with_password/.*|documents/authenticate_with_password/.*", WAGTAIL),
    (r"admin/snippets/surveys/survey/preview/(<int:pk>/)?", WAGTAIL),
    (r"admin/snippets/cms/(targetgroup|offerlanguage)/.*", WAGTAIL),
    (r"admin/snippets/choose/.*", WAGTAIL),
    (
        r"admin/(account|pages|bulk|images|documents|forms|settings|localize|reports|users|"
        r"groups|sites|locales|collections|redirects|searchpicks|workflows|dismissibles|"
        r"block-preview|tag-autocomplete|choose-[a-z]+-link|editing-sessions|api|embeds|"
        r"choose-page)/.*",
        WAGTAIL,
    ),
]

PAGE_TYPES = {
    "cms.ContactPage": "kontakt",
    "surveys.SurveyPage": "umfrage",
    "cms.OfferIndexPage": "angebotsfilter",
    "cms.HomePage": NO_INPUT,
    "cms.StandardPage": NO_INPUT,
    "cms.NewsIndexPage": NO_INPUT,  # page number only (?seite=), any value shows a page
    "cms.NewsPage": NO_INPUT,
    "cms.EventIndexPage": NO_INPUT,  # page number only
    "cms.EventPage": NO_INPUT,
    "cms.OfferPage": NO_INPUT,
    "cms.TeamPage": NO_INPUT,
    "network.PartnerMapPage": NO_INPUT,
    "cms.EasyLanguagePage": NO_INPUT,
    # The opportunities list filters by GET (tests/volunteers/test_views.py); each opportunity
    # has the application form.
    "volunteers.VolunteeringIndexPage": "ehrenamt_anfrage",
}


def classify(route):
    for pattern, kind in ROUTES:
        if re.fullmatch(pattern, route):
            return kind
    return None


def test_every_address_is_classified():
    unclassified = [
        e.route for e in entries() if not e.route.startswith("api/") and classify(e.route) is None
    ]
    assert unclassified == [], "Adressen ohne Einstufung:\n" + "\n".join(unclassified)


def test_every_page_type_is_classified():
    labels = sorted(m._meta.label for m in get_page_models() if m._meta.label != "wagtailcore.Page")
    assert sorted(PAGE_TYPES) == labels


def test_every_form_is_reached_by_an_address_or_a_page_type():
    used = {classify(e.route) for e in entries()} | set(PAGE_TYPES.values())
    assert sorted(set(FORMS) - used) == []
    assert sorted(used - set(FORMS) - {NO_INPUT, WAGTAIL, PAGES, None}) == []


# --- the cases --------------------------------------------------------------------------------

STORED = (
    FormSubmission,
    Response,
    Institution,
    Contact,
    Cooperation,
    InstitutionType,
    Sector,
    District,
    Person,
    Survey,
    Indicator,
    Observation,
    ImportBatch,
    Application,
    Volunteer,
)


def stored():
    counts = {model.__name__: model.objects.count() for model in STORED}
    counts["Einladungen"] = sum(s.invitations.count() for s in Survey.objects.all())
    return counts


def client_for(demo, username):
    client = Client()
    if username:
        client.force_login(demo["users"][username])
    return client


def send(client, form, url, data, **extra):
    if form.method == "get":
        return client.get(url, data, HTTP_HOST=HOST, **extra)
    return client.post(url, data, HTTP_HOST=HOST, **extra)


def assert_refused(response, message, summary=""):
    body = response.content.decode()
    assert response.status_code == 400, (response.status_code, body[:2000])
    if message:
        assert message in body or message in json.dumps(body, ensure_ascii=False), body[:3000]
    if summary:
        assert summary in body


FIELD_CASES = [(name, case) for name, form in FORMS.items() for case in form.cases]
POSTED = [name for name, form in FORMS.items() if form.method == "post"]


@pytest.mark.parametrize(("name", "case"), FIELD_CASES, ids=[f"{n}-{c}" for n, c in FIELD_CASES])
def test_bad_field_is_refused_with_a_german_message(demo_content, db, name, case):  # noqa: F811
    form = FORMS[name]
    client = client_for(demo_content, form.user)
    url, data = form.prepare(client, demo_content)
    changes, message, *summary = form.cases[case]
    before = stored()
    response = send(client, form, url, {**data, **changes})
    assert_refused(response, message, summary[0] if summary else form.summary)
    assert stored() == before
    assert mail.outbox == []


BROKEN_BODIES = {
    "json": (lambda data: json.dumps(data).encode(), "application/json", None),
    "multipart_ohne_grenze": (
        lambda data: b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
        "multipart/form-data",
        BROKEN_BODY,
    ),
    "multipart_falsche_grenze": (
        lambda data: b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
        "multipart/form-data; boundary=anders",
        None,
    ),
    "nicht_utf8": (
        lambda data: b"&".join(
            [
                f"{key}=".encode() + (b"%FC" if i == 0 else str(v).encode())
                for i, (key, v) in enumerate(data.items())
            ]
        ),
        "application/x-www-form-urlencoded",
        BROKEN_BODY,
    ),
}
BODY_CASES = [(name, kind) for name in POSTED for kind in BROKEN_BODIES]


@pytest.mark.parametrize(("name", "kind"), BODY_CASES, ids=[f"{n}-{k}" for n, k in BODY_CASES])
def test_broken_body_is_refused_and_never_a_server_error(demo_content, db, name, kind):  # noqa: F811
    form = FORMS[name]
    client = client_for(demo_content, form.user)
    url, data = form.prepare(client, demo_content)
    encode, content_type, message = BROKEN_BODIES[kind]
    before = stored()
    response = client.generic(
        "POST",
        url,
        encode({k: v for k, v in data.items()}),
        content_type=content_type,
        HTTP_HOST=HOST,
    )
    assert_refused(response, message)
    assert stored() == before
    assert mail.outbox == []
