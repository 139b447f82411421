"""PostgreSQL: the unaccent text-search configuration for autocomplete too (see search/backend.py), and one rank per
match.

modelsearch ranks an And/Or query by combining one ts_rank per part (And: the product of 1 + each part's rank; Or:
their mean), for the title and for the body: a query of four words, or of one word with three synonyms, costs eight
ts_rank calls on every matching row, where the whole query as one tsquery costs two. On a broad query (thousands of
matches) that was most of search_site()'s time (tests/bench/search_bench.py, issue 22). Here a match is ranked once
per vector against the query's single tsquery (the same one that filters the matches): ts_rank weighs the words and
phrases of an OR-ed tsquery itself.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchRank
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler


class OneRankQueryCompiler(PostgresSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        query = self.build_tsquery(self.query, config=config)
        ranks = [SearchRank(vector, query, weights=self.sql_weights) * boost for vector, boost in vectors]
        return reduce(add, ranks)


class UnaccentPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = OneRankQueryCompiler
    lower_score_is_better = False

    def __init__(self, params):
        super().__init__(params)
        if self.config:
            self.autocomplete_config = self.config
