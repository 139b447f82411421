"""Writes of the search app: the weekly log of what citizens searched for.

A citizen's search is counted off the request path by default (LOA_SEARCH_LOG_WRITE_MODE=spool): the view appends
one line (week, folded query, found or not) to this node's search spool, and `drain_search_log` (a periodic job, and
`manage.py drain_search_log`) adds the lines to the weekly rows in batches, each spooled file exactly once.
"""

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core import spool
from core.text import fold_vietnamese
from search.models import SearchLogBatch, SearchQueryLog
from search.text import QUERY_MAX_LENGTH

logger = logging.getLogger(__name__)

# Applied-batch records older than this are deleted by the drain: a claimed file is drained within seconds.
BATCH_RECORD_DAYS = 7

# Crawlers, link previews and scripts; not Zalo or Facebook's in-app browsers, which citizens use.
_BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless|lighthouse|curl|wget|python|java/|go-http|"
    r"okhttp|httpclient|scrapy|monitor|uptime",
    re.IGNORECASE,
)


def looks_like_bot(user_agent: str) -> bool:
    """True when the user agent is missing or names a crawler or a script: such searches are not logged."""
    return not (user_agent or "").strip() or bool(_BOT_USER_AGENT.search(user_agent))


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def _folded(query: str) -> str:
    return fold_vietnamese(query)[:QUERY_MAX_LENGTH].strip()


def record_search(*, query: str, found: bool, day: dt.date | None = None) -> None:
    """Count one citizen search of `query` (folded) in its week, and whether it found nothing, in the database now.

    Atomic under concurrency: one row per week and folded query, counters raised with F() in the database.
    """
    folded = _folded(query)
    if folded:
        _add_to_log(week=week_of(day or timezone.localdate()), query=folded, searches=1, zero=0 if found else 1)


def _add_to_log(*, week: dt.date, query: str, searches: int, zero: int) -> None:
    increments = {"searches": F("searches") + searches}
    if zero:
        increments["zero_result_searches"] = F("zero_result_searches") + zero
    if not SearchQueryLog.objects.filter(week=week, query=query).update(**increments):
        try:
            with transaction.atomic():
                SearchQueryLog.objects.create(week=week, query=query, searches=searches, zero_result_searches=zero)
        except IntegrityError:  # another request created the row first
            SearchQueryLog.objects.filter(week=week, query=query).update(**increments)


def log_search(*, query: str, found: bool) -> None:
    """Count a citizen's search: spooled on this node (default, no database work on the request) or written now.

    The spooled line holds the week, the folded query and whether it found nothing: nothing about who searched.
    If the disk refuses, the search is written to the database instead.
    """
    if settings.LOA_SEARCH_LOG_WRITE_MODE == "database":
        record_search(query=query, found=found)
        return
    folded = _folded(query)
    if not folded:
        return
    record = {"w": week_of(timezone.localdate()).isoformat(), "q": folded, "z": 0 if found else 1}
    try:
        spool.append_line(settings.LOA_SEARCH_SPOOL_DIR, record)
    except OSError:
        logger.warning("Search could not be spooled (disk); counted in the database instead.")
        record_search(query=query, found=found)


@dataclass
class SearchDrainResult:
    files: int = 0
    searches: int = 0
    skipped: int = 0
    already_applied: int = 0


def drain_search_log(*, include_current: bool = False) -> SearchDrainResult:
    """Add this node's spooled searches to the weekly log, each spooled file exactly once, and delete the files.

    Closed files only (past minutes) unless `include_current`. A file's counts and the record that it was applied
    are committed together: a drain stopped before deleting the file skips it the next time.
    """
    result = SearchDrainResult()
    for path in spool.claim_files(settings.LOA_SEARCH_SPOOL_DIR, include_current=include_current):
        counts: Counter[tuple[dt.date, str]] = Counter()
        zeros: Counter[tuple[dt.date, str]] = Counter()
        try:
            lines = list(spool.read_lines(path))
        except FileNotFoundError:  # another drain of this node applied and deleted it meanwhile
            continue
        for line in lines:
            try:
                key = (dt.date.fromisoformat(line["w"]), str(line["q"])[:QUERY_MAX_LENGTH])
                zero = 1 if line.get("z") else 0
            except (KeyError, TypeError, ValueError):
                result.skipped += 1
                continue
            counts[key] += 1
            zeros[key] += zero
        try:
            with transaction.atomic():
                # First, so that a second drain of the same file waits here and then skips it.
                SearchLogBatch.objects.create(name=path.name)
                for (week, query), searches in sorted(counts.items()):
                    _add_to_log(week=week, query=query, searches=searches, zero=zeros[(week, query)])
        except IntegrityError:
            result.already_applied += 1
        else:
            result.searches += sum(counts.values())
        path.unlink(missing_ok=True)
        result.files += 1
    if result.files:
        SearchLogBatch.objects.filter(drained_at__lt=timezone.now() - dt.timedelta(days=BATCH_RECORD_DAYS)).delete()
    return result
