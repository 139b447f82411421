"""Counts that say what they count.

- `unique_visitors` becomes `device_days`: a daily distinct count of salted hashes, summed over days and codes,
  is a number of device-days, never of people.
- `suspect_scans` holds the citizen scans of an hour the rollup job flagged as a suspected flood.
- `scans` becomes the headline count: repeats and suspected floods are no longer in it. Stored daily rows are
  moved to the new meaning here (scans − repeats: one UPDATE; no row has suspect scans yet). Hourly rows keep
  their repeats until `manage.py rebuild_rollups` is run once (the README says so).
"""

from django.db import migrations, models
from django.db.models import F


def headline_without_repeats(apps, schema_editor):
    DailyPlacementRollup = apps.get_model("insights", "DailyPlacementRollup")
    DailyPlacementRollup.objects.filter(repeats__gt=0).update(scans=F("scans") - F("repeats"))


def headline_with_repeats(apps, schema_editor):
    DailyPlacementRollup = apps.get_model("insights", "DailyPlacementRollup")
    DailyPlacementRollup.objects.filter(repeats__gt=0).update(scans=F("scans") + F("repeats"))


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0004_daily_rollup_placement_day"),
    ]

    operations = [
        migrations.RenameField(
            model_name="dailyplacementrollup",
            old_name="unique_visitors",
            new_name="device_days",
        ),
        migrations.AlterField(
            model_name="dailyplacementrollup",
            name="device_days",
            field=models.PositiveIntegerField(default=0, verbose_name="lượt thiết bị-ngày"),
        ),
        migrations.AddField(
            model_name="dailyplacementrollup",
            name="suspect_scans",
            field=models.PositiveIntegerField(default=0, verbose_name="lượt nghi bất thường (để riêng)"),
        ),
        migrations.AddField(
            model_name="hourlyplacementscans",
            name="suspect_scans",
            field=models.PositiveIntegerField(default=0, verbose_name="lượt nghi bất thường (để riêng)"),
        ),
        migrations.RunPython(headline_without_repeats, headline_with_repeats, elidable=True),
    ]
