"""An editor of Kaarst publishes a news item with an image; it shows on Kaarst's home page only."""

from tests.e2e.conftest import login, screenshot

TITLE = "Neues Sprachcafé am Donnerstag"


def test_editor_publishes_news_with_image(page, server):
    index_id = server.query(
        "from wagtail.models import Site\n"
        "from cms.models import NewsIndexPage\n"
        "root = Site.objects.get(hostname='kaarst.localhost').root_page\n"
        "result = NewsIndexPage.objects.child_of(root).get().pk"
    )
    login(page, server, "redaktion-kaarst")
    page.goto(server.url("kaarst.localhost", f"/admin/pages/add/cms/newspage/{index_id}/"))
    page.fill("#id_title", TITLE)
    page.fill("#id_teaser", "Jeden Donnerstag üben wir gemeinsam Deutsch bei Kaffee und Tee.")
    page.locator("#id_image-chooser [data-chooser-action-choose]").click()
    page.locator("[data-chooser-modal-choice]").first.click()
    page.wait_for_selector("#id_image-chooser:not(.blank)", state="attached")
    page.fill("#id_image_alt", "Menschen sitzen an einem Tisch mit Kaffeetassen")
    page.locator("footer .w-dropdown--dropdown-button .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url("**/admin/pages/*/")
    assert page.locator(".messages .success").count() == 1

    page.goto(server.url("kaarst.localhost", "/"))
    article = page.locator("article", has_text=TITLE)
    assert article.count() == 1
    assert article.locator("img").count() == 1
    screenshot(page, "redaktion-nachricht-kaarst")

    page.goto(server.url("kaiserslautern.localhost", "/"))
    assert page.locator("body").inner_text().count(TITLE) == 0
