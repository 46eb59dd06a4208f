"""The health check answers 200 while the database answers, 503 when it does not."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_503_when_database_is_unreachable():
    # A real process whose database URL points at a port nobody listens on.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable?connect_timeout=2",
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    status, body = json.loads(out.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "error", "database": "down", "cache": "ok"}
