"""axe-core finds no WCAG 2.1 A/AA violation on any public page type of either site, in German and Arabic.

The page types come from Wagtail's registry of page models, so a new page type without a
public page to check makes ``test_every_public_page_type_is_checked`` fail.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms.accessibility import WCAG_TAGS
from tests.e2e.conftest import screenshot

SITES = ("kaarst.localhost", "kaiserslautern.localhost")
LANGUAGES = ("de", "ar")
#: Page types that are never shown on their own, with the reason.
NOT_PUBLIC = {
    "wagtailcore.Page": "the tree's root, no site shows it",
}
#: Page types that exist in German only, with the reason.
GERMAN_ONLY = {
    "cms.EasyLanguagePage": "Leichte Sprache is a form of German, linked from every language",
}

PAGES_SCRIPT = """
from wagtail.models import Site, get_page_models
from django.contrib.contenttypes.models import ContentType
hosts = dict(Site.objects.values_list("pk", "hostname"))
result = {"types": [], "pages": []}
seen = set()
for model in get_page_models():
    label = model._meta.label
    result["types"].append(label)
    content_type = ContentType.objects.get_for_model(model)
    pages = (
        model.objects.live().public().filter(content_type=content_type)
        .select_related("locale").order_by("path")
    )
    for page in pages:
        parts = page.get_url_parts()
        if not parts or parts[0] not in hosts:
            continue
        key = (label, parts[0], page.locale.language_code)
        if key in seen or page.locale.language_code not in ("de", "ar"):
            continue
        seen.add(key)
        result["pages"].append([label, hosts[parts[0]], page.locale.language_code, parts[2]])
"""


@pytest.fixture(scope="module")
def inventory(server):
    return server.query(PAGES_SCRIPT)


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page):
    """WCAG 2.1 A/AA violations on the page as shown, as readable lines."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = results.response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in found
    ]


def test_every_public_page_type_is_checked(inventory):
    """Each public page type is checked on both sites, in German and in Arabic."""
    checked = {(label, host, lang) for label, host, lang, _path in inventory["pages"]}
    expected = {
        (label, host, lang)
        for label in set(inventory["types"]) - set(NOT_PUBLIC)
        for host in SITES
        for lang in LANGUAGES
        if lang == "de" or label not in GERMAN_ONLY
    }
    missing = sorted(expected - checked)
    assert missing == [], f"Seitentypen ohne geprüfte Seite: {missing}"
    assert len(inventory["pages"]) == len(expected)


def test_public_pages_have_no_wcag_violations(inventory, page, server, axe):
    report = {}
    for label, host, language, path in inventory["pages"]:
        page.goto(server.url(host, path))
        found = violations(axe, page)
        if found:
            report[f"{label} {host} {language} {path}"] = found
    print("\n".join(f"geprüft: {' '.join(row)}" for row in inventory["pages"]))
    assert report == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in report.items())


@pytest.mark.parametrize("host", SITES)
def test_contact_form_in_its_error_state_has_no_violations(inventory, page, server, axe, host):
    [path] = [
        p
        for label, h, lang, p in inventory["pages"]
        if label == "cms.ContactPage" and h == host and lang == "de"
    ]
    page.goto(server.url(host, path))
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".qn-error-summary")).to_be_visible()
    screenshot(page, f"kontaktformular-fehler-{host.split('.')[0]}")
    assert violations(axe, page) == []


def test_survey_step_in_its_error_state_has_no_violations(page, server, axe):
    page.goto(server.url("kaarst.localhost", "/beteiligung/"))
    page.fill("#id_q_alter", "7")
    page.locator("button[name=action][value=next]").click()
    expect(page.locator(".qn-error-summary")).to_be_visible()
    assert violations(axe, page) == []


@pytest.mark.parametrize("path", ["/beteiligung/ergebnisse/", "/ar/beteiligung/ergebnisse/"])
def test_survey_results_on_a_phone_scroll_by_keyboard(phone, server, axe, path):
    """Wide tables and long answer lists scroll inside focusable, labelled regions at 390 px."""
    from tests.e2e.test_network_phone import MEASURE

    phone.goto(server.url("kaarst.localhost", path))
    assert violations(axe, phone) == []
    box = phone.evaluate(MEASURE)
    assert box["document"] <= box["window"] == 390
    assert box["looseTables"] == []
    # Every box that scrolls (sideways or down) can be reached with the Tab key and has a name.
    unreachable = phone.evaluate(
        """() => [...document.querySelectorAll("main *")].filter(el => {
          const style = getComputedStyle(el);
          const scrolls = (el.scrollWidth > el.clientWidth && /auto|scroll/.test(style.overflowX))
            || (el.scrollHeight > el.clientHeight && /auto|scroll/.test(style.overflowY));
          return scrolls && !(el.tabIndex === 0 && el.getAttribute("aria-labelledby"));
        }).map(el => el.className)"""
    )
    assert unreachable == []
    long_lists = phone.locator('.qn-texts[role="region"]').evaluate_all(
        "els => els.map((el, i) => el.scrollHeight > el.clientHeight ? i : -1).filter(i => i >= 0)"
    )
    assert len(long_lists) == 2  # the demo survey's two free-text questions
    region = phone.locator('.qn-texts[role="region"]').nth(long_lists[0])
    region.focus()
    phone.keyboard.press("PageDown")
    # Chromium animates keyboard scrolling: wait until the region has moved (or time out).
    phone.wait_for_function("el => el.scrollTop > 0", arg=region.element_handle(), timeout=5000)
    assert region.evaluate("el => el.scrollTop") > 0


@pytest.mark.parametrize("path", ["/engagement/", "/ar/engagement/"])
def test_volunteering_page_on_a_phone_keeps_its_width(phone, server, axe, path):
    """The donations table scrolls in its own labelled region; the page stays 390 px wide."""
    from tests.e2e.test_network_phone import MEASURE

    phone.goto(server.url("kaiserslautern.localhost", path))
    assert violations(axe, phone) == []
    box = phone.evaluate(MEASURE)
    assert box["document"] <= box["window"] == 390
    assert box["looseTables"] == []
    region = phone.locator('[role="region"][aria-labelledby="donations-title"]')
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")


@pytest.mark.parametrize("host", ["kaarst.localhost", "kaiserslautern.localhost"])
def test_home_pages_fit_a_320_px_screen_in_every_language(phone, server, host):
    """WCAG 1.4.10 (reflow): at 320 CSS px nothing needs sideways scrolling."""
    phone.set_viewport_size({"width": 320, "height": 700})
    widths = {}
    for path in ("/", "/en/", "/ar/"):
        phone.goto(server.url(host, path))
        widths[path] = phone.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    assert widths == {"/": True, "/en/": True, "/ar/": True}


GAP = """() => [...document.querySelectorAll('.kern-form-check')].map(check => {
  const box = check.querySelector('input').getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(check.querySelector('label'));
  const text = range.getBoundingClientRect();
  return Math.round(document.dir === 'rtl' ? box.left - text.right : text.left - box.right);
})"""


@pytest.mark.parametrize("path", ["/beteiligung/", "/ar/beteiligung/"])
def test_checkboxes_and_radios_keep_their_gap_in_both_directions(phone, server, path):
    phone.goto(server.url("kaarst.localhost", path))
    gaps = phone.evaluate(GAP)
    assert gaps and set(gaps) == {16}
