"""Network admin: who sees what, 404 outside one's project, audit log, review queue."""

from django.contrib.auth.models import AnonymousUser, Permission

import pytest

from network.models import Contact, Cooperation, Institution, NetworkLogEntry, Sector

INDEXES = [
    "/admin/network/institutions/",
    "/admin/network/contacts/",
    "/admin/network/cooperations/",
    "/admin/network/types/",
    "/admin/network/sectors/",
    "/admin/network/districts/",
    "/admin/network/review/",
]


@pytest.fixture
def world(kaarst, kl, three, categories, managers_with_permissions, editor_kaarst):
    """Kaarst has A, B, C, a contact and an unconfirmed cooperation; Kaiserslautern one of each."""
    kaarst.editor_group.permissions.add(Permission.objects.get(codename="access_admin"))
    a, b, c = three
    contact = Contact.objects.create(project=kaarst, name="Erika Kaarster", email="erika@ka.de")
    pending = Cooperation.objects.create(
        project=kaarst, source=a, target=b, confirmed=False, provenance="survey"
    )
    pfalz = Institution.objects.create(project=kl, name="Pfalz-Treff")
    pfalz2 = Institution.objects.create(project=kl, name="Betzenberg-Verein")
    kl_contact = Contact.objects.create(project=kl, name="Karl Lauterer")
    kl_coop = Cooperation.objects.create(project=kl, source=pfalz, target=pfalz2)
    return {
        "a": a,
        "contact": contact,
        "pending": pending,
        "pfalz": pfalz,
        "kl_contact": kl_contact,
        "kl_coop": kl_coop,
        "kl_sector": Sector.objects.create(project=kl, name="Pfalz-Sport"),
    }


def object_urls(world, key, prefix):
    pk = world[key].pk
    return [
        f"/admin/network/{prefix}/edit/{pk}/",
        f"/admin/network/{prefix}/delete/{pk}/",
        f"/admin/network/{prefix}/history/{pk}/",
        f"/admin/network/{prefix}/usage/{pk}/",
    ]


@pytest.mark.parametrize("url", INDEXES)
def test_anonymous_is_sent_to_login(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", INDEXES)
def test_editor_without_network_permissions_is_turned_away(client, world, editor_kaarst, url):
    client.force_login(editor_kaarst)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("url", INDEXES)
def test_managers_and_superuser_open_every_index(
    client, world, manager_kaarst, manager_kl, superuser, url
):
    for user in (manager_kaarst, manager_kl, superuser):
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_institution_index_lists_only_own_project(client, world, manager_kaarst, manager_kl):
    client.force_login(manager_kaarst)
    html = client.get("/admin/network/institutions/").content.decode()
    assert "Alpha e. V." in html and "Pfalz-Treff" not in html
    client.force_login(manager_kl)
    html = client.get("/admin/network/institutions/").content.decode()
    assert "Pfalz-Treff" in html and "Alpha e. V." not in html


def test_index_filters_offer_only_own_categories(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    html = client.get("/admin/network/institutions/").content.decode()
    assert "Bildung" in html
    assert "Pfalz-Sport" not in html


@pytest.mark.parametrize(
    "key,prefix", [("a", "institutions"), ("contact", "contacts"), ("pending", "cooperations")]
)
def test_objects_of_other_project_answer_404(client, world, manager_kl, key, prefix):
    client.force_login(manager_kl)
    for url in object_urls(world, key, prefix):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "key,prefix", [("a", "institutions"), ("contact", "contacts"), ("pending", "cooperations")]
)
def test_own_objects_open_for_manager_and_superuser(
    client, world, manager_kaarst, superuser, key, prefix
):
    for user in (manager_kaarst, superuser):
        client.force_login(user)
        for url in object_urls(world, key, prefix):
            assert client.get(url).status_code == 200, url


def test_bulk_delete_of_other_project_answers_404(client, world, manager_kl):
    client.force_login(manager_kl)
    pk = world["a"].pk
    url = f"/admin/bulk/network/institution/delete/?id={pk}&id={world['pfalz'].pk}"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Institution.objects.filter(pk=pk).exists()


def test_chooser_lists_only_own_institutions(client, world, manager_kl):
    client.force_login(manager_kl)
    html = client.get("/admin/snippets/choose/network/institution/").content.decode()
    assert "Pfalz-Treff" in html and "Alpha" not in html
    chosen = f"/admin/snippets/choose/network/institution/chosen/{world['a'].pk}/"
    assert client.get(chosen).status_code == 404


def test_add_form_offers_only_own_project_and_presets_it(client, world, manager_kaarst, kaarst):
    client.force_login(manager_kaarst)
    response = client.get("/admin/network/cooperations/add/")
    form = response.context["form"]
    assert list(form.fields["project"].queryset) == [kaarst]
    assert form.fields["project"].initial == kaarst.pk
    assert sorted(c.name for c in form.fields["contacts"].queryset) == ["Erika Kaarster"]


def institution_post_data(world, kaarst, **overrides):
    data = {
        "project": kaarst.pk,
        "name": "Alpha e. V.",
        "short_name": "Alpha",
        "type": "",
        "district": "",
        "address": "",
        "latitude": "",
        "longitude": "",
        "website": "",
        "description": "Neue Beschreibung",
        "target_groups": "",
        "languages": "",
        "active": "on",
        "archived_on": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-contact": world["contact"].pk,
        "memberships-0-role": "Vorsitz",
        "memberships-0-start": "",
        "memberships-0-end": "",
        "memberships-0-id": "",
        "memberships-0-ORDER": "1",
        "memberships-0-DELETE": "",
    }
    data.update(overrides)
    return data


def test_edit_saves_membership_and_writes_audit_log_entry(client, world, manager_kaarst, kaarst):
    client.force_login(manager_kaarst)
    a = world["a"]
    response = client.post(
        f"/admin/network/institutions/edit/{a.pk}/", institution_post_data(world, kaarst)
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.description == "Neue Beschreibung"
    assert [(m.contact.name, m.role) for m in a.memberships.all()] == [
        ("Erika Kaarster", "Vorsitz")
    ]
    entry = NetworkLogEntry.objects.for_instance(a).get()
    assert (entry.action, entry.user) == ("wagtail.edit", manager_kaarst)


def test_membership_with_contact_of_other_project_is_refused(client, world, manager_kaarst, kaarst):
    client.force_login(manager_kaarst)
    a = world["a"]
    data = institution_post_data(world, kaarst, **{"memberships-0-contact": world["kl_contact"].pk})
    response = client.post(f"/admin/network/institutions/edit/{a.pk}/", data)
    assert response.status_code == 400  # refused: the form again, with its errors
    assert not a.memberships.exists()


def test_duplicate_cooperation_shows_german_message_in_admin(client, world, manager_kaarst, kaarst):
    client.force_login(manager_kaarst)
    a, b = world["a"], world["pending"].target
    Cooperation.objects.create(project=kaarst, source=a, target=b, type="information")
    data = {
        "project": kaarst.pk,
        "source": b.pk,
        "target": a.pk,
        "type": "information",
        "intensity": "3",
        "valid_from": "2024-01-01",
        "valid_to": "",
        "status": "aktiv",
        "description": "",
        "provenance": "manual",
        "confirmed": "on",
    }
    response = client.post("/admin/network/cooperations/add/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["type"] == [
        "Zwischen diesen Institutionen gibt es bereits eine aktive Kooperation der Art "
        "„Informationsaustausch“."
    ]


def test_review_queue_lists_pending_and_confirms_with_log(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    pending = world["pending"]
    html = client.get("/admin/network/review/").content.decode()
    assert "Alpha e. V." in html
    response = client.post(f"/admin/network/review/{pending.pk}/confirm/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.confirmed is True
    entry = NetworkLogEntry.objects.for_instance(pending).get()
    assert (entry.action, entry.user) == ("network.confirm", manager_kaarst)


def test_review_reject_deletes_and_other_project_answers_404(
    client, world, manager_kaarst, manager_kl
):
    pending = world["pending"]
    client.force_login(manager_kl)
    assert client.post(f"/admin/network/review/{pending.pk}/reject/").status_code == 404
    assert "Alpha" not in client.get("/admin/network/review/").content.decode()
    client.force_login(manager_kaarst)
    assert client.post(f"/admin/network/review/{pending.pk}/reject/").status_code == 302
    assert not Cooperation.objects.filter(pk=pending.pk).exists()


def test_editor_and_anonymous_see_no_network_data_in_querysets(world, editor_kaarst):
    for user in (editor_kaarst, AnonymousUser()):
        assert not Institution.objects.for_user(user).exists()
        assert not Contact.objects.for_user(user).exists()


@pytest.fixture
def import_dir(settings, tmp_path):
    settings.NETWORK_IMPORT_DIR = tmp_path / "imports"
    return settings.NETWORK_IMPORT_DIR


def upload(name, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_import_preview_then_confirm(client, world, manager_kaarst, kaarst, import_dir):
    client.force_login(manager_kaarst)
    assert client.get("/admin/network/import/").status_code == 200
    csv_text = "Name;Typ;Öffentlich\nNeuer Treff;Initiative;\nalpha e. v.;;ja\n"
    response = client.post(
        "/admin/network/import/",
        {"project": kaarst.pk, "files": [upload("institutionen.csv", csv_text)]},
    )
    assert response.status_code == 200
    report, token = response.context["report"], response.context["token"]
    assert (report.created["institutions"], report.updated["institutions"]) == (1, 1)
    html = response.content.decode()
    assert "<strong>Achtung: Öffentlich: nein → ja</strong>" in html
    assert not Institution.objects.filter(name="Neuer Treff").exists()
    response = client.post("/admin/network/import/", {"token": token})
    assert response.status_code == 302
    assert Institution.objects.get(name="Neuer Treff").type.name == "Initiative"
    assert list(import_dir.iterdir()) == []


def test_import_with_bad_row_shows_errors_and_no_token(
    client, world, manager_kaarst, kaarst, import_dir
):
    client.force_login(manager_kaarst)
    csv_text = "Quelle;Ziel;Art\nAlpha e. V.;Nirgendwo;Kooperation\n"
    response = client.post(
        "/admin/network/import/",
        {"project": kaarst.pk, "files": [upload("kooperationen.csv", csv_text)]},
    )
    assert response.context["token"] is None
    html = response.content.decode()
    assert "kooperationen.csv, Zeile 2, Spalte „Ziel“" in html
    assert list(import_dir.iterdir()) == []


def test_import_cell_over_128_kb_is_refused_in_german_naming_the_line(
    client, world, manager_kaarst, kaarst, import_dir
):
    client.force_login(manager_kaarst)
    csv_text = "Name;Beschreibung\nNeuer Treff;kurz\nZweiter Treff;" + "x" * 131_073 + "\n"
    response = client.post(
        "/admin/network/import/",
        {"project": kaarst.pk, "files": [upload("institutionen.csv", csv_text)]},
    )
    assert response.context["token"] is None
    assert [str(error) for error in response.context["report"].errors] == [
        "institutionen.csv: Zeile 3: Eine Zelle ist länger als 128 KB (131.072 Zeichen); "
        "so lange Texte kann der Import nicht lesen."
    ]
    assert "Zeile 3: Eine Zelle ist länger als 128 KB" in response.content.decode()
    assert not Institution.objects.filter(name="Neuer Treff").exists()
    assert list(import_dir.iterdir()) == []


def test_import_token_of_another_user_or_project_is_refused(
    client, world, manager_kaarst, manager_kl, kaarst, kl, import_dir
):
    client.force_login(manager_kaarst)
    response = client.post(
        "/admin/network/import/",
        {"project": kaarst.pk, "files": [upload("i.csv", "Name\nNeuer Treff\n")]},
    )
    token = response.context["token"]
    form = client.post("/admin/network/import/", {"project": kl.pk, "files": []}).context["form"]
    assert "project" in form.errors
    client.force_login(manager_kl)
    assert client.post("/admin/network/import/", {"token": token}).status_code == 302
    assert not Institution.objects.filter(name="Neuer Treff").exists()


def test_site_history_report_shows_only_own_projects_entries(
    client, world, manager_kaarst, manager_kl, kaarst
):
    from wagtail.log_actions import log

    log(world["contact"], "wagtail.edit", user=manager_kaarst)
    log(world["kl_contact"], "wagtail.edit", user=manager_kl)
    client.force_login(manager_kl)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Karl Lauterer" in html
    assert "Erika Kaarster" not in html
    entry = NetworkLogEntry.objects.for_instance(world["contact"]).get()
    assert entry.project == kaarst


@pytest.mark.parametrize("prefix", ["types", "sectors", "districts"])
def test_categories_of_other_project_answer_404(client, world, manager_kl, prefix):
    category = {"types": world["a"].type, "sectors": None, "districts": world["a"].district}[prefix]
    if category is None:
        category = Sector.objects.get(project=world["a"].project, name="Bildung")
    client.force_login(manager_kl)
    assert client.get(f"/admin/network/{prefix}/edit/{category.pk}/").status_code == 404
    html = client.get(f"/admin/network/{prefix}/").content.decode()
    assert category.name not in html


def test_institution_index_query_count_does_not_grow_with_rows(
    client, world, manager_kaarst, kaarst
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager_kaarst)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/network/institutions/").status_code == 200
        return len(queries)

    few = count()
    sectors = list(Sector.objects.filter(project=kaarst))
    for i in range(30):
        institution = Institution.objects.create(project=kaarst, name=f"Verein {i:02}")
        institution.sectors.add(*sectors)
    assert count() == few


def test_lists_show_valid_from_and_consent_as_dates(client, world, three, manager_kaarst, kaarst):
    import datetime

    alpha, _beta, gamma = three
    Cooperation.objects.create(
        project=kaarst, source=alpha, target=gamma, valid_from=datetime.date(2021, 3, 1)
    )
    Contact.objects.create(
        project=kaarst, name="Mira Beispiel", consent_date=datetime.date(2024, 3, 15)
    )
    client.force_login(manager_kaarst)
    cooperations = client.get("/admin/network/cooperations/").content.decode()
    contacts = client.get("/admin/network/contacts/").content.decode()
    assert "01.03.2021" in cooperations
    assert "15.03.2024" in contacts
