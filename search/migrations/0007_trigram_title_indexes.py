"""PostgreSQL only: pg_trgm, an immutable accent-folding function and trigram indexes on what citizens mistype.

search.trigram looks up pages by the word similarity of their title (and services by their name) to the folded query
(`loa_fold(title) %> 'dang ky thuongg truuu'`), for slips that the vocabulary's one-edit correction cannot mend.
`unaccent()` is only STABLE (its dictionary could change), so it cannot be indexed; `loa_fold()` wraps it with the
dictionary named and schema-qualified, declared IMMUTABLE (the usual pattern: the unaccent rules are fixed once this
app's 0002 has checked them). The GIN indexes are on that same expression, so `%>` reads only the candidate rows.

On other databases this migration does nothing: SQLite keeps the Python correction of search.understanding.
CREATE EXTENSION needs a superuser or a trusted extension (pg_trgm is trusted since PostgreSQL 13).
"""

from django.db import migrations

FUNCTION = "loa_fold"
INDEXES = {
    # index name: (table of the model, column)
    "search_page_title_trgm": (("wagtailcore", "Page"), "title"),
    "search_publicservice_name_trgm": (("campaigns", "PublicService"), "name"),
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        schema = cursor.fetchone()[0]  # 0002 created it; index expressions must not depend on search_path
        cursor.execute(
            # COST: unaccent() is dear; at the default (100) the planner read 1,600 titles one by one (68 ms,
            # tests/bench/search_bench.py) rather than the trigram index (16 ms).
            f"CREATE OR REPLACE FUNCTION {FUNCTION}(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
            f"COST 1000 AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$"
        )
        for index, (model, column) in INDEXES.items():
            table = apps.get_model(*model)._meta.db_table
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({FUNCTION}({column}) gin_trgm_ops)"
            )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")
        # pg_trgm stays: other databases objects may use it, and it costs nothing.


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_search_log_batches"),
        ("campaigns", "0005_public_service_page"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
