"""Run under production settings: migrate a throw-away database, make real requests, print JSON.

Used by ``tests/security/test_production.py`` in a subprocess, because production settings
refuse to load without real secrets and must not leak into the test process.
"""

import json

import django
from django.conf import settings
from django.core.management import call_command


def main():
    # The manifest storage needs `collectstatic`; which file names static URLs carry is not
    # what this probe checks, so plain storage stands in for it.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.contrib.auth import get_user_model
    from django.test import Client

    host = settings.ALLOWED_HOSTS[0]
    user = get_user_model().objects.create_user(
        "probe", "probe@example.org", "probe-password-1234", is_staff=True, is_superuser=True
    )
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    plain = Client(HTTP_HOST=host).get("/robots.txt", secure=False)
    robots = client.get("/robots.txt", secure=True)
    login_page = client.get("/admin/login/", secure=True)
    token = login_page.cookies["csrftoken"].value
    login = client.post(
        "/admin/login/",
        {
            "username": user.username,
            "password": "probe-password-1234",
            "csrfmiddlewaretoken": token,
        },
        secure=True,
        # Over HTTPS Django also checks that the form was sent from this very site.
        HTTP_REFERER=f"https://{host}/admin/login/",
    )

    def cookie(morsel):
        return {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }

    print(
        json.dumps(
            {
                "plain_status": plain.status_code,
                "plain_location": plain.get("Location", ""),
                "robots_status": robots.status_code,
                "headers": dict(robots.headers),
                "login_status": login.status_code,
                "csrf_cookie": cookie(login_page.cookies["csrftoken"]),
                "session_cookie": cookie(login.cookies[settings.SESSION_COOKIE_NAME]),
            }
        )
    )


if __name__ == "__main__":
    main()
