"""Page speed: render time and queries per page type, then gunicorn throughput uncached, cached and the floor.

Prints figures, never asserts. Everything runs on 127.0.0.1 with bounded loops.

1. In process, uncached: for each page type (home, news index, news, event index, offer index,
   team, contact, partner map if present, survey step) the median (min–max) render time of
   ``--runs`` requests through Django's test client, and the SQL query count; once with the
   fragment cache warm (the page frame stored, ``cms/fragments.py``) and once cold (purged
   before each request, as every publish does).
2. Under gunicorn (2 workers, the same database) with ``--clients`` concurrent keep-alive
   clients for ``--seconds`` per run: requests per second, p50 and p95 for the same pages
   uncached (page cache off, fragment cache on), without any cache (both off), cached (page
   cache on) and the floor: the same HTML bytes
   answered by a minimal cached Django view under the same gunicorn. Ratios are to the floor
   measured in the same run.
3. ``--soak`` (on its own, without parts 1 and 2): 50 keep-alive clients for 5 minutes
   (``--soak-seconds``) against the cached home page under gunicorn: requests, errors (answers
   other than 200 and failed connections, counted apart), requests per second, p50/p95/p99.

Database: ``DATABASE_URL`` if set, else PostgreSQL ``qn_bench_pages`` on 127.0.0.1 (demo data
loaded once), else a SQLite file under ``var/``. Usage::

    .venv/bin/python bench/pages.py [--runs 5] [--seconds 3] [--clients 10]
    .venv/bin/python bench/pages.py --soak [--soak-seconds 300]
"""

import argparse
import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
#: gunicorn's port: ``BENCH_PORT`` or a free one, so two benchmarks never share a server.
PORT = int(os.environ.get("BENCH_PORT", 0))
FLOOR_DIR = ROOT / "var" / "bench-floor"
PAGE_TYPES = [
    ("Startseite", "cms.HomePage"),
    ("Nachrichtenübersicht", "cms.NewsIndexPage"),
    ("Nachricht", "cms.NewsPage"),
    ("Veranstaltungen", "cms.EventIndexPage"),
    ("Angebote", "cms.OfferIndexPage"),
    ("Team", "cms.TeamPage"),
    ("Kontakt", "cms.ContactPage"),
    ("Partnerkarte", "network.PartnerMapPage"),
    ("Umfrage (Schritt 1)", "surveys.SurveyPage"),
]
HOST = "kaarst.localhost"
#: gunicorn runs: (name, page cache on, fragment cache on); the floor is measured with "gecacht".
MODES = [("ungecacht", False, True), ("ohne Cache", False, False), ("gecacht", True, True)]


def database_url():
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    probe = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SELECT 1", "postgres"],
        capture_output=True,
        text=True,
    )
    if probe.returncode == 0:
        exists = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                "SELECT 1 FROM pg_database WHERE datname='qn_bench_pages'",
                "postgres",
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if exists != "1":
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-qc",
                    "CREATE DATABASE qn_bench_pages",
                    "postgres",
                ],
                check=True,
            )
        return "postgres://postgres@127.0.0.1:5432/qn_bench_pages"
    return f"sqlite:///{ROOT / 'var' / 'bench-pages.sqlite3'}"


def environment(page_cache, fragments=True):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(),
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
        FRAGMENT_CACHE_ENABLED="true" if fragments else "false",
        PYTHONPATH=str(ROOT),
    )
    return env


def summary(values, unit="", digits=1):
    """``median (min–max)`` of a list of numbers."""
    fmt = f"{{:.{digits}f}}"
    return (
        f"{fmt.format(statistics.median(values))}{unit} "
        f"({fmt.format(min(values))}–{fmt.format(max(values))})"
    )


# --- part 1: in process ------------------------------------------------------------------


def setup_django():
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)
    os.environ.update(environment(page_cache=False))
    import django

    django.setup()
    from django.core.management import call_command

    from wagtail.models import Site

    call_command("migrate", verbosity=0, interactive=False)
    if not Site.objects.filter(hostname=HOST).exists():
        print("Lade Demo-Inhalte …", flush=True)
        call_command("load_demo_data", "--no-users", verbosity=0)


def page_urls():
    """The first live German page of each benchmarked type on the Kaarst site."""
    from django.apps import apps

    from wagtail.models import Site

    site = Site.objects.get(hostname=HOST)
    urls = []
    for label, model_label in PAGE_TYPES:
        try:
            model = apps.get_model(model_label)
        except LookupError:
            continue
        page = (
            model.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .order_by("path")
            .first()
        )
        if page is not None:
            urls.append((label, page.get_url_parts()[2]))
    return urls


def _timed(client, url, before=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(captured), len(response.content)


def _purge():
    """What a publish does: every site's generation and the restriction paths are bumped."""
    from cms.cache import purge_all
    from cms.fragments import purge_view_restrictions

    purge_all()
    purge_view_restrictions()


def in_process(urls, runs):
    """Per page: (label, url, warm time, warm queries, cold time, cold queries, bytes).

    *Warm*: the page cache is off, the fragment cache holds the page frame (navigation,
    footer, settings, office hours, language links, route). *Cold*: the fragment cache was
    just purged, as after every publish, so the request computes the frame afresh.
    """
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    rows = []
    for label, url in urls:
        client.get(url)  # warm up: templates, renditions, fragments
        warm = [_timed(client, url) for _ in range(runs)]
        cold = [_timed(client, url, before=_purge) for _ in range(runs)]
        rows.append(
            (
                label,
                url,
                summary([t for t, _q, _b in warm], " ms"),
                summary([q for _t, q, _b in warm], "", 0),
                summary([t for t, _q, _b in cold], " ms"),
                summary([q for _t, q, _b in cold], "", 0),
                warm[-1][2],
            )
        )
    return rows


def write_floor_files(urls):
    from django.test import Client

    FLOOR_DIR.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST=HOST)
    for index, (_label, url) in enumerate(urls):
        (FLOOR_DIR / f"{index}.html").write_bytes(client.get(url).content)


# --- part 2: gunicorn -----------------------------------------------------------------------


def worker_rss_mb(master_pid):
    """Resident memory (MB) of each gunicorn worker, the master's children (Linux /proc)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(status.split("VmRSS:")[1].split()[0]) / 1024)
    return sorted(sizes)


class Gunicorn:
    def __init__(self, page_cache, fragments=True):
        self.page_cache = page_cache
        self.fragments = fragments

    def __enter__(self):
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "bench.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment(self.page_cache, self.fragments),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn startet nicht auf Port {PORT}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                conn.request("GET", "/healthz", headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    # Start-up to first byte (polled every 0.2 s) and the workers' memory.
                    self.first_byte = time.monotonic() - started
                    self.rss_after_setup = worker_rss_mb(self.process.pid)
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn startet nicht")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # A busy machine can keep workers from a graceful stop; never leave them behind.
            self.process.kill()
            self.process.wait()


def _client_process(path, seconds, threads, queue):
    latencies, errors = [], [0, 0]  # answers other than 200, failed connections
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        mine, bad_status, broken = [], 0, 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": HOST})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad_status += 1
            except (OSError, http.client.HTTPException):
                broken += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                time.sleep(0.01)  # a refused connection is instant: do not spin
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors[0] += bad_status
            errors[1] += broken

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    queue.put((latencies, errors))


def load_details(path, seconds, clients):
    """``clients`` keep-alive clients (in two processes) for ``seconds``.

    Returns the sorted latencies of the answered requests (seconds) and the error counts
    ``(answers other than 200, failed connections)``.
    """
    processes = 2 if clients >= 2 else 1
    queue = multiprocessing.Queue()
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    workers = [
        multiprocessing.Process(target=_client_process, args=(path, seconds, n, queue)) for n in per
    ]
    for w in workers:
        w.start()
    latencies, bad_status, broken = [], 0, 0
    for _ in workers:
        part, (status_errors, connection_errors) = queue.get()
        latencies.extend(part)
        bad_status += status_errors
        broken += connection_errors
    for w in workers:
        w.join()
    latencies.sort()
    return latencies, (bad_status, broken)


def percentile(latencies, share):
    """The latency below which ``share`` of the sorted ``latencies`` lie, in milliseconds."""
    return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000


def load(path, seconds, clients):
    """``clients`` keep-alive clients for ``seconds``: rps, p50, p95 (ms) and the error count."""
    latencies, (bad_status, broken) = load_details(path, seconds, clients)
    errors = bad_status + broken
    if not latencies:
        return 0.0, float("nan"), float("nan"), errors
    return len(latencies) / seconds, percentile(latencies, 0.5), percentile(latencies, 0.95), errors


def soak(url, seconds, clients=50):
    """The soak test: ``clients`` clients for ``seconds`` on the cached ``url``; prints its figures."""
    from django.db import connection

    print(
        f"3. Dauerlast: {clients} Clients, {seconds:g} s, {url} gecacht, "
        f"gunicorn 2 Worker, {connection.vendor}",
        flush=True,
    )
    with Gunicorn(page_cache=True):
        load(url, 2, clients)  # warm-up: fills the page cache
        latencies, (bad_status, broken) = load_details(url, seconds, clients)
    answered = len(latencies)
    print(f"   Anfragen beantwortet:  {answered}")
    print(
        f"   Fehler:                {bad_status + broken} "
        f"(Status ≠ 200: {bad_status}, Verbindung: {broken})"
    )
    if answered:
        print(f"   Anfragen/s:            {answered / seconds:.0f}")
        print(
            f"   Antwortzeit:           p50 {percentile(latencies, 0.5):.1f} ms, "
            f"p95 {percentile(latencies, 0.95):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
            f"max {latencies[-1] * 1000:.1f} ms"
        )


def measure(path, seconds, clients, runs):
    load(path, 1, clients)  # warm-up (fills the cache when it is on)
    results = [load(path, seconds, clients) for _ in range(runs)]
    return (
        [r[0] for r in results],
        [r[1] for r in results],
        [r[2] for r in results],
        sum(r[3] for r in results),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument(
        "--soak", action="store_true", help="nur die Dauerlast: 50 Clients, 5 Minuten"
    )
    parser.add_argument("--soak-seconds", type=float, default=300)
    args = parser.parse_args()
    runs = max(3, args.runs)
    global PORT
    if not PORT:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            PORT = sock.getsockname()[1]

    setup_django()
    from django.db import connection

    urls = page_urls()
    if args.soak:
        soak(urls[0][1], args.soak_seconds)
        return
    print(f"Datenbank: {connection.vendor}; {runs} Läufe je Wert, Median (Min–Max)")
    rows = in_process(urls, runs)
    print("\n1. Im Prozess, ohne Seiten-Cache (Django-Testclient, Zeit je Anfrage)")
    print(
        "   warm: Fragment-Cache gefüllt; kalt: Fragment-Cache eben geleert wie nach Veröffentlichen"
    )
    print(
        f"{'Seitentyp':<22} {'Zeit warm':>24} {'SQL warm':>10} {'Zeit kalt':>24} "
        f"{'SQL kalt':>10} {'Bytes':>8}"
    )
    for label, _url, warm_time, warm_queries, cold_time, cold_queries, size in rows:
        print(
            f"{label:<22} {warm_time:>24} {warm_queries:>10} {cold_time:>24} "
            f"{cold_queries:>10} {size:>8}"
        )

    write_floor_files(urls)
    gunicorn_rows = {}
    for mode, cache_on, fragments_on in MODES:
        with Gunicorn(page_cache=cache_on, fragments=fragments_on) as server:
            for _ in range(4):  # a first page request, most likely on each of the two workers
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                conn.request("GET", urls[0][1], headers={"Host": HOST})
                conn.getresponse().read()
            rss = worker_rss_mb(server.process.pid)
            print(
                f"gunicorn {mode}: erstes Byte nach dem Start {server.first_byte:.2f} s; "
                f"RSS je Worker nach dem Start "
                f"{', '.join(f'{mb:.0f}' for mb in server.rss_after_setup)} MB, "
                f"nach der ersten Seite {', '.join(f'{mb:.0f}' for mb in rss)} MB",
                flush=True,
            )
            for index, (label, url) in enumerate(urls):
                gunicorn_rows.setdefault(label, {})[mode] = measure(
                    url, args.seconds, args.clients, runs
                )
                if cache_on:
                    gunicorn_rows[label]["Boden"] = measure(
                        f"/__boden__/{index}/", args.seconds, args.clients, runs
                    )
    print(
        f"\n2. gunicorn (2 Worker, {connection.vendor}), {args.clients} Clients, "
        f"{args.seconds:g} s je Lauf"
    )
    print(
        "   ungecacht: Seiten-Cache aus, Fragment-Cache an (nach dem ersten Aufruf warm); "
        "ohne Cache: beide aus;\n   gecacht: Seiten-Cache an; Boden: dieselben Bytes aus "
        "einer minimalen Django-View mit Cache"
    )
    print(
        f"{'Seitentyp':<22} {'Art':<10} {'Anfragen/s':>22} {'p50 ms':>18} {'p95 ms':>18} "
        f"{'Anteil am Boden':>16} {'Fehler':>7}"
    )
    for label, modes in gunicorn_rows.items():
        floor = statistics.median(modes["Boden"][0])
        for mode in [mode for mode, _page, _fragments in MODES] + ["Boden"]:
            rps, p50, p95, errors = modes[mode]
            share = statistics.median(rps) / floor if floor else float("nan")
            share_text = f"1/{1 / share:.0f}" if share < 0.5 else f"{share:.0%}"
            print(
                f"{label:<22} {mode:<10} {summary(rps, '', 0):>22} {summary(p50):>18} "
                f"{summary(p95):>18} {share_text:>16} {errors:>7}"
            )


if __name__ == "__main__":
    main()
