"""The network pages on small phones: nothing makes the page scroll sideways.

Wide tables scroll inside their own labelled region (``role="region"``, ``tabindex="0"``) or
turn into one block per row; the public partner map works with and without JavaScript.
"""

import pytest

from tests.e2e.conftest import ROOT, login, screenshot

EXAMPLES = ROOT / "network" / "examples"

# Wagtail's <main> hides horizontal overflow, so a too-wide admin page is clipped there rather
# than scrolled: both the document and <main> must fit.
MEASURE = """() => {
  const main = document.querySelector("main");
  const loose = [];
  for (const table of document.querySelectorAll("main table")) {
    const region = table.closest('[role="region"]');
    const labelled = region && region.getAttribute("tabindex") === "0"
      && document.getElementById(region.getAttribute("aria-labelledby") || "-")
      && document.getElementById(region.getAttribute("aria-labelledby")).textContent.trim() !== "";
    if (!labelled && table.getBoundingClientRect().width > main.clientWidth) loose.push(table.className);
  }
  return {
    document: document.documentElement.scrollWidth,
    window: window.innerWidth,
    main: main.scrollWidth,
    mainBox: main.clientWidth,
    looseTables: loose,
  };
}"""


def phone_page(browser, width, javascript=True):
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": width, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def assert_fits(page, width):
    box = page.evaluate(MEASURE)
    assert box["window"] == width  # a phone zooms out (innerWidth grows) when a page is too wide
    assert box["document"] <= box["window"]
    assert box["main"] <= box["mainBox"]
    assert box["looseTables"] == []


@pytest.mark.parametrize("width", [320, 360])
def test_network_admin_pages_fit_a_phone(browser, server, width):
    context, page = phone_page(browser, width)
    try:
        login(page, server, "netzwerk-kaarst")
        page.goto(server.url("kaarst.localhost", "/admin/network/review/"))
        assert page.locator("main table tbody tr").count() >= 1
        assert_fits(page, width)
        screenshot(page, f"pruefliste-{width}")

        # Filters open (a bound filter form) and every chart drawn.
        page.goto(server.url("kaarst.localhost", "/admin/network/analysis/?min_intensity=1"))
        page.wait_for_function(
            "[...document.querySelectorAll('canvas[data-chart-data]')]"
            ".every(c => c.width > 0 && window.Chart && Chart.getChart(c))"
        )
        charts = page.locator("canvas[data-chart-data]").evaluate_all(
            "cs => cs.map(c => c.getBoundingClientRect().right <= window.innerWidth)"
        )
        assert charts == [True, True, True, True]
        assert_fits(page, width)
        screenshot(page, f"netzwerkanalyse-{width}")

        page.goto(server.url("kaarst.localhost", "/admin/network/institutions/"))
        assert page.locator("main table tbody tr").count() >= 1
        assert_fits(page, width)
        screenshot(page, f"institutionen-{width}")

        page.goto(server.url("kaarst.localhost", "/admin/network/import/"))
        page.set_input_files(
            "input[type=file]",
            [str(EXAMPLES / "institutionen.csv"), str(EXAMPLES / "kooperationen.csv")],
        )
        page.locator("main button[type=submit]").click()
        page.wait_for_selector("#import-preview-caption", state="attached")
        assert_fits(page, width)
        screenshot(page, f"import-vorschau-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 360])
def test_partner_map_fits_a_phone_with_javascript(browser, server, width):
    context, page = phone_page(browser, width)
    try:
        page.goto(server.url("kaarst.localhost", "/partnerkarte/"))
        page.wait_for_selector("[data-netmap][data-layout=stopped]", timeout=30_000)
        controls = page.locator("[data-netmap-part=controls]")
        assert controls.is_visible()
        assert controls.locator("label").all_inner_texts() == [
            "Farbe nach",
            "Institution suchen",
            "Bei Auswahl hervorheben",
        ]
        assert page.locator(".qn-netmap__stage canvas").first.is_visible()
        assert_fits(page, width)
        screenshot(page, f"partnerkarte-{width}")
    finally:
        context.close()


def test_partner_map_without_javascript_shows_only_the_table(browser, server):
    context, page = phone_page(browser, 360, javascript=False)
    try:
        page.goto(server.url("kaarst.localhost", "/partnerkarte/"))
        assert page.locator("[data-netmap-part=controls]").is_hidden()
        assert page.locator("[data-netmap-part=stage]").is_hidden()
        assert page.locator("[data-netmap-part=status]").is_hidden()
        table = page.locator("table.qn-netmap__table")
        assert table.is_visible()
        # One block per partner: the column heading stands before each value.
        first = table.locator("tbody tr").first
        labels = first.locator("td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)"
        )
        assert labels == [
            '"Typ" / ""',
            '"Handlungsfelder" / ""',
            '"Stadtteil" / ""',
            '"arbeitet zusammen mit" / ""',
        ]
        assert_fits(page, 360)
        screenshot(page, "partnerkarte-360-ohne-javascript")
    finally:
        context.close()
