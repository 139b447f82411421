from wagtail.permission_policies import ModelPermissionPolicy

from places.models import AdministrativeUnit


class AdministrativeUnitPermissionPolicy(ModelPermissionPolicy):
    """Official units are read-only: they change only with the national list."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action in {"change", "delete"} and instance.is_official:
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"change", "delete"}:
            return instances.filter(is_official=False)
        return instances


unit_permission_policy = AdministrativeUnitPermissionPolicy(AdministrativeUnit)
