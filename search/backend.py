"""Wagtail's database search backend, made accent-insensitive for Vietnamese on every database.

Configured in settings as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend".

- PostgreSQL: the text-search configuration named by SEARCH_CONFIG (created by this app's migration:
  `simple` + `unaccent`) folds both the indexed text and the query. Wagtail hard-codes `simple` for
  autocomplete, which would keep the accents, so autocomplete uses the same configuration.
- SQLite: FTS5's tokenizer strips some accents but not all (not 'đ', not the stacked marks of 'ế' with its
  default settings), and the tokenizer cannot be changed without replacing Wagtail's migration. So the index
  holds folded text (fold_vietnamese) and every query is folded the same way before it reaches FTS5.
  Wagtail offers no hook for either step, hence the small subclasses in search/sqlite_backend.py and
  search/postgres_backend.py.
"""

from django.db import connection


def SearchBackend(params):  # Wagtail looks the backend up by this name
    # Each database's module is imported only on that database: Wagtail's SQLite models do not exist on PostgreSQL.
    if connection.vendor == "postgresql":
        from search.postgres_backend import UnaccentPostgresSearchBackend

        return UnaccentPostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from search.sqlite_backend import FoldingSQLiteSearchBackend

        return FoldingSQLiteSearchBackend(params)
    return backend  # MySQL, or SQLite without FTS5: Wagtail's own, without folding.
