from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0004_daily_rollup_placement_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="monthlyreport",
            name="shared_pdf",
            field=models.FileField(blank=True, upload_to="bao-cao-thang/%Y/%m/", verbose_name="tệp PDF để chia sẻ"),
        ),
        migrations.AddField(
            model_name="monthlyreport",
            name="shared_xlsx",
            field=models.FileField(blank=True, upload_to="bao-cao-thang/%Y/%m/", verbose_name="tệp XLSX để chia sẻ"),
        ),
    ]
