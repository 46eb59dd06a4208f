"""Public partner map: only public institutions and their confirmed ties, never personal data."""

import json
import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest
from bs4 import BeautifulSoup

from cms.models import HomePage, Project, StandardPage
from network.demo_pages import load_demo_partner_maps
from network.models import Contact, Cooperation, Institution, Membership, Sector
from network.pages import PartnerMapPage


@pytest.fixture
def site_project(db):
    """Kaarst with a HomePage as its site root (what the demo content builds)."""
    root = Page.get_first_root_node()
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    home = root.add_child(instance=HomePage(title="Start Kaarst", slug="kaarst"))
    site = Site.objects.create(
        hostname="kaarst.localhost", port=80, root_page=home, is_default_site=True
    )
    project = Project.objects.create(
        slug="kaarst",
        name="Kaarst",
        site=site,
        editor_group=Group.objects.create(name="Redaktion Kaarst"),
        manager_group=Group.objects.create(name="Netzwerk Kaarst"),
    )
    return project, home


@pytest.fixture
def partner_world(site_project):
    """Public A, B, C; non-public D; A–B confirmed, B–C unconfirmed, A–D confirmed."""
    project, home = site_project
    sport = Sector.objects.create(project=project, name="Sport")

    def institution(name, public, **extra):
        return Institution.objects.create(project=project, name=name, public=public, **extra)

    a = institution("Alpha e. V.", True, website="https://alpha.example.org")
    b = institution("Beta Schule", True)
    c = institution("Gamma Treff", True)
    d = institution("Delta Beratung (intern)", False)
    a.sectors.add(sport)
    Cooperation.objects.create(
        project=project, source=a, target=b, description="Vertrauliche Notiz"
    )
    Cooperation.objects.create(project=project, source=b, target=c, confirmed=False)
    Cooperation.objects.create(project=project, source=a, target=d)
    erika = Contact.objects.create(
        project=project,
        name="Erika Mustermann",
        email="erika@alpha.example.org",
        phone="02131 123456",
        notes="spricht Türkisch",
    )
    Membership.objects.create(contact=erika, institution=a, role="Vorsitz")
    page = home.add_child(instance=PartnerMapPage(title="Partnerkarte", slug="partnerkarte"))
    return {"page": page, "a": a, "b": b, "c": c, "d": d, "home": home, "project": project}


def embedded(html, element_id):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


def partner_rows(html):
    table = BeautifulSoup(html, "html.parser").select_one("table.qn-netmap__table")
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]


def test_page_lists_only_public_institutions_and_confirmed_ties(client, partner_world):
    response = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert partner_rows(html) == [
        ["Alpha e. V.", "–", "Sport", "–", "Beta Schule"],
        ["Beta Schule", "–", "–", "–", "Alpha e. V."],
        ["Gamma Treff", "–", "–", "–", "–"],
    ]
    assert "Delta Beratung" not in html
    data = embedded(html, "partner-network")
    assert [i["name"] for i in data["institutions"]] == [
        "Alpha e. V.",
        "Beta Schule",
        "Gamma Treff",
    ]
    a, b = partner_world["a"].pk, partner_world["b"].pk
    assert [(c["source"], c["target"]) for c in data["cooperations"]] == [(a, b)]


def test_no_personal_data_in_page_or_embedded_json(client, partner_world):
    html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    for secret in (
        "Erika",
        "Mustermann",
        "erika@alpha.example.org",
        "02131 123456",
        "Türkisch",
        "Vorsitz",
        "Vertrauliche Notiz",
    ):
        assert secret not in html
    data = embedded(html, "partner-network")
    keys = {key for institution in data["institutions"] for key in institution}
    assert not keys & {"contacts", "memberships", "email", "phone", "notes"}
    assert {key for c in data["cooperations"] for key in c} == {
        "source",
        "target",
        "type",
        "type_label",
        "directed",
        "intensity",
    }


def test_map_script_and_config_without_inline_code(client, partner_world):
    html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    config = embedded(html, "netmap-config")
    assert config["dataElement"] == "partner-network"
    assert "fa2-worker" in config["workerUrl"]
    assert 'data-netmap-config="netmap-config"' in html
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert scripts == []


def soup_of(client):
    html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    return BeautifulSoup(html, "html.parser")


def test_map_controls_are_kern_fields_with_their_labels(client, partner_world):
    soup = soup_of(client)
    controls = soup.select_one("[data-netmap-part=controls]")
    assert controls.name == "fieldset"
    assert controls["class"] == ["kern-fieldset", "qn-netmap__controls", "qn-netmap__panel"]
    assert controls.has_attr("hidden")  # shown by the script once the map has loaded
    assert controls.legend["class"] == ["kern-label"]
    assert controls.legend.get_text(strip=True) == "Karte einstellen"
    fields = []
    for label in controls.find_all("label"):
        field = soup.find(id=label["for"])
        fields.append(
            (
                label.get_text(strip=True),
                label["class"],
                label.parent["class"],
                field.name,
                field["class"],
                field.parent["class"],
            )
        )
    select = ["kern-form-input__select"]
    wrapper = ["kern-form-input__select-wrapper"]
    assert fields == [
        ("Farbe nach", ["kern-label"], ["kern-form-input"], "select", select, wrapper),
        (
            "Institution suchen",
            ["kern-label"],
            ["kern-form-input", "qn-netmap__control--search"],
            "input",
            ["kern-form-input__input"],
            ["kern-form-input", "qn-netmap__control--search"],
        ),
        ("Bei Auswahl hervorheben", ["kern-label"], ["kern-form-input"], "select", select, wrapper),
    ]
    colours = [(o["value"], o.get_text()) for o in soup.select("#nm-color option")]
    assert colours == [("type", "Typ"), ("sector", "Handlungsfeld"), ("district", "Stadtteil")]
    radius = [(o["value"], o.get_text()) for o in soup.select("#nm-radius option")]
    assert radius == [("1", "direkte Partner"), ("2", "Partner der Partner")]
    buttons = controls.find_all("button")
    assert [(b["class"], b["type"], b.get_text(strip=True)) for b in buttons] == [
        (["kern-btn", "kern-btn--secondary"], "button", "Anordnung anhalten")
    ]
    assert buttons[0].span["class"] == ["kern-label"]


def test_public_page_carries_no_admin_classes(client, partner_world):
    soup = soup_of(client)
    classes = {name for tag in soup.find_all(class_=True) for name in tag["class"]}
    admin = {"button", "button-small", "button-secondary", "listing", "help-block", "nice-padding"}
    assert classes & admin == set()
    assert sorted(name for name in classes if name.startswith("w-")) == []
    assert soup.select("[data-netmap-control=date], [data-netmap-control=size]") == []


def test_table_without_javascript_is_outside_the_map(client, partner_world):
    soup = soup_of(client)
    table = soup.select_one("section[aria-labelledby=partner-table-title] table")
    assert table.find_parent(attrs={"data-netmap": True}) is None
    assert not table.find_parent(attrs={"hidden": True})
    assert table["class"] == ["kern-table", "qn-netmap__table", "qn-stack-table"]
    assert table.caption.get_text(strip=True) == "3 Partnerorganisationen"
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Name",
        "Typ",
        "Handlungsfelder",
        "Stadtteil",
        "arbeitet zusammen mit",
    ]
    first = table.tbody.tr
    assert first.th["scope"] == "row"
    assert first.th.a["href"] == "https://alpha.example.org"
    # On phones each value is shown under its column's name (site.css, .qn-stack-table).
    assert [(td["data-label"], td.get_text(strip=True)) for td in first.find_all("td")] == [
        ("Typ", "–"),
        ("Handlungsfelder", "Sport"),
        ("Stadtteil", "–"),
        ("arbeitet zusammen mit", "Beta Schule"),
    ]


def test_page_without_public_partners_says_so(client, site_project):
    project, home = site_project
    Institution.objects.create(project=project, name="Intern e. V.", public=False)
    home.add_child(instance=PartnerMapPage(title="Partnerkarte", slug="partnerkarte"))
    html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    assert "Noch keine Partnerorganisation hat der Veröffentlichung zugestimmt." in html
    assert "Intern e. V." not in html
    assert "network-map.js" not in html


def test_page_types_it_may_live_under(db):
    assert PartnerMapPage.parent_page_types == ["cms.HomePage", "cms.StandardPage"]
    assert PartnerMapPage.subpage_types == []
    assert PartnerMapPage.can_create_at(HomePage())
    assert PartnerMapPage.can_create_at(StandardPage())


def test_page_queries_do_not_grow_with_partners(client, site_project, django_assert_num_queries):
    project, home = site_project
    home.add_child(instance=PartnerMapPage(title="Partnerkarte", slug="partnerkarte"))

    def add(n, start):
        made = Institution.objects.bulk_create(
            Institution(project=project, name=f"Partner {i:02d}", public=True)
            for i in range(start, start + n)
        )
        Cooperation.objects.bulk_create(
            Cooperation(project=project, source=made[i], target=made[i + 1]) for i in range(n - 1)
        )

    add(3, 0)
    client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost")
    with CaptureQueriesContext(connection) as three:
        html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    assert len(partner_rows(html)) == 3
    add(27, 3)
    with django_assert_num_queries(len(three.captured_queries)):
        html = client.get("/partnerkarte/", HTTP_HOST="kaarst.localhost").content.decode()
    assert len(partner_rows(html)) == 30


def test_demo_hook_places_one_published_partner_map_per_site(site_project):
    project, home = site_project
    load_demo_partner_maps({"kaarst": project})
    load_demo_partner_maps({"kaarst": project})
    pages = PartnerMapPage.objects.child_of(home)
    assert [(p.slug, p.live, p.title) for p in pages] == [("partnerkarte", True, "Partnerkarte")]
