"""A scan whose code is not cached while the database is away still redirects, and still counts, exactly once."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import RequestFactory

from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.tracking import loudspeaker_channel, placement
from tracking import spool
from tracking.models import ScanEvent
from tracking.recording import build_event
from tracking.services import drain_scans

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def make_poster():
    ward = AdministrativeUnit.objects.get(code="24133")
    guide = GuidePageFactory(parent=CampaignPageFactory())
    return placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)


@pytest.mark.django_db
def test_events_spooled_with_a_code_are_stored_against_its_placement_and_unknown_codes_are_skipped(official_units):
    poster = make_poster()
    loudspeaker = placement(unit=poster.unit, campaign=poster.campaign, channel=loudspeaker_channel())
    request = RequestFactory().get("/q/x", HTTP_USER_AGENT=PHONE)
    for code in (poster.short_code, loudspeaker.numeric_code, "KHONGCO"):
        spool.append_event(build_event(request, placement_id=None, code=code, landed_on_fallback=True))

    first = drain_scans(include_current=True)
    again = drain_scans(include_current=True)

    assert (first.inserted, first.skipped, again.inserted) == (2, 1, 0)
    stored = ScanEvent.objects.order_by("occurred_at")
    assert [event.placement_id for event in stored] == [poster.pk, loudspeaker.pk]
    assert all(event.landed_on_fallback for event in stored)


def test_a_cold_code_redirects_to_the_home_page_while_the_database_is_down_and_counts_once_it_is_back(
    transactional_db, client, official_units
):
    if connection.vendor != "postgresql":
        pytest.skip("An in-memory SQLite test database cannot be taken down; this runs on PostgreSQL in CI.")
    poster = make_poster()  # never scanned: its code is in no cache

    broken = {"PORT": "1"}  # nothing listens there: every query fails as with a stopped server
    saved = {key: connection.settings_dict.get(key) for key in broken}
    connection.close()
    connection.settings_dict.update(broken)
    try:
        responses = [client.get(f"/q/{poster.short_code.lower()}", HTTP_USER_AGENT=PHONE) for _ in range(5)]
    finally:
        connection.close()
        connection.settings_dict.update(saved)

    for response in responses:
        assert response.status_code == 302 and response["Cache-Control"] == "no-store"
        parts = urlsplit(response["Location"])
        assert (parts.path, parse_qs(parts.query)) == ("/", {"qr": [poster.short_code]})
    first = drain_scans(include_current=True)
    again = drain_scans(include_current=True)
    assert (first.inserted, again.inserted) == (5, 0)
    assert ScanEvent.objects.filter(placement=poster, landed_on_fallback=True).count() == 5
    # Once the database is back the code leads to its guide again.
    assert urlsplit(client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)["Location"]).path != "/"
