"""A resident sends the contact form from a page the page cache answered."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

COUNT_MESSAGES = (
    "from wagtail.contrib.forms.models import FormSubmission\n"
    "result = [s.form_data.get('nachricht') for s in FormSubmission.objects.filter("
    "page__url_path__endswith='/kontakt/', page__locale__language_code='de')]"
)


def test_resident_sends_the_contact_form_from_a_cached_page(browser, server):
    before = server.query(COUNT_MESSAGES)
    url = server.url("kaarst.localhost", "/kontakt/")
    # Another visitor's view stores the page; this resident gets it from the cache.
    other = browser.new_context(locale="de-DE")
    other.new_page().goto(url)
    other.close()
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    response = page.goto(url)
    assert response.headers.get("x-page-cache") == "hit"
    page.locator("input[name=name]").fill("Aylin Demir")
    page.locator("input[name=e_mail]").fill("aylin@example.org")
    page.locator("select[name=anliegen]").select_option("Frage")
    page.locator("textarea[name=nachricht]").fill("Wann beginnt das nächste Sprachcafé?")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_text("Vielen Dank für Ihre Nachricht!")).to_be_visible()
    screenshot(page, "kontaktformular-gesendet")
    context.close()
    after = server.query(COUNT_MESSAGES)
    assert after == [*before, "Wann beginnt das nächste Sprachcafé?"]
