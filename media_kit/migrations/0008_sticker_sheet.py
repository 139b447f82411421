"""The A4 sticker sheet: a new output kind, and the format seeded (desks, doors, motorbike parking).

Made beside the order basket (0007) and placed after it: the sheet can be ordered, 20 at a time, like the desk sticker.
"""

from django.db import migrations, models


def seed_sticker_sheet(apps, schema_editor):
    PrintFormat = apps.get_model("media_kit", "PrintFormat")
    Channel = apps.get_model("tracking", "Channel")
    print_format, created = PrintFormat.objects.get_or_create(
        slug="to-nhan-dan-a4",
        defaults={
            "name": "Tờ nhãn dán A4 (bàn, cửa, bãi xe)",
            "kind": "sheet",
            "width_mm": 210,
            "height_mm": 297,
            "bleed_mm": 3,
            "reading_distance_m": 0.3,
            "sides": 1,
            "sort_order": 9,
            "order_cap": 20,
        },
    )
    if created:
        print_format.channels.set(Channel.objects.filter(slug="mot-cua"))


class Migration(migrations.Migration):
    dependencies = [("media_kit", "0007_print_orders"), ("tracking", "0002_seed_channels")]

    operations = [
        migrations.AlterField(
            model_name="printformat",
            name="kind",
            field=models.CharField(
                choices=[
                    ("pdf", "PDF in ấn"),
                    ("png", "Ảnh PNG (màn hình, mạng xã hội)"),
                    ("script", "Kịch bản đọc trên loa (văn bản)"),
                    ("sheet", "Tờ nhãn dán A4 (nhiều mã, có đường cắt)"),
                ],
                max_length=8,
                verbose_name="loại",
            ),
        ),
        migrations.RunPython(seed_sticker_sheet, migrations.RunPython.noop),
    ]
