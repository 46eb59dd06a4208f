"""Office hours of the day and their schema.org data, from the site settings."""

import datetime
import json

from cms.models import SiteSettings
from cms.services import office_hours_for, opening_hours_jsonld, site_settings_for
from tests.cms.demo_case import DemoContentTestCase


class OfficeHoursTests(DemoContentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kaarst = site_settings_for(site=cls.projects["kaarst"].site)

    def test_weekday_with_slots(self):
        # 2027-01-06 is a Wednesday: 14:00–17:00 in Kaarst.
        day = office_hours_for(self.kaarst, datetime.date(2027, 1, 6))
        self.assertEqual(day["weekday"], "Mittwoch")
        self.assertFalse(day["closed"])
        self.assertEqual(
            [(slot["opens"], slot["closes"]) for slot in day["slots"]],
            [(datetime.time(14), datetime.time(17))],
        )

    def test_day_without_slots_is_closed(self):
        day = office_hours_for(self.kaarst, datetime.date(2027, 1, 8))  # a Friday
        self.assertTrue(day["closed"])
        self.assertEqual(day["slots"], [])

    def test_exception_overrides_the_weekly_slots(self):
        day = office_hours_for(self.kaarst, datetime.date(2026, 12, 24))  # a Thursday
        self.assertTrue(day["closed"])
        self.assertEqual(day["reason"], "Heiligabend")

    def test_jsonld_lists_weekly_slots_and_future_exceptions(self):
        data = opening_hours_jsonld(self.kaarst, today=datetime.date(2026, 12, 30))
        self.assertEqual(data["@type"], "GovernmentOffice")
        self.assertEqual(
            data["address"],
            {
                "@type": "PostalAddress",
                "addressCountry": "DE",
                "postalCode": "41564",
                "addressLocality": "Kaarst",
                "streetAddress": "Am Schulzentrum 16",
            },
        )
        specs = data["openingHoursSpecification"]
        self.assertEqual(
            specs[:3],
            [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "https://schema.org/Monday",
                    "opens": "10:00",
                    "closes": "12:00",
                },
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "https://schema.org/Wednesday",
                    "opens": "14:00",
                    "closes": "17:00",
                },
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "https://schema.org/Thursday",
                    "opens": "10:00",
                    "closes": "12:00",
                },
            ],
        )
        # 24 December is past on 30 December; New Year's Eve and Day remain, closed all day.
        self.assertEqual(
            [(s["validFrom"], s["opens"], s["closes"]) for s in specs[3:]],
            [("2026-12-31", "00:00", "00:00"), ("2027-01-01", "00:00", "00:00")],
        )

    def test_home_page_embeds_the_structured_data(self):
        response = self.client.get("/", headers={"host": "kaarst.localhost"})
        data = json.loads(response.context["structured_data_json"])
        self.assertEqual(data["name"], "Integrationsmanagement Albert-Einstein-Forum Kaarst")
        self.assertEqual(data["url"], "http://kaarst.localhost:8000/")
        self.assertEqual(data["telephone"], "0178 9423032")

    def test_accent_colour_must_be_hex_and_dark_enough(self):
        settings = SiteSettings.for_site(self.projects["kaarst"].site)
        settings.accent_colour = "#ffee00"
        with self.assertRaisesMessage(Exception, "zu hell"):
            settings.full_clean()
        settings.accent_colour = "blau"
        with self.assertRaisesMessage(Exception, "Hex-Wert"):
            settings.full_clean()
