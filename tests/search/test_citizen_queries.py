"""Done-when of issue 7: real queries typed without diacritics, with slips of case and spacing, find the expected
guide or service in the top 3, on SQLite and on PostgreSQL (CI runs this file on both)."""

import pytest

from search.selectors import load_results, search_site
from tests.search.content import build_search_site
from tests.search.quality import identity
from tests.search.queries import FIRST_ROUND

CITIZEN_QUERIES = FIRST_ROUND


@pytest.fixture
def search_site_content(db, django_capture_on_commit_callbacks):
    # Pages and services are indexed by Wagtail's post-save task, which runs when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return build_search_site()


def test_at_least_forty_queries_without_diacritics():
    unaccented = [query for query in CITIZEN_QUERIES if query.isascii()]
    assert len(unaccented) >= 40


def test_each_citizen_query_finds_the_expected_page_in_the_top_three(search_site_content):
    misses = []
    for query, expected in CITIZEN_QUERIES.items():
        top = [identity(result) for result in load_results(search_site(query=query).results[:3])]
        if not expected & set(top):
            misses.append(f"{query!r}: top 3 {top}, expected one of {sorted(expected)}")
    assert not misses, "\n".join(misses)
