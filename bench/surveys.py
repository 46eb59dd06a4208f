"""Survey throughput and results speed on PostgreSQL behind gunicorn (prints, never asserts).

Usage::

    .venv/bin/python bench/surveys.py [--port 8310] [--database qn_surveys_bench]

1. Creates a fresh PostgreSQL database, migrates it and builds one project with a
   two-step survey published on a SurveyPage.
2. Starts gunicorn (2 workers) on 127.0.0.1 and lets 10, then 50 concurrent clients
   answer the survey (GET, next, submit) in bounded loops; prints submissions per second
   and the number of lost responses (thanked but not stored; must be 0).
3. Adds synthetic responses up to 10,000 and times the public results page over HTTP,
   and counts its database queries in-process.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "bench.localhost"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8310)
    parser.add_argument("--database", default="qn_surveys_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--per-client-10", type=int, default=30, help="submissions per client")
    parser.add_argument("--per-client-50", type=int, default=8, help="submissions per client")
    parser.add_argument("--responses", type=int, default=10_000)
    return parser.parse_args()


def recreate_database(pg, name):
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(environment):
    os.environ.update(environment)
    import django

    django.setup()


def build_survey():
    """One project, its site with a home page, and an open two-step survey on a page."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from wagtail.models import Page, Site

    from cms.models import Project
    from cms.pages import HomePage
    from network.models import District
    from surveys.models import Question, Survey, SurveyPage, SurveyStatus

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Bench", slug="bench-home"))
    Site.objects.all().delete()
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, is_default_site=True)
    project = Project.objects.create(
        slug="bench",
        name="Bench",
        site=site,
        editor_group=Group.objects.create(name="Redaktion Bench"),
        manager_group=Group.objects.create(name="Netzwerk Bench"),
    )
    for name in ("Nord", "Mitte", "Süd", "West", "Ost"):
        District.objects.create(project=project, name=name)
    survey = Survey.objects.create(
        project=project, title="Bench", status=SurveyStatus.OPEN, min_group_size=5
    )
    specs = [
        ("einfach", "besuch", {"choices": "Ja\nNein", "required": True}),
        ("mehrfach", "angebote", {"choices": "Kurs\nCafé\nBeratung", "allow_other": True}),
        ("stadtteil", "ort", {}),
        ("abschnitt", "teil2", {}),
        ("likert", "meinung", {"choices": "Erreichbar\nFreundlich"}),
        ("bewertung", "note", {"rating_scale": "0-10"}),
        ("zahl", "alter", {"min_value": 14, "max_value": 110}),
        ("langtext", "wunsch", {}),
    ]
    for order, (kind, key, extra) in enumerate(specs):
        Question.objects.create(
            survey=survey, sort_order=order, kind=kind, key=key, text=f"Frage {key}", **extra
        )
    home.add_child(
        instance=SurveyPage(
            title="Beteiligung", slug="beteiligung", survey=survey, show_results=True
        )
    )
    return survey


STATE = re.compile(r'name="state" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def answer_once(session, base, index):
    """GET, next, submit; True when thanked."""
    headers = {"Host": HOST}
    first = session.get(f"{base}/beteiligung/", headers=headers, timeout=60)
    state, csrf = STATE.search(first.text).group(1), CSRF.search(first.text).group(1)
    step1 = {
        "csrfmiddlewaretoken": csrf,
        "state": state,
        "action": "next",
        "q_besuch": "Ja" if index % 3 else "Nein",
        "q_angebote": ["Kurs", "Café"][: 1 + index % 2],
        "q_ort": ["Nord", "Mitte", "Süd", "West", "Ost"][index % 5],
    }
    second = session.post(f"{base}/beteiligung/", data=step1, headers=headers, timeout=60)
    state = STATE.search(second.text).group(1)
    step2 = {
        "csrfmiddlewaretoken": csrf,
        "state": state,
        "action": "next",
        "q_meinung__0": str(1 + index % 5),
        "q_meinung__1": str(1 + (index * 7) % 5),
        "q_note": str(index % 11),
        "q_alter": str(18 + index % 60),
        "q_wunsch": f"Wunsch {index}",
    }
    done = session.post(f"{base}/beteiligung/", data=step2, headers=headers, timeout=60)
    return done.status_code == 200 and "Ihre Antworten sind angekommen" in done.text


def run_clients(base, clients, per_client):
    import requests

    thanked = []
    failures = []
    lock = threading.Lock()

    def client(number):
        session = requests.Session()
        for round_ in range(per_client):
            try:
                ok = answer_once(session, base, number * 1000 + round_)
            except Exception as error:  # noqa: BLE001 - the benchmark reports every failure
                ok = False
                with lock:
                    failures.append(repr(error))
            with lock:
                thanked.append(ok)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(thanked), len(thanked), elapsed, failures


def fill_responses(survey, target):
    """Bulk-insert synthetic responses until the survey has ``target`` of them."""
    import datetime
    import random

    from django.db import transaction

    from network.models import District
    from surveys.models import Answer, Response

    questions = {q.key: q for q in survey.questions.all()}
    districts = dict(District.objects.filter(project=survey.project).values_list("name", "pk"))
    missing = target - survey.responses.count()
    rng = random.Random(7)
    anchor = datetime.date(2026, 3, 2)
    batch = 1000
    while missing > 0:
        size = min(batch, missing)
        with transaction.atomic():
            responses = Response.objects.bulk_create(
                [
                    Response(
                        survey=survey,
                        submitted_on=anchor + datetime.timedelta(days=rng.randint(0, 60)),
                        submission_key=uuid.uuid4(),
                    )
                    for _ in range(size)
                ]
            )
            rows = []
            for response in responses:
                place = rng.choice(list(districts))
                rows += [
                    Answer(
                        response=response,
                        question=questions["besuch"],
                        choice=rng.choice(["Ja", "Nein"]),
                    ),
                    Answer(
                        response=response,
                        question=questions["angebote"],
                        choice=rng.choice(["Kurs", "Café", "Beratung"]),
                    ),
                    Answer(
                        response=response,
                        question=questions["ort"],
                        choice=place,
                        district_id=districts[place],
                    ),
                    Answer(
                        response=response,
                        question=questions["meinung"],
                        choice="Erreichbar",
                        number=rng.randint(1, 5),
                    ),
                    Answer(
                        response=response,
                        question=questions["meinung"],
                        choice="Freundlich",
                        number=rng.randint(1, 5),
                    ),
                    Answer(
                        response=response, question=questions["note"], number=rng.randint(0, 10)
                    ),
                    Answer(
                        response=response, question=questions["alter"], number=rng.randint(16, 85)
                    ),
                ]
                if rng.random() < 0.3:
                    rows.append(
                        Answer(
                            response=response,
                            question=questions["wunsch"],
                            text="Mehr Angebote am Abend",
                        )
                    )
            Answer.objects.bulk_create(rows)
        missing -= size


def time_results_page(base, path, runs=7):
    import requests

    session = requests.Session()
    session.get(f"{base}{path}", headers={"Host": HOST}, timeout=120)  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = session.get(f"{base}{path}", headers={"Host": HOST}, timeout=120)
        timings.append((time.perf_counter() - started) * 1000)
        assert result.status_code == 200, result.status_code
    return statistics.median(timings), min(timings), max(timings)


def count_results_queries(path):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    return status, len(captured)


def main():
    args = parse_args()
    database_url = f"{args.pg}/{args.database}"
    environment = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "False",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1,localhost",
        "FORM_MIN_FILL_SECONDS": "0",
        "FORM_RATE_LIMIT": "1000000/h",
        "CONN_MAX_AGE": "60",
        # Measure the page itself, not the anonymous page cache in front of it.
        "PAGE_CACHE_ENABLED": "False",
    }
    print(f"Datenbank: {database_url} (neu angelegt)")
    recreate_database(args.pg, args.database)
    setup_django(environment)
    survey = build_survey()

    base = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cms.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, **environment},
    )
    try:
        import requests

        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        print("gunicorn: 2 Worker, PostgreSQL, 127.0.0.1")
        print()
        print(
            f"{'Clients':>8} {'Abgaben':>8} {'Zeit s':>8} {'Abgaben/s':>10} {'verloren':>9} {'Fehler':>7}"
        )
        for clients, per_client in ((10, args.per_client_10), (50, args.per_client_50)):
            before = survey.responses.count()
            thanked, attempted, elapsed, failures = run_clients(base, clients, per_client)
            stored = survey.responses.count() - before
            lost = thanked - stored
            print(
                f"{clients:>8} {attempted:>8} {elapsed:>8.1f} {thanked / elapsed:>10.1f} "
                f"{lost:>9} {attempted - thanked:>7}"
            )
            for failure in sorted(set(failures))[:3]:
                print(f"         Fehler: {failure}")
        print()
        fill_responses(survey, args.responses)
        from django.db import connection

        with connection.cursor() as cursor:
            # Bulk-loaded tables get fresh planner statistics, as autovacuum would provide.
            cursor.execute("ANALYZE surveys_answer")
            cursor.execute("ANALYZE surveys_response")
        total = survey.responses.count()
        path = "/beteiligung/ergebnisse/"
        median, fastest, slowest = time_results_page(base, path)
        print(
            f"Ergebnisseite mit {total} Antworten: Median {median:.0f} ms "
            f"(min {fastest:.0f}, max {slowest:.0f}, 7 Abrufe über HTTP)"
        )
        crosstab = f"{path}?nach=ort"
        median, fastest, slowest = time_results_page(base, crosstab)
        print(
            f"… aufgeschlüsselt nach Stadtteil: Median {median:.0f} ms "
            f"(min {fastest:.0f}, max {slowest:.0f})"
        )
        from surveys.results import survey_results

        questions = list(survey.questions.all())
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            survey_results(survey, questions, by_key="ort")
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"… nur die Auswertung (survey_results, in-process): Median {statistics.median(timings):.0f} ms"
        )
        filtered = f"{path}?auswahl=ort::Nord"
        median, fastest, slowest = time_results_page(base, filtered)
        print(
            f"… gefiltert auf Stadtteil Nord: Median {median:.0f} ms "
            f"(min {fastest:.0f}, max {slowest:.0f})"
        )
        status, queries = count_results_queries(path)
        print(f"Datenbankabfragen der Ergebnisseite: {queries} (Status {status})")
        fill_responses(survey, total + 10)
        status, more = count_results_queries(path)
        print(f"… mit {total + 10} Antworten: {more} Abfragen")
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
