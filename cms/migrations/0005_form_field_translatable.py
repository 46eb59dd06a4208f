"""Contact form fields become translatable with their page (TranslatableMixin).

Existing fields get the locale of their page and a translation key shared by the copies of
one field on the translations of a page (same page translation key, same stored name).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

NAMESPACE = uuid.UUID("6f1d3c1e-6a43-4c55-9a0e-3f4b2a1d0c5e")


def bootstrap(apps, schema_editor):
    FormField = apps.get_model("cms", "FormField")
    Page = apps.get_model("wagtailcore", "Page")
    fields = list(FormField.objects.order_by("pk").values_list("pk", "page_id", "clean_name"))
    pages = dict(
        (pk, (key, locale))
        for pk, key, locale in Page.objects.filter(
            pk__in={page_id for _pk, page_id, _name in fields}
        ).values_list("pk", "translation_key", "locale_id")
    )
    seen = set()
    for pk, page_id, clean_name in fields:
        page_key, locale_id = pages[page_id]
        key = uuid.uuid5(NAMESPACE, f"{page_key}:{clean_name}")
        if (key, locale_id) in seen:
            key = uuid.uuid4()  # two fields of one page with the same name: keep both
        seen.add((key, locale_id))
        FormField.objects.filter(pk=pk).update(translation_key=key, locale_id=locale_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_person_project"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="formfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.AddField(
            model_name="formfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(bootstrap, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="formfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="formfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="formfield",
            unique_together={("translation_key", "locale")},
        ),
    ]
