"""Every public page type of the demo, in every language it exists in, is valid HTML (W3C Nu).

The pages are rendered by the test client and checked in one run of the Nu Html Checker
(``vnu.jar`` from the npm package ``vnu-jar``, which ``make test`` installs under ``var/vnu``;
``VNU_JAR`` points elsewhere).
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.test import Client

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.demo_data import demo_content  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_JAR = ROOT / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The stacked partner table of the map page (``qn-stack-table``) names its rows and cells
# with ARIA roles, because browsers drop table semantics from tables shown as blocks on a
# phone; the checker calls those roles redundant. Only that message on those roles is let pass.
STACKED_TABLE_ROLE = re.compile(r"^The “role” attribute must not be used on a “(tr|th|td)” element")
STACKED_TABLE_EXTRACT = re.compile(r'role="(row|cell|rowheader|columnheader)"')

#: pages with a state of their own beyond the page types
EXTRA = {
    "kaarst.localhost": ["/suche/?q=Ehrenamt", "/suche/?q=", "/beteiligung/ergebnisse/"],
    "kaiserslautern.localhost": ["/suche/?q=Sprache", "/engagement/?sprache=ar"],
}


def vnu_jar():
    path = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    if not path.is_file():
        pytest.fail(
            f"vnu.jar fehlt unter {path}: npm install --prefix var/vnu vnu-jar "
            "(oder VNU_JAR setzen)"
        )
    if shutil.which("java") is None:
        pytest.fail("Java fehlt: apt-get install default-jre-headless")
    return path


def public_paths(site):
    """One path per page type and language of ``site``, plus the extra states."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    seen, paths = set(), []
    german = Page.objects.descendant_of(site.root_page, inclusive=True)
    pages = (
        Page.objects.filter(translation_key__in=german.values("translation_key"))
        .live()
        .public()
        .select_related("content_type", "locale")
        .order_by("path")
    )
    for page in pages:
        if any(page.path.startswith(path) for path in restricted):
            continue
        key = (page.content_type_id, page.locale.language_code)
        if key not in seen:
            seen.add(key)
            paths.append(page.get_url_parts()[2])
    return paths + EXTRA[site.hostname]


def checker_errors(jar, files):
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for message in messages:
        if message.get("type") != "error":
            continue
        if STACKED_TABLE_ROLE.match(message["message"]) and STACKED_TABLE_EXTRACT.search(
            message.get("extract", "")
        ):
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.append(f"{name}:{message.get('lastLine')}: {message['message']}")
    return errors


@pytest.mark.django_db
def test_every_public_page_type_is_valid_html(demo_content, tmp_path):  # noqa: F811
    jar = vnu_jar()
    files = []
    for slug in ("kaarst", "kaiserslautern"):
        site = demo_content["projects"][slug].site
        client = Client()
        for path in public_paths(site):
            response = client.get(path, HTTP_HOST=site.hostname)
            assert response.status_code == 200, (site.hostname, path, response.status_code)
            name = re.sub(r"\W+", "_", f"{slug}{path}").strip("_") + ".html"
            files.append(tmp_path / name)
            files[-1].write_bytes(response.content)
    # One page per page type and language on both sites (German everywhere, English and Arabic
    # where the demo translated them: 80) and the 5 extra states.
    assert len(files) == 85
    assert checker_errors(jar, files) == []


def test_the_checker_finds_an_invalid_page(tmp_path):
    # The checker and the filter above do not hide everything: an empty action is an error.
    page = tmp_path / "kaputt.html"
    page.write_text(
        '<!doctype html><html lang="de"><head><title>t</title></head>'
        '<body><form action="" method="get"></form>'
        '<table><tr role="row"><td role="cell">x</td></tr></table></body></html>'
    )
    errors = checker_errors(vnu_jar(), [page])
    assert len(errors) == 1
    assert errors[0].startswith("kaputt.html:1: Bad value “” for attribute “action”")
