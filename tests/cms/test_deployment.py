"""docker-compose.yml and Dockerfile fit together (deploy checks: tests/security/test_production.py)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


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
    # Compiled at build time into the cache directory the workers read (and may write).
    assert "python manage.py warm_analysis" in dockerfile
    assert "NUMBA_CACHE_DIR=/app/var/numba-cache" in dockerfile
    assert dockerfile.index("warm_analysis") < dockerfile.index("chown -R quartiersnetz /app/var")
    assert "gunicorn cms.wsgi:application" in dockerfile
    assert "USER quartiersnetz" in dockerfile


def test_the_licence_is_eupl_1_2_everywhere():
    import json
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]
    assert json.loads((ROOT / "frontend" / "package.json").read_text())["license"] == "EUPL-1.2"
    text = (ROOT / "LICENSE").read_text()
    # The official text (SPDX licence list), with its 15 articles and the appendix.
    assert text.startswith(
        "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n"
    )
    assert "15.Applicable Law" in text
    assert text.rstrip().endswith(
        "All other changes or additions to this Appendix require the production of a new EUPL version."
    )
