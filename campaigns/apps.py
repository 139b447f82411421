from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_approval_after_migrate(sender, using="default", **kwargs) -> None:
    from django.apps import apps as global_apps

    from campaigns.approval import ensure_approval_workflow

    # post_migrate is sent once per app that has models; every app's permissions exist by the last one.
    last_app = [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]
    if using == "default" and sender.label == last_app.label:
        ensure_approval_workflow()


class CampaignsConfig(AppConfig):
    """What a campaign says: campaigns, guides, video walkthroughs, services, ward help desks."""

    name = "campaigns"
    verbose_name = "Chiến dịch"

    def ready(self) -> None:
        # Not a data migration: there the permissions of apps migrated later do not exist yet.
        post_migrate.connect(ensure_approval_after_migrate, dispatch_uid="campaigns.ensure_approval")
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from campaigns import signals  # noqa: F401  (registers the CDN purge of ward pages)
        from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP
        from places.models import Role
        from places.roles import attach_group_to_role

        # Members who write or approve pages join the groups holding the page permissions and the approval task.
        attach_group_to_role(role=Role.CULTURE_OFFICE, group_name=EDITORS_GROUP)
        attach_group_to_role(role=Role.WARD_EDITOR, group_name=EDITORS_GROUP)
        attach_group_to_role(role=Role.APPROVER, group_name=APPROVERS_GROUP)
        from campaigns.permissions import UnitPagePermissionPolicy

        # Before any admin view looks a page policy up: another unit's campaign is not explorable.
        register_permission_policy(Page, UnitPagePermissionPolicy(Page))

        from wagtail.models import WorkflowState
        from wagtail.signals import task_submitted

        from campaigns.models import UnitApprovalTaskState
        from campaigns.notifications import WAGTAIL_WORKFLOW_NOTIFIERS, unit_approval_submission_email_notifier

        for signal, dispatch_uid, notifier in WAGTAIL_WORKFLOW_NOTIFIERS:
            signal.connect(notifier, sender=WorkflowState, dispatch_uid=dispatch_uid)

        # Wagtail's own notifier listens to plain TaskState; ours to the task state of approval by unit.
        task_submitted.connect(
            unit_approval_submission_email_notifier,
            sender=UnitApprovalTaskState,
            dispatch_uid="campaigns.unit_approval_submitted_email",
        )
