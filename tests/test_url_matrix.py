"""Role × URL matrix: every admin and API address is classified, and each role gets what its class says.

Adding a URL without a row here fails ``test_every_url_is_classified``: decide who may use it,
add the row, and the access checks below cover it.
"""

import re

from django.test import Client

import pytest

from tests.demo_data import USERS, demo_content, demo_users  # noqa: F401
from tests.url_inventory import entries

PUBLIC = "öffentlich"  # anyone, no login
AUTH = "anmeldung"  # login, logout, password reset: anyone
ADMIN = "verwaltung"  # any user with access to the admin (editors, managers, superusers)
EDITOR = "redaktion"  # editors of a project and superusers
MANAGER = "netzwerk"  # network managers of a project and superusers
PROJECT = "projekt"  # editors and managers of a project, and superusers
SUPERUSER = "superuser"  # superusers only

# Our own apps are listed address by address (or per model viewset), Wagtail's built-in admin
# modules per module: Wagtail's own tests cover the inner workings of its modules.
NETWORK_MODELS = "(contacts|cooperations|districts|institutions|sectors|types)"
VOLUNTEER_MODELS = (
    "(angebote|anfragen|ehrenamtliche|qualifikationen|fuehrungszeugnisse|einsaetze|stunden"
    "|sachspenden|qualifikationsarten|engagementfelder|faehigkeiten)"
)
VIEWSET_ACTIONS = r"(add/|(delete|edit|history|history-results|usage|copy)/<int:pk>/|results/)?"
CLASSIFICATION = [
    # public site
    (r"\(\(\?:\[\\w\\-\]\+/\)\*\)", PUBLIC),  # the page tree
    (r"_util/authenticate_with_password/.*", PUBLIC),
    (r"_util/login/", AUTH),
    (r"documents/\(\\d\+\)/\(\.\*\)", PUBLIC),
    (r"documents/authenticate_with_password/<int:restriction_id>/", PUBLIC),
    (r"healthz", PUBLIC),
    (r"robots\.txt", PUBLIC),
    (r"sitemap\.xml", PUBLIC),
    (r"suche/", PUBLIC),
    (r"\(\?P<path>\(\?:\[\\w\\-\]\+/\)\+\[\\w\\-\]\+\\\.ics\)", PUBLIC),  # calendar files
    # read-only APIs of public content and the schema of our API
    (r"api/v2/(pages|images|documents)/(<int:pk>/|find/)?", PUBLIC),
    (r"api/schema/", PUBLIC),
    (r"api/docs/", PUBLIC),
    (r"api/v1/projects/(<slug:project>|\(\?P<project>\[-\\w\]\+\))/public/partners/", PUBLIC),
    (
        r"api/v1/projects/\(\?P<project>\[-\\w\]\+\)/"
        r"(contacts|cooperations|institutions)/(\(\?P<pk>\\d\+\)/)?",
        MANAGER,
    ),
    (
        r"api/v1/projects/<slug:project>/network/"
        r"(graph|analysis|suggestions|path|evolution|ego/<int:institution>|export/<str:file_format>)/",
        MANAGER,
    ),
    # admin: login and account
    (r"admin/(login|logout)/", AUTH),
    (r"admin/password_reset/.*", AUTH),
    (r"admin/", ADMIN),
    (r"admin/\.\*/", ADMIN),  # the admin's own 404 catch-all
    (r"admin/account/", ADMIN),
    (r"admin/jsi18n/", PUBLIC),  # the admin's translation catalogue, static text only
    (r"admin/sprite/", PUBLIC),  # the admin's icon sprite, static
    (r"admin/workflows/task_chooser/.*", ADMIN),  # Wagtail lets every admin user pick tasks
    (r"admin/(dismissibles|failwhale|test404|block-preview)/", ADMIN),
    (r"admin/localize/jsi18n/", ADMIN),
    (r"admin/tag-autocomplete/.*", ADMIN),
    (r"admin/choose-(anchor|email|external|phone)-link/", ADMIN),
    (r"admin/editing-sessions/.*", ADMIN),
    (r"admin/api/main/.*", ADMIN),
    (r"admin/snippets/", ADMIN),
    (r"admin/reports/site-history/.*", ADMIN),  # lists only what the user may see
    (r"admin/searchpicks/queries/chooser/.*", ADMIN),  # search terms of the public site
    # Choosers answer every admin user and list only what the user may choose
    # (tests/test_admin_scope.py checks listings and every address with an id).
    (r"admin/choose-page/.*", ADMIN),
    (r"admin/(images|documents)/chooser/create/", EDITOR),
    (r"admin/(images|documents)/chooser/.*", ADMIN),
    (r"admin/snippets/choose/cms/person/create/", EDITOR),
    (r"admin/snippets/choose/cms/(targetgroup|offerlanguage)/create/", SUPERUSER),
    (r"admin/snippets/choose/(network|monitoring|volunteers)/[a-z]+/create/", MANAGER),
    (r"admin/snippets/choose/surveys/[a-z]+/create/", PROJECT),
    # Snippet choosers list only objects of the user's own project (checked below).
    (
        r"admin/snippets/choose/(cms|network|surveys|monitoring|volunteers)/[a-z]+/"
        r"(|results/|chosen-multiple/|chosen/<str:pk>/)",
        ADMIN,
    ),
    (r"admin/embeds/chooser/.*", ADMIN),
    # Translation status of the user's own pages (tests/test_admin_scope.py).
    (r"admin/localize/reports/translations/.*", ADMIN),
    # admin: editorial work
    (r"admin/pages/.*", EDITOR),
    (r"admin/bulk/.*", EDITOR),
    (r"admin/images/.*", EDITOR),
    (r"admin/documents/.*", EDITOR),
    (r"admin/forms/.*", EDITOR),
    (r"admin/settings/.*", EDITOR),
    (r"admin/localize/.*", EDITOR),
    (r"admin/reports/(locked|aging-pages|page-types-usage|workflow|workflow_tasks)/.*", EDITOR),
    (rf"admin/snippets/cms/person/{VIEWSET_ACTIONS}", EDITOR),
    # Shared vocabularies of both sites: kept by the superusers.
    (rf"admin/snippets/cms/(targetgroup|offerlanguage)/{VIEWSET_ACTIONS}", SUPERUSER),
    # admin: network and surveys
    (rf"admin/network/{NETWORK_MODELS}/{VIEWSET_ACTIONS}", MANAGER),
    (r"admin/network/review/(<int:pk>/<str:decision>/)?", MANAGER),
    (r"admin/network/.*", MANAGER),
    (
        r"admin/snippets/choose/network/"
        r"(contact|cooperation|district|institution|institutiontype|sector)/.*",
        MANAGER,
    ),
    # admin: monitoring, kept by the managers of a project
    (rf"admin/monitoring/indicators/({VIEWSET_ACTIONS}|values/<int:pk>/)", MANAGER),
    (r"admin/monitoring/import/", MANAGER),
    # Volunteering is coordinated by the managers of a project (its manager group holds the
    # volunteer permissions); every listing and object view is scoped to their projects.
    (rf"admin/ehrenamt/{VOLUNTEER_MODELS}/{VIEWSET_ACTIONS}", MANAGER),
    (
        r"admin/ehrenamt/(anfragen/<int:pk>/uebernehmen|(angebote|ehrenamtliche)/<int:pk>/vorschlaege)/",
        MANAGER,
    ),
    (r"admin/ehrenamt/ehrenamtliche/<int:pk>/(nachweis|ehrenamtskarte)\.pdf", MANAGER),
    (r"admin/ehrenamt/(ablaufende-qualifikationen|stundenfreigabe|pruefung)/", MANAGER),
    # Surveys are built by the editors and evaluated by the managers of their project.
    (rf"admin/snippets/surveys/survey/({VIEWSET_ACTIONS}|preview/(<int:pk>/)?)", PROJECT),
    (r"admin/umfragen/.*", PROJECT),
    # admin: configuration of the whole instance
    (
        r"admin/(users|groups|sites|locales|collections|redirects|searchpicks|workflows)/.*",
        SUPERUSER,
    ),
]


def classify(route):
    """The class of the first row whose pattern matches the whole route, or None."""
    for pattern, kind in CLASSIFICATION:
        if re.fullmatch(pattern, route):
            return kind
    return None


def test_every_url_is_classified():
    unclassified = [e.route for e in entries() if classify(e.route) is None]
    assert unclassified == [], "Neue Adressen ohne Einstufung:\n" + "\n".join(unclassified)


def test_every_admin_and_api_url_is_counted():
    routes = [e.route for e in entries()]
    admin_and_api = [r for r in routes if r.startswith(("admin/", "api/"))]
    # Sanity: the walk sees Wagtail's admin and our own areas, not an empty list.
    assert len(admin_and_api) > 300
    assert any(r.startswith("admin/network/") for r in routes)
    assert any(r.startswith("admin/pages/") for r in routes)


# --- access by role -----------------------------------------------------------------------

ALLOWED = {
    PUBLIC: set(USERS),
    AUTH: set(USERS),
    ADMIN: set(USERS) - {None},
    EDITOR: {"redaktion-kaarst", "redaktion-kaiserslautern", "admin"},
    MANAGER: {"netzwerk-kaarst", "netzwerk-kaiserslautern", "admin"},
    PROJECT: set(USERS) - {None},
    SUPERUSER: {"admin"},
}


def outcome(response):
    """``login`` (sent to the login form), ``denied``, ``error`` or ``ok``."""
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302) and "/login/" in location:
        return "login"
    if status in (401, 403, 404) or (status == 302 and location.rstrip("/") in ("/admin", "")):
        return "denied"
    if status >= 500:
        return "error"
    return "ok"


def plain_admin_and_api_routes():
    """Classified admin/API routes that need no parameter (so one GET tests them)."""
    # Logging out would end the session under test; the others answer 404/400 by design
    # without parameters (error test pages, "find" lookups, block previews); the snippets
    # index only redirects to the dashboard.
    skip = re.compile(r"admin/(logout|failwhale|\.\*|test404|block-preview|snippets)/|.*/find/")
    return [
        e.route
        for e in entries()
        if e.route.startswith(("admin/", "api/")) and not e.params and not skip.fullmatch(e.route)
    ]


@pytest.mark.django_db
def test_each_role_gets_what_its_class_says(demo_users):  # noqa: F811
    wrong = []
    for route in plain_admin_and_api_routes():
        kind = classify(route)
        for username in USERS:
            client = Client()
            if username:
                client.force_login(demo_users[username])
            got = outcome(client.get("/" + route, HTTP_HOST="kaarst.localhost"))
            allowed = username in ALLOWED[kind]
            if kind in (PUBLIC, AUTH) and got != "error":
                continue
            if got == "error":
                wrong.append((route, username, "Serverfehler"))
            elif allowed and got != "ok":
                wrong.append((route, username, f"{kind}: erwartet Zugang, bekam {got}"))
            elif not allowed and got == "ok":
                wrong.append((route, username, f"{kind}: erwartet Ablehnung, bekam Zugang"))
            elif username is None and kind not in (PUBLIC, AUTH) and got not in ("login", "denied"):
                wrong.append((route, username, got))
    assert wrong == [], "\n".join(map(str, wrong))


PROJECT_SLUGS = ("kaarst", "kaiserslautern")


def project_api_urls():
    """Every list address of the per-project API, filled in for both projects."""
    urls = []
    for entry in entries():
        if not entry.route.startswith("api/v1/projects/") or entry.params != ["project"]:
            continue
        for slug in PROJECT_SLUGS:
            path = re.sub(r"\(\?P<project>[^)]*\)|<slug:project>", slug, entry.route)
            urls.append((classify(entry.route), slug, "/" + path))
    return urls


@pytest.mark.django_db
def test_project_api_answers_only_the_projects_own_managers(demo_users):  # noqa: F811
    urls = project_api_urls()
    assert len(urls) >= 8
    wrong = []
    for kind, slug, url in urls:
        for username in USERS:
            client = Client()
            if username:
                client.force_login(demo_users[username])
            status = client.get(url, HTTP_HOST="kaarst.localhost").status_code
            if kind == PUBLIC:
                expected = {200}
            elif username in ("admin", f"netzwerk-{slug}"):
                expected = {200, 400}  # 400: let in, but the address needs parameters
            else:
                # Anonymous, another project's manager, or an editor: the project does not
                # exist for them.
                expected = {404}
            if status not in expected:
                wrong.append((url, username, status, sorted(expected)))
    assert wrong == [], "\n".join(map(str, wrong))
