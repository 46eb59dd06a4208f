"""Anonymous page views come from the cache, which is purged exactly when what they show changes."""

import io

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.test import Client

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from cms.cache import HEADER, generation
from cms.models import Person, SiteSettings
from cms.renditions import filter_specs
from tests.cms.builders import add_news, build_site


@pytest.fixture
def sites(db, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    first = build_site("eins.localhost", name="Projekt Eins")
    second = build_site("zwei.localhost", name="Projekt Zwei", default=False)
    yield first, second
    cache.clear()


def get(path, host, client=None):
    return (client or Client()).get(path, HTTP_HOST=host)


def test_second_anonymous_view_is_served_from_the_cache(sites):
    first = get("/", "eins.localhost")
    second = get("/", "eins.localhost")
    assert first.status_code == second.status_code == 200
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cached_view_runs_no_query(sites, django_assert_num_queries):
    get("/", "eins.localhost")
    with django_assert_num_queries(0):
        assert get("/", "eins.localhost")[HEADER] == "hit"


def test_publishing_news_purges_its_site_only(sites):
    first, _second = sites
    get("/", "eins.localhost")
    get("/", "zwei.localhost")
    [news] = add_news(first["news_index"], 1)
    get("/aktuelles/", "eins.localhost")
    get("/", "eins.localhost")
    news.title = "Neues Sprachcafé eröffnet"
    news.save_revision().publish()
    fresh = get("/aktuelles/", "eins.localhost")
    assert fresh[HEADER] == "miss"
    assert "Neues Sprachcafé eröffnet" in fresh.content.decode()
    assert get("/", "eins.localhost")[HEADER] == "miss"
    assert get("/", "zwei.localhost")[HEADER] == "hit"


def test_a_lost_generation_counter_never_revives_stale_pages(sites):
    # The cache may evict the generation counter while pages stored under it live on; the
    # counter must then restart above every earlier generation, not at a fixed number.
    get("/", "eins.localhost")
    before = generation("eins.localhost")
    cache.delete("qn:page:gen:eins.localhost")
    after = generation("eins.localhost")
    assert after > before
    assert get("/", "eins.localhost")[HEADER] == "miss"


def test_unpublishing_and_deleting_purge(sites):
    first, _second = sites
    [news] = add_news(first["news_index"], 1)
    assert "Nachricht 1" in get("/aktuelles/", "eins.localhost").content.decode()
    assert get("/aktuelles/", "eins.localhost")[HEADER] == "hit"
    news.unpublish()
    response = get("/aktuelles/", "eins.localhost")
    assert response[HEADER] == "miss"
    assert "Nachricht 1" not in response.content.decode()
    assert get("/aktuelles/", "eins.localhost")[HEADER] == "hit"
    first["team"].delete()
    assert get("/aktuelles/", "eins.localhost")[HEADER] == "miss"


def test_site_settings_change_purges_that_site(sites):
    first, _second = sites
    get("/", "eins.localhost")
    get("/", "zwei.localhost")
    site_settings = SiteSettings.for_site(first["site"])
    site_settings.name = "Quartiersbüro Eins"
    site_settings.save()
    response = get("/", "eins.localhost")
    assert response[HEADER] == "miss"
    assert "Quartiersbüro Eins" in response.content.decode()
    assert get("/", "zwei.localhost")[HEADER] == "hit"


def test_person_change_purges(sites):
    get("/team/", "eins.localhost")
    assert get("/team/", "eins.localhost")[HEADER] == "hit"
    Person.objects.create(name="Aylin Demir", role="Projektleitung")
    assert get("/team/", "eins.localhost")[HEADER] == "miss"


def test_logged_in_users_and_previews_bypass_the_cache(sites, django_user_model):
    get("/", "eins.localhost")
    editor = django_user_model.objects.create_superuser("red", "red@example.org", "pw-1234-ab")
    client = Client()
    client.force_login(editor)
    response = get("/", "eins.localhost", client)
    assert response.status_code == 200
    assert HEADER not in response
    assert HEADER not in get("/", "eins.localhost", client)


def test_query_language_and_host_are_part_of_the_key(sites):
    get("/aktuelles/", "eins.localhost")
    assert get("/aktuelles/?seite=2", "eins.localhost")[HEADER] == "miss"
    assert get("/aktuelles/", "zwei.localhost")[HEADER] == "miss"
    assert get("/en/aktuelles/", "eins.localhost").get(HEADER) != "hit"


def test_errors_and_pages_that_set_cookies_are_not_stored(sites):
    assert get("/gibt-es-nicht/", "eins.localhost").status_code == 404
    assert HEADER not in get("/gibt-es-nicht/", "eins.localhost")
    contact = get("/kontakt/", "eins.localhost")
    assert contact.status_code == 200
    assert "csrftoken" in contact.cookies
    assert HEADER not in contact
    assert HEADER not in get("/kontakt/", "eins.localhost")


def test_unknown_hosts_are_not_cached(sites):
    response = get("/", "127.0.0.1")
    assert HEADER not in response


def test_unsafe_methods_are_never_answered_from_the_cache(sites):
    get("/", "eins.localhost")
    response = Client().post("/", {}, HTTP_HOST="eins.localhost")
    assert HEADER not in response


def test_renditions_are_made_when_an_image_is_saved(db, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "teal").save(buffer, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        image = get_image_model().objects.create(
            title="Forum", file=ImageFile(buffer, name="forum.png")
        )
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(filter_specs())
    assert {"fill-600x400", "fill-1200x630"} <= made
