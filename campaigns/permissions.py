"""Who may act on which page: Wagtail's group permissions, narrowed to the page's unit.

A campaign names the unit in charge of it (a ward's own campaign, or the province's);
its guides and videos belong to the same unit. A ward editor edits and submits only
pages of their ward (or of villages under it); approvers publish only pages of units
at or below theirs. Pages without a unit (the home page, the services index, a campaign
whose unit is not set) are the installation's own content: only superusers change them.
Everyone else may look at them, nothing more.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from places.models import AdministrativeUnit, Role
from places.selectors import membership_paths, user_may_act_on

WRITING_ROLES = (Role.CULTURE_OFFICE, Role.WARD_EDITOR, Role.APPROVER)
PUBLISHING_ROLES = (Role.CULTURE_OFFICE, Role.APPROVER)
APPROVING_ROLES = (Role.APPROVER,)


def unit_of_page(page: Page) -> AdministrativeUnit | None:
    """The unit in charge of a page: that of the nearest campaign at or above it, as published.

    Read from the page tree, not from the object in hand: the edit view holds the latest
    draft, and a draft that names another unit (or none) must not move the page out of
    its unit's hands before it is approved.
    """
    from campaigns.models import CampaignPage

    if not page.path:  # not in the tree yet: only a campaign being created knows its unit
        return page.owner_unit if isinstance(page, CampaignPage) else None
    campaign = CampaignPage.objects.ancestor_of(page, inclusive=True).select_related("owner_unit").last()
    return campaign.owner_unit if campaign is not None else None


def user_may_act_on_page(*, user: AbstractBaseUser | AnonymousUser, page: Page, roles) -> bool:
    """Whether the user's memberships (in one of the roles) cover the page's unit; only superusers if it has none."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit = unit_of_page(page)
    if unit is None:
        return False
    return user_may_act_on(user=user, unit=unit, roles=roles)


class UnitPagePermissionTester(PagePermissionTester):
    """Wagtail's tester (group permissions, locks, workflow), and the unit on top of it.

    Wagtail's page views (edit, preview, revisions, history, copy, move, delete,
    unpublish, lock, workflow) all ask `page.permissions_for_user(user)`, which is
    the documented place to narrow them.
    """

    def _covers(self, roles) -> bool:
        if not hasattr(self, "_unit_checks"):
            self._unit_checks = {}
        key = tuple(roles)
        if key not in self._unit_checks:
            self._unit_checks[key] = user_may_act_on_page(user=self.user, page=self.page, roles=roles)
        return self._unit_checks[key]

    def can_add_subpage(self):
        return super().can_add_subpage() and self._covers(WRITING_ROLES)

    def can_edit(self):
        return super().can_edit() and self._covers(WRITING_ROLES)

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._covers(WRITING_ROLES)

    def can_submit_for_moderation(self):
        return super().can_submit_for_moderation() and self._covers(WRITING_ROLES)

    def can_unpublish(self):
        return super().can_unpublish() and self._covers(PUBLISHING_ROLES)

    def can_publish(self):
        return super().can_publish() and self._covers(PUBLISHING_ROLES)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._covers(PUBLISHING_ROLES)

    def can_reorder_children(self):
        return super().can_reorder_children() and self._covers(WRITING_ROLES)

    def can_move(self):
        return super().can_move() and self._covers(WRITING_ROLES)

    def can_copy(self):
        return super().can_copy() and self._covers(WRITING_ROLES)

    def can_lock(self):
        return super().can_lock() and self._covers(WRITING_ROLES)

    def can_unlock(self):
        return super().can_unlock() and self._covers(WRITING_ROLES)

    def can_view_revisions(self):
        return super().can_view_revisions() and self._covers(WRITING_ROLES)

    def can_move_to(self, destination):
        if not self._covers(WRITING_ROLES):
            return False
        if not user_may_act_on_page(user=self.user, page=destination, roles=WRITING_ROLES):
            return False
        return super().can_move_to(destination)

    def can_copy_to(self, destination, recursive=False):
        if not self._covers(WRITING_ROLES):
            return False
        if not user_may_act_on_page(user=self.user, page=destination, roles=WRITING_ROLES):
            return False
        return super().can_copy_to(destination, recursive=recursive)


class UnitScopedPageMixin:
    """For page models: permissions narrowed to the page's unit (see UnitPagePermissionTester)."""

    def permissions_for_user(self, user):
        return UnitPagePermissionTester(user, self)


def hidden_campaign_paths(user) -> list[str]:
    """Tree paths of the campaigns of units off this user's line: their pages stay out of sight.

    A user sees the campaigns of their units and of the units below (which they may change),
    and those of the units above (the province's campaign, which a ward reads but does not change).
    """
    from campaigns.models import CampaignPage

    if user.is_superuser:
        return []
    memberships = membership_paths(user=user)
    return [
        campaign.path
        for campaign in CampaignPage.objects.exclude(owner_unit=None)
        .select_related("owner_unit")
        .only("path", "owner_unit__path")
        if not any(
            campaign.owner_unit.path.startswith(path) or path.startswith(campaign.owner_unit.path)
            for path in memberships
        )
    ]


class UnitPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, but another unit's campaign is not explorable.

    The explorer, the admin's page search and API, choosers and the site history all ask
    `explorable_instances`; a ward editor so never sees the titles of another ward's drafts.
    """

    def explorable_instances(self, user):
        return self._without_hidden_campaigns(super().explorable_instances(user), user)

    def instances_user_has_permission_for(self, user, action):
        # Wagtail's workflow reports list the pages a user may "change": by group permissions alone, that is every
        # ward's drafts for every ward editor.
        return self._without_hidden_campaigns(super().instances_user_has_permission_for(user, action), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return self._without_hidden_campaigns(super().instances_user_has_any_permission_for(user, actions), user)

    @staticmethod
    def _without_hidden_campaigns(pages, user):
        hidden = hidden_campaign_paths(user)
        if not hidden:
            return pages
        excluded = Q()
        for path in hidden:
            excluded |= Q(path__startswith=path)
        return pages.exclude(excluded)
