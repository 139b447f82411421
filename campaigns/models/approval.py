from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from campaigns.permissions import APPROVING_ROLES, user_may_act_on_page


class UnitApprovalTask(AbstractGroupApprovalTask):
    """Approval by the chosen groups, and only by approvers of the page's unit or of a unit above it.

    A ward's leader approves the ward's pages; the province's approvers may approve
    any page under the province. Objects that are not pages fall back to the groups alone.
    """

    def _may_moderate(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        if isinstance(obj, Page):
            return user_may_act_on_page(user=user, page=obj, roles=APPROVING_ROLES)
        return True

    def user_can_access_editor(self, obj, user):
        return self._may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return not user.is_superuser and self._may_moderate(obj, user)

    def get_actions(self, obj, user):
        if not self._may_moderate(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        allowed = [
            state.pk
            for state in states.select_related("revision")
            if self._may_moderate(state.revision.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Lãnh đạo của đơn vị phụ trách trang (hoặc đơn vị cấp trên) duyệt nội dung.")

    class Meta:
        verbose_name = _("duyệt theo đơn vị")
        verbose_name_plural = _("duyệt theo đơn vị")
