"""Production settings pass Django's deploy checks; docker-compose.yml and Dockerfile fit together."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k3J9x-5p2Lq8vR0tZ7wYc4nB6mD1sF9gH2jK5lP8oI3uE7rT0yW4qA6zX",
    "ALLOWED_HOSTS": "kaarst.example.org,kaiserslautern.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://kaarst.example.org,https://kaiserslautern.example.org",
    "DATABASE_URL": "sqlite:////tmp/quartiersnetz-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://user:secret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Quartiersnetz <noreply@example.org>",
}


def manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to the test process, not to production.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_deploy_check_is_clean_with_documented_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_key():
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production-xxxxxxxx",
    }
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def load_compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_redis_and_the_app_under_gunicorn():
    services = load_compose()["services"]
    assert set(services) == {"db", "redis", "app"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    app = services["app"]
    assert app["build"] == "."
    assert "gunicorn cms.wsgi:application" in app["command"]
    assert "migrate --noinput" in app["command"]
    assert app["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    assert app["ports"] == ["8000:8000"]


def test_compose_app_is_configured_from_the_environment():
    environment = load_compose()["services"]["app"]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert environment["DATABASE_URL"].startswith("postgres://quartiersnetz:")
    assert environment["DATABASE_URL"].endswith("@db:5432/quartiersnetz")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    # No secret is baked in: compose stops when SECRET_KEY is missing.
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_compose_healthchecks_use_the_health_endpoint():
    services = load_compose()["services"]
    assert "http://127.0.0.1:8000/healthz" in " ".join(services["app"]["healthcheck"]["test"])
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_dockerfile_builds_the_app_with_the_locked_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ")
    assert "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements.lock" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "gunicorn cms.wsgi:application" in dockerfile
    assert "USER quartiersnetz" in dockerfile
