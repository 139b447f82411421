import factory

from tests.factories.campaigns import CampaignPageFactory
from tracking.models import Channel, ChannelKind
from tracking.services import create_placement


class ChannelFactory(factory.django.DjangoModelFactory):
    """Channels are seeded by a migration; a transactional test's flush removes them, so get or create."""

    class Meta:
        model = Channel
        django_get_or_create = ("slug",)

    slug = "ap-phich"
    name = factory.LazyAttribute(lambda channel: channel.slug.replace("-", " ").capitalize())
    kind = ChannelKind.PRINT


def poster_channel() -> Channel:
    return ChannelFactory(slug="ap-phich", name="Áp-phích", kind=ChannelKind.PRINT)


def loudspeaker_channel() -> Channel:
    return ChannelFactory(slug="loa-truyen-thanh", name="Loa truyền thanh cơ sở", kind=ChannelKind.SOUND)


def placement(*, unit, channel=None, campaign=None, **fields):
    return create_placement(
        campaign=campaign or CampaignPageFactory(), unit=unit, channel=channel or poster_channel(), **fields
    )
