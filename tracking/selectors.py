"""Reads for the scan path: where a code leads, cached."""

import datetime as dt
import time
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation.trans_real import parse_accept_lang_header

from tracking.models import OverLimitTaps, Placement, PlacementStatus

CODE_CACHE_KEY = "tracking:code:{code}"
# A few seconds of per-process memory in front of the shared cache: a hot code (a QR on TV)
# is then answered without a network round trip. A changed target reaches every process
# within LOCAL_SECONDS; the process that made the change forgets at once.
LOCAL_SECONDS = 5.0
LOCAL_MAX_ENTRIES = 10_000
_local: dict[str, tuple[float, "ScanTarget | None"]] = {}
CODE_CACHE_TIMEOUT = 24 * 60 * 60
UNKNOWN_CODE_TIMEOUT = 60  # a flood of made-up codes must not reach the database every time
UNKNOWN = "unknown"


@dataclass(frozen=True)
class ScanTarget:
    placement_id: int
    unit_code: str
    location: str
    fallback_location: str
    retired: bool
    active_until: str | None
    # The ward's default content language, and the live translations of the target page
    # (language code → URL), so that choosing a language costs no query.
    unit_language: str = ""
    translations: dict[str, str] = field(default_factory=dict)

    def location_today(self, *, accept_language: str = "") -> tuple[str, bool]:
        """Where to send the citizen today, and whether that is the campaign's fallback.

        The target in the ward's language if it is translated into it, else in the first
        language of the phone that has a translation, else in Vietnamese.
        """
        expired = self.active_until is not None and timezone.localdate().isoformat() > self.active_until
        if self.retired or expired or not self.location:
            return self.fallback_location, True
        language = choose_language(
            ward_language=self.unit_language, translated=self.translations.keys(), accept_language=accept_language
        )
        return self.translations.get(language, self.location), False


def choose_language(*, ward_language: str, translated, accept_language: str) -> str:
    """The ward's language if translated; else the phone's first translated language; else the source.

    A Vietnamese-default ward always gets Vietnamese: the source is "translated" into itself.
    """
    if ward_language == settings.LANGUAGE_CODE or ward_language in translated:
        return ward_language
    for language, _quality in parse_accept_lang_header(accept_language[:200]):
        primary = language.split("-")[0]
        if primary == settings.LANGUAGE_CODE:
            return primary  # the phone prefers Vietnamese to any translation listed after it
        if primary in translated:
            return primary
    return settings.LANGUAGE_CODE


def _page_location(page) -> str:
    if page is None or not page.live:
        return ""
    return page.get_url(request=None) or ""


def _translation_locations(page) -> dict[str, str]:
    """Language code → URL of each live translation of a live page (the source page itself excluded)."""
    if page is None or not page.live:
        return {}
    # An alias is wagtail-localize's placeholder for a page not translated yet: not a translation.
    translations = page.get_translations(inclusive=False).live().filter(alias_of__isnull=True).select_related("locale")
    return {translation.locale.language_code: translation.get_url(request=None) or "" for translation in translations}


def _build_target(placement: Placement) -> ScanTarget:
    campaign = placement.campaign
    fallback = _page_location(campaign.get_fallback_page()) or "/"
    location = _page_location(placement.target_page) if placement.target_page_id else placement.target_url
    translations = _translation_locations(placement.target_page) if placement.target_page_id else {}
    return ScanTarget(
        placement_id=placement.pk,
        unit_code=placement.unit.code,
        location=location,
        fallback_location=fallback,
        retired=placement.status == PlacementStatus.RETIRED,
        active_until=placement.active_until.isoformat() if placement.active_until else None,
        unit_language=placement.unit.default_language,
        translations={language: url for language, url in translations.items() if url},
    )


def scan_target(code: str) -> ScanTarget | None:
    """Where a (normalised) code leads; None for an unknown code. Warm cache: no query."""
    now = time.monotonic()
    remembered = _local.get(code)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    target = _shared_scan_target(code)
    if len(_local) >= LOCAL_MAX_ENTRIES:
        _local.clear()
    _local[code] = (now + LOCAL_SECONDS, target)
    return target


def _shared_scan_target(code: str) -> ScanTarget | None:
    key = CODE_CACHE_KEY.format(code=code)
    cached = cache.get(key)
    if cached == UNKNOWN:
        return None
    if cached is not None:
        return ScanTarget(**cached)
    placement = (
        Placement.objects.filter(Q(short_code=code) | Q(numeric_code=code))
        .select_related("unit", "campaign", "campaign__fallback_page", "target_page")
        .first()
    )
    if placement is None:
        cache.set(key, UNKNOWN, UNKNOWN_CODE_TIMEOUT)
        return None
    target = _build_target(placement)
    cache.set(key, asdict(target), CODE_CACHE_TIMEOUT)
    return target


def forget_codes(*codes: str | None) -> None:
    for code in codes:
        _local.pop(code, None)
    cache.delete_many([CODE_CACHE_KEY.format(code=code) for code in codes if code])


def forget_local_codes() -> None:
    """Drop this process's memory of codes (tests, and after a cache flush)."""
    _local.clear()


def placement_for_code(code: str | None) -> Placement | None:
    """The placement of a normalised short or numeric code (with its unit), or None."""
    if not code:
        return None
    return Placement.objects.filter(Q(short_code=code) | Q(numeric_code=code)).select_related("unit").first()


def printed_placements_leading_to(page) -> QuerySet[Placement]:
    """Printed placements whose target is this page or a page under it."""
    return Placement.objects.filter(
        Q(target_page__path__startswith=page.path),
        Q(printed_at__isnull=False) | Q(installed_on__isnull=False),
    )


def placements_of_campaigns_under(page) -> QuerySet[Placement]:
    return Placement.objects.filter(campaign__path__startswith=page.path)


RECENT_OVER_LIMIT_DAYS = 30


def recent_over_limit_taps(*, placement: Placement) -> tuple[int, list[tuple]]:
    """All the placement's taps past the per-address limit, and those of the last 30 days by day (newest first)."""
    rows = OverLimitTaps.objects.filter(placement=placement)
    total = sum(rows.values_list("taps", flat=True))
    since = timezone.localdate() - dt.timedelta(days=RECENT_OVER_LIMIT_DAYS)
    days = list(rows.filter(day__gte=since, taps__gt=0).order_by("-day").values_list("day", "taps"))
    return total, days
