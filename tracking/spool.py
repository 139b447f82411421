"""The scan spool: an append-only local file per process and minute, drained into the database in batches.

A scan appends one JSON line with O_APPEND (no fsync): the kernel keeps the bytes
if the worker process is killed; a power cut can lose the last seconds. The drain
(`manage.py drain_scans`, and a periodic job) reads only closed files (past minutes)
unless told to take everything, inserts their events idempotently by event id, and
deletes each file once its events are in the database.
"""

import logging
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from core.spool import append_line, read_lines

logger = logging.getLogger(__name__)

SUFFIX = ".jsonl"
HOST = socket.gethostname().replace("-", "_")


def spool_dir() -> Path:
    return Path(settings.LOA_SCAN_SPOOL_DIR)


def _minute_stamp(now) -> str:
    return now.strftime("%Y%m%d%H%M")


def append_event(event: dict) -> None:
    """Append one event with one write() (no user-space buffer: a killed process loses nothing written).

    The line is written by core's spool writer (one file per process and minute, opened for each event).
    Raises OSError if the disk refuses; the caller decides.
    """
    append_line(settings.LOA_SCAN_SPOOL_DIR, event)


@dataclass(frozen=True)
class SpoolFile:
    path: Path
    minute: str


SETTLE_SECONDS = 3  # a file is drained once nothing has been appended to it for this long


def spool_files(*, include_current: bool) -> list[SpoolFile]:
    """Files to drain, oldest first; the current minute's files (and any written to a moment ago) wait."""
    folder = spool_dir()
    if not folder.exists():
        return []
    current = _minute_stamp(timezone.now())
    settled_before = time.time() - SETTLE_SECONDS
    files = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        minute = path.name.split("-", 1)[0]
        if include_current or (minute < current and path.stat().st_mtime < settled_before):
            files.append(SpoolFile(path=path, minute=minute))
    return files


# The events of one file (a line cut short by a crash, or not JSON, is logged and skipped): the core spool's reader.
read_events = read_lines


def backlog() -> tuple[int, str | None]:
    """Files waiting and the minute of the oldest, for health checks."""
    files = spool_files(include_current=True)
    return len(files), (files[0].minute if files else None)
