"""A pack's unit, which its entries in Wagtail's log carry: only that unit's people see them."""

import pytest
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from media_kit.audit import PACK_REQUESTED
from media_kit.models import Pack
from places.models import Role, UnitLogEntry
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("codes", "expected"),
    [("24133", "24133"), ("24133,24169", "66"), ("24133,01", None), ("", None)],
)
def test_a_pack_belongs_to_its_ward_or_to_the_unit_above_all_its_wards(official_units, codes, expected):
    pack = Pack(campaign=CampaignPageFactory(), unit_codes=codes)
    assert (pack.unit.code if pack.unit else None) == expected


def test_a_packs_log_entries_are_seen_by_its_wards_people_only(official_units):
    pack = Pack.objects.create(campaign=CampaignPageFactory(), unit_codes="24133")
    log(instance=pack, action=PACK_REQUESTED, user=None, data={})
    assert not ModelLogEntry.objects.filter(object_id=str(pack.pk)).exists()
    entry = UnitLogEntry.objects.get(object_id=str(pack.pk))
    assert entry.unit_path == pack.unit.path

    own, other = UserFactory(), UserFactory()
    MembershipFactory(user=own, unit=official_units.get(code="24133"), role=Role.WARD_EDITOR)
    MembershipFactory(user=other, unit=official_units.get(code="24169"), role=Role.WARD_EDITOR)
    assert entry in UnitLogEntry.objects.viewable_by_user(own)
    assert entry not in UnitLogEntry.objects.viewable_by_user(other)
