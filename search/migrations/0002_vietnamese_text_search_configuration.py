"""PostgreSQL only: a text-search configuration that folds Vietnamese accents (`simple` + `unaccent`).

Wagtail's search backend uses it through WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]. On other
databases this migration does nothing (SQLite indexes folded text instead, see search/backend.py).
"""

from django.db import migrations

CONFIG = "loa_vietnamese"
# Token types of the default parser that can hold letters with diacritics.
TOKEN_TYPES = "word, hword, hword_part, numword, numhword, hword_numpart"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
        cursor.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKEN_TYPES} WITH unaccent, simple")
        # 'đ' has no Unicode decomposition: make sure this server's unaccent rules map it, or say so now.
        cursor.execute("SELECT unaccent('đĐ'), to_tsvector(%s, 'Đắk Lắk')::text", [CONFIG])
        unaccented, vector = cursor.fetchone()
        if unaccented != "dD" or vector != "'dak':1 'lak':2":
            raise RuntimeError(
                f"PostgreSQL's unaccent rules do not fold Vietnamese ('đĐ' -> {unaccented!r}, "
                f"'Đắk Lắk' -> {vector!r}); install the standard unaccent.rules."
            )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
