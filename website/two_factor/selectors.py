from django.conf import settings
from django_otp import user_has_device

from places.models import Membership, Role
from places.selectors import membership_paths


def must_use_two_factor(*, user) -> bool:
    """Superusers and culture-office members, when LOA_REQUIRE_2FA is on."""
    if not settings.LOA_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.CULTURE_OFFICE).exists()


def has_confirmed_device(*, user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def two_factor_applies(*, user) -> bool:
    """Whether this user passes a second factor after the password: they have a device, or must use one."""
    return has_confirmed_device(user=user) or must_use_two_factor(user=user)


def second_factor_pending(*, user) -> bool:
    """Signed in with the password, but not (yet) past the second factor that applies to them."""
    return user.is_authenticated and not user.is_verified() and two_factor_applies(user=user)


def is_signed_in_staff(*, request) -> bool:
    """A staff member fully signed in: admin access, and past the second factor where it applies."""
    user = request.user
    if not user.is_authenticated or not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return not second_factor_pending(user=user)


def may_issue_setup_code(*, issuer, user) -> bool:
    """Who may issue a setup code for whom: a superuser for anyone else; a culture office for a user
    all of whose memberships lie in its units (never for a superuser or a user without a unit).

    Nobody issues one for themselves here: with only a stolen password that would be enrolment by
    the password alone. A superuser's own first code comes from `manage.py issue_two_factor_setup`.
    """
    if not issuer.is_authenticated or not issuer.is_active or issuer.pk == user.pk:
        return False
    if issuer.is_superuser:
        return True
    if user.is_superuser:
        return False
    office_paths = membership_paths(user=issuer, roles=[Role.CULTURE_OFFICE])
    if not office_paths:
        return False
    user_paths = list(Membership.objects.filter(user=user).values_list("unit__path", flat=True))
    return bool(user_paths) and all(any(path.startswith(office) for office in office_paths) for path in user_paths)
