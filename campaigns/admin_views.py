"""Admin views of our page types that differ from Wagtail's.

Approving the last step of the workflow publishes the draft. A draft may have become unpublishable
while it waited: typically another page took its address (a live page's new slug lives only in the
draft, so Wagtail checked it against no sibling). Wagtail's workflow action view lets the publication's
ValidationError through as an HTTP 500; the action runs in one transaction (Task.on_action is atomic),
so the failed approval has already been undone: the view only has to say so.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def slug_holder(*, page: Page, slug: str) -> Page | None:
    """The sibling of `page` that holds `slug`, if any."""
    parent = page.get_parent()
    if parent is None:
        return None
    return parent.get_children().filter(slug=slug).exclude(pk=page.pk).first()


def publication_refused_message(*, page: Page, error: ValidationError) -> str:
    draft = page.get_latest_revision_as_object()
    holder = slug_holder(page=page, slug=draft.slug) if "slug" in getattr(error, "error_dict", {}) else None
    if holder is not None:
        return _(
            "Chưa duyệt được “%(title)s”: địa chỉ “%(slug)s” của bản nháp đã được trang “%(holder)s” cùng cấp "
            "sử dụng trong lúc chờ duyệt. Chưa có gì thay đổi. Hãy sửa địa chỉ trang trong bản nháp (hoặc trả lại "
            "cho người soạn), rồi duyệt lại."
        ) % {"title": draft.title, "slug": draft.slug, "holder": holder.specific_deferred.get_admin_display_title()}
    reasons = "; ".join(str(message) for message in error.messages)
    return _(
        "Chưa duyệt được “%(title)s”: bản nháp chưa thể xuất bản (%(reasons)s). Chưa có gì thay đổi. "
        "Hãy sửa bản nháp, rồi duyệt lại."
    ) % {"title": draft.title, "reasons": reasons}


class PublishCheckedWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (approve, reject…), with a failed publication said in words, not a 500."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, publication_refused_message(page=self.object, error=error))
            self.redirect_url = self.get_redirect_url()
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # The dashboard's buttons post by script and follow the redirect, where the message shows.
                return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)


class UnitScopedConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """Wagtail asks this before publishing a page in moderation, and answers anyone with the workflow's and the
    task's names; here only someone who may edit the page (the unit rules of campaigns.permissions) is answered."""

    def dispatch(self, request, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LoaPageViewSet(PageViewSet):
    """Wagtail's page views for one of our page types, with the workflow action and confirmation above."""

    workflow_action_view_class = PublishCheckedWorkflowActionView
    confirm_workflow_cancellation_view_class = UnitScopedConfirmWorkflowCancellationView


class PermissionCheckedPublishAPIAction(PublishPageAPIAction):
    """The admin API's "publish" action saves a revision of a page that has none before it asks whether the user
    may publish it: a refused request (403) still wrote a revision in the user's name (issue 17's POST matrix found
    it on the home page). Here the question comes first."""

    def execute(self, instance, data):
        if not instance.permissions_for_user(self.request.user).can_publish():
            raise PermissionDenied
        return super().execute(instance, data)


class LoaPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "publish": PermissionCheckedPublishAPIAction}
