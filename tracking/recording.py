"""Recording a scan: build the event (no personal data) and write it durably, cheaply."""

import logging
import uuid

from django.conf import settings
from django.utils import timezone

from core.http import client_ip
from tracking import spool
from tracking.bots import classify
from tracking.models import ScanEvent
from tracking.privacy import daily_salt, preferred_language, visitor_hash

logger = logging.getLogger(__name__)


def build_event(request, *, placement_id: int | None, landed_on_fallback: bool, code: str = "") -> dict:
    """The event of one scan. Without a placement (the database was away) it carries the code instead."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:1000]
    bot, device = classify(user_agent)
    try:
        hashed = "" if bot else visitor_hash(ip=client_ip(request), user_agent=user_agent, salt=daily_salt())
    except Exception:  # the salt needs the database once a day; without it the count goes on, unhashed
        logger.warning("No visitor salt available; scan recorded without a visitor hash.")
        hashed = ""
    event = {
        "event_id": str(uuid.uuid4()),
        "occurred_at": timezone.now().isoformat(),
        "placement_id": placement_id,
        "device_class": device,
        "language": preferred_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")),
        "visitor_hash": hashed,
        "is_bot": bot,
        "is_head": request.method == "HEAD",
        "landed_on_fallback": landed_on_fallback,
    }
    if placement_id is None:
        event["code"] = code
    return event


def record_event(event: dict) -> None:
    """Spool (default) or insert. A failure never stops the redirect; the spool is tried as a last resort."""
    if settings.LOA_SCAN_WRITE_MODE == "database":
        try:
            ScanEvent.objects.create(**event)
            return
        except Exception:
            logger.warning("Scan insert failed; spooling the event instead.")
    try:
        spool.append_event(event)
    except OSError:
        logger.error("Scan could not be spooled (disk); event %s lost.", event["event_id"])
