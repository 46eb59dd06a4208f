"""Demo surveys: every question type, 150 responses, a network survey; idempotent."""

from wagtail.models import Page, Site

import pytest

from network.models import Cooperation, District, Institution
from surveys.demo import load_demo_surveys
from surveys.models import QuestionKind, Response, Survey, SurveyPage

from .conftest import make_project


@pytest.fixture
def projects(db):
    from cms.pages import HomePage

    result = {}
    for slug, name in (("kaarst", "Kaarst"), ("kaiserslautern", "Kaiserslautern")):
        project = make_project(slug, name)
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=name, slug=f"start-{slug}"))
        Site.objects.filter(pk=project.site_id).update(root_page=home)
        project.refresh_from_db()
        for district in ("Innenstadt", "Nord", "Süd"):
            District.objects.create(project=project, name=district)
        for index in range(14):
            Institution.objects.create(project=project, name=f"{name} Einrichtung {index:02d}")
        result[slug] = project
    return result


@pytest.mark.django_db
def test_demo_surveys_cover_every_type_and_run_twice_without_change(projects):
    load_demo_surveys(projects)
    kaarst, kl = projects["kaarst"], projects["kaiserslautern"]
    general = Survey.objects.get(project=kaarst)
    kinds = set(general.questions.values_list("kind", flat=True))
    assert kinds == set(QuestionKind.values)
    assert general.responses.count() == 150
    assert general.responses.values("submitted_on").distinct().count() > 20
    assert general.responses.filter(answers__question__key="stadtteil").count() > 100
    network = Survey.objects.get(project=kl, title="Netzwerkbefragung 2026")
    assert network.invitations.count() == 12
    assert network.invitations.filter(used=True).count() == 6
    proposals = Cooperation.objects.filter(project=kl, provenance="survey", confirmed=False)
    assert proposals.count() > 0
    assert sorted(SurveyPage.objects.values_list("slug", flat=True)) == [
        "beteiligung",
        "beteiligung",
        "netzwerkbefragung",
    ]

    before = (
        Response.objects.count(),
        Cooperation.objects.count(),
        Survey.objects.count(),
        SurveyPage.objects.count(),
        sorted(p.data_version for p in type(kaarst).objects.all()),
    )
    load_demo_surveys(projects)
    after = (
        Response.objects.count(),
        Cooperation.objects.count(),
        Survey.objects.count(),
        SurveyPage.objects.count(),
        sorted(p.data_version for p in type(kaarst).objects.all()),
    )
    assert after == before


@pytest.mark.django_db
def test_invited_institutions_can_answer_the_network_survey_in_arabic(projects, client):
    from surveys.models import Invitation
    from surveys.services import create_invitations

    load_demo_surveys(projects)
    network = Survey.objects.get(title="Netzwerkbefragung 2026")
    assert network.offered_languages == ["de", "en", "ar"]
    [(_invitation, token)] = create_invitations(network, count=1)
    response = client.get(
        f"/netzwerkbefragung/t/{token}/?sprache=ar",
        HTTP_HOST=projects["kaiserslautern"].site.hostname,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
    for text in (
        "استطلاع الشبكة 2026",
        "مع أي مؤسسات تتعاون مؤسستك، وما مدى وثوق هذا التعاون؟",
        "يُرجى ذكر التعاون خلال الاثني عشر شهرًا الماضية فقط.",
        "ما مدى رضاك عن التشبيك في المدينة؟",
    ):
        assert text in html
    assert Invitation.objects.filter(survey=network, used=False).count() == 7


@pytest.mark.django_db
def test_the_general_survey_offers_only_languages_with_an_interface(projects):
    load_demo_surveys(projects)
    survey = Survey.objects.get(
        project=projects["kaarst"], title="Angebote im Albert-Einstein-Forum"
    )
    assert survey.languages == ["en", "ar", "tr", "uk"]
    assert survey.offered_languages == ["de", "en", "ar"]
