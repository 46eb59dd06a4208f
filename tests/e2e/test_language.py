"""A visitor switches the home page to Arabic and reads it right to left, on phones too."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot


def test_visitor_switches_home_page_to_arabic(page, server):
    page.goto(server.url("kaarst.localhost", "/"))
    html = page.locator("html")
    assert html.get_attribute("lang") == "de"
    assert html.get_attribute("dir") == "ltr"
    page.locator(".qn-language-nav a[hreflang=ar]").click()
    page.wait_for_load_state()
    assert page.url.startswith(server.url("kaarst.localhost", "/ar/"))
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    screenshot(page, "sprache-arabisch-kaarst")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/ar/aktuelles/auftaktveranstaltungen/", "nachricht"),
        ("/ar/veranstaltungen/sommerfest-2027/", "veranstaltung"),
        ("/ar/aktuelles/", "nachrichten-mit-deutschen-eintraegen"),
    ],
)
def test_arabic_pages_read_right_to_left_on_a_phone(phone, server, path, name):
    phone.goto(server.url("kaarst.localhost", path))
    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The page title starts at the right edge: its right side lies at the container's.
    title = phone.locator("h1").first.bounding_box()
    main = phone.locator("main").bounding_box()
    assert main["x"] + main["width"] - (title["x"] + title["width"]) < 40
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, f"arabisch-telefon-{name}")


def test_arabic_survey_step_on_a_phone(phone, server):
    phone.goto(server.url("kaarst.localhost", "/ar/beteiligung/"))
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.fill("#id_q_alter", "7")
    phone.locator("button[name=action][value=next]").click()
    expect(phone.locator(".qn-error-summary")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "arabisch-telefon-umfrage-schritt")
