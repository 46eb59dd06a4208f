"""Editors' accessibility checker runs the same WCAG 2.1 A/AA rules as the browser tests."""

import json
import re

import pytest

from cms.accessibility import WCAG_TAGS
from tests.cms.builders import build_site


@pytest.mark.django_db
def test_editor_checks_panel_uses_the_wcag_rule_set(client, django_user_model):
    pages = build_site()
    user = django_user_model.objects.create_superuser("red", "red@example.org", "pw-1234-ab")
    client.force_login(user)
    response = client.get(f"/admin/pages/{pages['team'].pk}/edit/")
    assert response.status_code == 200
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "Prüfkonfiguration fehlt im Editor"
    configuration = json.loads(match.group(1))
    assert configuration["options"]["runOnly"] == WCAG_TAGS
    assert WCAG_TAGS == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
