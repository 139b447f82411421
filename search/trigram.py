"""PostgreSQL: pages whose title (and services whose name) is close to the whole query, by pg_trgm word similarity.

search.understanding mends one slip per word against the site's vocabulary, on every database. What it cannot mend
("dang ky thuong truuu": two letters too many; "giay phep lai xxe": a word too short to correct) still shares most of
its letter triples with the title the citizen had in mind. pg_trgm's word similarity scores that: the share of the
query's trigrams found in the most similar stretch of the title. `%>` keeps the titles at or above
pg_trgm.word_similarity_threshold (0.6 by default) through the GIN indexes of migration search 0007, on the same
folded expression (`loa_fold`). On other databases there is no such lookup and nothing is returned: SQLite keeps the
vocabulary correction alone.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Func, QuerySet, TextField, Value

# Enough to fill the first page of results; these are fallbacks, not a ranking of the whole site.
SIMILAR_TITLES = 20
# Fewer letters have too few trigrams to mean anything ("22" is two thirds of "220/380V"); short words are the
# vocabulary correction's.
QUERY_MIN_LETTERS = 5


class Folded(Func):
    """loa_fold(text): lower-cased and without accents, as the trigram indexes hold it (migration search 0007)."""

    function = "loa_fold"
    output_field = TextField()


def available() -> bool:
    return connection.vendor == "postgresql"


def _closest(queryset: QuerySet, field: str, folded: str) -> list[tuple[int, int | None, float]]:
    """(pk, content type, similarity) of the rows whose `field` is word-similar to `folded`, the closest first."""
    fields = ["pk", "similarity"] + (["content_type_id"] if field == "title" else [])
    rows = (
        queryset.filter(TrigramWordSimilar(Folded(field), Value(folded)))
        .annotate(similarity=TrigramWordSimilarity(Value(folded), Folded(field)))
        .order_by("-similarity", "pk")
        .values(*fields)[:SIMILAR_TITLES]
    )
    return [(row["pk"], row.get("content_type_id"), row["similarity"]) for row in rows]


def similar_titles(folded: str, pages: QuerySet, services: QuerySet) -> list[tuple[type, int, float]]:
    """(model, pk, similarity) of the pages among `pages` and the services among `services` whose title or name is
    close to the folded query, the closest first; empty on databases without pg_trgm."""
    if not available() or len(folded.replace(" ", "")) < QUERY_MIN_LETTERS:
        return []
    found = [
        (ContentType.objects.get_for_id(content_type).model_class(), pk, similarity)
        for pk, content_type, similarity in _closest(pages, "title", folded)
    ]
    found += [(services.model, pk, similarity) for pk, _, similarity in _closest(services, "name", folded)]
    return sorted(found, key=lambda item: -item[2])
