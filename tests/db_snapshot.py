"""A copy of a test database's rows, put back in about a second instead of being rebuilt.

Two uses (tests/conftest.py, tests/e2e/conftest.py):

- After a transactional test (live server, `transaction=True`) pytest-django empties every table (TRUNCATE);
  the rows that migrations seed (channels, print formats, locales, role groups, the approval workflow) and the
  official units are gone for the tests that come after it on the same worker. The test database's first state
  is copied once and put back after each transactional test, so that no test depends on the order in which
  pytest-xdist hands out the files.
- The real-browser tests need the demo, which `load_demo` builds in 10 to 50 seconds: the first of them on a
  worker loads it and copies it, the next ones get the copy back.

PostgreSQL: every Django table with COPY … TO / FROM in the binary format, and every sequence's position.
Django's foreign keys there are DEFERRABLE INITIALLY DEFERRED, so the tables come back in any order, checked at
COMMIT as any insert is. SQLite (the in-memory test database): the whole database with SQLite's backup API.

What lives outside the database is reset too: the tests' local-memory cache (a kept page, a code's target, the
site's root paths), the scan path's in-process memo of codes and the content types' memo, whose ids are the
copy's again. Files (media) are not copied: they stay in this process's MEDIA_ROOT, as they do when the demo is
loaded again.
"""

import sqlite3
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

from tracking.selectors import forget_local_codes


@dataclass(frozen=True)
class Snapshot:
    database: str
    tables: dict[str, bytes] = field(default_factory=dict)
    sequences: list[tuple[str, int, int | None]] = field(default_factory=list)
    sqlite: sqlite3.Connection | None = None


def supported() -> bool:
    return connection.vendor in {"postgresql", "sqlite"}


def _tables() -> list[str]:
    # The tables that pytest-django's flush empties (Django's `flush`): every model's, not django_migrations.
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take() -> Snapshot:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return Snapshot(database=name, sqlite=copy)
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables():
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                tables[table] = b"".join(bytes(block) for block in copy)
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), start_value, last_value "
            "FROM pg_sequences WHERE schemaname = current_schema()"
        )
        sequences = list(cursor.fetchall())
    return Snapshot(database=name, tables=tables, sequences=sequences)


def restore(snapshot: Snapshot) -> None:
    assert snapshot.database == connection.settings_dict["NAME"], "a copy of another database"
    if snapshot.sqlite is not None:
        connection.ensure_connection()
        snapshot.sqlite.backup(connection.connection)
    else:
        _restore_postgresql(snapshot)
    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):  # the tests' own; a shared Redis is never emptied by a test run
            cache.clear()
    forget_local_codes()
    ContentType.objects.clear_cache()


def _restore_postgresql(snapshot: Snapshot) -> None:
    quote = connection.ops.quote_name
    current = _tables()
    assert set(current) == set(snapshot.tables), "the tables changed since the copy"
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
