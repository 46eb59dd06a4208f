"""Public responses carry a script policy without inline code and the other protective headers."""

import pytest

PUBLIC_PATHS = ["/robots.txt", "/gibt-es-nicht/"]


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.split()
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_response_headers(client, path):
    response = client.get(path, HTTP_HOST="kaarst.localhost")
    assert response.status_code in (200, 404)
    directives = csp_directives(response["Content-Security-Policy"])
    script_src = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_admin_is_not_under_the_public_script_policy(client, django_user_model):
    # The Wagtail admin runs inline scripts (choosers, editors); the public policy would break it.
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1234-ab")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy" in client.get("/robots.txt")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/healthz", "/admin/login/"])
def test_every_response_denies_powerful_browser_features(client, path):
    # Nothing of the product uses camera, microphone or location; embedded videos keep fullscreen.
    response = client.get(path, HTTP_HOST="kaarst.localhost")
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "hid",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "browsing-topics",
        "interest-cohort",
    ):
        assert policy[feature] == "()", feature
    assert (
        policy["fullscreen"]
        == '(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
    )
