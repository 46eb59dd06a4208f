"""Create the content locales: German (default), English, Arabic, Turkish, Ukrainian."""

from django.db import migrations

LANGUAGES = ["de", "en", "ar", "tr", "uk"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_pages_settings_snippets"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
