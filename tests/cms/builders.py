"""Small page trees for CMS tests, built in code so each test states what it relies on."""

import datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from wagtail.models import Page, Site

from cms.models import (
    ContactPage,
    EventIndexPage,
    EventPage,
    FormField,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferIndexPage,
    OfferPage,
    OfferSlot,
    SiteSettings,
    StandardPage,
    TeamPage,
)

BERLIN = ZoneInfo("Europe/Berlin")
SITE_NAME = "Testprojekt Nachbarschaft"


def build_site(hostname="test.localhost", name=SITE_NAME, default=True):
    """A site with a home page and one of each section; returns a dict of the pages."""
    root = Page.get_first_root_node()
    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    home = root.add_child(instance=HomePage(title=f"Start {name}", slug=hostname.split(".")[0]))
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=name
    )
    settings = SiteSettings.for_site(site)
    settings.name = name
    settings.email = "post@example.org"
    settings.save()
    pages = {"site": site, "home": home, "settings": settings}
    pages["news_index"] = home.add_child(
        instance=NewsIndexPage(title="Aktuelles", slug="aktuelles")
    )
    pages["event_index"] = home.add_child(
        instance=EventIndexPage(title="Veranstaltungen", slug="veranstaltungen")
    )
    pages["offer_index"] = home.add_child(
        instance=OfferIndexPage(title="Angebote", slug="angebote")
    )
    pages["team"] = home.add_child(instance=TeamPage(title="Team", slug="team"))
    pages["privacy"] = home.add_child(
        instance=StandardPage(title="Datenschutz", slug="datenschutz")
    )
    settings.privacy_page = pages["privacy"]
    settings.save()
    contact = ContactPage(title="Kontakt", slug="kontakt", thank_you_text="<p>Danke!</p>")
    contact.form_fields = [
        FormField(label="Name", field_type="singleline", required=True),
        FormField(label="E-Mail", field_type="email", required=True),
        FormField(label="Nachricht", field_type="multiline", required=True),
    ]
    pages["contact"] = home.add_child(instance=contact)
    return pages


def add_news(index, count, start=datetime.date(2026, 1, 1), offset=0):
    """``count`` news items dated one day apart, newest last."""
    return [
        index.add_child(
            instance=NewsPage(
                title=f"Nachricht {offset + i + 1}",
                slug=f"nachricht-{offset + i + 1}",
                date=start + datetime.timedelta(days=i),
                teaser=f"Anreißer {i + 1}",
            )
        )
        for i in range(count)
    ]


def add_events(index, count, start=datetime.datetime(2030, 3, 1, 18, 0, tzinfo=BERLIN), offset=0):
    """``count`` two-hour events one week apart."""
    return [
        index.add_child(
            instance=EventPage(
                title=f"Veranstaltung {offset + i + 1}",
                slug=f"veranstaltung-{offset + i + 1}",
                start=start + datetime.timedelta(weeks=i),
                end=start + datetime.timedelta(weeks=i, hours=2),
                place="Forum",
            )
        )
        for i in range(count)
    ]


def add_offer(index, title="Sprachcafé", category="sprache", slots=((1, "10:00", "12:00"),)):
    offer = OfferPage(title=title, slug=slugify(title), category=category)
    offer.slots = [
        OfferSlot(
            weekday=weekday,
            start=datetime.time.fromisoformat(begin),
            end=datetime.time.fromisoformat(finish),
        )
        for weekday, begin, finish in slots
    ]
    return index.add_child(instance=offer)
