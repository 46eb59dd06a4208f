"""Admin listings, choosers, reports and object addresses stay inside the user's own project."""

import html
import json
import re

from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from cms.models import Person, Project
from surveys.models import Survey
from tests.demo_data import demo_content, demo_users  # noqa: F401
from tests.url_inventory import PARAM, entries

OTHER = {"kaarst": "kaiserslautern", "kaiserslautern": "kaarst"}
PROJECT_USERS = {
    "redaktion-kaarst": "kaarst",
    "netzwerk-kaarst": "kaarst",
    "redaktion-kaiserslautern": "kaiserslautern",
    "netzwerk-kaiserslautern": "kaiserslautern",
}


def project_pages(project):
    """Every page of a project's site, in every language, drafts included."""
    home = project.site.root_page
    roots = [home, *home.get_translations()]
    pages = Page.objects.none()
    for root in roots:
        pages = pages | Page.objects.descendant_of(root, inclusive=True)
    return pages


def markers(project):
    """Titles and names that belong to ``project`` only: none of them may show up elsewhere."""
    return {
        "pages": set(project_pages(project).values_list("title", flat=True)),
        "images": set(
            get_image_model()
            .objects.filter(collection__name__icontains=project.name.split()[-1])
            .values_list("title", flat=True)
        ),
        "documents": set(
            get_document_model()
            .objects.filter(collection__name__icontains=project.name.split()[-1])
            .values_list("title", flat=True)
        ),
        "surveys": set(Survey.objects.filter(project=project).values_list("title", flat=True)),
        "people": set(Person.objects.filter(project=project).values_list("name", flat=True)),
    }


@pytest.fixture
def scope(demo_content):  # noqa: F811
    projects = {p.slug: p for p in Project.objects.select_related("site")}
    own = {slug: markers(p) for slug, p in projects.items()}
    foreign_only = {}
    for slug in projects:
        mine = set().union(*own[slug].values())
        foreign_only[slug] = {
            kind: {text for text in texts if text not in mine and len(text) > 3}
            for kind, texts in own[OTHER[slug]].items()
        }
    # The names of the public sites appear in Wagtail's site filters; they are public anyway.
    site_names = sorted(
        (name for p in projects.values() for name in (p.site.site_name, p.name)), key=len
    )
    return {"projects": projects, "own": own, "foreign": foreign_only, "site_names": site_names}


def leaked(content, texts):
    """Which of ``texts`` occur in ``content`` (as written, HTML-escaped or JSON-escaped)."""
    found = []
    for text in texts:
        forms = {text, html.escape(text), html.escape(text, quote=False), json.dumps(text)[1:-1]}
        if any(form in content for form in forms):
            found.append(text)
    return sorted(found)


LISTINGS = [
    "/admin/",
    "/admin/choose-page/",
    "/admin/choose-page/search/?q=a",
    "/admin/choose-page/search/?q=Kaiserslautern",
    "/admin/choose-page/search/?q=Kaarst",
    "/admin/pages/",
    "/admin/pages/search/?q=a",
    "/admin/pages/search/?q=Kaiserslautern",
    "/admin/pages/search/?q=Kaarst",
    "/admin/images/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/?q=a",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/results/?q=a",
    "/admin/snippets/choose/surveys/survey/",
    "/admin/snippets/choose/surveys/survey/results/?q=a",
    "/admin/snippets/choose/cms/person/",
    "/admin/snippets/choose/cms/person/results/?q=a",
    "/admin/snippets/surveys/survey/",
    "/admin/snippets/cms/person/",
    "/admin/reports/page-types-usage/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/localize/reports/translations/",
    "/admin/forms/",
    *[f"/admin/api/main/pages/?limit=20&offset={offset}" for offset in range(0, 200, 20)],
    "/admin/api/main/pages/?search=Kaarst",
    "/admin/api/main/pages/?search=Kaiserslautern",
    "/admin/api/main/images/",
    "/admin/api/main/documents/",
    "/admin/settings/cms/sitesettings/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(PROJECT_USERS))
def test_listings_show_only_the_users_project(username, scope, demo_users):  # noqa: F811
    foreign = scope["foreign"][PROJECT_USERS[username]]
    assert all(foreign[kind] for kind in ("pages", "images", "documents", "surveys", "people"))
    client = Client()
    client.force_login(demo_users[username])
    wrong = []
    for url in LISTINGS:
        response = client.get(url, HTTP_HOST="kaarst.localhost", follow=True)
        assert response.status_code < 500, url
        content = response.content.decode()
        for name in reversed(scope["site_names"]):
            content = content.replace(name, "").replace(html.escape(name), "")
        for kind, texts in foreign.items():
            found = leaked(content, texts)
            if found:
                wrong.append((url, kind, found[:3]))
    assert wrong == [], "\n".join(map(str, wrong))


# --- object addresses: foreign and missing ids answer alike ---------------------------------

MISSING = 987654
# Addresses whose ids are not objects of a project: uploads belong to their uploader, editing
# sessions and bulk actions carry their ids in the query, the password reset is anonymous.
NOT_PROJECT_OBJECTS = re.compile(
    r"admin/(password_reset|editing-sessions|bulk|tag-autocomplete|workflows|users|groups|sites"
    r"|locales|collections|redirects|searchpicks)/.*|.*uploaded_file_id.*"
    r"|admin/snippets/(choose/)?cms/(targetgroup|offerlanguage)/.*"
    r"|admin/pages/(create|usage)/.*|admin/settings/<slug:app_name>/<slug:model_name>/"
    r"|admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/"
)
FIXED = {
    "app_label": "surveys",
    "model_name": "survey",
    "app_name": "cms",
    "content_type_app_name": "cms",
    "content_type_model_name": "standardpage",
    "action_name": "approve",
    "action": "delete",
    "mode": "",
    "filter_spec": "original",
    "decision": "accept",
}


#: the volunteers' own admin views that act on one object, by URL name
VOLUNTEER_OBJECT_VIEWS = {
    "volunteers_take_over": "volunteers.Application",
    "volunteers_opportunity_matches": "volunteers.Opportunity",
    "volunteers_volunteer_matches": "volunteers.Volunteer",
    "volunteers_certificate": "volunteers.Volunteer",
    "volunteers_card_confirmation": "volunteers.Volunteer",
}


def _snippet_model(name):
    from django.apps import apps

    if name in VOLUNTEER_OBJECT_VIEWS:
        return apps.get_model(VOLUNTEER_OBJECT_VIEWS[name])
    namespace = name.partition(":")[0]
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            app_label, _, model_name = namespace[len(prefix) :].partition("_")
            return apps.get_model(app_label, model_name)
    return None


def foreign_objects(project):
    """One object of ``project`` per kind, by the URL parameter that names it."""
    from wagtail_localize.models import Translation

    from cms.models import ContactPage

    pages = project_pages(project)
    page = ContactPage.objects.filter(pk__in=pages.values("pk")).first()
    translation = Translation.objects.filter(
        source__object_id__in=pages.values("translation_key")
    ).first()
    image = get_image_model().objects.filter(title__endswith=project.name.split()[-1]).first()
    document = get_document_model().objects.filter(title__endswith=project.name.split()[-1]).first()
    return {
        "page": page.pk,
        "revision": page.latest_revision_id,
        "image": image.pk,
        "document": document.pk,
        "site": project.site_id,
        "translation": translation.pk,
        "source": translation.source_id,
        "survey": Survey.objects.filter(project=project).first().pk,
    }


def fill(entry, objects, project):
    """The address of ``entry`` with the ids of ``objects``, or ``None`` when it names none."""
    values = {}
    model = _snippet_model(entry.name)
    for param in entry.params:
        if param in FIXED:
            values[param] = FIXED[param]
        elif param in ("page_id", "parent_page_id", "page_to_move_id", "destination_id"):
            values[param] = objects["page"]
        elif param in ("revision_id", "revision_id_a", "revision_id_b"):
            values[param] = objects["revision"]
        elif param in ("image_id",):
            values[param] = objects["image"]
        elif param in ("document_id", "doc_id"):
            values[param] = objects["document"]
        elif param == "translation_id":
            values[param] = objects["translation"]
        elif param == "translation_source_id":
            values[param] = objects["source"]
        elif param in ("workflow_state_id", "task_state_id", "task_id"):
            values[param] = 1
        elif param in ("string_segment_id", "overridable_segment_id"):
            values[param] = 1
        elif param == "pk":
            if entry.route.startswith(("admin/pages/", "admin/api/main/pages/")):
                values[param] = objects["page"]
            elif "images" in entry.route:
                values[param] = objects["image"]
            elif "documents" in entry.route:
                values[param] = objects["document"]
            elif entry.route.startswith("admin/settings/"):
                values[param] = objects["site"]
            elif entry.route.startswith(("admin/umfragen/", "admin/localize/")):
                values[param] = objects["survey"]
            elif model is not None:
                if not hasattr(model._default_manager, "for_user"):
                    return None
                manager = model._default_manager
                if hasattr(manager, "for_project"):
                    obj = manager.for_project(project).first()
                else:
                    obj = manager.filter(project=project).first()
                if obj is None:
                    return None
                values[param] = obj.pk
            else:
                return None
        else:
            return None
    return values


def address(route, values):
    def replace(match):
        return str(values[match.group("name") or match.group("rname")])

    path = PARAM.sub(replace, route).replace("\\.", ".")
    return "/" + path


def object_routes():
    return [
        e
        for e in entries()
        if e.route.startswith("admin/") and e.params and not NOT_PROJECT_OBJECTS.fullmatch(e.route)
    ]


@pytest.mark.django_db
def test_foreign_and_missing_ids_both_answer_404(scope, demo_users):  # noqa: F811
    projects = scope["projects"]
    foreign = {slug: foreign_objects(projects[OTHER[slug]]) for slug in projects}
    checked = set()
    wrong = []
    # An editor of one project and a network manager of the other cover both roles and sites.
    for username in ("redaktion-kaarst", "netzwerk-kaiserslautern"):
        slug = PROJECT_USERS[username]
        client = Client()
        client.force_login(demo_users[username])
        objects = foreign[slug]
        for entry in object_routes():
            values = fill(entry, objects, projects[OTHER[slug]])
            if values is None:
                continue
            blank = {key: value if key in FIXED else MISSING for key, value in values.items()}
            url, missing_url = address(entry.route, values), address(entry.route, blank)
            got = client.get(url, HTTP_HOST="kaarst.localhost").status_code
            got_missing = client.get(missing_url, HTTP_HOST="kaarst.localhost").status_code
            checked.add(entry.route)
            if (got, got_missing) != (404, 404):
                wrong.append((username, url, got, missing_url, got_missing))
    assert wrong == [], "\n".join(map(str, wrong))
    assert len(checked) >= 120


# --- query counts of the scoped reports ------------------------------------------------------

# Measured with the demo content, the same for the editors of both sites.
# wagtail-localize's report renders each row with its own queries (one page of 20 rows here);
# page-types-usage costs one query per page type (17 with the Leichte Sprache and the
# volunteering pages).
REPORT_QUERIES = {
    "/admin/reports/page-types-usage/": 37,
    "/admin/localize/reports/translations/": 291,
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", sorted(REPORT_QUERIES))
def test_scoped_reports_take_a_fixed_number_of_queries(url, scope, demo_users):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for username in ("redaktion-kaarst", "redaktion-kaiserslautern"):
        client = Client()
        client.force_login(demo_users[username])
        client.get(url, HTTP_HOST="kaarst.localhost")  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="kaarst.localhost")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts == [REPORT_QUERIES[url]] * 2
