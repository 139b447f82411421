"""The administrative-unit tree, who acts for which unit, and where citizens get help.

Since 1 July 2025 Vietnam has two official levels: 34 provinces and 3,321
communes/wards. Editors may add villages and residential groups under a ward.
Official units come from the `vietnam-provinces` package (see places/units.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

PATH_SEPARATOR = "/"


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành phố")
    WARD = "ward", _("Xã/phường/đặc khu")
    VILLAGE = "village", _("Thôn/khối/tổ dân phố")


# The level each level hangs under; a province is a root.
PARENT_LEVEL = {
    UnitLevel.PROVINCE: None,
    UnitLevel.WARD: UnitLevel.PROVINCE,
    UnitLevel.VILLAGE: UnitLevel.WARD,
}


class DivisionType(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_trung_uong", _("Thành phố trực thuộc trung ương")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    VILLAGE = "thon", _("Thôn")
    HAMLET = "ap", _("Ấp")
    HIGHLAND_VILLAGE = "ban", _("Bản")
    BUON = "buon", _("Buôn")
    PHUM_SOC = "phum_soc", _("Phum, sóc")
    BLOCK = "khoi", _("Khối")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")


VILLAGE_DIVISION_TYPES = {
    DivisionType.VILLAGE,
    DivisionType.HAMLET,
    DivisionType.HIGHLAND_VILLAGE,
    DivisionType.BUON,
    DivisionType.PHUM_SOC,
    DivisionType.BLOCK,
    DivisionType.RESIDENTIAL_GROUP,
}


class AdministrativeUnit(models.Model):
    """A province, a commune/ward, or a village under a ward.

    `path` is the chain of codes from the province down ("66/24133/"), so that
    "this unit and everything under it" is one indexed prefix query and the
    whole official tree loads with one bulk insert.
    """

    code = models.CharField(
        _("mã"),
        max_length=32,
        unique=True,
        help_text=_("Mã đơn vị hành chính chính thức (tỉnh 2 số, xã 5 số); thôn/khối có mã do hệ thống cấp."),
    )
    name = models.CharField(_("tên"), max_length=150)
    division_type = models.CharField(_("loại đơn vị"), max_length=32, choices=DivisionType.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    codename = models.CharField(_("tên không dấu"), max_length=150, blank=True)
    is_official = models.BooleanField(
        _("danh mục chính thức"),
        default=False,
        editable=False,
        help_text=_("Nạp từ danh mục đơn vị hành chính quốc gia; không sửa tay."),
    )

    default_language = models.CharField(
        _("ngôn ngữ mặc định"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="vi",
        help_text=_(
            "Ngôn ngữ mà mã QR của xã/phường dẫn tới khi trang đã được dịch sang ngôn ngữ đó; "
            "nếu chưa dịch, người dân thấy bản tiếng Việt."
        ),
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=UnitLevel.PROVINCE, parent__isnull=True)
                | (~models.Q(level=UnitLevel.PROVINCE) & models.Q(parent__isnull=False)),
                name="places_unit_only_provinces_are_roots",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path is derived from the parent; keeping it here means no caller can forget it.
        parent_path = self.parent.path if self.parent_id else ""
        self.path = self.build_path(code=self.code, parent_path=parent_path)
        super().save(*args, **kwargs)

    @staticmethod
    def build_path(*, code: str, parent_path: str = "") -> str:
        return f"{parent_path}{code}{PATH_SEPARATOR}"

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to the parent of this unit."""
        return self.path.rstrip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]

    def clean(self) -> None:
        expected_parent_level = PARENT_LEVEL[UnitLevel(self.level)] if self.level else None
        if expected_parent_level is None and self.parent_id:
            raise ValidationError({"parent": _("Tỉnh/thành phố không thuộc đơn vị nào khác.")})
        if expected_parent_level is not None:
            if self.parent is None:
                raise ValidationError({"parent": _("Hãy chọn đơn vị cấp trên.")})
            if self.parent.level != expected_parent_level:
                raise ValidationError(
                    {
                        "parent": _("%(level)s phải thuộc một %(parent_level)s.")
                        % {
                            "level": UnitLevel(self.level).label,
                            "parent_level": UnitLevel(expected_parent_level).label.lower(),
                        }
                    }
                )
        if self.level == UnitLevel.VILLAGE and self.division_type not in VILLAGE_DIVISION_TYPES:
            raise ValidationError({"division_type": _("Thôn/khối/tổ dân phố cần loại đơn vị cấp thôn.")})


class Role(models.TextChoices):
    CULTURE_OFFICE = "culture_office", _("Phòng Văn hóa – Thông tin")
    WARD_EDITOR = "ward_editor", _("Biên tập viên xã/phường")
    SERVICE_POINT_STAFF = "service_point_staff", _("Cán bộ điểm dịch vụ công")
    APPROVER = "approver", _("Lãnh đạo duyệt nội dung")
    VIEWER = "viewer", _("Người xem báo cáo")


class Membership(models.Model):
    """A user acts in a role for a unit and for everything under it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["unit__path", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="places_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class ServicePointKind(models.TextChoices):
    ONLINE_SERVICE_POINT = "online_service_point", _("Điểm dịch vụ công trực tuyến")
    ONE_STOP_DESK = "one_stop_desk", _("Bộ phận Một cửa")
    POLICE = "police", _("Công an xã/phường")
    COMMUNITY_TEAM = "community_team", _("Tổ công nghệ số cộng đồng")
    CULTURAL_HOUSE = "cultural_house", _("Nhà văn hóa")
    OTHER = "other", _("Khác")


class ServicePoint(models.Model):
    """Where citizens get help in person: address, hours, hotline."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã/phường"),
        on_delete=models.PROTECT,
        related_name="service_points",
        limit_choices_to={"level__in": [UnitLevel.WARD, UnitLevel.VILLAGE]},
    )
    kind = models.CharField(
        _("loại điểm"), max_length=32, choices=ServicePointKind.choices, default=ServicePointKind.ONE_STOP_DESK
    )
    name = models.CharField(_("tên điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300)
    opening_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=40, blank=True)
    map_link = models.CharField(
        _("chỉ đường"),
        max_length=300,
        blank=True,
        help_text=_("Địa chỉ bản đồ dạng văn bản, ví dụ tọa độ hoặc đường dẫn bản đồ; hiển thị như chữ thường."),
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        help_text=_("Đánh dấu dữ liệu minh họa chưa được xác minh; trang công khai ghi rõ “Dữ liệu mẫu”."),
    )

    class Meta:
        verbose_name = _("điểm hỗ trợ người dân")
        verbose_name_plural = _("điểm hỗ trợ người dân")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="places_service_point_unique_name_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class UnitLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        unit = instance if isinstance(instance, AdministrativeUnit) else getattr(instance, "unit", None)
        kwargs.setdefault("unit_path", unit.path if unit is not None else "")
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        # Wagtail shows an entry to anyone with a permission on its model; a unit's entries
        # (role changes, imports) are for the people of that unit and the units above it only.
        if user.is_superuser:
            return self.all()
        from django.contrib.contenttypes.models import ContentType

        from places.selectors import membership_paths

        # Not super(): Wagtail caches the allowed content types on the user object, computed from
        # whichever log model asked first, so a second log model would inherit the wrong set.
        allowed = [
            content_type_id
            for content_type_id in self.values_list("content_type_id", flat=True).distinct().order_by()
            if content_type_id is not None
            and any(
                user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
                for model in [ContentType.objects.get_for_id(content_type_id).model_class()]
                if model is not None
                for action in model._meta.default_permissions
            )
        ]
        entries = self.filter(content_type_id__in=allowed)

        covered = models.Q()
        for path in membership_paths(user=user):
            covered |= models.Q(unit_path__startswith=path)
        return entries.filter(covered) if covered else entries.none()


class UnitLogEntry(BaseLogEntry):
    """Wagtail's log entries for units, memberships and service points, with the unit they concern.

    Registered for those models in places/wagtail_hooks.py (register_log_actions), so that Wagtail's
    site history shows a unit's entries only to the people of that unit or above (Wagtail's own
    ModelLogEntry filters by model only). The object's own history page is guarded by the model's
    permission policy, like its edit view.
    """

    object_id = models.CharField(max_length=255, db_index=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    objects = UnitLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("nhật ký theo đơn vị")
        verbose_name_plural = _("nhật ký theo đơn vị")
