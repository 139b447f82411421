"""`drain_scans --every N`: the node-local loop that moves this server's spool into the database."""

import pytest
from django.core.management import call_command

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tracking.models import ScanEvent

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


class StopLoop(Exception):
    pass


def test_the_loop_drains_each_round_and_goes_on(client, official_units, monkeypatch):
    guide = GuidePageFactory()
    poster = placement(unit=AdministrativeUnit.objects.get(code="24133"), campaign=guide.get_parent().specific)
    rounds = []

    def between_rounds(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:
            client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)  # a scan arrives between two rounds
            return
        raise StopLoop

    client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)
    assert ScanEvent.objects.count() == 0  # spooled, not yet in the database
    monkeypatch.setattr("core.spool.time.sleep", between_rounds)
    with pytest.raises(StopLoop):
        call_command("drain_scans", "--all", "--every", "5")
    assert rounds == [5, 5]
    assert ScanEvent.objects.count() == 2
