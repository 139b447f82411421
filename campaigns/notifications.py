"""Workflow emails about a page go to the people who may act on it, not to a whole group, in their language.

Wagtail writes each email's subject and text in the recipient's chosen admin language, and otherwise in the
language active while it sends: the sender's (an editor whose admin is in English would write English to an approver
who never chose a language). Ours fall back to the site's language, Vietnamese. Wagtail renders the HTML part
(WAGTAILADMIN_NOTIFICATION_USE_HTML) outside its per-recipient language switch, so ours sends to one recipient at a
time inside that recipient's language: the plain text and the HTML part always agree.
"""

from django.conf import settings
from django.utils.translation import override
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from campaigns.models import UnitApprovalTaskState


class SiteLanguageMixin:
    """The recipient's chosen language, else the site's (not the sender's), for the subject, text and HTML."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        all_sent = True
        for recipient in recipients:
            with override(settings.LANGUAGE_CODE):
                language = UserProfile.get_for_user(recipient).get_preferred_language()
            with override(language):
                all_sent = super().send_emails(template_set, context, [recipient], **kwargs) and all_sent
        return all_sent


class WorkflowSubmissionNotifier(SiteLanguageMixin, WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApprovalNotifier(SiteLanguageMixin, WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejectionNotifier(SiteLanguageMixin, WorkflowStateRejectionEmailNotifier):
    pass


# Wagtail's own receivers and their dispatch ids (wagtail/admin/signal_handlers.py). Ours connect first under the
# same ids (our apps come before wagtail.admin in INSTALLED_APPS, whose ready() connects later), and Django
# connects a receiver only once per id and sender: Wagtail's are then not added. No patch of Wagtail's code.
WAGTAIL_WORKFLOW_NOTIFIERS = (
    (workflow_submitted, "workflow_state_submitted_email_notification", WorkflowSubmissionNotifier()),
    (workflow_rejected, "workflow_state_rejected_email_notification", WorkflowRejectionNotifier()),
    (workflow_approved, "workflow_state_approved_email_notification", WorkflowApprovalNotifier()),
)


class UnitApprovalSubmissionEmailNotifier(SiteLanguageMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
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
