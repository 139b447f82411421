"""Writes of the search app: the weekly log of what citizens searched for."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.text import fold_vietnamese
from search.models import SearchQueryLog
from search.text import QUERY_MAX_LENGTH

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


def record_search(*, query: str, found: bool, day: dt.date | None = None) -> None:
    """Count one citizen search of `query` (folded) in its week, and whether it found nothing.

    Atomic under concurrency: one row per week and folded query, counters raised with F() in the database.
    """
    folded = fold_vietnamese(query)[:QUERY_MAX_LENGTH].strip()
    if not folded:
        return
    week = week_of(day or timezone.localdate())
    increments = {"searches": F("searches") + 1}
    if not found:
        increments["zero_result_searches"] = F("zero_result_searches") + 1
    if not SearchQueryLog.objects.filter(week=week, query=folded).update(**increments):
        try:
            with transaction.atomic():
                SearchQueryLog.objects.create(
                    week=week, query=folded, searches=1, zero_result_searches=0 if found else 1
                )
        except IntegrityError:  # another request created the row first
            SearchQueryLog.objects.filter(week=week, query=folded).update(**increments)
