"""Admin for models whose objects belong to a unit (snippets and plain model viewsets): every view asks the
unit-scoped policy.

Wagtail's generic snippet views check model-level permissions only; the listing shows
every object and the edit, delete, inspect, history and usage views open any object
by its id. Here the listing is the policy's queryset and each per-object view refuses
an object of a unit the user does not cover, whatever the URL says.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history as history_views
from wagtail.admin.views.generic import usage as usage_views
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin import EmptyValueInspectMixin


class UnitScopedObjectMixin:
    """Refuse a per-object view when the policy refuses this object for the view's action."""

    scoped_action = "view"

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            instance = self.model._default_manager.filter(pk=unquote(str(pk))).first()
            if instance is None:
                raise Http404
            if not self.permission_policy.user_has_permission_for_instance(request.user, self.scoped_action, instance):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def scoped(view_class, action: str):
    bases = (UnitScopedObjectMixin, view_class)
    if issubclass(view_class, generic.InspectView):
        bases = (UnitScopedObjectMixin, EmptyValueInspectMixin, view_class)  # "Chưa có", not "None"
    return type(f"UnitScoped{view_class.__name__}", bases, {"scoped_action": action})


class UnitScopedFormMixin:
    """The unit field offers only the units the user may act on (and refuses any other posted value)."""

    scoped_unit_field = "unit"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        field = self.fields.get(self.scoped_unit_field)
        if user is None or field is None or user.is_superuser:
            return
        policy = policy_registry.get_by_type(self._meta.model)
        action = "change" if self.instance.pk else "add"
        field.queryset = policy.units_user_may_use(user, action)


class UnitScopedModelForm(UnitScopedFormMixin, WagtailAdminModelForm):
    pass


def _visible_to(request, model):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(request.user, ["view", "change"])


class UnitScopedChooseView(chooser_views.ChooseView):
    def get_object_list(self):
        return _visible_to(self.request, self.model_class)


class UnitScopedChooseResultsView(chooser_views.ChooseResultsView):
    def get_object_list(self):
        return _visible_to(self.request, self.model_class)


class UnitScopedChosenView(chooser_views.SnippetChosenView):
    def get_object(self, pk):
        return _visible_to(self.request, self.model_class).get(pk=pk)


class UnitScopedChosenMultipleView(chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _visible_to(self.request, self.model_class).filter(pk__in=pks)


class UnitScopedChooserViewSet(chooser_views.SnippetChooserViewSet):
    """The snippet chooser lists and returns only what the user may see (Wagtail's lists everything)."""

    choose_view_class = UnitScopedChooseView
    choose_results_view_class = UnitScopedChooseResultsView
    chosen_view_class = UnitScopedChosenView
    chosen_multiple_view_class = UnitScopedChosenMultipleView


class UnitScopedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose listing and per-object views follow the model's unit-scoped policy."""

    edit_view_class = scoped(snippet_views.EditView, "change")
    delete_view_class = scoped(snippet_views.DeleteView, "delete")
    inspect_view_class = scoped(snippet_views.InspectView, "view")
    history_view_class = scoped(snippet_views.HistoryView, "change")
    usage_view_class = scoped(snippet_views.UsageView, "change")
    copy_view_class = scoped(snippet_views.CopyView, "add")
    chooser_viewset_class = UnitScopedChooserViewSet

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["view", "change"])


class UnitScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _visible_to(self.request, self.model)


class UnitScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose listing and per-object views follow the model's unit-scoped policy.

    Wagtail's ModelViewSet, like the snippet views, checks the model-level permission only.
    """

    index_view_class = UnitScopedIndexView
    edit_view_class = scoped(generic.EditView, "change")
    delete_view_class = scoped(generic.DeleteView, "delete")
    inspect_view_class = scoped(generic.InspectView, "view")
    history_view_class = scoped(history_views.HistoryView, "change")
    usage_view_class = scoped(usage_views.UsageView, "change")
    copy_view_class = scoped(generic.CopyView, "add")
