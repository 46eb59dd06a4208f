"""The demo content of both sites as a test fixture: loaded once per module, rolled back after."""

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail import hooks

import pytest

from cms import demo

#: Demo users by role; ``None`` stands for an anonymous visitor.
USERS = (
    None,
    "redaktion-kaarst",
    "redaktion-kaiserslautern",
    "netzwerk-kaarst",
    "netzwerk-kaiserslautern",
    "admin",
)
PASSWORD = "Demo-Passwort-fuer-Tests-1"


def contact_message(**changes):
    """A valid message for a demo site's German contact form; ``None`` leaves a field out."""
    from cms.spam import sign_timestamp

    data = {
        "name": "Erika Mustermann",
        "e_mail": "erika@example.org",
        "telefon": "",
        "anliegen": "Spenden",
        "nachricht": "Ich möchte Bücher spenden.",
        "consent": "on",
        "website": "",
        "form_started": sign_timestamp(),
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def load_demo():
    """What ``manage.py load_demo_data`` does, with one known password for every demo user."""
    projects = demo.load()
    for loader in hooks.get_hooks("load_demo_data"):
        loader(projects, stdout=None)
    demo.load_users(projects)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERS[1:])}
    for user in users.values():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return projects, users


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """Projects and users of the demo, shared by the tests of one module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            projects, users = load_demo()
            yield {"projects": projects, "users": users}
            transaction.set_rollback(True)


@pytest.fixture
def demo_users(demo_content, db):
    return demo_content["users"]
