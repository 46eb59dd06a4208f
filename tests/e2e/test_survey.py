"""A resident answers the demo survey on a phone, by keyboard only, and corrects one mistake."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

COUNT_RESPONSES = (
    "from surveys.models import Response\n"
    "result = Response.objects.filter(survey__project__slug='kaarst',"
    " survey__title='Angebote im Albert-Einstein-Forum').count()"
)
NEXT = "button[name=action][value=next]"


def tab_to(page, selector, limit=400):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} ist per Tabulator nicht erreichbar")


def test_resident_answers_survey_by_keyboard_on_a_phone(phone, server):
    before = server.query(COUNT_RESPONSES)
    page = phone
    page.goto(server.url("kaarst.localhost", "/beteiligung/"))
    assert page.locator("h1").inner_text() == "Angebote im Albert-Einstein-Forum"

    # Step 1: the required choice, and an age below the allowed range.
    tab_to(page, "input[name=q_besuch]")
    page.keyboard.press("Space")
    assert page.locator("#id_q_besuch_0").is_checked()
    tab_to(page, "#id_q_alter")
    page.keyboard.type("7")
    tab_to(page, NEXT)
    page.keyboard.press("Enter")

    summary = page.locator(".qn-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Wie alt sind Sie?")
    expect(page.locator(".qn-survey__progress")).to_contain_text("Schritt 1 von 3")
    expect(page.locator("#id_q_alter")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "umfrage-fehler-handy")

    # Correct the age; the choice made before is kept.
    assert page.locator("#id_q_besuch_0").is_checked()
    tab_to(page, "#id_q_alter")
    page.keyboard.press("Control+A")
    page.keyboard.type("34")
    page.keyboard.press("Enter")
    expect(page.locator(".qn-survey__progress")).to_contain_text("Schritt 2 von 3")
    expect(page.locator(".qn-error-summary")).to_have_count(0)

    tab_to(page, NEXT)
    page.keyboard.press("Enter")
    expect(page.locator(".qn-survey__progress")).to_contain_text("Schritt 3 von 3")
    tab_to(page, "textarea[name=q_wunsch]")
    page.keyboard.type("Mehr Sprachcafés am Abend, bitte.")
    tab_to(page, NEXT)
    page.keyboard.press("Enter")
    expect(page.locator(".qn-survey__progress")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Ihre Antworten sind angekommen")
    screenshot(page, "umfrage-danke-handy")
    # Reloading the thank-you page must not store the answers a second time.
    page.reload()
    assert server.query(COUNT_RESPONSES) == before + 1
