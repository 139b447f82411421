"""Logging airings of loudspeakers, local TV and LED boards in the admin.

The viewset is unit-scoped (places.viewsets): the listing and every per-object view (edit, delete,
history, usage) ask AiringPermissionPolicy about the very airing, and the form offers only the
user's units, so nobody sees, changes, re-assigns or deletes another unit's airing.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from insights.models import BroadcastAiring
from insights.models.broadcasts import BROADCAST_CHANNEL_KINDS
from insights.permissions import airing_units
from places.models import AdministrativeUnit, UnitLevel
from places.viewsets import UnitScopedModelViewSet
from tracking.models import Channel


class BroadcastAiringForm(WagtailAdminModelForm):
    class Meta:
        model = BroadcastAiring
        fields = ["channel", "unit", "aired_at", "duration_minutes", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(kind__in=BROADCAST_CHANNEL_KINDS)
        units = AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.WARD])
        if self.for_user is not None:
            units = units.filter(pk__in=airing_units(user=self.for_user).values("pk"))
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["unit"].help_text = _("Xã/phường nơi phát; truyền hình tỉnh thì chọn tỉnh.")

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None and self.for_user.is_authenticated:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class BroadcastAiringViewSet(UnitScopedModelViewSet):
    model = BroadcastAiring
    icon = "media"
    menu_label = _("Lượt phát sóng")
    menu_order = 2
    list_display = ["aired_at", "channel", "unit", "duration_minutes", "note"]
    list_filter = ["channel"]
    search_fields = ["note", "unit__name", "unit__code"]
    ordering = ["-aired_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return BroadcastAiringForm
