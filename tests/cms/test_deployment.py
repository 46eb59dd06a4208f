"""docker-compose.yml and Dockerfile fit together (deploy checks: tests/security/test_production.py)."""

import datetime
import json
import re
import shlex
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from gunicorn.config import Config
from gunicorn.glogging import Logger

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


def gunicorn_commands():
    """The gunicorn command lines of the image and of compose, as the shell would split them."""
    cmd = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M).group(1)
    scripts = {
        "Dockerfile": json.loads(cmd)[-1],
        "compose": load_compose()["services"]["app"]["command"],
    }
    commands = {}
    for name, script in scripts.items():
        words = shlex.split(script)
        if words[:2] == ["sh", "-c"]:
            words = shlex.split(words[2])
        words = [word.replace("${GUNICORN_WORKERS:-3}", "3") for word in words]
        commands[name] = words[words.index("gunicorn") + 1 :]
    return commands


@pytest.mark.parametrize("name", ["Dockerfile", "compose"])
def test_gunicorn_access_log_names_no_visitor(name):
    config = Config()
    options = config.parser().parse_args(gunicorn_commands()[name])
    for key, value in vars(options).items():
        if value is not None and key in config.settings:
            config.set(key, value)
    assert config.accesslog == "-"
    environ = {
        "REMOTE_ADDR": "198.51.100.23",
        "HTTP_X_FORWARDED_FOR": "203.0.113.9",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Resident)",
        "HTTP_REFERER": "https://example.org/?name=Erika",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/suche/?q=Erika+Mustermann",
        "PATH_INFO": "/suche/",
        "QUERY_STRING": "q=Erika+Mustermann",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "203.0.113.9")])
    response = SimpleNamespace(status="200 OK", headers=[], sent=512)
    atoms = Logger(config).atoms(response, request, environ, datetime.timedelta(milliseconds=7))
    line = config.access_log_format % atoms
    assert line == "GET /suche/ 200 512 7ms"


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
