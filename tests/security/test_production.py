"""Production settings: Django's deploy checks, refusal of missing or development secrets,
and the security headers and cookie flags of real responses.

The deploy checks run with the variables the README documents for production; the probe
(``production_probe.py``) serves real requests under production settings in a subprocess.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "kaarst.example.org"


def production_env(tmp_path, **changes):
    """The environment production needs: a long random key, host names, a database, mail.

    Variables of this process that production would not have are dropped: ``DEBUG``, the
    browser tests' ``DJANGO_ALLOW_ASYNC_UNSAFE``, and ``REDIS_URL`` (the probe uses the local
    memory cache, the deploy check gets the documented Redis address). A change whose value is
    ``None`` removes that variable.
    """
    dropped = {"DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},kaiserslautern.example.org",
        CSRF_TRUSTED_ORIGINS="https://kaarst.example.org,https://kaiserslautern.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="smtp+tls://user:secret@mail.example.org:587",
        DEFAULT_FROM_EMAIL="Quartiersnetz <noreply@example.org>",
    )
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(tmp_path, *args, **changes):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(tmp_path, **changes),
        capture_output=True,
        text=True,
    )


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


def test_deploy_check_is_clean_with_the_documented_variables(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = manage(tmp_path, "check", SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_secret_key(tmp_path):
    result = manage(
        tmp_path, "check", SECRET_KEY="dev-only-insecure-key-do-not-use-in-production-xxxxxxxx"
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
