"""A resident answers the demo survey on a phone, by keyboard only, and corrects one mistake."""

import re

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
    # As on the contact form: the summary has the focus and the title names the error.
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fehler: Angebote im Albert-Einstein-Forum"))
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


PUBLIC_INSTITUTIONS = (
    "from network.models import Institution\n"
    "result = list(Institution.objects.filter(project__slug='kaarst').shown_in_public()"
    ".order_by('name', 'pk').values_list('pk', 'name'))"
)
CHOSEN_ANSWERS = (
    "from surveys.models import Answer\n"
    "result = sorted((pk, int(n)) for pk, n in Answer.objects.filter("
    "question__key='einrichtungen', response__survey__project__slug='kaarst',"
    " response__language='ar').values_list('institution_id', 'number'))"
)


def test_resident_filters_chooses_two_institutions_and_rates_them_on_a_phone(phone, server):
    public = server.query(PUBLIC_INSTITUTIONS)
    (first_pk, first), (second_pk, second) = public[0], public[-1]
    before = server.query(CHOSEN_ANSWERS)
    page = phone
    page.goto(server.url("kaarst.localhost", "/beteiligung/"))
    page.check("#id_q_besuch_0")
    page.fill("#id_q_alter", "34")
    page.click(NEXT)
    expect(page.locator(".qn-survey__progress")).to_contain_text("Schritt 2 von 3")

    boxes = page.locator("input[name=q_einrichtungen]")
    expect(boxes).to_have_count(len(public))
    filter_input = page.get_by_label("Liste filtern")
    count = page.locator(".qn-institutions__count")
    expect(count).to_have_text(f"{len(public)} von {len(public)} Einrichtungen angezeigt")
    # No intensity is asked before a choice.
    expect(page.locator(".qn-institutions__intensities")).to_be_hidden()

    filter_input.fill(first[:8].lower())
    expect(page.locator(".qn-institutions__choices .kern-form-check:visible")).not_to_have_count(
        len(public)
    )
    page.get_by_role("checkbox", name=first, exact=True).check()
    filter_input.fill(second)
    expect(page.locator(".qn-institutions__choices .kern-form-check:visible")).to_have_count(1)
    page.get_by_role("checkbox", name=second, exact=True).check()
    filter_input.fill("")

    intensities = page.locator(".qn-institutions__intensities select:visible")
    expect(intensities).to_have_count(2)
    page.select_option(f"#id_q_einrichtungen__{first_pk}", "4")
    page.select_option(f"#id_q_einrichtungen__{second_pk}", "1")
    height = page.evaluate("document.documentElement.scrollHeight")
    question = page.evaluate(
        "document.querySelector('.qn-institutions').offsetHeight"
        " + document.querySelector('.qn-institutions__intensities').offsetHeight"
    )
    screenshot(page, "umfrage-einrichtungen-handy")
    # 78 selects made the page 10,854 px; the step's other questions take about 2,000 px.
    assert question < 1300, question
    assert height < 4000, height

    # Enter in the filter filters and does not send the step.
    filter_input.press("Enter")
    expect(page.locator(".qn-survey__progress")).to_contain_text("Schritt 2 von 3")
    # Sent in Arabic, so that this test's answers are told apart from the demo's.
    page.click("button[value='sprache:ar']")
    page.check(f"input[name=q_einrichtungen][value='{first_pk}']")
    page.check(f"input[name=q_einrichtungen][value='{second_pk}']")
    page.select_option(f"#id_q_einrichtungen__{first_pk}", "4")
    page.select_option(f"#id_q_einrichtungen__{second_pk}", "1")
    screenshot(page, "umfrage-einrichtungen-handy-ar")
    page.click(NEXT)
    expect(page.locator("textarea[name=q_wunsch]")).to_be_visible()
    page.click(NEXT)
    expect(page.locator(".qn-survey__progress")).to_have_count(0)
    after = server.query(CHOSEN_ANSWERS)
    assert sorted(map(tuple, after)) == sorted([*map(tuple, before), (first_pk, 4), (second_pk, 1)])
