"""The editors' log: what citizens searched for and did not find, counted per week, nothing personal kept."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, models

from core import spool
from search.models import SearchQueryLog
from search.services import drain_search_log, log_search, looks_like_bot, record_search, week_of
from tests.factories.campaigns import GuidePageFactory, step
from tests.factories.users import UserFactory

CITIZEN_BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
ZALO_BROWSER = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/118.0 Mobile Safari/537.36 Zalo android/12"

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return GuidePageFactory(title="Đăng ký tạm trú trực tuyến", steps=[step("Mở ứng dụng")])


def search(client, query, user_agent=CITIZEN_BROWSER, **params):
    return client.get("/tim-kiem/", {"q": query, **params}, HTTP_USER_AGENT=user_agent)


@pytest.fixture(autouse=True)
def empty_spool(settings, tmp_path):
    settings.LOA_SEARCH_SPOOL_DIR = str(tmp_path / "search-spool")


def drain():
    return drain_search_log(include_current=True)


def rows():
    return {(row.week, row.query): (row.searches, row.zero_result_searches) for row in SearchQueryLog.objects.all()}


def test_weeks_start_on_monday():
    assert week_of(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)  # a Monday
    assert week_of(dt.date(2026, 11, 29)) == dt.date(2026, 11, 23)  # the Sunday after
    assert week_of(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)


def test_searches_are_counted_per_week_and_folded_query():
    monday, sunday, next_week = dt.date(2026, 11, 23), dt.date(2026, 11, 29), dt.date(2026, 12, 2)
    record_search(query="Giấy phép xây dựng", found=False, day=monday)
    record_search(query="  GIAY PHEP  xay dung ", found=False, day=sunday)
    record_search(query="giay phep xay dung", found=True, day=sunday)
    record_search(query="giay phep xay dung", found=False, day=next_week)
    assert rows() == {
        (monday, "giay phep xay dung"): (3, 2),
        (dt.date(2026, 11, 30), "giay phep xay dung"): (1, 1),
    }


def test_a_long_query_is_cut_to_a_hundred_characters():
    record_search(query="tạm trú " * 40, found=False, day=dt.date(2026, 11, 23))
    (query,) = SearchQueryLog.objects.values_list("query", flat=True)
    assert len(query) <= 100 and query.startswith("tam tru tam tru")


def test_the_search_page_logs_a_search_that_found_nothing(client, guide):
    search(client, "Xin giấy phép xây dựng")
    search(client, "xin giay phep xay dung")
    search(client, "dang ky tam tru")
    drain()
    today = week_of(dt.date.today())
    assert rows() == {(today, "xin giay phep xay dung"): (2, 2), (today, "dang ky tam tru"): (1, 0)}


def test_citizens_in_zalo_are_counted_but_bots_and_scripts_are_not(client, guide):
    search(client, "phao hoa", user_agent=ZALO_BROWSER)
    for bot in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", ""]:
        search(client, "phao hoa", user_agent=bot)
    drain()
    assert list(rows().values()) == [(1, 1)]
    assert looks_like_bot("facebookexternalhit/1.1") and not looks_like_bot(ZALO_BROWSER)


def test_editors_trying_the_search_are_not_counted(client, guide):
    client.force_login(UserFactory(username="bientap.thu", is_staff=True))
    search(client, "phao hoa")
    drain()
    assert rows() == {}


def test_turning_to_page_two_is_not_a_new_search(client, guide):
    search(client, "phao hoa")
    search(client, "phao hoa", trang="2")
    drain()
    assert list(rows().values()) == [(1, 1)]


def test_nothing_personal_is_stored(client, guide):
    response = search(client, "phao hoa", REMOTE_ADDR="203.0.113.7")
    (spooled,) = Path(settings.LOA_SEARCH_SPOOL_DIR).glob("*.jsonl")
    (line,) = spooled.read_text().splitlines()
    assert json.loads(line) == {"w": week_of(dt.date.today()).isoformat(), "q": "phao hoa", "z": 1}
    drain()
    stored = {field.name for field in SearchQueryLog._meta.get_fields() if isinstance(field, models.Field)}
    assert stored == {"id", "week", "query", "searches", "zero_result_searches"}
    row = SearchQueryLog.objects.values().get()
    assert "203.0.113.7" not in str(row) and "Android" not in str(row)
    assert not response.cookies  # the search page sets no cookie


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_concurrent_searches_lose_no_count():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def searches(_):
        try:
            for _ in range(10):
                record_search(query="phao hoa", found=False, day=dt.date(2026, 11, 23))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(searches, range(8)))
    assert list(rows().values()) == [(80, 80)]


def test_searches_are_spooled_off_the_request_and_all_counted_by_the_drain(client, guide):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        for _ in range(25):
            search(client, "dang ky tam tru")
    assert not [query for query in queries.captured_queries if "search_searchquerylog" in query["sql"]]
    assert rows() == {}  # nothing written on the requests
    result = drain()
    # One file per minute: 25 slow requests on a busy machine may cross a minute's end and fill two.
    assert result.searches == 25 and result.files in {1, 2}
    assert rows() == {(week_of(dt.date.today()), "dang ky tam tru"): (25, 0)}
    assert drain().files == 0 and list(Path(settings.LOA_SEARCH_SPOOL_DIR).iterdir()) == []


def test_a_drain_stopped_before_deleting_its_file_does_not_count_it_twice():
    for _ in range(5):
        log_search(query="cap lai mat khau", found=False)
    (claimed,) = spool.claim_files(settings.LOA_SEARCH_SPOOL_DIR, include_current=True)
    kept = claimed.read_bytes()
    assert drain().searches == 5
    claimed.write_bytes(kept)  # as if the drain had committed and then stopped before the unlink
    again = drain()
    assert (again.files, again.searches, again.already_applied) == (1, 0, 1)
    assert list(rows().values()) == [(5, 5)] and not claimed.exists()


def test_only_settled_files_of_past_minutes_are_drained_by_the_periodic_job(settings):
    log_search(query="tam tru", found=True)
    assert drain_search_log().files == 0  # the current minute's file is still being written
    assert rows() == {}
    assert drain().searches == 1


def test_the_database_mode_counts_at_once(settings):
    settings.LOA_SEARCH_LOG_WRITE_MODE = "database"
    log_search(query="tam tru", found=True)
    assert list(rows().values()) == [(1, 0)] and not Path(settings.LOA_SEARCH_SPOOL_DIR).exists()


def test_a_refused_spool_counts_in_the_database_instead(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.LOA_SEARCH_SPOOL_DIR = str(blocker / "spool")  # a file where the folder should be
    log_search(query="tam tru", found=False)
    assert list(rows().values()) == [(1, 1)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_searches_and_concurrent_drains_count_each_search_once():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def searches(worker):
        for number in range(50):
            log_search(query="phao hoa", found=bool((worker + number) % 2))

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(searches, range(8)))
    assert rows() == {}

    def drains(_):
        try:
            return drain().searches
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":  # two drains at once need a server database
        with ThreadPoolExecutor(max_workers=2) as pool:
            drained = sum(pool.map(drains, range(2)))
    else:
        drained = drain().searches + drain().searches
    assert drained == 400
    assert list(rows().values()) == [(400, 200)]


class StopLoop(Exception):
    pass


def test_the_drain_loop_counts_searches_each_round_and_goes_on_when_the_database_is_away(
    client, guide, monkeypatch, caplog
):
    from django.core.management import call_command
    from django.db import DatabaseError

    rounds = []
    real_drain = drain_search_log

    def between_rounds(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:
            search(client, "dang ky tam tru")  # a search arrives between two rounds
            return
        if len(rounds) == 2:
            return
        raise StopLoop

    def drain_once_away(**kwargs):
        if len(rounds) == 1:  # the second round: the database does not answer, nothing is lost
            raise DatabaseError("away")
        return real_drain(**kwargs)

    search(client, "dang ky tam tru")
    monkeypatch.setattr("core.spool.time.sleep", between_rounds)
    monkeypatch.setattr("search.management.commands.drain_search_log.drain_search_log", drain_once_away)
    with pytest.raises(StopLoop):
        call_command("drain_search_log", "--all", "--every", "5")
    assert rounds == [5, 5, 5]
    assert rows() == {(week_of(dt.date.today()), "dang ky tam tru"): (2, 0)}
    assert "Search spool not drained: the database did not answer" in caplog.text
