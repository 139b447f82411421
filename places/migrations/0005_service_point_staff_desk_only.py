"""Service-point staff keep only their desk's permissions: the admin access and the assisted registrations.

They held the listings every role reads (units, service points, metrics, services, channels, placements),
so their menu showed those and not their form. `ensure_role_groups()` only adds, so this takes them back
from groups seeded before. Group name and permissions are written out: a migration must not read code that
changes later.
"""

from django.db import migrations

GROUP = "Cán bộ điểm dịch vụ công"
TAKEN_BACK = [
    ("places", "view_administrativeunit"),
    ("places", "view_servicepoint"),
    ("campaigns", "view_metric"),
    ("campaigns", "view_publicservice"),
    ("tracking", "view_channel"),
    ("tracking", "view_placement"),
]


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        for app_label, codename in TAKEN_BACK:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0004_roles_drop_unused_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(take_back, migrations.RunPython.noop)]
