"""Machine-readable feeds: RSS of the news and iCalendar of the events (Europe/Berlin)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from icalendar import Calendar, Event

__all__ = ["build_calendar", "calendar_response", "news_feed"]

BERLIN = ZoneInfo(settings.TIME_ZONE)
NEWS_FEED_LENGTH = 20


def news_feed(index_page, request):
    """RSS 2.0 of the newest news items below ``index_page``."""
    from cms.pages import NewsPage
    from cms.site_settings import SiteSettings

    site = index_page.get_site()
    site_name = SiteSettings.for_site(site).name if site else index_page.title
    feed = Rss201rev2Feed(
        title=f"{site_name}: {index_page.title}",
        link=index_page.get_full_url(request),
        description=index_page.search_description or index_page.title,
        language=index_page.locale.language_code,
        feed_url=request.build_absolute_uri(),
    )
    items = NewsPage.objects.for_listing(index_page, request).prefetch_related("tags")
    for item in items[:NEWS_FEED_LENGTH]:
        feed.add_item(
            title=item.title,
            link=item.get_full_url(request),
            description=item.teaser or item.search_description,
            pubdate=datetime.datetime.combine(item.date, datetime.time(9, 0), tzinfo=BERLIN),
            unique_id=item.get_full_url(request),
            categories=[tag.name for tag in item.tags.all()],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def build_calendar(events, request, title):
    """An iCalendar with one VEVENT per event, times in Europe/Berlin with a VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Quartiersnetz//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    events = list(events)
    for event in events:
        entry = Event()
        entry.add("uid", f"{event.translation_key}@{host}")
        entry.add("summary", event.title)
        entry.add("dtstart", timezone.localtime(event.start, BERLIN))
        entry.add("dtend", timezone.localtime(event.end, BERLIN))
        stamp = event.last_published_at or event.first_published_at or event.start
        entry.add("dtstamp", stamp.astimezone(datetime.UTC))
        location = ", ".join(
            part for part in [event.place, " ".join(event.address.split())] if part
        )
        if location:
            entry.add("location", location)
        if event.teaser:
            entry.add("description", event.teaser)
        if event.organiser:
            entry.add("x-organiser-name", event.organiser)
        entry.add("url", event.get_full_url(request))
        calendar.add_component(entry)
    if events:
        # Transitions only for the years the events span keep the VTIMEZONE short.
        first = min(timezone.localtime(event.start, BERLIN).date() for event in events)
        last = max(timezone.localtime(event.end, BERLIN).date() for event in events)
        calendar.add_missing_timezones(
            first_date=first - datetime.timedelta(days=1),
            last_date=last + datetime.timedelta(days=1),
        )
    return calendar


def calendar_response(events, request, filename, title):
    """Serve ``events`` as a `.ics` file."""
    calendar = build_calendar(events, request, title)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
