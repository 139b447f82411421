from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from campaigns.permissions import APPROVING_ROLES, user_may_act_on_page


class UnitApprovalTaskState(TaskState):
    """A step of UnitApprovalTask in a page's workflow.

    Its own class (Wagtail's `Task.task_state_class`) so that Wagtail's group-wide submission
    email, connected to plain TaskState, does not fire for it: campaigns.notifications sends
    ours, to the approvers of the page's unit only.
    """

    class Meta:
        verbose_name = _("bước duyệt theo đơn vị")
        verbose_name_plural = _("bước duyệt theo đơn vị")


class UnitApprovalTask(AbstractGroupApprovalTask):
    """Approval by the chosen groups, and only by approvers of the page's unit or of a unit above it.

    A ward's leader approves the ward's pages; the province's approvers may approve
    any page under the province. Pages of no unit (the home page, the services index)
    are approved by superusers only. Objects that are not pages fall back to the groups alone.
    """

    task_state_class = UnitApprovalTaskState

    def user_may_moderate(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        if isinstance(obj, Page):
            return user_may_act_on_page(user=user, page=obj, roles=APPROVING_ROLES)
        return True

    def user_can_access_editor(self, obj, user):
        return self.user_may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return not user.is_superuser and self.user_may_moderate(obj, user)

    def get_actions(self, obj, user):
        if not self.user_may_moderate(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        allowed = [
            state.pk
            for state in states.select_related("revision")
            if self.user_may_moderate(state.revision.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Lãnh đạo của đơn vị phụ trách trang (hoặc đơn vị cấp trên) duyệt nội dung.")

    class Meta:
        verbose_name = _("duyệt theo đơn vị")
        verbose_name_plural = _("duyệt theo đơn vị")
