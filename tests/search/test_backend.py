"""The accent folding is done by the database where it can be (PostgreSQL) and by us where it cannot (SQLite)."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from tests.factories.campaigns import GuidePageFactory, step

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text-search configuration")
def test_the_migration_made_a_configuration_that_folds_vietnamese():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('loa_vietnamese', 'Đường dây nóng ĐẮK LẮK')::text")
        assert cursor.fetchone()[0] == "'dak':4 'day':2 'duong':1 'lak':5 'nong':3"
        cursor.execute("SELECT to_tsquery('loa_vietnamese', 'Đắk & Lắk')::text")
        assert cursor.fetchone()[0] == "'dak' & 'lak'"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite full-text index")
def test_the_sqlite_index_holds_folded_text(django_capture_on_commit_callbacks):
    from wagtail.search.models import IndexEntry

    with django_capture_on_commit_callbacks(execute=True):
        guide = GuidePageFactory(title="Đăng ký tạm trú ở Đắk Lắk", steps=[step("Mở ứng dụng VNeID")])
    entry = IndexEntry.objects.get(object_id=str(guide.pk), content_type__model="guidepage")
    assert entry.title == "dang ky tam tru o dak lak"
    assert "mo ung dung vneid" in entry.body
    assert "dang ky tam tru o dak lak" in entry.autocomplete


def test_the_site_uses_the_folding_backend():
    backend = get_search_backend()
    expected = "UnaccentPostgresSearchBackend" if connection.vendor == "postgresql" else "FoldingSQLiteSearchBackend"
    assert type(backend).__name__ == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ts_rank")
def test_a_query_with_synonyms_is_ranked_once_per_vector_and_still_ranks_the_closer_page_first(
    django_capture_on_commit_callbacks,
):
    from django.test.utils import CaptureQueriesContext
    from modelsearch.query import And, Or, Phrase, PlainText

    from campaigns.models import GuidePage

    with django_capture_on_commit_callbacks(execute=True):
        card = GuidePageFactory(title="Cấp đổi thẻ căn cước", steps=[step("Mang theo CCCD cũ")])
        GuidePageFactory(title="Đăng ký tạm trú", steps=[step("Cấp đổi CCCD nếu hết hạn")])
        GuidePageFactory(title="Khai sinh cho con", steps=[step("Mở ứng dụng")])
    # "cap doi cccd": cccd also searches the phrase "can cuoc" and "the can cuoc".
    query = And(
        [PlainText("cap"), PlainText("doi"), Or([PlainText("cccd"), Phrase("can cuoc"), Phrase("the can cuoc")])]
    )
    with CaptureQueriesContext(connection) as captured:
        found = list(get_search_backend().search(query, GuidePage.objects.live()).annotate_score("_score"))
    (sql,) = [entry["sql"] for entry in captured.captured_queries if "ts_rank" in entry["sql"]]
    # One rank for the title and one for the body, not one per word and synonym for each (eight here).
    assert sql.count("ts_rank") == 2
    assert [page.pk for page in found][:1] == [card.pk] and len(found) == 2
