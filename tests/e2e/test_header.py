"""The page header on a phone: menu and search fold away, and open without JavaScript.

On a 390-px phone the header once took 446 of 844 px (brand, search field, languages and eight
menu items in two columns) before the first line of content. Menu and search are native
disclosures (<details>): folded on phones, shown open from 600 px where the browser can style a
closed disclosure's content.
"""

import pytest

from tests.e2e.conftest import screenshot

CONTENT_TOP = "() => document.querySelector('main').getBoundingClientRect().top"


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("path,menu", [("/", "Menü"), ("/ar/", "القائمة")])
def test_phone_header_folds_menu_and_search(browser, server, javascript, path, menu):
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    try:
        page.goto(server.url("kaiserslautern.localhost", path))
        first_link = page.locator(".qn-nav__link").first
        assert not first_link.is_visible()
        assert not page.locator("#site-search").is_visible()
        # Content starts in the upper third of the screen (it began at 446 px before).
        assert page.evaluate(CONTENT_TOP) < 844 / 3
        page.get_by_text(menu, exact=True).click()
        assert first_link.is_visible()
        assert page.locator(".qn-nav__link").count() == 9
        page.locator(".qn-disclosure--search > summary").click()
        page.locator("#site-search").fill("Ehrenamt")
        page.locator("#site-search").press("Enter")
        page.wait_for_url("**/suche/?q=Ehrenamt")
        screenshot(page, f"kopfzeile-telefon-{'js' if javascript else 'ohne-js'}{path.strip('/')}")
    finally:
        context.close()


def test_desktop_header_shows_menu_and_search_open(page, server):
    page.goto(server.url("kaiserslautern.localhost", "/"))
    assert page.locator(".qn-nav__link").first.is_visible()
    assert page.locator("#site-search").is_visible()
    assert not page.get_by_text("Menü", exact=True).is_visible()
    assert page.evaluate(CONTENT_TOP) < 200
