"""Who may request, see and download which packs (those who cover every unit a pack is for), and who may
see and change which print templates (those of their campaigns' units)."""

from django.db.models import Q

from campaigns.models import CampaignPage
from media_kit.models import PrintOrder, PrintTemplate
from places.models import AdministrativeUnit, Role
from places.permissions import UnitScopedPermissionPolicy
from places.selectors import membership_paths, user_may_act_on

PACK_ROLES = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)
TEMPLATE_READERS = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)
TEMPLATE_WRITERS = (Role.CULTURE_OFFICE,)


def units_of_pack_codes(unit_codes: str) -> list[AdministrativeUnit]:
    codes = [code for code in unit_codes.split(",") if code]
    return list(AdministrativeUnit.objects.filter(code__in=codes))


def may_request_packs(user) -> bool:
    if not user.is_authenticated or not user.has_perm("media_kit.add_pack"):
        return False
    return user.is_superuser or bool(membership_paths(user=user, roles=PACK_ROLES))


def units_refused(user, units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    """The units of a pack request that this user does not cover (empty: the request may go ahead)."""
    if user.is_superuser:
        return []
    return [unit for unit in units if not user_may_act_on(user=user, unit=unit, roles=PACK_ROLES)]


def may_see_pack(user, pack) -> bool:
    """The requester, a superuser, or someone entitled to packs who covers every unit of the pack."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or pack.requested_by_id == user.pk:
        return True
    if not user.has_perm("media_kit.view_pack"):
        return False
    units = units_of_pack_codes(pack.unit_codes)
    return bool(units) and not units_refused(user, units)


def _ancestor_paths(path: str) -> list[str]:
    """ "66/24133/" → ["66/", "66/24133/"]: the paths of a unit and of the units above it."""
    parts = [part for part in path.split("/") if part]
    return ["".join(f"{part}/" for part in parts[: depth + 1]) for depth in range(len(parts))]


class PrintTemplatePermissionPolicy(UnitScopedPermissionPolicy):
    """A print template belongs to its campaign's unit (the campaign's owner unit).

    The culture office changes the templates of the campaigns of its units. Whoever may see templates
    sees those of the campaigns of their units, of the units above them (a ward prints the province's
    campaign) and of campaigns without an owner unit (the installation's own, national content, which
    only superusers change).
    """

    def __init__(self, model):
        super().__init__(
            model,
            unit_lookup="campaign__owner_unit",
            roles_by_action={
                "view": TEMPLATE_READERS,
                "add": TEMPLATE_WRITERS,
                "change": TEMPLATE_WRITERS,
                "delete": TEMPLATE_WRITERS,
            },
        )

    def _seen_paths(self, user) -> tuple[list[str], list[str]]:
        """(paths whose units and everything under them are seen, paths of the units above them)."""
        paths = membership_paths(user=user, roles=self.roles_for("view"))
        return paths, sorted({ancestor for path in paths for ancestor in _ancestor_paths(path)})

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action != "view" or user.is_superuser or not self.user_has_permission(user, action):
            return super().user_has_permission_for_instance(user, action, instance)
        unit = self.unit_of(instance)
        if unit is None:
            return True
        below, above = self._seen_paths(user)
        return unit.path in above or any(unit.path.startswith(path) for path in below)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or "view" not in actions or not self.user_has_permission(user, "view"):
            return instances
        _below, above = self._seen_paths(user)
        seen = Q(campaign__owner_unit=None) | Q(campaign__owner_unit__path__in=above)
        return instances | self.model._default_manager.filter(seen)

    def campaigns_user_may_use(self, user, action: str):
        """The campaigns a template may be given by this user (the form's campaign choices)."""
        if user.is_superuser:
            return CampaignPage.objects.all()
        return CampaignPage.objects.filter(owner_unit__in=self.units_user_may_use(user, action))


print_template_permission_policy = PrintTemplatePermissionPolicy(PrintTemplate)


# The order basket: the culture office and ward editors order for the wards they cover; the unit's
# approver approves (and sees the unit's orders); the culture office sees its province's orders.
ORDER_WRITERS = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)
ORDER_APPROVERS = (Role.APPROVER,)
ORDER_READERS = (*ORDER_WRITERS, *ORDER_APPROVERS)

print_order_permission_policy = UnitScopedPermissionPolicy(
    PrintOrder,
    roles_by_action={"view": ORDER_READERS, "add": ORDER_WRITERS, "change": ORDER_READERS},
)
