from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups_after_migrate(sender, using="default", **kwargs) -> None:
    from django.apps import apps as global_apps

    from places.roles import ensure_role_groups

    # post_migrate is sent once per app that has models; every app's permissions exist by the last one.
    last_app = [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]
    if using == "default" and sender.label == last_app.label:
        ensure_role_groups()


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Địa bàn"

    def ready(self) -> None:
        # Not a data migration: there the permissions of apps migrated later do not exist yet.
        post_migrate.connect(ensure_role_groups_after_migrate, dispatch_uid="places.ensure_role_groups")
        from places import signals  # noqa: F401  (memberships keep groups and Wagtail's log in step)
