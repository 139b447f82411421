import factory
from django.contrib.auth import get_user_model

from places.models import Membership, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    is_staff = True
    password = factory.django.Password("mat-khau-thu-nghiem")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.WARD_EDITOR
