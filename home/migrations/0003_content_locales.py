"""The content locales: Vietnamese (the source, created by Wagtail's own migration) and its translations.

The list is written out, not read from settings, so the migration means the same thing on every machine.
"""

from django.db import migrations

CONTENT_LANGUAGES = ["vi", "en", "km", "rad", "hnj"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_hometoptask"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    # Reversing keeps the rows: pages may already belong to them.
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
