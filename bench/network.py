"""Benchmark of the network analysis: synthetic networks of 500, 2,000 and 10,000 institutions.

Creates (once) one project per size with about five active cooperations per
institution, begun between 2020 and today, and a fifth as many that have ended,
in the database (SQLite file ``var/bench-network.sqlite3`` unless DATABASE_URL is
set), then prints for each size the median (min–max) of:

* full analysis, cold: cache cleared, graph read from the database and analysed;
* full analysis, cached: the same call again;
* graph API: ``GET /api/v1/projects/<p>/network/graph/`` through Django's test
  client as a logged-in manager, cold and cached;
* evolution, cold: the whole-network figures of every year from 2020 until today
  with the cooperations gained and lost (``services.evolution_payload``, cache
  cleared).

It never asserts timings. Usage::

    .venv/bin/python bench/network.py [--sizes 500 2000 10000] [--runs 3]
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-network.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from cms.models import Project  # noqa: E402
from network import services  # noqa: E402
from network.analysis import engine  # noqa: E402
from network.graph import load_network  # noqa: E402
from network.models import (  # noqa: E402
    Cooperation,
    CooperationStatus,
    CooperationType,
    District,
    Institution,
    InstitutionType,
    Sector,
)

SECTORS = ["Bildung", "Sprache", "Arbeit", "Wohnen", "Gesundheit", "Kultur", "Sport", "Jugend"]
TYPES = ["Verein", "Schule", "Kita", "Beratungsstelle", "Behörde/Amt", "Initiative"]
DISTRICTS = [f"Stadtteil {i}" for i in range(1, 9)]
COOPERATIONS_PER_INSTITUTION = 5
#: Ended cooperations per active one (they show in the evolution and the map's history).
ENDED_SHARE = 0.2
START = datetime.date(2020, 1, 1)


def _day(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _dated(rng, today):
    """A start between 2020 and today, more of them in later years (the network grows)."""
    span = (today - START).days
    return START + datetime.timedelta(days=int(span * rng.random() ** 0.6))


def bench_project(size):
    """The benchmark project of ``size`` institutions, created with its network if missing."""
    slug = f"bench-{size}"
    project = Project.objects.filter(slug=slug).first()
    if (
        project
        and Institution.objects.filter(project=project).count() == size
        and Cooperation.objects.filter(project=project, status=CooperationStatus.ENDED).exists()
    ):
        return project
    with transaction.atomic():
        if project is None:
            root = Page.get_first_root_node()
            home = root.add_child(title=f"Bench {size}", slug=slug)
            site = Site.objects.create(hostname=f"{slug}.localhost", port=80, root_page=home)
            managers, _ = Group.objects.get_or_create(name=f"Netzwerk Bench {size}")
            project = Project.objects.create(
                slug=slug, name=f"Bench {size}", site=site, manager_group=managers
            )
        Cooperation.objects.filter(project=project).delete()
        Institution.objects.filter(project=project).delete()
        rng = random.Random(size)
        sectors = [Sector.objects.get_or_create(project=project, name=n)[0] for n in SECTORS]
        types = [InstitutionType.objects.get_or_create(project=project, name=n)[0] for n in TYPES]
        districts = [District.objects.get_or_create(project=project, name=n)[0] for n in DISTRICTS]
        institutions = Institution.objects.bulk_create(
            (
                Institution(
                    project=project,
                    name=f"Institution {i:05d}",
                    type=types[i % len(types)],
                    district=districts[i % len(districts)],
                    public=i % 7 == 0,
                )
                for i in range(size)
            ),
            batch_size=2000,
        )
        through = Institution.sectors.through
        through.objects.bulk_create(
            (
                through(institution_id=inst.pk, sector_id=sector.pk)
                for i, inst in enumerate(institutions)
                for sector in {sectors[i % len(sectors)], rng.choice(sectors)}
            ),
            batch_size=5000,
        )
        # Mostly local ties (same district block), some across the town.
        wanted = COOPERATIONS_PER_INSTITUTION * size
        pairs = set()
        while len(pairs) < wanted:
            u = rng.randrange(size)
            if rng.random() < 0.8:
                v = (u + rng.randint(1, 40) * rng.choice((-1, 1))) % size
            else:
                v = rng.randrange(size)
            if u != v:
                pairs.add((min(u, v), max(u, v)))
        kinds = CooperationType.values
        # Dates come from generators of their own: the active network stays the same.
        dates = random.Random(size + 1)
        today = datetime.date.today()
        active = [
            Cooperation(
                project=project,
                source=institutions[u],
                target=institutions[v],
                type=rng.choice(kinds),
                intensity=rng.randint(1, 5),
                valid_from=_dated(dates, today),
            )
            for u, v in sorted(pairs)
        ]
        ended = []
        extra = random.Random(size + 2)
        for _ in range(int(ENDED_SHARE * wanted)):
            u = extra.randrange(size)
            v = (u + extra.randint(1, 40)) % size
            start = _dated(extra, today - datetime.timedelta(days=60))
            ended.append(
                Cooperation(
                    project=project,
                    source=institutions[u],
                    target=institutions[v],
                    type=extra.choice(kinds),
                    intensity=extra.randint(1, 5),
                    valid_from=start,
                    valid_to=_day(extra, start, today - datetime.timedelta(days=1)),
                    status=CooperationStatus.ENDED,
                )
            )
        Cooperation.objects.bulk_create(active + ended, batch_size=5000)
    project.bump_data_version()
    return project


def manager_for(project):
    user, _ = User.objects.get_or_create(username=f"bench-manager-{project.slug}")
    user.groups.add(project.manager_group)
    return user


def timed(fn, runs, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def fmt(times):
    med = statistics.median(times)
    unit, scale = ("ms", 1000) if med < 1 else ("s", 1)
    return f"{med * scale:8.1f} {unit} ({min(times) * scale:.1f}–{max(times) * scale:.1f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0, interactive=False)
    db = django.db.connection.vendor
    print(
        f"Datenbank: {db}; exakt bis {engine.EXACT_NODE_LIMIT} Institutionen, darüber "
        f"{engine.SAMPLE_SIZE} Stichproben-Quellen (Seed {engine.SAMPLE_SEED}); {args.runs} Läufe"
    )
    header = (
        f"{'Institutionen':>13} {'Kooperationen':>13} | {'Laden (DB)':>24} | "
        f"{'Analyse kalt':>24} | {'Analyse Cache':>24} | {'Graph-API kalt':>24} | "
        f"{'Graph-API Cache':>24} | {'Entwicklung kalt':>24}"
    )
    print(header)
    print("-" * len(header))
    today = datetime.date.today()
    years = today.year - START.year + 1
    for size in args.sizes:
        project = bench_project(size)
        edges = Cooperation.objects.filter(project=project, status=CooperationStatus.ACTIVE).count()
        client = Client()
        client.force_login(manager_for(project))
        url = f"/api/v1/projects/{project.slug}/network/graph/"

        load = timed(lambda project=project: load_network(project).graph(), args.runs)
        cold = timed(
            lambda project=project: services.analysis_result(project), args.runs, cache.clear
        )
        warm = timed(lambda project=project: services.analysis_result(project), max(args.runs, 5))

        def get(url=url, client=client):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        api_cold = timed(get, args.runs, cache.clear)
        api_warm = timed(get, max(args.runs, 5))
        evolution = timed(
            lambda project=project: services.evolution_payload(project, START, today, "year"),
            args.runs,
            cache.clear,
        )
        print(
            f"{size:>13} {edges:>13} | {fmt(load):>24} | {fmt(cold):>24} | {fmt(warm):>24} | "
            f"{fmt(api_cold):>24} | {fmt(api_warm):>24} | {fmt(evolution):>24}",
            flush=True,
        )
    print(
        f"Kooperationen: aktive (Analyse, Graph-API); Entwicklung: {years} Jahre "
        f"{START.year}–{today.year} mit beendeten Kooperationen ({ENDED_SHARE:.0%} zusätzlich)."
    )


if __name__ == "__main__":
    main()
