import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from campaigns.models import Metric
from insights.models import AdoptionFigure, DailyPlacementRollup
from tests.factories.places import WardFactory
from tests.factories.tracking import placement

pytestmark = pytest.mark.django_db


def test_one_rollup_per_placement_and_day():
    code = placement(unit=WardFactory())
    DailyPlacementRollup.objects.create(day=dt.date(2026, 3, 1), placement=code, scans=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyPlacementRollup.objects.create(day=dt.date(2026, 3, 1), placement=code, scans=4)


def test_figures_refuse_a_negative_value_and_a_month_not_on_the_first():
    ward = WardFactory()
    metric, _ = Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionFigure.objects.create(unit=ward, month=dt.date(2026, 3, 1), metric=metric, value=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionFigure.objects.create(unit=ward, month=dt.date(2026, 3, 2), metric=metric, value=Decimal("1"))
    AdoptionFigure.objects.create(unit=ward, month=dt.date(2026, 3, 1), metric=metric, value=Decimal("1200.5"))
