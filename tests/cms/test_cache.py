"""Anonymous page views come from the cache, which is purged exactly when what they show changes."""

import datetime
import io
import re
from unittest import mock

from django.core.cache import cache, caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

import pytest
from PIL import Image as PILImage

from cms.cache import HEADER, _cut_out, generation
from cms.models import OfficeHourException, Person, SiteSettings
from cms.renditions import filter_specs
from cms.spam import seconds_since
from tests.cms.builders import add_events, add_news, build_site


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


def test_errors_are_not_stored(sites):
    assert get("/gibt-es-nicht/", "eins.localhost").status_code == 404
    assert HEADER not in get("/gibt-es-nicht/", "eins.localhost")


def hidden_value(html, name):
    [value] = re.findall(rf'name="{name}" value="([^"]+)"', html)
    return value


def test_contact_form_is_stored_with_a_fresh_token_and_start_time_per_visitor(
    sites, django_assert_num_queries
):
    first = Client(enforce_csrf_checks=True).get("/kontakt/", HTTP_HOST="eins.localhost")
    assert (first.status_code, first[HEADER]) == (200, "miss")
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        hit = visitor.get("/kontakt/", HTTP_HOST="eins.localhost")
    assert (hit.status_code, hit[HEADER]) == (200, "hit")
    html = hit.content.decode()
    assert "\x00" not in html and "qn-personal" not in html
    # The new visitor gets a cookie of their own and a token made for it.
    assert "csrftoken" in hit.cookies
    assert hit.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    token = hidden_value(html, "csrfmiddlewaretoken")
    assert token != hidden_value(first.content.decode(), "csrfmiddlewaretoken")
    started = hidden_value(html, "form_started")
    assert seconds_since(started) is not None and 0 <= seconds_since(started) < 60
    answer = visitor.post(
        "/kontakt/",
        {
            "csrfmiddlewaretoken": token,
            "form_started": started,
            "name": "Aylin",
            "e_mail": "aylin@example.org",
            "nachricht": "Wann ist das Sprachcafé?",
            "consent": "on",
        },
        HTTP_HOST="eins.localhost",
    )
    assert answer.status_code == 200, answer.content.decode()[:2000]
    assert FormSubmission.objects.get().form_data["nachricht"] == "Wann ist das Sprachcafé?"


def test_a_returning_visitor_keeps_the_csrf_cookie_and_it_matches_the_token(sites):
    get("/kontakt/", "eins.localhost")  # stored
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/team/", HTTP_HOST="eins.localhost")
    visitor.cookies["csrftoken"] = "a" * 32
    hit = visitor.get("/kontakt/", HTTP_HOST="eins.localhost")
    assert hit[HEADER] == "hit"
    assert visitor.cookies["csrftoken"].value == "a" * 32  # the visitor's cookie stays
    without_token = visitor.post("/kontakt/", {"name": "A"}, HTTP_HOST="eins.localhost")
    assert without_token.status_code == 403
    html = hit.content.decode()
    answer = visitor.post(
        "/kontakt/",
        {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "form_started": hidden_value(html, "form_started"),
            "name": "Aylin",
            "e_mail": "aylin@example.org",
            "nachricht": "Hallo",
            "consent": "on",
        },
        HTTP_HOST="eins.localhost",
    )
    assert answer.status_code == 200
    assert FormSubmission.objects.count() == 1


def test_personal_values_that_cannot_all_be_cut_out_keep_a_page_out_of_the_cache():
    token = b'<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
    started = b'<input type="hidden" name="form_started" value="17:x">'
    cut = _cut_out(token + started, ("csrf", "form-started"))
    assert cut == (
        b'<input type="hidden" name="csrfmiddlewaretoken" value="\x00qn-personal:csrf:\x00">'
        b'<input type="hidden" name="form_started" value="\x00qn-personal:form-started:\x00">'
    )
    assert _cut_out(token, ("csrf", "form-started")) is None  # no start time on the page
    assert _cut_out(token + b"<p>abc123</p>", ("csrf",)) is None  # the token shown elsewhere
    assert _cut_out(b"\x00" + token, ("csrf",)) is None


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


# --- fragment cache: the page frame between uncached anonymous requests ------------------


@pytest.fixture
def framed(db, settings):
    """Two sites, page cache off, fragment cache on; the news index is in the main menu."""
    settings.FRAGMENT_CACHE_ENABLED = True
    cache.clear()
    first = build_site("eins.localhost", name="Projekt Eins")
    second = build_site("zwei.localhost", name="Projekt Zwei", default=False)
    for pages in (first, second):
        pages["news_index"].show_in_menus = True
        pages["news_index"].save_revision().publish()
    yield first, second
    cache.clear()


def queries(path, host, client=None):
    with CaptureQueriesContext(connection) as context:
        response = get(path, host, client)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def nav_titles(html):
    nav = html.split('class="qn-nav__list"', 1)[1].split("</ul>", 1)[0]
    return [part.split("</a>", 1)[0] for part in nav.split('">')[1:] if "</a>" in part]


def test_warm_fragments_save_the_frame_queries(framed):
    cold, first_html = queries("/team/", "eins.localhost")
    warm, second_html = queries("/team/", "eins.localhost")
    # Cold: site, locale, home, team (2), the restriction and alias paths (2), settings, office
    # hours, exceptions, menu, footer pages, breadcrumbs, translations, team members; warm: the
    # team page by its id and its members.
    assert (cold, warm) == (15, 2)
    assert second_html == first_html


def test_stored_fragments_render_the_same_pages(framed, settings):
    paths = ["/", "/aktuelles/", "/veranstaltungen/", "/angebote/", "/team/", "/datenschutz/"]
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = [queries(path, "eins.localhost")[1] for path in paths]
    settings.FRAGMENT_CACHE_ENABLED = True
    cold = [queries(path, "eins.localhost")[1] for path in paths]
    warm = [queries(path, "eins.localhost")[1] for path in paths]
    assert cold == fresh
    assert warm == fresh


def test_publishing_a_page_refreshes_the_menu_of_its_site_only(framed):
    first, _second = framed
    queries("/team/", "eins.localhost")
    queries("/team/", "zwei.localhost")
    news_index = first["news_index"]
    news_index.title = "Neuigkeiten"
    news_index.save_revision().publish()
    count, html = queries("/team/", "eins.localhost")
    assert nav_titles(html) == ["Neuigkeiten"]
    assert count > 1
    assert queries("/team/", "zwei.localhost")[0] == 2


def test_a_draft_is_not_shown_in_the_menu(framed):
    first, _second = framed
    queries("/team/", "eins.localhost")
    news_index = first["news_index"]
    news_index.title = "Entwurf"
    news_index.save_revision()
    assert nav_titles(queries("/team/", "eins.localhost")[1]) == ["Aktuelles"]


def test_site_settings_change_refreshes_the_frame(framed):
    first, _second = framed
    queries("/team/", "eins.localhost")
    site_settings = SiteSettings.for_site(first["site"])
    site_settings.name = "Quartiersbüro Eins"
    site_settings.save()
    html = queries("/team/", "eins.localhost")[1]
    assert '<span class="qn-brand__name">Quartiersbüro Eins</span>' in html
    assert queries("/team/", "zwei.localhost")[0] > 1  # first visit of the other site


def test_office_hours_change_refreshes_today_on_the_home_page(framed):
    first, _second = framed
    queries("/", "eins.localhost")
    assert "Heute geschlossen" in queries("/", "eins.localhost")[1]
    OfficeHourException.objects.create(
        setting=first["settings"],
        date=timezone.localdate(),
        closed=False,
        opens=datetime.time(9, 0),
        closes=datetime.time(12, 30),
        reason="Sondersprechstunde",
    )
    html = queries("/", "eins.localhost")[1]
    assert "Heute geschlossen" not in html
    assert "<bdi><time>09:00</time>–<time>12:30</time></bdi>" in html
    assert "Sondersprechstunde" in html


def test_a_new_view_restriction_applies_at_once(framed):
    first, _second = framed
    [news] = add_news(first["news_index"], 1)
    url = "/aktuelles/nachricht-1/"
    queries(url, "eins.localhost")
    assert "Nachricht 1" in queries("/aktuelles/", "eins.localhost")[1]
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    response = get(url, "eins.localhost")
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/")
    assert "Nachricht 1" not in queries("/aktuelles/", "eins.localhost")[1]


def test_unpublished_and_moved_pages_are_routed_afresh(framed):
    first, _second = framed
    [news] = add_news(first["news_index"], 1)
    queries("/aktuelles/nachricht-1/", "eins.localhost")
    news.slug = "sprachcafe"
    news.save_revision().publish()
    assert get("/aktuelles/nachricht-1/", "eins.localhost").status_code == 404
    assert get("/aktuelles/sprachcafe/", "eins.localhost").status_code == 200
    news.refresh_from_db()
    news.unpublish()
    assert get("/aktuelles/sprachcafe/", "eins.localhost").status_code == 404


def test_editors_and_previews_never_see_stored_fragments(framed, django_user_model):
    first, _second = framed
    queries("/team/", "eins.localhost")
    # Written past the signals, so only a request that ignores the stored frame can see it.
    Page.objects.filter(pk=first["news_index"].pk).update(title="Ungespeichert")
    assert nav_titles(queries("/team/", "eins.localhost")[1]) == ["Aktuelles"]
    editor = django_user_model.objects.create_superuser("red", "red@example.org", "pw-1234-ab")
    client = Client()
    client.force_login(editor)
    assert nav_titles(queries("/team/", "eins.localhost", client)[1]) == ["Ungespeichert"]
    preview = Page.objects.get(pk=first["team"].pk).specific.make_preview_request()
    assert nav_titles(preview.render().content.decode()) == ["Ungespeichert"]


def test_fragment_cache_off_computes_every_time(framed, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    first_count = queries("/team/", "eins.localhost")[0]
    # Wagtail's own restriction check (2 queries) takes the place of the restriction and alias
    # paths (2), so every request costs what a cold fragment cache costs.
    assert queries("/team/", "eins.localhost")[0] == first_count == 15


def listed(html, prefix):
    """Titles of the linked items whose title starts with ``prefix``, in page order."""
    return re.findall(rf">({prefix} \d+)</a>", html)


def test_home_lists_are_stored_until_a_publish(framed):
    first, _second = framed
    add_news(first["news_index"], 2)
    queries("/", "eins.localhost")
    count, html = queries("/", "eins.localhost")
    assert count == 1  # the home page by its id; news and events come from the fragments
    assert listed(html, "Nachricht") == ["Nachricht 2", "Nachricht 1"]
    [news] = add_news(first["news_index"], 1, start=datetime.date(2026, 2, 1), offset=2)
    news.save_revision().publish()
    count, html = queries("/", "eins.localhost")
    assert listed(html, "Nachricht") == ["Nachricht 3", "Nachricht 2", "Nachricht 1"]
    assert count > 1


def test_upcoming_events_on_the_home_page_move_on_when_the_first_one_ends(framed):
    first, _second = framed
    events = add_events(first["event_index"], 4)  # 1 March 2030, 18–20 h, then weekly
    queries("/", "eins.localhost")
    count, html = queries("/", "eins.localhost")
    assert count == 1
    assert listed(html, "Veranstaltung") == [f"Veranstaltung {n}" for n in (1, 2, 3)]
    # Still on the list one second before the first event ends, gone one second after.
    with mock.patch(
        "django.utils.timezone.now", return_value=events[0].end - datetime.timedelta(seconds=1)
    ):
        count, html = queries("/", "eins.localhost")
        assert listed(html, "Veranstaltung") == [f"Veranstaltung {n}" for n in (1, 2, 3)]
        assert count == 1
    with mock.patch(
        "django.utils.timezone.now", return_value=events[0].end + datetime.timedelta(seconds=1)
    ):
        count, html = queries("/", "eins.localhost")
        assert listed(html, "Veranstaltung") == [f"Veranstaltung {n}" for n in (2, 3, 4)]
        again, html_again = queries("/", "eins.localhost")
        assert html_again == html
    assert (count, again) == (2, 1)  # the page and the events once, then stored again


class CacheReads:
    """Counts the application cache's round trips: single reads and batches (``get_many``)."""

    def __init__(self):
        self.single, self.batches, self._inside = [], [], False

    def __enter__(self):
        store = caches["default"]
        get, get_many = store.get, store.get_many

        def counted_get(key, *args, **kwargs):
            if not self._inside:
                self.single.append(key)
            return get(key, *args, **kwargs)

        def counted_get_many(keys, *args, **kwargs):
            self.batches.append(sorted(keys))
            self._inside = True  # a backend without its own get_many reads key by key
            try:
                return get_many(keys, *args, **kwargs)
            finally:
                self._inside = False

        self._patches = [
            mock.patch.object(store, "get", counted_get),
            mock.patch.object(store, "get_many", counted_get_many),
        ]
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in self._patches:
            patch.stop()


def test_a_page_reads_its_fragments_in_one_batch(framed):
    queries("/", "eins.localhost")  # renders the page, stores its fragments
    queries("/", "eins.localhost")  # stores the manifest: the keys the page read
    with CacheReads() as reads:
        count, html = queries("/", "eins.localhost")
    assert count == 1
    # The site's generation, the page's manifest and Wagtail's site root paths one by one;
    # every fragment of the page in a single batch.
    assert [key.split(":")[-2] for key in reads.single[:2]] == ["gen", "manifest"]
    assert reads.single[2:] == ["wagtail_site_root_paths"]
    [batch] = reads.batches
    site_keys = [key for key in batch if key.startswith("qn:frag:eins.localhost:")]
    names = sorted(key.split(":", 4)[4].rsplit(":", 1)[0] for key in site_keys)
    # … and the view restrictions, kept for all sites under their own version.
    assert sorted(set(batch) - set(site_keys))[1] == "qn:frag:restrictions:version"
    assert len(batch) == len(site_keys) + 2
    assert names == sorted(
        [
            "html:footer",
            "html:header",
            "html:highlights",
            "html:hreflang",
            "html:latest_news",
            "html:breadcrumbs",
            "html:office_hours_today",
            "html:upcoming_events",
            "html:contact_box",
            "frame",
            "page",
            "route",
            "settings",
            "site",
        ]
    )
    assert html == queries("/", "eins.localhost")[1]


def test_after_a_publish_a_page_reads_one_by_one_once_then_in_a_batch(framed):
    first, _second = framed
    queries("/team/", "eins.localhost")
    queries("/team/", "eins.localhost")
    with CacheReads() as reads:
        queries("/team/", "eins.localhost")
    before = len(reads.batches[0])
    # A publish starts a new generation: no manifest yet, so the first request reads key by
    # key and lists what it read; the next one reads the same keys in one batch.
    first["team"].title = "Unser Team"
    first["team"].save_revision().publish()  # a new generation: no manifest yet
    with CacheReads() as reads:
        queries("/team/", "eins.localhost")
    assert reads.batches == []
    queries("/team/", "eins.localhost")
    with CacheReads() as reads:
        queries("/team/", "eins.localhost")
    assert len(reads.batches) == 1 and len(reads.batches[0]) == before
