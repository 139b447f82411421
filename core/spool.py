"""A per-node write-ahead spool: JSON lines appended to a local file per process and minute, drained in batches.

The request appends one line with one O_APPEND write() (no fsync, no user-space buffer): a killed worker
loses nothing it wrote (the kernel holds the bytes), a power cut can lose the last seconds. A drain
claims settled files (past minutes, untouched for SETTLE_SECONDS) by renaming them to a unique
`.claimed` name, applies them, and deletes them. The claimed name is the batch's identity: a drain that
records it in the same transaction as the batch's effect can skip a batch it already applied (a crash
between the commit and the delete), so each line counts exactly once.

The scan spool (tracking/spool.py) predates this helper and keeps its own event-id idempotency.
"""

import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone

logger = logging.getLogger(__name__)

SUFFIX = ".jsonl"
CLAIMED_SUFFIX = ".claimed"
HOST = socket.gethostname().replace("-", "_")
SETTLE_SECONDS = 3  # a file is claimed once nothing has been appended to it for this long


def _minute_stamp() -> str:
    return timezone.now().strftime("%Y%m%d%H%M")


def append_line(folder: str | Path, record: dict) -> None:
    """Append `record` as one JSON line to this process's file of the current minute in `folder`.

    The file is opened for each line: a file claimed meanwhile is simply made again under the same
    name, never written to after its claim. Raises OSError if the disk refuses; the caller decides.
    """
    folder = str(folder)
    path = os.path.join(folder, f"{_minute_stamp()}-{HOST}-{os.getpid()}{SUFFIX}")
    line = (json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


def claim_files(folder: str | Path, *, include_current: bool) -> list[Path]:
    """Claim the files ready to drain and return every claimed file waiting, oldest first.

    Also returns files claimed by an earlier drain that stopped before deleting them: the caller's batch
    record says whether they were applied. `include_current` takes the current minute's files too (when
    the web server is stopped, or in tests).
    """
    folder = Path(folder)
    if not folder.exists():
        return []
    current = _minute_stamp()
    settled_before = time.time() - SETTLE_SECONDS
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        minute = path.name.split("-", 1)[0]
        if include_current or (minute < current and path.stat().st_mtime < settled_before):
            try:
                path.rename(path.with_name(f"{path.stem}.{uuid.uuid4().hex}{CLAIMED_SUFFIX}"))
            except FileNotFoundError:  # another drain claimed it first
                continue
    return sorted(folder.glob(f"*{CLAIMED_SUFFIX}"))


def read_lines(path: Path) -> Iterator[dict]:
    """The records of one file; a line cut short by a crash, or not JSON, is logged and skipped."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):
                logger.warning("Spool %s: line %s is incomplete and was skipped.", path.name, number)
                continue
            try:
                yield json.loads(raw)
            except ValueError:
                logger.warning("Spool %s: line %s is not JSON and was skipped.", path.name, number)


def drain_forever(drain, *, every: float, report, what: str) -> None:
    """Run `drain()` every `every` seconds, for ever (one process per app server: the spool is on this node's disk).

    A database that does not answer leaves the lines in the spool, and the next round replays them; it is logged
    as a warning naming `what`. `report(result)` is called when a round read files."""
    from django.db import DatabaseError, close_old_connections, connection

    while True:
        if not connection.in_atomic_block:  # (inside a test's transaction the connection must stay)
            close_old_connections()
        try:
            result = drain()
        except DatabaseError:
            logger.warning("%s spool not drained: the database did not answer; retrying in %s s.", what, every)
        else:
            if result.files:
                report(result)
        time.sleep(every)
