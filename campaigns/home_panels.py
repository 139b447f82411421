"""The admin home of people who write and approve pages: their drafts, pages sent back to them, guides past
their review date, and what waits for their approval. Wagtail's page panels stay only for those who work on
pages; a service-point desk or a report reader has none of them (nor the site summary's page counts)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Page, WorkflowState

from campaigns.permissions import APPROVING_ROLES, WRITING_ROLES
from campaigns.reports import guides_past_review
from core.admin import HomePanel, PanelRow
from places.models import Role
from places.selectors import roles_of_user

PANEL_ROWS = 8
# The writers whose home shows their drafts and returned pages (an approver writes too, but comes to approve).
HOME_WRITER_ROLES = frozenset({Role.WARD_EDITOR, Role.CULTURE_OFFICE})


def works_on_pages(user) -> bool:
    return user.is_superuser or bool(roles_of_user(user=user) & set(WRITING_ROLES))


def approves_pages(user) -> bool:
    return user.is_superuser or bool(roles_of_user(user=user) & set(APPROVING_ROLES))


def writes_pages_first(user) -> bool:
    return user.is_superuser or bool(roles_of_user(user=user) & HOME_WRITER_ROLES)


def _editable(user, pages) -> list[Page]:
    return [page for page in pages if page.permissions_for_user(user).can_edit()]


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def returned_pages(*, user) -> list[tuple[Page, WorkflowState]]:
    """Pages whose approval the user asked for (or that they own) and that an approver sent back for changes."""
    page_type = ContentType.objects.get_for_model(Page)
    owned = [str(pk) for pk in Page.objects.filter(owner=user).values_list("pk", flat=True)[:500]]
    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES, base_content_type=page_type)
        .filter(Q(requested_by=user) | Q(object_id__in=owned))
        .select_related("current_task_state")
        .order_by("-created_at")[:PANEL_ROWS]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    found = [(pages[int(state.object_id)], state) for state in states if int(state.object_id) in pages]
    return [(page, state) for page, state in found if page.permissions_for_user(user).can_edit()]


def drafts_of(*, user) -> list[Page]:
    """Pages whose latest revision is the user's, not yet published and not waiting for approval."""
    in_moderation = WorkflowState.objects.active().values_list("object_id", flat=True)
    pages = (
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .exclude(pk__in=[int(pk) for pk in in_moderation if str(pk).isdigit()])
        .order_by("-latest_revision_created_at")[:PANEL_ROWS]
    )
    return _editable(user, pages)


def _returned_on(state: WorkflowState) -> str:
    task_state = state.current_task_state
    day = _date(task_state.finished_at if task_state is not None else None)
    return _("trả lại ngày %(day)s") % {"day": day} if day else ""


def _edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def writer_panels(*, user) -> list[HomePanel]:
    returned = returned_pages(user=user)
    drafts = drafts_of(user=user)
    past_review = list(guides_past_review(user=user)[:PANEL_ROWS])
    return [
        HomePanel(
            name="loa-returned",
            heading=_("Trang bị trả lại để sửa"),
            order=100,
            rows=[
                PanelRow(page.get_admin_display_title(), _edit_url(page), _returned_on(state))
                for page, state in returned
            ],
            empty=_("Không có trang nào bị trả lại."),
        ),
        HomePanel(
            name="loa-drafts",
            heading=_("Bản nháp của bạn"),
            order=110,
            rows=[
                PanelRow(page.get_admin_display_title(), _edit_url(page), _date(page.latest_revision_created_at))
                for page in drafts
            ],
            empty=_("Không có bản nháp nào chưa gửi duyệt."),
        ),
        HomePanel(
            name="loa-past-review",
            heading=_("Hướng dẫn quá hạn rà soát"),
            order=120,
            rows=[
                PanelRow(
                    guide.get_admin_display_title(),
                    _edit_url(guide),
                    _("rà soát trước %(day)s") % {"day": guide.review_by.strftime("%d/%m/%Y")},
                )
                for guide in past_review
            ],
            empty=_("Không có hướng dẫn nào quá hạn rà soát."),
            link_label=_("Xem cả danh sách"),
            link_url=reverse("campaigns_guides_past_review") if past_review else "",
        ),
    ]


class ApprovalQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review" list, first on an approver's home, saying so when nothing waits."""

    name = "loa-approval-queue"
    template_name = "campaigns/home/approval_queue.html"
    order = 50


WAGTAIL_PAGE_PANELS = (
    WorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel,
    RecentEditsPanel,
    LockedPagesPanel,
)


def shape_home_panels(request, panels: list) -> None:
    """Wagtail's page panels for those who work on pages; our writer and approver panels by role."""
    user = request.user
    wagtail_defaults = [panel for panel in panels if type(panel) in WAGTAIL_PAGE_PANELS]
    for panel in wagtail_defaults:
        panels.remove(panel)
    if works_on_pages(user):
        # Our drafts panel says what "your most recent edits" said; the approval queue replaces Wagtail's own.
        panels.extend(
            panel
            for panel in wagtail_defaults
            if type(panel) in (UserObjectsInWorkflowModerationPanel, LockedPagesPanel)
        )
    if writes_pages_first(user):
        panels.extend(writer_panels(user=user))
    if approves_pages(user):
        panels.append(ApprovalQueuePanel())


def shape_summary_items(request, items: list) -> None:
    """The site summary counts pages, images and documents: nothing for people who do not work on pages."""
    if not works_on_pages(request.user):
        items.clear()
