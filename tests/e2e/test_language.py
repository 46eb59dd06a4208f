"""A visitor switches the home page to Arabic and reads it right to left."""

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
