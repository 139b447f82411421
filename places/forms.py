from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from places.models import VILLAGE_DIVISION_TYPES, AdministrativeUnit, DivisionType, UnitLevel
from places.permissions import unit_permission_policy
from places.services import clean_unit_name, next_village_code


class VillageForm(WagtailAdminModelForm):
    """Editors add villages and residential groups under a ward; official units come from the national list."""

    class Meta:
        model = AdministrativeUnit
        fields = ["name", "division_type", "parent"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division_type"].choices = [
            (value, label) for value, label in DivisionType.choices if value in VILLAGE_DIVISION_TYPES
        ]
        self.fields["parent"].label = _("Thuộc xã/phường")
        # Only the wards the user keeps: a village cannot be created in, or moved into, anybody else's ward.
        wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD)
        if self.for_user is not None:
            wards = unit_permission_policy.parents_user_may_use(self.for_user)
        self.fields["parent"].queryset = wards
        self.fields["parent"].required = True

    def clean_name(self) -> str:
        name = clean_unit_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên thôn/khối/tổ dân phố."))
        return name

    def _post_clean(self) -> None:
        # Level and code are decided here, not by the editor, before the model validates.
        self.instance.level = UnitLevel.VILLAGE
        parent = self.cleaned_data.get("parent")
        if not self.instance.pk and parent is not None:
            self.instance.code = next_village_code(ward=parent)
        super()._post_clean()
