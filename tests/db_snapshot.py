"""A copy of a PostgreSQL test database's rows, put back in a second or two instead of rebuilding them.

The real-browser tests are transactional: each one's data is committed, and pytest-django empties every table
after it (TRUNCATE). `load_demo` costs 10 to 50 seconds; the rows it leaves are the same every time. So the first
test of a run that needs the demo loads it for real and takes a snapshot (every Django table with COPY … TO, in
PostgreSQL's binary format, and every sequence's position); the next ones empty the tables as the flush does and
COPY the rows back, in one transaction. Django's foreign keys on PostgreSQL are DEFERRABLE INITIALLY DEFERRED,
so the tables may come back in any order: the constraints are checked at COMMIT, as for any insert.

What lives outside the database is reset too: the tests' local-memory cache (a kept page, a code's target, the
site's root paths), the scan path's in-process memo of codes, and the content types' memo, whose ids are the
snapshot's again. Files (media) are not copied: they stay in this process's MEDIA_ROOT between tests, as they do
when the demo is loaded again.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

from tracking.selectors import forget_local_codes


@dataclass(frozen=True)
class Snapshot:
    database: str
    tables: dict[str, bytes]
    sequences: list[tuple[str, int, int | None]]


def _tables() -> list[str]:
    # The tables pytest-django's flush empties (Django's `flush`): every model's, not django_migrations.
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take() -> Snapshot:
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables():
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                tables[table] = b"".join(bytes(block) for block in copy)
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), start_value, last_value "
            "FROM pg_sequences "
            "WHERE schemaname = current_schema()"
        )
        sequences = list(cursor.fetchall())
    return Snapshot(database=connection.settings_dict["NAME"], tables=tables, sequences=sequences)


def restore(snapshot: Snapshot) -> None:
    assert snapshot.database == connection.settings_dict["NAME"], "a snapshot of another database"
    quote = connection.ops.quote_name
    current = _tables()
    assert set(current) == set(snapshot.tables), "the tables changed since the snapshot"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in current))
        for table, rows in snapshot.tables.items():
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(rows)
        for sequence, start_value, last_value in snapshot.sequences:
            if last_value is None:  # never used: the next value is its start
                cursor.execute("SELECT setval(%s, %s, false)", [sequence, start_value])
            else:
                cursor.execute("SELECT setval(%s, %s, true)", [sequence, last_value])
    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):  # the tests' own; a shared Redis is never emptied by a test run
            cache.clear()
    forget_local_codes()
    ContentType.objects.clear_cache()
