from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.snippets.views import snippets as snippet_views

from places.models import AdministrativeUnit
from places.selectors import user_may_act_on


class InstancePermissionCheckedMixin:
    """Refuse the view when the permission policy refuses this very object.

    Wagtail's generic edit and delete views check only the model-level
    permission; official units must be refused one by one, and a village
    belongs to the people of its ward.
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


class UnitPeopleOnlyMixin:
    """A unit's history and usage (who changed it; the memberships, service points and placements that
    point at it) are for the people of that unit or of a unit above it, like its entries in the site history."""

    def dispatch(self, request, *args, **kwargs):
        unit = AdministrativeUnit.objects.filter(pk=unquote(str(kwargs.get("pk")))).first()
        if unit is None:
            raise Http404
        if not user_may_act_on(user=request.user, unit=unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UnitHistoryView(UnitPeopleOnlyMixin, snippet_views.HistoryView):
    pass


class UnitUsageView(UnitPeopleOnlyMixin, snippet_views.UsageView):
    pass
