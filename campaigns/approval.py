"""Approval before publishing: the groups and the "Duyệt nội dung" workflow.

Run after every migrate (see CampaignsConfig.ready), so that a fresh database in
production, in development and in tests has them. Idempotent.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from campaigns.models import UnitApprovalTask

EDITORS_GROUP = "Biên tập viên"
APPROVERS_GROUP = "Lãnh đạo duyệt"
WORKFLOW_NAME = "Duyệt nội dung"
APPROVAL_TASK_NAME = "Lãnh đạo duyệt nội dung"

# Editors write and submit; only approvers publish.
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ["add_page", "change_page"],
    APPROVERS_GROUP: ["add_page", "change_page", "publish_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "choose_media"),
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("campaigns", "view_metric"),
    ("campaigns", "add_publicservice"),
    ("campaigns", "change_publicservice"),
    ("campaigns", "view_publicservice"),
]


@dataclass(frozen=True)
class ApprovalSetup:
    editors: Group
    approvers: Group
    workflow: Workflow


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def ensure_approval_workflow() -> ApprovalSetup | None:
    """Create the editor and approver groups and put the whole site under the approval workflow."""
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root is None or root_collection is None:
        return None

    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in MODEL_PERMISSIONS:
            if permission := _permission(app_label, codename):
                group.permissions.add(permission)
        for codename in page_codenames:
            if permission := _permission("wagtailcore", codename):
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for app_label, codename in COLLECTION_PERMISSIONS:
            if permission := _permission(app_label, codename):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    task = UnitApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = UnitApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([groups[APPROVERS_GROUP]])

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # Databases made before approval by unit had a plain group task: it leaves the workflow.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).filter(
        task__in=GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME)
    ).delete()
    GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).update(active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return ApprovalSetup(editors=groups[EDITORS_GROUP], approvers=groups[APPROVERS_GROUP], workflow=workflow)
