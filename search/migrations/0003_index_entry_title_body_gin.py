"""PostgreSQL only: a GIN index on the expression Wagtail's search filters on.

Wagtail's PostgreSQL backend matches `(title || body) @@ query`; its own GIN indexes are on `title` and `body`
separately, so every search read the whole index table (82 ms for 5,000 guides in tests/bench/search_bench.py).
An index on the same expression lets PostgreSQL read only the matching rows.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_vietnamese_text_search_configuration"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
