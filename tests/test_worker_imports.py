"""A web worker serves pages without loading the analysis stack (numba, networkx, numpy)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

from tests.cms.builders import build_site

ROOT = Path(__file__).resolve().parents[1]

WORKER = """
import json, sys
import django
django.setup()
from django.test import Client
from django.urls import resolve
import cms.urls  # noqa: F401
after_setup = sorted(m for m in ("numba", "networkx", "numpy", "llvmlite") if m in sys.modules)
resolve("/")
response = Client().get("/", HTTP_HOST="test.localhost")
print(json.dumps({
    "status": response.status_code,
    "title": "Start Testseite" in response.content.decode(),
    "after_setup": after_setup,
    "after_request": sorted(
        m for m in ("numba", "networkx", "numpy", "llvmlite") if m in sys.modules
    ),
}))
"""


def database_url(tmp_path):
    """The test database, readable by another process (SQLite copied to a file)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        import sqlite3

        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_serves_the_home_page_without_numba_networkx_or_numpy(tmp_path):
    from wagtail.models import Locale, Page

    # An earlier transactional test may have flushed what the migrations created.
    Locale.objects.get_or_create(language_code="de")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    build_site(name="Testseite")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.splitlines()[-1]) == {
        "status": 200,
        "title": True,
        "after_setup": [],
        "after_request": [],
    }
