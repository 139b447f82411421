"""Small-cell suppression: protect small villages in what is shared.

In the monthly report and in exports meant for sharing, a ward-level count of fewer than five events is
written "< 5" (and a rate computed from it is hidden), so that nobody can point at the one household that
scanned. The staff dashboard shows exact numbers to the people entitled to see the ward.
"""

SMALL_CELL_THRESHOLD = 5
SUPPRESSED = "< 5"
HIDDEN_RATE = "—"


def is_small(count: int | None) -> bool:
    """The one rule: a count of events below five (zero included) is a small cell."""
    return count is not None and count < SMALL_CELL_THRESHOLD


def shown_count(count: int | None, *, suppress: bool) -> int | str | None:
    """A count as it may be shown: exact, or "< 5" when suppressing and the count is small."""
    if suppress and is_small(count):
        return SUPPRESSED
    return count
