from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactorSetupCode(models.Model):
    """A one-time code an administrator issues so that a user may set up an authenticator.

    Only a hash is stored: the code is shown once to the issuer, who hands it to the user by
    another channel than the password (in person, by phone). It works once, before expires_at.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor_setup_codes",
        verbose_name=_("người dùng"),
    )
    code_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cấp"),
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã cài đặt xác thực hai bước")
        verbose_name_plural = _("mã cài đặt xác thực hai bước")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
