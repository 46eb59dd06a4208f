"""Wagtail's read-only pages API: public for live public pages of the requesting site only."""

from django.test import Client

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.network.conftest import make_project, make_user


@pytest.fixture
def pages(db):
    kaarst = make_project("kaarst", "Kaarst")
    kl = make_project("kaiserslautern", "Kaiserslautern")
    home = kaarst.site.root_page
    live = home.add_child(instance=Page(title="Angebote", slug="angebote"))
    draft = home.add_child(instance=Page(title="Entwurf", slug="entwurf", live=False))
    secret = home.add_child(instance=Page(title="Intern", slug="intern"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    below_secret = secret.add_child(instance=Page(title="Intern Unterseite", slug="unter"))
    pfalz = kl.site.root_page.add_child(instance=Page(title="Pfalz", slug="pfalz"))
    return {
        "home": home,
        "live": live,
        "draft": draft,
        "secret": secret,
        "below_secret": below_secret,
        "pfalz": pfalz,
    }


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_pages_api_lists_only_live_public_pages_of_the_site(pages, who):
    client = Client()
    if who == "editor":
        client.force_login(make_user("redaktion-kaarst"))
    response = client.get("/api/v2/pages/", HTTP_HOST="kaarst.localhost")
    assert response.status_code == 200
    titles = sorted(item["title"] for item in response.json()["items"])
    assert titles == ["Angebote", "Kaarst"]


@pytest.mark.parametrize(
    "name,status",
    [("live", 200), ("draft", 404), ("secret", 404), ("below_secret", 404), ("pfalz", 404)],
)
def test_pages_api_detail_answers_only_live_public_pages_of_the_site(pages, name, status):
    response = Client().get(f"/api/v2/pages/{pages[name].pk}/", HTTP_HOST="kaarst.localhost")
    assert response.status_code == status


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_endpoints_stay_closed_to_anonymous(pages, endpoint):
    response = Client().get(f"/api/v2/{endpoint}/", HTTP_HOST="kaarst.localhost")
    assert response.status_code == 403
