"""Seed the formats officials print and broadcast. Editors can add more."""

from django.db import migrations

# slug, name, kind, width_mm, height_mm, bleed_mm, width_px, height_px, reading distance (m), sides, channel slugs
FORMATS = [
    ("pa-no-240x120", "Pa-nô 240×120 cm", "pdf", 2400, 1200, 20, None, None, 4, 1, ["pa-no"]),
    ("pa-no-300x150", "Pa-nô 300×150 cm", "pdf", 3000, 1500, 20, None, None, 5, 1, ["pa-no"]),
    ("ap-phich-a2", "Áp-phích A2", "pdf", 420, 594, 5, None, None, 2, 1, ["ap-phich"]),
    ("ap-phich-a3", "Áp-phích A3", "pdf", 297, 420, 5, None, None, 1.2, 1, ["ap-phich"]),
    ("bang-ron-500x80", "Băng-rôn 500×80 cm", "pdf", 5000, 800, 20, None, None, 5, 1, ["bang-ron"]),
    ("to-roi-a5", "Tờ rơi A5 hai mặt", "pdf", 148, 210, 3, None, None, 0.4, 2, ["to-roi"]),
    ("standee-60x160", "Standee 60×160 cm", "pdf", 600, 1600, 10, None, None, 2, 1, ["standee"]),
    ("nhan-dan-10x10", "Nhãn dán bàn Một cửa 10×10 cm", "pdf", 100, 100, 3, None, None, 0.5, 1, ["mot-cua"]),
    ("slide-1920x1080", "Slide màn hình 1920×1080", "png", None, None, 0, 1920, 1080, 3, 1,
     ["bang-dien-tu", "truyen-hinh-dia-phuong"]),
    ("bai-dang-1080x1080", "Bài đăng mạng xã hội 1080×1080", "png", None, None, 0, 1080, 1080, 0.4, 1,
     ["zalo", "facebook"]),
    ("kich-ban-loa", "Kịch bản đọc trên loa", "script", None, None, 0, None, None, 0, 1,
     ["loa-truyen-thanh", "phat-thanh-thong-minh"]),
]


def seed_formats(apps, schema_editor):
    PrintFormat = apps.get_model("media_kit", "PrintFormat")
    Channel = apps.get_model("tracking", "Channel")
    for order, (slug, name, kind, w_mm, h_mm, bleed, w_px, h_px, distance, sides, channels) in enumerate(FORMATS, 1):
        print_format, created = PrintFormat.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "width_mm": w_mm,
                "height_mm": h_mm,
                "bleed_mm": bleed,
                "width_px": w_px,
                "height_px": h_px,
                "reading_distance_m": distance,
                "sides": sides,
                "sort_order": order,
            },
        )
        if created:
            print_format.channels.set(Channel.objects.filter(slug__in=channels))


class Migration(migrations.Migration):
    dependencies = [("media_kit", "0001_initial"), ("tracking", "0002_seed_channels")]

    operations = [migrations.RunPython(seed_formats, migrations.RunPython.noop)]
