"""Workflow emails about a page go to the people who may act on it, not to a whole group."""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier

from campaigns.models import UnitApprovalTaskState


class UnitApprovalSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """ "A page awaits your approval": to the approvers of the page's unit and of the units above it.

    Wagtail's notifier writes to every member of the task's groups, so Ea Kao's approver heard of
    Buôn Ma Thuột's guides. The wording stays Wagtail's (its task_state_submitted templates).
    """

    def __init__(self):
        super().__init__()
        self.valid_classes = (UnitApprovalTaskState,)

    def get_template_base_prefix(self, instance, **kwargs) -> str:
        return "task_state_"

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        content = task_state.workflow_state.content_object
        candidates = super().get_recipient_users(task_state, **kwargs)
        return {user for user in candidates if task.user_may_moderate(content, user)}


unit_approval_submission_email_notifier = UnitApprovalSubmissionEmailNotifier()
