"""Migration insights.0005 moves stored daily rows to the new headline: repeats are no longer in `scans`."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from insights.models import DailyPlacementRollup
from tests.factories.places import WardFactory
from tests.factories.tracking import placement

migration = importlib.import_module("insights.migrations.0005_device_days_and_suspect_scans")

pytestmark = pytest.mark.django_db


def test_the_headline_loses_its_repeats_and_gets_them_back_on_the_way_down():
    code = placement(unit=WardFactory())
    with_repeats = DailyPlacementRollup.objects.create(placement=code, day=dt.date(2026, 10, 1), scans=10, repeats=3)
    without = DailyPlacementRollup.objects.create(placement=code, day=dt.date(2026, 10, 2), scans=4)
    migration.headline_without_repeats(apps, None)
    with_repeats.refresh_from_db()
    without.refresh_from_db()
    assert (with_repeats.scans, with_repeats.repeats, without.scans) == (7, 3, 4)
    migration.headline_with_repeats(apps, None)
    with_repeats.refresh_from_db()
    assert with_repeats.scans == 10
