from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import snippets as snippet_views


class InstancePermissionCheckedMixin:
    """Refuse the view when the permission policy refuses this very object.

    Wagtail's generic edit and delete views check only the model-level
    permission; official units must be refused one by one.
    """

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, instance
        ):
            raise PermissionDenied
        return instance


class UnitEditView(InstancePermissionCheckedMixin, snippet_views.EditView):
    pass


class UnitDeleteView(InstancePermissionCheckedMixin, snippet_views.DeleteView):
    pass
