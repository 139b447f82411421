"""SQLite: index folded text and fold every query (see search/backend.py for why)."""

from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from core.text import fold_vietnamese

# Columns of Wagtail's FTS5 table, in order: autocomplete, body, title. The title counts most.
SQLITE_COLUMN_WEIGHTS = (1.0, 1.0, 5.0)


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function=function, template=template)
        weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
        return sql.replace(")", f", {weights})"), params


class FoldingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        super().add_items(model, objs)
        object_ids = [str(obj.pk) for obj in objs]
        if not object_ids:
            return
        entries = list(self.entries.filter(content_type_id=get_content_type_pk(model), object_id__in=object_ids))
        for entry in entries:
            entry.title = fold_vietnamese(entry.title or "")
            entry.body = fold_vietnamese(entry.body or "")
            entry.autocomplete = fold_vietnamese(entry.autocomplete or "")
        # The FTS5 table follows through the triggers of Wagtail's migration.
        self.entries.model.objects.bulk_update(entries, ["title", "body", "autocomplete"])


def _fold_query(query):
    if isinstance(query, PlainText):
        return PlainText(fold_vietnamese(query.query_string), operator=query.operator)
    if isinstance(query, Phrase):
        return Phrase(fold_vietnamese(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([_fold_query(subquery) for subquery in query.subqueries])
    return query


class FoldingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_fold_query(query), config=config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        # FTS5's bm25() scores the whole match expression at once, so a query of several parts (words with their
        # synonyms) is ranked by one bm25(), not by a product of per-part scores of the wrong sign.
        if isinstance(query, (Phrase, PlainText, Not, And, Or)):
            return WeightedBM25() if boost == 1.0 else WeightedBM25() * boost
        return super().build_tsrank(vector, query, config=config, boost=boost)


class FoldingSQLiteAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_fold_query(query), config=config)


class FoldingSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = FoldingSQLiteIndex
    query_compiler_class = FoldingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler

    # bm25() is lower for better matches; the SQLite backend orders ascending.
    lower_score_is_better = True
