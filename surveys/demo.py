"""Demo surveys of both projects with synthetic responses (deterministic, idempotent)."""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone

from wagtail import hooks

from surveys.models import (
    Invitation,
    Question,
    Survey,
    SurveyAccess,
    SurveyPage,
    SurveyStatus,
    hash_token,
)
from surveys.services import submit_response

__all__ = ["load_demo_surveys"]

#: Fixed anchor: everything stored is dated relative to it, never to today.
ANCHOR = datetime.date(2026, 3, 2)
RESPONSES = 150

GENERAL = {
    "kaarst": {
        "title": "Angebote im Albert-Einstein-Forum",
        "title_en": "Activities at the Albert-Einstein-Forum",
        "intro": (
            "Welche Angebote wünschen Sie sich im Albert-Einstein-Forum? Die Umfrage dauert "
            "etwa fünf Minuten und ist anonym."
        ),
        "intro_en": (
            "Which activities would you like at the Albert-Einstein-Forum? The survey takes "
            "about five minutes and is anonymous."
        ),
        "title_ar": "الأنشطة في منتدى ألبرت أينشتاين",
        "intro_ar": (
            "ما الأنشطة التي تتمنى وجودها في منتدى ألبرت أينشتاين؟ يستغرق الاستطلاع نحو خمس "
            "دقائق، وهو مجهول الهوية."
        ),
        "place": "im Albert-Einstein-Forum",
        "since": "Seit wann wohnen Sie in Kaarst?",
    },
    "kaiserslautern": {
        "title": "Zusammenleben in Kaiserslautern",
        "title_en": "Living together in Kaiserslautern",
        "intro": (
            "Das Projektbüro Integration möchte wissen, was Sie sich für das Zusammenleben in "
            "Kaiserslautern wünschen. Die Umfrage ist anonym."
        ),
        "intro_en": (
            "The integration office would like to know what you wish for living together in "
            "Kaiserslautern. The survey is anonymous."
        ),
        "title_ar": "العيش المشترك في كايزرسلاوترن",
        "intro_ar": (
            "يرغب مكتب مشروع الاندماج في معرفة ما تتمناه للعيش المشترك في كايزرسلاوترن. "
            "الاستطلاع مجهول الهوية."
        ),
        "place": "beim Projektbüro Integration",
        "since": "Seit wann wohnen Sie in Kaiserslautern?",
    },
}

OFFERS = ["Sprachkurse", "Beratung", "Begegnungscafé", "Hausaufgabenhilfe", "Kulturabende"]
VISITED = ["Ja, mehrmals", "Ja, einmal", "Nein"]
STATEMENTS = [
    "Die Angebote sind gut erreichbar.",
    "Ich fühle mich dort willkommen.",
    "Die Öffnungszeiten passen für mich.",
]
REASONS = ["Keine Zeit", "Wusste nichts davon", "Zu weit weg", "Sprache", "Kinderbetreuung fehlt"]
WISHES = [
    "Mehr Angebote am Abend.",
    "Ein Treffpunkt für Jugendliche wäre schön.",
    "Bitte mehr Informationen auf Arabisch und Ukrainisch.",
    "Kinderbetreuung während der Kurse.",
    "Gemeinsames Kochen!",
    "Mehr Sportangebote für Frauen.",
]


def _general_questions(spec):
    """About eight questions covering every question type."""
    return [
        ("abschnitt", "teil-1", "Über Sie", "About you", {}),
        (
            "einfach",
            "besuch",
            f"Haben Sie Angebote {spec['place']} schon genutzt?",
            "Have you used our services before?",
            {
                "choices": "\n".join(VISITED),
                "choices_en": "Yes, several times\nYes, once\nNo",
                "required": True,
            },
        ),
        (
            "mehrfach",
            "angebote",
            "Welche Angebote wünschen Sie sich?",
            "Which activities would you like?",
            {
                "choices": "\n".join(OFFERS),
                "choices_en": "Language courses\nCounselling\nMeeting café\nHomework help\n"
                "Cultural evenings",
                "allow_other": True,
                "shuffle_choices": True,
                "help_text": "Mehrere Antworten möglich.",
                "help_text_en": "Several answers possible.",
            },
        ),
        ("stadtteil", "stadtteil", "In welchem Stadtteil wohnen Sie?", "Where do you live?", {}),
        (
            "zahl",
            "alter",
            "Wie alt sind Sie?",
            "How old are you?",
            {"min_value": 14, "max_value": 110, "help_text": "In Jahren."},
        ),
        ("abschnitt", "teil-2", "Ihre Meinung", "Your opinion", {}),
        (
            "likert",
            "aussagen",
            "Wie sehr stimmen Sie diesen Aussagen zu?",
            "How much do you agree?",
            {"choices": "\n".join(STATEMENTS)},
        ),
        (
            "bewertung",
            "zufriedenheit",
            "Wie wahrscheinlich empfehlen Sie uns weiter?",
            "How likely are you to recommend us?",
            {"rating_scale": "0-10", "help_text": "0 = gar nicht, 10 = sehr wahrscheinlich"},
        ),
        (
            "kurztext",
            "grund",
            "Was hat Sie bisher abgehalten?",
            "What has kept you away so far?",
            {"condition_key": "besuch", "condition_value": "Nein"},
        ),
        (
            "institutionen",
            "einrichtungen",
            "Welche Einrichtungen in der Stadt nutzen Sie – und wie oft?",
            "Which institutions do you use, and how often?",
            {},
        ),
        ("abschnitt", "teil-3", "Zum Schluss", "Finally", {}),
        ("datum", "seit", spec["since"], "Since when have you lived here?", {}),
        (
            "langtext",
            "wunsch",
            "Was möchten Sie uns noch mitgeben?",
            "Anything else you would like to tell us?",
            {},
        ),
    ]


NETWORK_QUESTIONS = [
    (
        "institutionen",
        "partner",
        "Mit welchen Einrichtungen arbeitet Ihre Einrichtung zusammen – und wie eng?",
        "Which institutions do you work with, and how closely?",
        {"required": True, "help_text": "Bitte nur Zusammenarbeit der letzten zwölf Monate."},
    ),
    (
        "bewertung",
        "vernetzung",
        "Wie zufrieden sind Sie mit der Vernetzung in der Stadt?",
        "How satisfied are you with networking in the city?",
        {"rating_scale": "1-5"},
    ),
    (
        "langtext",
        "luecken",
        "Welche Partner fehlen Ihnen?",
        "Which partners are you missing?",
        {},
    ),
]


#: English help and Arabic texts of the network survey's questions, by key.
NETWORK_TRANSLATIONS = {
    "partner": {
        "text_ar": "مع أي مؤسسات تتعاون مؤسستك، وما مدى وثوق هذا التعاون؟",
        "help_text_en": "Only cooperation within the last twelve months, please.",
        "help_text_ar": "يُرجى ذكر التعاون خلال الاثني عشر شهرًا الماضية فقط.",
    },
    "vernetzung": {"text_ar": "ما مدى رضاك عن التشبيك في المدينة؟"},
    "luecken": {"text_ar": "ما الشركاء الذين تفتقدهم؟"},
}


#: Arabic (and the English scale labels) of the general survey's questions, by key.
ARABIC_QUESTIONS = {
    "teil-1": {"text_ar": "عنك"},
    "besuch": {
        "text_ar": "هل استفدت من عروضنا من قبل؟",
        "choices_ar": "نعم، عدة مرات\nنعم، مرة واحدة\nلا",
    },
    "angebote": {
        "text_ar": "ما العروض التي تتمناها؟",
        "choices_ar": "دورات لغة\nاستشارات\nمقهى اللقاء\nمساعدة في الواجبات المدرسية\nأمسيات ثقافية",
        "help_text_ar": "يمكن اختيار أكثر من إجابة.",
    },
    "stadtteil": {"text_ar": "في أي حي تسكن؟"},
    "alter": {"text_ar": "كم عمرك؟", "help_text_en": "In years.", "help_text_ar": "بالسنوات."},
    "teil-2": {"text_ar": "رأيك"},
    "aussagen": {
        "text_ar": "إلى أي مدى توافق على هذه العبارات؟",
        "choices_en": "The activities are easy to reach.\nI feel welcome there.\n"
        "The opening hours suit me.",
        "choices_ar": "يسهل الوصول إلى العروض.\nأشعر بالترحيب هناك.\nتناسبني أوقات العمل.",
        "scale_labels_en": "strongly disagree\ndisagree\nneither\nagree\nstrongly agree",
        "scale_labels_ar": "لا أوافق إطلاقًا\nلا أوافق\nمحايد\nأوافق\nأوافق تمامًا",
    },
    "zufriedenheit": {
        "text_ar": "ما مدى احتمال أن توصي بنا؟",
        "help_text_en": "0 = not at all, 10 = very likely",
        "help_text_ar": "0 = مستبعد تمامًا، 10 = مرجّح جدًا",
    },
    "grund": {"text_ar": "ما الذي منعك حتى الآن؟"},
    "einrichtungen": {"text_ar": "ما المؤسسات التي تستخدمها في المدينة، وكم مرة؟"},
    "teil-3": {"text_ar": "في الختام"},
    "seit": {"text_ar": "منذ متى تسكن هنا؟"},
    "wunsch": {"text_ar": "هل تود أن تخبرنا بشيء آخر؟"},
}


def _add_questions(survey, specs, translations=None):
    for order, (kind, key, text, text_en, extra) in enumerate(specs):
        extra = {**extra, **(translations or {}).get(key, {})}
        Question.objects.create(
            survey=survey, sort_order=order, kind=kind, key=key, text=text, text_en=text_en, **extra
        )


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def _general_answers(rng, districts, institutions):
    visited = rng.choices(VISITED, weights=[5, 3, 4])[0]
    answers = {"besuch": visited}
    offers = rng.sample(OFFERS, rng.randint(1, 3))
    entry = {"c": offers}
    if rng.random() < 0.08:
        entry["c"] = [*offers, "Sonstiges"]
        entry["o"] = rng.choice(["Nähkurs", "Schach", "Computerkurs", "Fahrradwerkstatt"])
    answers["angebote"] = entry
    if districts:
        answers["stadtteil"] = rng.choices(districts, weights=range(len(districts), 0, -1))[0]
    if rng.random() < 0.9:
        answers["alter"] = str(int(rng.triangular(16, 80, 35)))
    answers["aussagen"] = {
        statement: max(1, min(5, round(rng.gauss(3.6 - index * 0.4, 1.0))))
        for index, statement in enumerate(STATEMENTS)
    }
    answers["zufriedenheit"] = max(0, min(10, round(rng.gauss(7.2, 2.0))))
    if visited == "Nein":
        answers["grund"] = rng.choice(REASONS)
    if institutions and rng.random() < 0.7:
        picks = rng.sample(institutions, min(len(institutions), rng.randint(1, 3)))
        answers["einrichtungen"] = {str(pk): rng.randint(1, 5) for pk in picks}
    if rng.random() < 0.8:
        answers["seit"] = (ANCHOR - datetime.timedelta(days=rng.randint(100, 9000))).isoformat()
    if rng.random() < 0.35:
        answers["wunsch"] = rng.choice(WISHES)
    return answers


def _demo_key(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _general_survey(project, stdout):
    from network.models import District, Institution

    spec = GENERAL.get(project.slug)
    if spec is None or Survey.objects.filter(project=project, title=spec["title"]).exists():
        return Survey.objects.filter(project=project, title=(spec or {}).get("title")).first()
    survey = Survey.objects.create(
        project=project,
        title=spec["title"],
        title_en=spec["title_en"],
        intro=spec["intro"],
        intro_en=spec["intro_en"],
        title_ar=spec["title_ar"],
        intro_ar=spec["intro_ar"],
        thank_you="Vielen Dank für Ihre Teilnahme! Die Ergebnisse veröffentlichen wir hier.",
        thank_you_en="Thank you for taking part! We will publish the results here.",
        thank_you_ar="شكرًا جزيلًا على مشاركتك! سننشر النتائج هنا.",
        status=SurveyStatus.OPEN,
        opens_at=_aware(ANCHOR),
        access=SurveyAccess.OPEN,
        languages=["en", "ar", "tr", "uk"],
    )
    _add_questions(survey, _general_questions(spec), ARABIC_QUESTIONS)
    districts = list(
        District.objects.filter(project=project).order_by("name").values_list("name", flat=True)
    )
    # A public survey offers (and its published results name) only public institutions.
    institutions = list(
        Institution.objects.filter(project=project)
        .shown_in_public()
        .order_by("name", "pk")
        .values_list("pk", flat=True)[:25]
    )
    rng = random.Random(f"surveys-demo-{project.slug}")
    for _index in range(RESPONSES):
        day = ANCHOR + datetime.timedelta(days=int(rng.triangular(0, 70, 6)))
        submit_response(
            survey,
            _general_answers(rng, districts, institutions),
            submission_key=_demo_key(rng),
            language=rng.choices(["de", "en", "tr"], weights=[8, 1, 1])[0],
            today=day,
        )
    if stdout:
        stdout.write(f"Umfrage „{survey.title}“ mit {RESPONSES} Demo-Antworten angelegt.")
    return survey


def _network_survey(project, stdout):
    """Kaiserslautern's network survey: invitations per institution, a few answered."""
    from network.models import Institution

    title = "Netzwerkbefragung 2026"
    existing = Survey.objects.filter(project=project, title=title).first()
    if existing is not None:
        return existing
    institutions = list(
        Institution.objects.filter(project=project, active=True).order_by("name", "pk")[:12]
    )
    if len(institutions) < 3:
        return None  # no network to ask about (yet)
    survey = Survey.objects.create(
        project=project,
        title=title,
        title_en="Network survey 2026",
        title_ar="استطلاع الشبكة 2026",
        intro=(
            "Mit wem arbeitet Ihre Einrichtung zusammen? Ihre Angaben ergänzen die "
            "Netzwerkkarte; das Projektbüro prüft jeden Vorschlag, bevor er erscheint."
        ),
        intro_en=(
            "Which institutions does your organisation work with? Your answers add to the "
            "network map; the project office checks every suggestion before it appears."
        ),
        intro_ar=(
            "مع من تتعاون مؤسستك؟ تُكمل إجاباتك خريطة الشبكة، ويراجع مكتب المشروع كل اقتراح "
            "قبل أن يظهر."
        ),
        thank_you="Vielen Dank! Ihre Angaben gehen als Vorschläge an das Projektbüro.",
        thank_you_en="Thank you! Your answers reach the project office as suggestions.",
        thank_you_ar="شكرًا جزيلًا! تصل إجاباتك إلى مكتب المشروع كاقتراحات.",
        languages=["en", "ar"],
        status=SurveyStatus.OPEN,
        opens_at=_aware(ANCHOR),
        access=SurveyAccess.INVITATIONS,
        anonymous=False,
    )
    _add_questions(survey, NETWORK_QUESTIONS, NETWORK_TRANSLATIONS)
    rng = random.Random(f"surveys-network-demo-{project.slug}")
    tokens = []
    for institution in institutions:
        # Demo tokens derive from a fixed seed so that a second run finds them again.
        token = f"demo-{rng.getrandbits(128):032x}"
        Invitation.objects.create(
            survey=survey,
            token_hash=hash_token(token),
            institution=institution,
            label=institution.name,
            created_on=ANCHOR,
        )
        tokens.append((institution, token))
    ids = [institution.pk for institution in institutions]
    answered = tokens[:6]
    for institution, token in answered:
        others = [pk for pk in ids if pk != institution.pk]
        picks = rng.sample(others, min(len(others), rng.randint(2, 4)))
        submit_response(
            survey,
            {
                "partner": {str(pk): rng.randint(1, 5) for pk in picks},
                "vernetzung": rng.randint(2, 5),
            },
            submission_key=_demo_key(rng),
            token=token,
            today=ANCHOR + datetime.timedelta(days=rng.randint(1, 20)),
        )
    if stdout:
        stdout.write(f"Netzwerkbefragung mit {len(tokens)} Einladungen und 6 Antworten angelegt.")
    return survey


def _place_page(project, survey, slug, title, show_results, show_in_menus=False):
    """A SurveyPage below the site's home page, once."""
    from cms.pages import HomePage

    home = project.site.root_page.specific
    if not isinstance(home, HomePage):
        return None
    existing = SurveyPage.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing
    return home.add_child(
        instance=SurveyPage(
            title=title,
            slug=slug,
            survey=survey,
            show_results=show_results,
            show_in_menus=show_in_menus,
        )
    )


@hooks.register("load_demo_data", order=20)
def load_demo_surveys(projects, stdout=None):
    """Create each project's demo survey and responses once; a second run changes nothing.

    The general survey's page is also published in English and Arabic.
    """
    from cms.demo_translations import translate_below_translated_parent

    with transaction.atomic():
        for slug, project in sorted(projects.items()):
            survey = _general_survey(project, stdout)
            if survey is not None:
                page = _place_page(
                    project,
                    survey,
                    "beteiligung",
                    "Beteiligung",
                    show_results=True,
                    show_in_menus=True,
                )
                if page is not None:
                    translate_below_translated_parent(page)
            if slug == "kaiserslautern":
                network = _network_survey(project, stdout)
                if network is not None:
                    _place_page(
                        project,
                        network,
                        "netzwerkbefragung",
                        "Netzwerkbefragung",
                        show_results=False,
                    )
