"""Browser tests: a real server with the demo content of both sites, driven by Debian's Chromium.

The server is a separate process (``manage.py runserver``) on its own SQLite file, built once
per test session: migrate, ``load_demo_data``, known passwords, site ports set to the server's
port. Tests look at the database through the same file with a separate ``manage.py`` call, so
the test process never shares a connection with the server.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PORTS = range(8401, 8499)
PASSWORD = "Demo-Passwort-fuer-Browsertests-1"
HOSTS = ("kaarst.localhost", "kaiserslautern.localhost")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=" + ",".join(f"MAP {host} 127.0.0.1" for host in HOSTS),
]

SETUP_SCRIPT = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from wagtail.models import Site
port, password = int(sys.argv[1]), sys.argv[2]
Site.objects.update(port=port)
for user in get_user_model().objects.all():
    user.set_password(password)
    user.save(update_fields=["password"])
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium fehlt unter {path}: apt-get install chromium")
    return path


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("kein freier Port zwischen 8401 und 8498")


class Server:
    """The running demo server and a way to ask its database questions."""

    def __init__(self, port, env, process):
        self.port = port
        self.env = env
        self.process = process

    def url(self, host="kaarst.localhost", path="/"):
        return f"http://{host}:{self.port}{path}"

    def manage(self, *args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def query(self, code):
        """Run ``code`` in the server's database; it assigns ``result``, returned as JSON."""
        script = "import json\n" + code + "\nprint('RESULT=' + json.dumps(result))\n"
        out = self.manage("shell", "-c", script)
        line = [x for x in out.splitlines() if x.startswith("RESULT=")][-1]
        return json.loads(line[len("RESULT=") :])


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if os.environ.get("E2E_SERVER_PORT"):
        # While writing a flow: reuse a running demo server (same DATABASE_URL in the env).
        yield Server(int(os.environ["E2E_SERVER_PORT"]), dict(os.environ), None)
        return
    tmp = tmp_path_factory.mktemp("e2e")
    if Path("/dev/shm").is_dir():
        # Loading the demo writes many small transactions; memory-backed files are faster.
        tmp = Path(tempfile.mkdtemp(prefix="qn-e2e-", dir="/dev/shm"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp / 'e2e.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        # One cache for the server and the test's own manage.py calls, so that a change made
        # by a test's setup purges the pages the server has stored.
        CACHE_DIR=str(tmp / "cache"),
        DEBUG="true",
        ALLOWED_HOSTS="kaarst.localhost,kaiserslautern.localhost,127.0.0.1,localhost",
        FORM_MIN_FILL_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([sys.executable, "manage.py", "load_demo_data"], **run)
    subprocess.run([sys.executable, "-c", SETUP_SCRIPT, str(port), PASSWORD], **run)
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((tmp / "server.log").read_text()[-3000:]) from None
            time.sleep(0.3)
    yield Server(port, env, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def _page(browser, request, **options):
    context = browser.new_context(locale="de-DE", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    if getattr(request.node, "failed_call", False):
        screenshot(page, f"fehler-{request.node.name}")
    context.close()


@pytest.fixture
def page(browser, request):
    yield from _page(browser, request, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser, request):
    yield from _page(
        browser,
        request,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


def screenshot(page, name):
    """Keep the final state of a flow where CI keeps artifacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, server, username, host="kaarst.localhost"):
    page.goto(server.url(host, "/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
