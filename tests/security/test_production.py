"""Production settings pass Django's deploy checks and send the security headers and cookie flags."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "kaarst.example.org"


def production_env(tmp_path):
    """The environment production needs: a long random key, host names, a database."""
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to the test process, not to production.
    dropped = {"DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},kaiserslautern.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "security" / "production_probe.py")],
        cwd=ROOT,
        env=production_env(tmp_path) | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_deploy_check_is_clean_at_warning_level(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_a_development_secret_key(tmp_path):
    env = production_env(tmp_path) | {
        "SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_plain_http_is_redirected_to_https(probe):
    assert probe["plain_status"] == 301
    assert probe["plain_location"] == f"https://{HOST}/robots.txt"


def test_https_responses_carry_the_security_headers(probe):
    headers = {k.lower(): v for k, v in probe["headers"].items()}
    assert probe["robots_status"] == 200
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in headers["content-security-policy"].split(";")
    )
    assert directives["frame-ancestors"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"


def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(probe):
    assert probe["login_status"] == 302
    assert probe["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert probe["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
