"""Seed the channels that the district and ward plans name (../shared/DOMAIN.md). Editors can add more."""

from django.db import migrations

# (slug, Vietnamese name, kind, province-wide)
CHANNELS = [
    ("pa-no", "Pa-nô", "print", False),
    ("ap-phich", "Áp-phích", "print", False),
    ("bang-ron", "Băng-rôn", "print", False),
    ("khau-hieu", "Khẩu hiệu", "print", False),
    ("to-roi", "Tờ rơi", "print", False),
    ("niem-yet", "Niêm yết tại Bộ phận Một cửa", "print", False),
    ("standee", "Standee", "print", False),
    ("bang-dien-tu", "Bảng điện tử, màn hình LED", "screen", False),
    ("loa-truyen-thanh", "Loa truyền thanh cơ sở", "sound", False),
    ("phat-thanh-thong-minh", "Hệ thống phát thanh thông minh", "sound", False),
    ("truyen-hinh-dia-phuong", "Truyền hình địa phương", "screen", True),
    ("bao-chi", "Báo chí", "digital", True),
    ("cong-thong-tin", "Cổng thông tin điện tử", "digital", True),
    ("zalo", "Zalo", "digital", False),
    ("facebook", "Facebook", "digital", False),
    ("app-cong-dan-so", "App công dân số", "digital", True),
    ("vneid", "Thông báo trên VNeID", "digital", True),
    ("tong-dai", "Tổng đài", "sound", True),
    ("hoi-nghi", "Hội nghị", "people", False),
    ("le-ra-mat", "Lễ ra mắt mô hình", "people", False),
    ("to-cong-nghe-so", "Tổ công nghệ số cộng đồng", "people", False),
    ("truong-hoc", "Trường học", "people", False),
    ("co-so-ton-giao", "Cơ sở tôn giáo", "people", False),
    ("mot-cua", "Bộ phận Một cửa", "people", False),
]


def seed_channels(apps, schema_editor):
    Channel = apps.get_model("tracking", "Channel")
    for order, (slug, name, kind, province_wide) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "province_wide": province_wide, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]

    operations = [migrations.RunPython(seed_channels, migrations.RunPython.noop)]
