"""The service-point desk: recording an assisted registration once, undoing the last one, today's tally.

Reads and writes live together here (as in target_changes.py) because they share the rules: an entry
belongs to the staff member who recorded it; an entry sent twice with the same phone-made id is stored
once; only one's own latest entry can be undone, and only within UNDO_WINDOW of recording it.
"""

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import AdministrativeUnit
from tracking.models import Channel, Conversion, ConversionSource, Placement

UNDO_WINDOW = dt.timedelta(minutes=10)

# The answers to "Người dân biết qua đâu?" besides a channel's slug.
SCANNED_A_CODE = "scanned"
NOT_ASKED = "not_asked"


class EntryRefused(Exception):
    """A desk action the rules refuse; the message is for the staff member (Vietnamese)."""


@dataclass(frozen=True)
class RecordedEntry:
    conversion: Conversion
    created: bool


def _stored_entry(*, user, entry_id: UUID) -> Conversion | None:
    existing = Conversion.objects.filter(client_entry_id=entry_id).first()
    if existing is not None and existing.recorded_by_id != user.pk:
        raise EntryRefused(_("Mã mục này đã được dùng. Hãy tải lại trang rồi nhập lại."))
    return existing


def record_assisted_registration(
    *,
    user,
    unit: AdministrativeUnit,
    action: str,
    heard_from: str,
    placement: Placement | None = None,
    entry_id: UUID | None = None,
) -> RecordedEntry:
    """Store one assisted registration, or find the one already stored under the same phone-made id.

    `heard_from` is a channel's slug, SCANNED_A_CODE or NOT_ASKED. A code the citizen shows credits its
    placement and means they came through a code, whatever was answered; "not asked" is stored as such
    only when no code was shown.
    """
    if entry_id is not None:
        existing = _stored_entry(user=user, entry_id=entry_id)
        if existing is not None:
            return RecordedEntry(existing, created=False)
    came_through_code = heard_from == SCANNED_A_CODE or placement is not None
    fields = {
        "action": action,
        "source": ConversionSource.ASSISTED,
        "unit": unit,
        "placement": placement,
        "heard_from": Channel.objects.filter(slug=heard_from).first(),
        "heard_from_code": came_through_code,
        "heard_from_not_asked": heard_from == NOT_ASKED and not came_through_code,
        "recorded_by": user,
        "client_entry_id": entry_id,
    }
    try:
        with transaction.atomic():
            return RecordedEntry(Conversion.objects.create(**fields), created=True)
    except IntegrityError:
        # The same entry arrived twice at once (a queue flushed from two tabs): the other request stored it.
        existing = _stored_entry(user=user, entry_id=entry_id) if entry_id is not None else None
        if existing is None:
            raise
        return RecordedEntry(existing, created=False)


def _own_entries(user) -> QuerySet[Conversion]:
    return Conversion.objects.filter(source=ConversionSource.ASSISTED, recorded_by=user)


def undoable_entry(*, user, now: dt.datetime | None = None) -> Conversion | None:
    """The staff member's latest assisted entry, if it can still be undone."""
    now = now or timezone.now()
    latest = _own_entries(user).select_related("heard_from").order_by("-occurred_at", "-pk").first()
    if latest is None or now - latest.occurred_at > UNDO_WINDOW:
        return None
    return latest


@transaction.atomic
def undo_assisted_registration(*, user, entry_pk: int, now: dt.datetime | None = None) -> None:
    """Delete the staff member's own latest entry, within UNDO_WINDOW of recording it; refuse anything else.

    The row is locked first, so two undos of the same entry sent at once delete it once and refuse the other.
    """
    now = now or timezone.now()
    entry = Conversion.objects.select_for_update().filter(pk=entry_pk, source=ConversionSource.ASSISTED).first()
    if entry is None:
        raise EntryRefused(_("Không hoàn tác được: mục này đã được hoàn tác, hoặc không còn."))
    if entry.recorded_by_id != user.pk:
        raise EntryRefused(_("Không hoàn tác được: bạn chỉ hoàn tác được mục do chính mình ghi."))
    latest = _own_entries(user).order_by("-occurred_at", "-pk").values_list("pk", flat=True).first()
    if latest != entry.pk:
        raise EntryRefused(_("Không hoàn tác được: chỉ hoàn tác được mục bạn ghi gần nhất."))
    if now - entry.occurred_at > UNDO_WINDOW:
        raise EntryRefused(
            _("Không hoàn tác được: đã quá %(minutes)d phút kể từ khi ghi. Mục này vẫn được giữ.")
            % {"minutes": UNDO_WINDOW.seconds // 60}
        )
    entry.delete()


@dataclass(frozen=True)
class TallyRow:
    label: str
    mine: int
    point: int


@dataclass(frozen=True)
class DeskTally:
    day: dt.date
    rows: list[TallyRow] = field(default_factory=list)

    @property
    def mine(self) -> int:
        return sum(row.mine for row in self.rows)

    @property
    def point(self) -> int:
        return sum(row.point for row in self.rows)


def _answer_label(*, channel_name: str | None, code: bool, not_asked: bool) -> str:
    if channel_name:
        return channel_name
    if code:
        return _("Quét mã QR")
    if not_asked:
        return _("Chưa hỏi / không nhớ")
    return _("Không rõ")


def desk_tally(*, user, units: QuerySet[AdministrativeUnit], now: dt.datetime | None = None) -> DeskTally:
    """Today's assisted entries (local day, Asia/Ho_Chi_Minh) at these units, by how the citizen heard of it:
    the staff member's own and everybody's at the point (the units the form records for)."""
    site_zone = timezone.get_default_timezone()  # the day of the rollups and the dashboard, whoever asks
    day = timezone.localdate(now or timezone.now(), site_zone)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=site_zone)
    end = start + dt.timedelta(days=1)
    today = Conversion.objects.filter(
        source=ConversionSource.ASSISTED, unit__in=units, occurred_at__gte=start, occurred_at__lt=end
    )
    counts: dict[str, list[int]] = {}
    for row in today.values("heard_from__name", "heard_from_code", "heard_from_not_asked").annotate(
        point=Count("id"), mine=Count("id", filter=Q(recorded_by=user))
    ):
        label = _answer_label(
            channel_name=row["heard_from__name"], code=row["heard_from_code"], not_asked=row["heard_from_not_asked"]
        )
        mine, point = counts.setdefault(label, [0, 0])
        counts[label] = [mine + row["mine"], point + row["point"]]
    rows = [TallyRow(label, mine, point) for label, (mine, point) in counts.items()]
    rows.sort(key=lambda row: (-row.mine, -row.point, row.label))
    return DeskTally(day=day, rows=rows)
