"""Every page the demo creates opens in the page editor, for the admin and for its site's editor."""

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, get_page_models

import pytest

from tests.demo_data import PASSWORD, demo_content, demo_users  # noqa: F401

EDITORS = {"kaarst": "redaktion-kaarst", "kaiserslautern": "redaktion-kaiserslautern"}


@pytest.fixture(scope="module")
def demo_pages(demo_content, django_db_blocker):  # noqa: F811
    """(site slug, page id, URL path, page model) of every page below the two demo home pages, in all locales."""
    with django_db_blocker.unblock():
        pages = []
        for slug, project in demo_content["projects"].items():
            home = project.site.root_page
            trees = Page.objects.filter(translation_key=home.translation_key)
            for root in trees:
                tree = Page.objects.descendant_of(root, inclusive=True).order_by("path")
                for page in tree.select_related("content_type"):
                    pages.append((slug, page.pk, page.url_path, page.content_type.model_class()))
        return pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "editor"])
def test_every_demo_page_opens_in_the_editor(demo_pages, demo_users, role):  # noqa: F811
    failures = []
    clients = {}
    for slug, username in EDITORS.items():
        client = Client()
        client.login(username="admin" if role == "admin" else username, password=PASSWORD)
        clients[slug] = client
    for slug, page_id, path, _model in demo_pages:
        response = clients[slug].get(reverse("wagtailadmin_pages:edit", args=[page_id]))
        if response.status_code != 200:
            failures.append((slug, path, response.status_code))
    assert failures == []


@pytest.mark.django_db
def test_the_editor_test_covers_every_page_type_on_both_sites(demo_pages):
    page_types = {model for model in get_page_models() if model is not Page}
    for slug in EDITORS:
        assert {model for site, *_, model in demo_pages if site == slug} == page_types


@pytest.mark.django_db
def test_the_demo_loader_refuses_rich_text_the_editor_cannot_load():
    from cms.demo import _check_editable
    from cms.models import StandardPage

    page = StandardPage(title="Impressum", body=[("paragraph", "<p>Rathaus<br>Kaarst</p>")])
    with pytest.raises(ValueError, match="Impressum"):
        _check_editable(page)
    _check_editable(
        StandardPage(title="Impressum", body=[("paragraph", "<p>Rathaus<br/>Kaarst</p>")])
    )
