"""PostgreSQL: the unaccent text-search configuration for autocomplete too (see search/backend.py)."""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend


class UnaccentPostgresSearchBackend(PostgresSearchBackend):
    lower_score_is_better = False

    def __init__(self, params):
        super().__init__(params)
        if self.config:
            self.autocomplete_config = self.config
