"""Writes of the tracking app: codes, placements, draining spooled scans, over-limit taps."""

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from places.models import AdministrativeUnit, UnitLevel
from places.selectors import wards_under
from tracking import spool
from tracking.codes import new_numeric_code, new_short_code
from tracking.models import Channel, CodeKind, IssuedCode, OverLimitTaps, Placement, ScanEvent

REPEAT_WINDOW = dt.timedelta(minutes=30)
MAX_CODE_ATTEMPTS = 50


def issue_code(kind: CodeKind) -> str:
    """A code never issued before (recorded for ever, so that a printed code is never reused)."""
    generate = new_short_code if kind == CodeKind.SHORT else new_numeric_code
    for _attempt in range(MAX_CODE_ATTEMPTS):
        code = generate()
        try:
            with transaction.atomic():
                IssuedCode.objects.create(code=code, kind=kind)
        except IntegrityError:
            continue
        return code
    raise RuntimeError(f"No free {kind} code after {MAX_CODE_ATTEMPTS} attempts: the code space is too full.")


@transaction.atomic
def create_placement(*, campaign, unit: AdministrativeUnit, channel: Channel, spot: str = "", **fields) -> Placement:
    """The placement of a campaign on a channel in a unit (and spot), created with its codes if missing.

    Unless a target is given, leads where the campaign sends new codes: its main guide (see
    CampaignPage.landing_page), where the citizen can act. Idempotent.
    """
    spot = " ".join(spot.split())
    existing = Placement.objects.filter(campaign=campaign, unit=unit, channel=channel, spot=spot).first()
    if existing is not None:
        return existing
    if not fields.get("target_page") and not fields.get("target_url"):
        fields["target_page"] = campaign.specific.landing_page()
    placement = Placement(
        campaign=campaign,
        unit=unit,
        channel=channel,
        spot=spot,
        short_code=issue_code(CodeKind.SHORT),
        numeric_code=issue_code(CodeKind.NUMERIC) if channel.is_sound else None,
        **fields,
    )
    placement.full_clean(exclude=["short_code", "numeric_code"])
    placement.save()
    return placement


def units_for_channel(*, units: list[AdministrativeUnit], channel: Channel) -> list[AdministrativeUnit]:
    """Every ward under the chosen units; for a province-wide channel, their provinces."""
    if channel.province_wide:
        provinces = {}
        for unit in units:
            province_code = unit.path.split("/")[0]
            provinces[province_code] = AdministrativeUnit.objects.get(code=province_code, level=UnitLevel.PROVINCE)
        return list(provinces.values())
    wards = {}
    for unit in units:
        for ward in wards_under(unit=unit):
            wards[ward.pk] = ward
    return list(wards.values())


@dataclass
class BulkResult:
    created: list[Placement] = field(default_factory=list)
    existing: list[Placement] = field(default_factory=list)


def plan_placements(*, campaign, units: list[AdministrativeUnit], channels: list[Channel], spot: str = "") -> dict:
    """How many placements a bulk creation would make and how many exist already (the admin's preview)."""
    pairs = [(unit, channel) for channel in channels for unit in units_for_channel(units=units, channel=channel)]
    existing = {
        (unit_id, channel_id)
        for unit_id, channel_id in Placement.objects.filter(
            campaign=campaign, channel__in=channels, spot=" ".join(spot.split())
        ).values_list("unit_id", "channel_id")
    }
    to_create = [(unit, channel) for unit, channel in pairs if (unit.pk, channel.pk) not in existing]
    return {"total": len(pairs), "to_create": len(to_create), "existing": len(pairs) - len(to_create)}


@transaction.atomic
def create_placements(
    *, campaign, units: list[AdministrativeUnit], channels: list[Channel], spot: str = "", target_page=None
) -> BulkResult:
    """Placements for every ward under the units × every channel. Idempotent: existing ones are kept.

    New ones lead to `target_page` if given (a guide for these channels), else to the campaign's main guide.
    """
    result = BulkResult()
    target = {"target_page": target_page} if target_page is not None else {}
    for channel in channels:
        for unit in units_for_channel(units=units, channel=channel):
            before = Placement.objects.filter(campaign=campaign, unit=unit, channel=channel, spot=spot).exists()
            placement = create_placement(campaign=campaign, unit=unit, channel=channel, spot=spot, **target)
            (result.existing if before else result.created).append(placement)
    return result


@dataclass
class DrainResult:
    files: int = 0
    read: int = 0
    inserted: int = 0
    skipped: int = 0


def _scan_event(event: dict) -> ScanEvent:
    return ScanEvent(
        event_id=UUID(event["event_id"]),
        occurred_at=parse_datetime(event["occurred_at"]),
        placement_id=event["placement_id"],
        device_class=event["device_class"],
        language=event.get("language", "")[:12],
        visitor_hash=event.get("visitor_hash", "")[:32],
        is_bot=bool(event.get("is_bot")),
        is_head=bool(event.get("is_head")),
        landed_on_fallback=bool(event.get("landed_on_fallback")),
    )


def placements_by_code(codes: set[str]) -> dict[str, int]:
    """Short or numeric code → placement id, for events spooled while the database was away."""
    found = {}
    for pk, short_code, numeric_code in Placement.objects.filter(
        Q(short_code__in=codes) | Q(numeric_code__in=codes)
    ).values_list("pk", "short_code", "numeric_code"):
        found[short_code] = pk
        if numeric_code:
            found[numeric_code] = pk
    return found


def with_placement(event: dict, by_code: dict[str, int]) -> dict:
    if event.get("placement_id") is None and event.get("code"):
        return {**event, "placement_id": by_code.get(event["code"])}
    return event


REPEAT_UPDATE_CHUNK = 1000  # ids per UPDATE (SQLite allows 32,766 parameters)


def flag_repeats(event_ids: list[UUID]) -> int:
    """A repeat is the same visitor hash on the same placement within 30 minutes of an earlier scan.

    Read as plain rows and marked with one UPDATE per chunk: after a TV spot a drain flags thousands of scans,
    and model instances with a bulk_update (one CASE branch per row) took 2.4 s for 16,000 scans and 5,000
    repeats."""
    fresh = ScanEvent.objects.filter(event_id__in=event_ids).exclude(visitor_hash="")
    keys, start, end = set(), None, None
    for placement_id, visitor_hash, occurred_at in fresh.values_list("placement_id", "visitor_hash", "occurred_at"):
        keys.add((placement_id, visitor_hash))
        start = occurred_at if start is None or occurred_at < start else start
        end = occurred_at if end is None or occurred_at > end else end
    if not keys:
        return 0
    timeline = defaultdict(list)
    for pk, placement_id, visitor_hash, occurred_at, is_repeat in (
        ScanEvent.objects.filter(
            occurred_at__range=(start - REPEAT_WINDOW, end), placement_id__in={key[0] for key in keys}, is_bot=False
        )
        .exclude(visitor_hash="")
        .values_list("pk", "placement_id", "visitor_hash", "occurred_at", "is_repeat")
    ):
        if (placement_id, visitor_hash) in keys:
            timeline[(placement_id, visitor_hash)].append((occurred_at, pk, is_repeat))
    repeats = []
    for events in timeline.values():
        events.sort()
        for (earlier_at, _pk, _repeat), (later_at, later_pk, later_repeat) in itertools.pairwise(events):
            if later_at - earlier_at <= REPEAT_WINDOW and not later_repeat:
                repeats.append(later_pk)
    for first in range(0, len(repeats), REPEAT_UPDATE_CHUNK):
        ScanEvent.objects.filter(pk__in=repeats[first : first + REPEAT_UPDATE_CHUNK]).update(is_repeat=True)
    return len(repeats)


def drain_scans(*, include_current: bool = False, batch_size: int = 1000) -> DrainResult:
    """Move spooled scan events into the database, exactly once (the event id is unique). Deletes drained files."""
    result = DrainResult()
    placement_ids = None
    for spool_file in spool.spool_files(include_current=include_current):
        events = list(spool.read_events(spool_file.path))
        if placement_ids is None:
            placement_ids = set(Placement.objects.values_list("pk", flat=True))
        unresolved = {event["code"] for event in events if event.get("placement_id") is None and event.get("code")}
        by_code = placements_by_code(unresolved) if unresolved else {}
        rows, skipped = [], 0
        for event in events:
            try:
                row = _scan_event(with_placement(event, by_code))
            except (KeyError, TypeError, ValueError):
                skipped += 1
                continue
            if row.placement_id not in placement_ids or row.occurred_at is None:
                skipped += 1
                continue
            rows.append(row)
        with transaction.atomic():
            ids = [row.event_id for row in rows]
            before = ScanEvent.objects.filter(event_id__in=ids).count() if ids else 0
            ScanEvent.objects.bulk_create(rows, batch_size=batch_size, ignore_conflicts=True)
            inserted = (ScanEvent.objects.filter(event_id__in=ids).count() - before) if ids else 0
            flag_repeats(ids)
        spool_file.path.unlink(missing_ok=True)
        result.files += 1
        result.read += len(events)
        result.inserted += inserted
        result.skipped += skipped
    return result


def count_over_limit_tap(*, placement: Placement | None) -> None:
    """One more tap past the per-address limit for the placement today (a count only: nothing else is kept)."""
    day = timezone.localdate()
    rows = OverLimitTaps.objects.filter(placement=placement, day=day)
    if rows.update(taps=F("taps") + 1):
        return
    try:
        with transaction.atomic():
            OverLimitTaps.objects.create(placement=placement, day=day, taps=1)
    except IntegrityError:  # another process made the day's row first
        rows.update(taps=F("taps") + 1)
