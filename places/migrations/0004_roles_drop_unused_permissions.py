"""Take back the permissions no role holds any more from the role groups seeded before.

`ensure_role_groups()` only adds: culture offices held tracking.add_channel / change_channel (channels
are now kept by superusers only) and approvers and viewers held media_kit.view_pack without ever
being able to see a pack. Group names and permissions are written out: a migration must not read
code that changes later.
"""

from django.db import migrations

TAKEN_BACK = {
    "Phòng Văn hóa – Thông tin": [("tracking", "add_channel"), ("tracking", "change_channel")],
    "Lãnh đạo duyệt nội dung": [("media_kit", "view_pack")],
    "Người xem báo cáo": [("media_kit", "view_pack")],
}


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=TAKEN_BACK):
        for app_label, codename in TAKEN_BACK[group.name]:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0003_unit_log_entries"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(take_back, migrations.RunPython.noop)]
