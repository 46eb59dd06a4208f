"""The RSS feed of the news and the iCalendar files of the events parse and hold the right data."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
from icalendar import Calendar

from tests.cms.demo_case import DemoContentTestCase

BERLIN = ZoneInfo("Europe/Berlin")


class NewsFeedTests(DemoContentTestCase):
    def test_rss_parses_with_the_sites_news_newest_first(self):
        response = self.client.get("/aktuelles/feed/", headers={"host": "kaarst.localhost"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(
            [entry.title for entry in feed.entries],
            [
                "Informationen zu den Auftaktveranstaltungen",
                "Sprechzeiten und Angebote folgen in Kürze",
                "Eröffnung des Albert-Einstein-Forums geplant",
            ],
        )
        self.assertEqual(
            feed.entries[0].link,
            "http://kaarst.localhost:8000/aktuelles/auftaktveranstaltungen/",
        )
        self.assertEqual(feed.feed.language, "de")

    def test_each_site_has_its_own_feed(self):
        response = self.client.get("/aktuelles/feed/", headers={"host": "kaiserslautern.localhost"})
        feed = feedparser.parse(response.content)
        self.assertEqual(feed.entries[0].title, "Das Projektbüro auf Facebook")
        self.assertEqual(len(feed.entries), 3)


class CalendarTests(DemoContentTestCase):
    def get_calendar(self, url, host="kaarst.localhost"):
        response = self.client.get(url, headers={"host": host})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        return Calendar.from_ical(response.content)

    def test_site_calendar_holds_all_events_in_berlin_time(self):
        calendar = self.get_calendar("/veranstaltungen/kalender.ics")
        events = {event["SUMMARY"]: event for event in calendar.walk("VEVENT")}
        self.assertEqual(len(events), 5)
        summer = events["Interkulturelles Sommerfest"]
        self.assertEqual(
            summer.decoded("DTSTART"), datetime.datetime(2027, 6, 12, 15, 0, tzinfo=BERLIN)
        )
        self.assertEqual(summer["DTSTART"].params["TZID"], "Europe/Berlin")
        # 15:00 in Berlin summer time is 13:00 UTC.
        self.assertEqual(
            summer.decoded("DTSTART").astimezone(datetime.UTC),
            datetime.datetime(2027, 6, 12, 13, 0, tzinfo=datetime.UTC),
        )
        # A winter event: 11:00 CET is 10:00 UTC.
        fair = events["Ehrenamtsbörse"]
        self.assertEqual(
            fair.decoded("DTEND").astimezone(datetime.UTC),
            datetime.datetime(2028, 3, 4, 15, 0, tzinfo=datetime.UTC),
        )

    def test_calendar_carries_a_vtimezone_for_berlin(self):
        calendar = self.get_calendar("/veranstaltungen/kalender.ics")
        timezones = calendar.walk("VTIMEZONE")
        self.assertEqual([tz["TZID"] for tz in timezones], ["Europe/Berlin"])
        self.assertEqual(
            sorted({sub.name for sub in timezones[0].subcomponents}), ["DAYLIGHT", "STANDARD"]
        )

    def test_single_event_download(self):
        calendar = self.get_calendar(
            "/veranstaltungen/tag-des-ehrenamts-2027/termin.ics", host="kaiserslautern.localhost"
        )
        (event,) = calendar.walk("VEVENT")
        self.assertEqual(event["SUMMARY"], "Tag des Ehrenamts")
        self.assertEqual(
            event.decoded("DTSTART"), datetime.datetime(2027, 12, 5, 14, 0, tzinfo=BERLIN)
        )
        self.assertEqual(
            event.decoded("DTEND"), datetime.datetime(2027, 12, 5, 18, 0, tzinfo=BERLIN)
        )
        self.assertEqual(str(event["LOCATION"]).split(",")[0], "Rathaus")

    def test_event_index_lists_upcoming_and_archive_lists_past(self):
        upcoming = self.client.get("/veranstaltungen/", headers={"host": "kaarst.localhost"})
        archive = self.client.get("/veranstaltungen/archiv/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            [event.title for event in upcoming.context["events"]],
            ["Interkulturelles Sommerfest", "Nachbarschaftsforum Innenstadt", "Ehrenamtsbörse"],
        )
        self.assertEqual(
            [event.title for event in archive.context["events"]],
            [
                "Auftaktveranstaltung für Einrichtungen der Innenstadt",
                "Auftaktveranstaltung: Nachbarschaft gestalten",
            ],
        )
        self.assertTrue(archive.context["archive"])
