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
SUPERUSER = "superuser"  # superusers only

# Our own apps are listed address by address (or per model viewset), Wagtail's built-in admin
# modules per module: Wagtail's own tests cover the inner workings of its modules.
NETWORK_MODELS = "(contacts|cooperations|districts|institutions|sectors|types)"
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
    (r"feeds?/.*|.*\.(ics|rss|atom|xml)|aktuelles/feed/", PUBLIC),
    # read-only APIs of public content and the schema of our API
    (r"api/v2/(pages|images|documents)/(<int:pk>/|find/)?", PUBLIC),
    (r"api/schema/", PUBLIC),
    (r"api/docs/", PUBLIC),
    (r"api/v1/", MANAGER),
    (r"api/v1/projects/", MANAGER),
    (r"api/v1/projects/<slug:project_slug>/.*", MANAGER),
    (r"api/v1/public/.*", PUBLIC),
    # admin: login and account
    (r"admin/(login|logout)/", AUTH),
    (r"admin/password_reset/.*", AUTH),
    (r"admin/", ADMIN),
    (r"admin/\.\*/", ADMIN),  # the admin's own 404 catch-all
    (r"admin/account/", ADMIN),
    (r"admin/(jsi18n|sprite|dismissibles|failwhale|test404|block-preview)/", ADMIN),
    (r"admin/localize/jsi18n/", ADMIN),
    (r"admin/tag-autocomplete/.*", ADMIN),
    (r"admin/choose-(anchor|email|external|phone)-link/", ADMIN),
    (r"admin/editing-sessions/.*", ADMIN),
    (r"admin/api/main/.*", ADMIN),
    (r"admin/snippets/", ADMIN),
    (r"admin/reports/locked/.*", ADMIN),
    # admin: editorial work
    (r"admin/pages/.*", EDITOR),
    (r"admin/choose-page/.*", EDITOR),
    (r"admin/bulk/.*", EDITOR),
    (r"admin/images/.*", EDITOR),
    (r"admin/documents/.*", EDITOR),
    (r"admin/embeds/chooser/.*", EDITOR),
    (r"admin/forms/.*", EDITOR),
    (r"admin/settings/.*", EDITOR),
    (r"admin/localize/.*", EDITOR),
    (r"admin/reports/(aging-pages|page-types-usage|workflow|workflow_tasks|site-history)/.*", EDITOR),
    (rf"admin/snippets/cms/(person|targetgroup|offerlanguage)/{VIEWSET_ACTIONS}", EDITOR),
    (r"admin/snippets/choose/cms/(person|targetgroup|offerlanguage)/.*", EDITOR),
    # admin: network and surveys
    (rf"admin/network/{NETWORK_MODELS}/{VIEWSET_ACTIONS}", MANAGER),
    (r"admin/network/review/(<int:pk>/<str:decision>/)?", MANAGER),
    (r"admin/network/.*", MANAGER),
    (
        r"admin/snippets/choose/network/"
        r"(contact|cooperation|district|institution|institutiontype|sector)/.*",
        MANAGER,
    ),
    (rf"admin/snippets/surveys/survey/({VIEWSET_ACTIONS}|preview/(<int:pk>/)?)", MANAGER),
    (r"admin/snippets/choose/surveys/.*", MANAGER),
    (r"admin/umfragen/.*", MANAGER),
    # admin: configuration of the whole instance
    (r"admin/(users|groups|sites|locales|collections|redirects|searchpicks|workflows)/.*", SUPERUSER),
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
    skip = {"admin/logout/", "admin/failwhale/", "admin/.*/", "admin/test404/"}
    return [
        e.route
        for e in entries()
        if e.route.startswith(("admin/", "api/")) and not e.params and e.route not in skip
    ]


@pytest.mark.django_db
def test_each_role_gets_what_its_class_says(demo_users):
    wrong = []
    for route in plain_admin_and_api_routes():
        kind = classify(route)
        for username in USERS:
            client = Client()
            if username:
                client.force_login(demo_users[username])
            got = outcome(client.get("/" + route, HTTP_HOST="kaarst.localhost"))
            allowed = username in ALLOWED[kind]
            if got == "error":
                wrong.append((route, username, "Serverfehler"))
            elif allowed and got != "ok":
                wrong.append((route, username, f"{kind}: erwartet Zugang, bekam {got}"))
            elif not allowed and got == "ok":
                wrong.append((route, username, f"{kind}: erwartet Ablehnung, bekam Zugang"))
            elif username is None and kind not in (PUBLIC, AUTH) and got not in ("login", "denied"):
                wrong.append((route, username, got))
    assert wrong == [], "\n".join(map(str, wrong))
