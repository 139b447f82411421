from django.conf import settings
from django_otp import user_has_device

from places.models import Membership, Role


def must_use_two_factor(*, user) -> bool:
    """Superusers and culture-office members, when LOA_REQUIRE_2FA is on."""
    if not settings.LOA_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.CULTURE_OFFICE).exists()


def has_confirmed_device(*, user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)
