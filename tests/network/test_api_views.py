"""Network API: permission matrix, project scoping, validation, query counts, public data."""

import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from network.models import Contact, Cooperation, Institution, Membership, NetworkLogEntry

ENDPOINTS = ["institutions", "contacts", "cooperations"]


@pytest.fixture
def api():
    cache.clear()
    return APIClient()


@pytest.fixture
def data(kaarst, kl, three, categories):
    """Kaarst: A–C, A public; one contact of A; A–B active confirmed, B–C unconfirmed."""
    a, b, c = three
    a.public = True
    a.save()
    b.public = True
    b.save()
    contact = Contact.objects.create(
        project=kaarst, name="Erika Kaarster", email="erika@ka.example", phone="02131 4711"
    )
    Membership.objects.create(institution=a, contact=contact, role="Leitung")
    ab = Cooperation.objects.create(project=kaarst, source=a, target=b, type="kooperation")
    ab.contacts.add(contact)
    bc = Cooperation.objects.create(
        project=kaarst, source=b, target=c, type="information", confirmed=False
    )
    pfalz = Institution.objects.create(project=kl, name="Pfalz-Treff", public=True)
    return {"a": a, "b": b, "c": c, "contact": contact, "ab": ab, "bc": bc, "pfalz": pfalz}


def detail_pk(data, endpoint):
    return {"institutions": data["a"], "contacts": data["contact"], "cooperations": data["ab"]}[
        endpoint
    ].pk


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_gets_404_as_for_a_missing_project(api, data, endpoint):
    pk = detail_pk(data, endpoint)
    for project in ("kaarst", "kaiserslautern", "gibt-es-nicht"):
        base = f"/api/v1/projects/{project}/{endpoint}/"
        answers = [
            api.get(base).status_code,
            api.get(f"{base}{pk}/").status_code,
            api.post(base, {"name": "Neu"}, format="json").status_code,
            api.patch(f"{base}{pk}/", {"name": "Neu"}, format="json").status_code,
            api.delete(f"{base}{pk}/").status_code,
        ]
        assert answers == [404, 404, 404, 404, 404], project
    assert Institution.objects.filter(name="Neu").count() == 0
    assert Contact.objects.count() == 1 and Cooperation.objects.count() == 2


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_editor_and_other_manager_get_404_for_the_project(
    api, data, editor_kaarst, manager_kl, endpoint
):
    pk = detail_pk(data, endpoint)
    for user in (editor_kaarst, manager_kl):
        api.force_authenticate(user)
        assert api.get(f"/api/v1/projects/kaarst/{endpoint}/").status_code == 404
        assert api.get(f"/api/v1/projects/kaarst/{endpoint}/{pk}/").status_code == 404
        assert api.delete(f"/api/v1/projects/kaarst/{endpoint}/{pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_object_of_other_project_answers_404_in_own_project(api, data, manager_kl, endpoint):
    pk = detail_pk(data, endpoint)
    api.force_authenticate(manager_kl)
    assert api.get(f"/api/v1/projects/kaiserslautern/{endpoint}/").status_code == 200
    assert api.get(f"/api/v1/projects/kaiserslautern/{endpoint}/{pk}/").status_code == 404
    assert api.patch(f"/api/v1/projects/kaiserslautern/{endpoint}/{pk}/", {}).status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_manager_and_superuser_read_own_project(api, data, manager_kaarst, superuser, endpoint):
    pk = detail_pk(data, endpoint)
    for user in (manager_kaarst, superuser):
        api.force_authenticate(user)
        assert api.get(f"/api/v1/projects/kaarst/{endpoint}/").status_code == 200
        assert api.get(f"/api/v1/projects/kaarst/{endpoint}/{pk}/").status_code == 200


def test_unknown_project_answers_404_even_for_superuser(api, data, superuser):
    api.force_authenticate(superuser)
    assert api.get("/api/v1/projects/berlin/institutions/").status_code == 404


def test_token_authentication_works(api, data, manager_kaarst):
    token = Token.objects.create(user=manager_kaarst)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/v1/projects/kaarst/institutions/")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [
        "Alpha e. V.",
        "Beta Schule",
        "Gamma Treff",
    ]


def test_institution_list_shows_categories_by_id_and_name(api, data, manager_kaarst, categories):
    data["a"].sectors.add(categories["bildung"])
    api.force_authenticate(manager_kaarst)
    row = api.get("/api/v1/projects/kaarst/institutions/?search=alpha").json()["results"][0]
    assert row["type"] == categories["verein"].pk
    assert (row["type_name"], row["district_name"], row["sector_names"]) == (
        "Verein",
        "Kaarst-Mitte",
        ["Bildung"],
    )


def test_filters_ordering_and_page_size(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    url = "/api/v1/projects/kaarst/institutions/?public=true&ordering=-name&page_size=1"
    body = api.get(url).json()
    assert body["count"] == 2
    assert [row["name"] for row in body["results"]] == ["Beta Schule"]
    coops = api.get(
        f"/api/v1/projects/kaarst/cooperations/?institution={data['c'].pk}&confirmed=false"
    ).json()
    assert [(r["source_name"], r["target_name"]) for r in coops["results"]] == [
        ("Beta Schule", "Gamma Treff")
    ]


def test_create_cooperation_logs_and_bumps_version(api, data, manager_kaarst, kaarst):
    api.force_authenticate(manager_kaarst)
    kaarst.refresh_from_db()
    before = kaarst.data_version
    response = api.post(
        "/api/v1/projects/kaarst/cooperations/",
        {"source": data["a"].pk, "target": data["c"].pk, "type": "foerderung", "intensity": 4},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["directed"], body["provenance"], body["source_name"]) == (
        True,
        "manual",
        "Alpha e. V.",
    )
    coop = Cooperation.objects.get(pk=body["id"])
    assert coop.project == kaarst
    entry = NetworkLogEntry.objects.for_instance(coop).get()
    assert (entry.action, entry.user) == ("wagtail.create", manager_kaarst)
    kaarst.refresh_from_db()
    assert kaarst.data_version == before + 1


def test_self_loop_and_foreign_institution_are_refused_in_german(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    url = "/api/v1/projects/kaarst/cooperations/"
    loop = api.post(url, {"source": data["a"].pk, "target": data["a"].pk}, format="json")
    assert loop.status_code == 400
    assert loop.json() == {
        "target": ["Eine Kooperation verbindet zwei verschiedene Institutionen."]
    }
    foreign = api.post(url, {"source": data["a"].pk, "target": data["pfalz"].pk}, format="json")
    assert foreign.status_code == 400
    assert list(foreign.json()) == ["target"]
    assert not Cooperation.objects.filter(target=data["pfalz"]).exists()


def test_duplicate_active_cooperation_is_refused(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    response = api.post(
        "/api/v1/projects/kaarst/cooperations/",
        {"source": data["b"].pk, "target": data["a"].pk, "type": "kooperation"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "type": [
            "Zwischen diesen Institutionen gibt es bereits eine aktive Kooperation der Art "
            "„Kooperation/Projektpartnerschaft“."
        ]
    }


def test_duplicate_institution_name_is_refused(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    response = api.post(
        "/api/v1/projects/kaarst/institutions/", {"name": " ALPHA e. V."}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "name": ["Eine Institution mit diesem Namen gibt es in diesem Projekt bereits."]
    }


def test_contact_memberships_are_written_and_scoped(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    url = f"/api/v1/projects/kaarst/contacts/{data['contact'].pk}/"
    response = api.patch(
        url, {"memberships": [{"institution": data["b"].pk, "role": "Beirat"}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [(m["institution_name"], m["role"]) for m in response.json()["memberships"]] == [
        ("Beta Schule", "Beirat")
    ]
    foreign = api.patch(url, {"memberships": [{"institution": data["pfalz"].pk}]}, format="json")
    assert foreign.status_code == 400
    assert list(data["contact"].memberships.values_list("role", flat=True)) == ["Beirat"]


def test_writes_are_throttled(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    rates = {"writes": "2/minute", "anon": "60/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        url = "/api/v1/projects/kaarst/institutions/"
        codes = [api.post(url, {"name": f"Neu {i}"}, format="json").status_code for i in range(3)]
        assert codes == [201, 201, 429]
        assert api.get(url).status_code == 200


PARTNERS = "/api/v1/projects/kaarst/public/partners/"


def partner_codes(api, count, **meta):
    return [api.get(PARTNERS, **meta).status_code for _ in range(count)]


def test_public_throttle_ignores_a_spoofed_forwarded_for(api, data):
    rates = {"writes": "120/minute", "anon": "3/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        codes = [
            api.get(PARTNERS, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]
        refused = api.get(PARTNERS)
        assert 1 <= int(refused["Retry-After"]) <= 65
    keys = list(cache._cache)
    assert keys and not [key for key in keys if "127.0.0.1" in key or "203.0.113" in key]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_public_throttle_counts_residents_behind_a_trusted_proxy_apart(api, data):
    rates = {"writes": "120/minute", "anon": "2/minute"}
    proxy = {"REMOTE_ADDR": "10.1.1.1"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        first = partner_codes(api, 3, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
        second = partner_codes(api, 3, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert (first, second) == ([200, 200, 429], [200, 200, 429])


def test_unreachable_limit_cache_refuses_writes_in_german_and_serves_reads(
    api, data, manager_kaarst, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "unreachable": {"BACKEND": "tests.unreachable_cache.UnreachableCache"},
    }
    settings.RATELIMIT_USE_CACHE = "unreachable"
    assert api.get(PARTNERS).status_code == 200
    api.force_authenticate(manager_kaarst)
    url = "/api/v1/projects/kaarst/institutions/"
    response = api.post(url, {"name": "Neu"}, format="json")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Änderungen können gerade nicht angenommen werden. Bitte versuchen Sie es "
        "in einigen Minuten noch einmal."
    }
    assert not Institution.objects.filter(name="Neu").exists()


DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("endpoint", ["institutions", "contacts", "cooperations"])
def test_json_nested_100000_deep_is_refused_in_german_on_every_write(
    api, data, manager_kaarst, endpoint
):
    api.force_authenticate(manager_kaarst)
    obj = {"institutions": data["a"], "contacts": data["contact"], "cooperations": data["ab"]}
    detail = f"/api/v1/projects/kaarst/{endpoint}/{obj[endpoint].pk}/"
    for send, url in [
        (api.post, f"/api/v1/projects/kaarst/{endpoint}/"),
        (api.put, detail),
        (api.patch, detail),
    ]:
        response = send(url, DEEP_JSON, content_type="application/json")
        assert response.status_code == 400, url
        assert response.json() == {
            "detail": "Ungültige Eingabe: Die JSON-Daten sind zu tief verschachtelt."
        }


def count_queries(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_query_count_does_not_grow_with_rows(api, data, manager_kaarst, kaarst, endpoint):
    api.force_authenticate(manager_kaarst)
    url = f"/api/v1/projects/kaarst/{endpoint}/"
    small = count_queries(api, url)
    institutions = Institution.objects.bulk_create(
        Institution(project=kaarst, name=f"Verein {i:02}") for i in range(30)
    )
    for i, institution in enumerate(institutions):
        institution.sectors.add(*data["a"].type.project.sectors.all())
        contact = Contact.objects.create(project=kaarst, name=f"Person {i:02}")
        Membership.objects.create(institution=institution, contact=contact)
        coop = Cooperation.objects.create(project=kaarst, source=data["a"], target=institution)
        coop.contacts.add(contact)
    assert count_queries(api, url) == small
    # user + groups (project lookup) + count + rows + one prefetch, whatever the row count
    assert small == {"institutions": 5, "contacts": 5, "cooperations": 5}[endpoint]


def test_public_partners_without_login_and_without_personal_data(api, data):
    response = api.get("/api/v1/projects/kaarst/public/partners/")
    assert response.status_code == 200
    body = response.json()
    assert [i["name"] for i in body["institutions"]] == ["Alpha e. V.", "Beta Schule"]
    assert [(c["source"], c["target"], c["type"]) for c in body["cooperations"]] == [
        (data["a"].pk, data["b"].pk, "kooperation")
    ]
    text = json.dumps(body, ensure_ascii=False)
    for personal in ("Erika", "Kaarster", "erika@ka.example", "4711", "Leitung"):
        assert personal not in text
    assert set(body["institutions"][0]) == {
        "id",
        "name",
        "short_name",
        "type",
        "sectors",
        "district",
        "address",
        "latitude",
        "longitude",
        "website",
        "description",
        "target_groups",
        "languages",
    }


def test_public_partners_hide_unconfirmed_inactive_and_other_project(api, data):
    data["c"].public = True
    data["c"].save()
    data["b"].active = False
    data["b"].save()
    body = api.get("/api/v1/projects/kaarst/public/partners/").json()
    assert [i["name"] for i in body["institutions"]] == ["Alpha e. V.", "Gamma Treff"]
    assert body["cooperations"] == []
    assert api.get("/api/v1/projects/berlin/public/partners/").status_code == 404


def test_public_partners_is_read_only(api, data):
    assert api.post("/api/v1/projects/kaarst/public/partners/", {}).status_code == 405


def test_schema_covers_only_our_endpoints(api, data):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = sorted(json.loads(response.content)["paths"])
    assert paths[:3] == [
        "/api/v1/projects/{project}/contacts/",
        "/api/v1/projects/{project}/contacts/{id}/",
        "/api/v1/projects/{project}/cooperations/",
    ]
    assert all(path.startswith("/api/v1/") for path in paths)


def schema_component(api, name):
    return json.loads(api.get("/api/schema/?format=json").content)["components"]["schemas"][name]


def test_patched_institution_without_type_and_district_names_them_null(api, data, manager_kaarst):
    api.force_authenticate(manager_kaarst)
    url = f"/api/v1/projects/kaarst/institutions/{data['c'].pk}/"
    response = api.patch(url, {"type": None, "district": None}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["type"], body["type_name"], body["district"], body["district_name"]) == (
        None,
        None,
        None,
        None,
    )
    properties = schema_component(api, "Institution")["properties"]
    assert properties["type_name"] == {"type": "string", "nullable": True, "readOnly": True}
    assert properties["district_name"] == {"type": "string", "nullable": True, "readOnly": True}


def test_public_partners_document_type_and_district_as_nullable(api, data):
    data["b"].type = data["b"].district = None
    data["b"].save()
    body = api.get("/api/v1/projects/kaarst/public/partners/").json()
    beta = next(i for i in body["institutions"] if i["name"] == "Beta Schule")
    assert (beta["type"], beta["district"]) == (None, None)
    properties = schema_component(api, "PublicInstitution")["properties"]
    assert properties["type"] == {"type": "string", "nullable": True, "readOnly": True}
    assert properties["district"] == {"type": "string", "nullable": True, "readOnly": True}


def test_website_is_documented_as_the_text_it_stores(api, data, manager_kaarst):
    # Django's URL check accepts addresses (a blank one, an umlaut domain) that the schema's
    # "uri" format refuses; the schema documents the stored text, checked on write.
    api.force_authenticate(manager_kaarst)
    url = f"/api/v1/projects/kaarst/institutions/{data['c'].pk}/"
    response = api.patch(url, {"website": "https://bürgerhaus.example/"}, format="json")
    assert response.status_code == 200
    assert response.json()["website"] == "https://bürgerhaus.example/"
    refused = api.patch(url, {"website": "kein link"}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"website": ["Bitte geben Sie eine gültige Adresse (URL) ein."]}
    website = schema_component(api, "Institution")["properties"]["website"]
    assert website == {"type": "string", "maxLength": 200}
