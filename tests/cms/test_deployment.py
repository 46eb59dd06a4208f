"""docker-compose.yml and Dockerfile fit together (deploy checks: tests/security/test_production.py)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_redis_and_the_app_under_gunicorn():
    services = load_compose()["services"]
    assert set(services) == {"db", "redis", "app", "purge"}
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


def test_compose_runs_the_retention_purge_nightly_with_the_apps_settings():
    services = load_compose()["services"]
    purge = services["purge"]
    assert purge["build"] == "."
    assert "python manage.py purge_personal_data --apply" in purge["command"]
    assert "sleep 86400" in purge["command"]
    assert purge["environment"] == services["app"]["environment"]
    assert purge["depends_on"] == {"app": {"condition": "service_healthy"}}


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
    # Compiled at build time into the cache directory the workers read (and may write).
    assert "python manage.py warm_analysis" in dockerfile
    assert "NUMBA_CACHE_DIR=/app/var/numba-cache" in dockerfile
    assert dockerfile.index("warm_analysis") < dockerfile.index("chown -R quartiersnetz /app/var")
    assert "gunicorn cms.wsgi:application" in dockerfile
    assert "USER quartiersnetz" in dockerfile
