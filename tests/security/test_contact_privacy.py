"""No name, e-mail address or phone number of a network contact reaches an anonymous visitor."""

from urllib.parse import quote

from django.test import Client

from wagtail.models import Page, Site

import pytest

from tests.demo_data import demo_content  # noqa: F401


def anonymous_addresses():
    """Every live page of both sites in every language, plus the public feeds and APIs."""
    addresses = []
    hosts = dict(Site.objects.values_list("pk", "hostname"))
    for page in Page.objects.live().public().specific().order_by("path"):
        parts = page.get_url_parts()
        if parts and parts[0] in hosts:
            addresses.append((hosts[parts[0]], parts[2]))
            addresses.append((hosts[parts[0]], f"/api/v2/pages/{page.pk}/?fields=*"))
    for host in hosts.values():
        addresses += [
            (host, "/sitemap.xml"),
            (host, "/api/v2/pages/?fields=*&limit=100"),
            (host, "/api/v2/images/?limit=100"),
            (host, "/api/v2/documents/?limit=100"),
        ]
    for slug in ("kaarst", "kaiserslautern"):
        addresses.append(("kaarst.localhost", f"/api/v1/projects/{slug}/public/partners/"))
    return addresses


@pytest.mark.django_db
def test_no_contact_field_in_any_anonymous_response(demo_content):  # noqa: F811
    from network.models import Contact

    contacts = list(Contact.objects.all())
    assert len(contacts) >= 5, "Die Demo-Daten sollten Kontakte enthalten"
    secrets = set()
    for contact in contacts:
        secrets.update(v for v in (contact.name, contact.email, contact.phone) if v)
    addresses = anonymous_addresses()
    # Searching for a contact by name must not find them either.
    searches = {f"/suche/?q={quote(c.name)}": c.name for c in contacts[:5]}
    addresses += [("kaarst.localhost", path) for path in searches]
    client = Client()
    leaks, checked = [], 0
    for host, path in addresses:
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200 or response.streaming:
            continue
        checked += 1
        body = response.content.decode("utf-8", "replace")
        if path in searches:
            # The search page repeats what was searched for; that echo is not a finding.
            body = body.replace(searches[path], "")
        leaks += [(host, path, secret) for secret in secrets if secret in body]
    assert checked > 40
    assert leaks == [], "\n".join(map(str, leaks))
