import csv

import pytest
from django.core.management import CommandError, call_command

from places.models import AdministrativeUnit, UnitLevel
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, poster_channel
from tracking.models import ChannelKind, IssuedCode, Placement
from tracking.services import create_placements, plan_placements

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignPageFactory(slug="kich-hoat-muc-2")


def test_bulk_creation_covers_every_ward_of_a_province_and_is_idempotent(campaign, official_units):
    daklak = AdministrativeUnit.objects.get(code="66")
    wards = AdministrativeUnit.objects.filter(path__startswith=daklak.path, level=UnitLevel.WARD).count()
    assert plan_placements(campaign=campaign, units=[daklak], channels=[poster_channel()]) == {
        "total": wards,
        "to_create": wards,
        "existing": 0,
    }
    first = create_placements(campaign=campaign, units=[daklak], channels=[poster_channel(), loudspeaker_channel()])
    assert len(first.created) == 2 * wards
    again = create_placements(campaign=campaign, units=[daklak], channels=[poster_channel(), loudspeaker_channel()])
    assert (len(again.created), len(again.existing)) == (0, 2 * wards)
    assert Placement.objects.filter(campaign=campaign).count() == 2 * wards


def test_only_sound_channels_get_a_numeric_code_and_codes_are_all_distinct(campaign, official_units):
    daklak = AdministrativeUnit.objects.get(code="66")
    create_placements(campaign=campaign, units=[daklak], channels=[poster_channel(), loudspeaker_channel()])
    placements = Placement.objects.filter(campaign=campaign).select_related("channel")
    for placement in placements:
        assert (placement.numeric_code is not None) == (placement.channel.kind == ChannelKind.SOUND)
    codes = [p.short_code for p in placements] + [p.numeric_code for p in placements if p.numeric_code]
    assert len(codes) == len(set(codes))
    assert IssuedCode.objects.filter(code__in=codes).count() == len(codes)


def test_a_deleted_placements_code_is_never_issued_again(campaign, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    [placement] = create_placements(campaign=campaign, units=[ward], channels=[poster_channel()]).created
    code = placement.short_code
    placement.delete()
    assert IssuedCode.objects.filter(code=code).exists()
    [replacement] = create_placements(campaign=campaign, units=[ward], channels=[poster_channel()]).created
    assert replacement.short_code != code


def test_province_wide_channels_are_placed_on_the_province(campaign, official_units):
    tv = ChannelFactory(slug="truyen-hinh-tinh", name="Truyền hình tỉnh", kind=ChannelKind.SCREEN, province_wide=True)
    ward = AdministrativeUnit.objects.get(code="24133")
    [placement] = create_placements(campaign=campaign, units=[ward], channels=[tv]).created
    assert placement.unit.code == "66"


def test_the_commands_create_and_export(campaign, official_units, tmp_path, capsys):
    poster_channel()
    call_command(
        "create_placements", "--campaign", "kich-hoat-muc-2", "--units", "24133,24169", "--channels", "ap-phich"
    )
    call_command("create_placements", "--campaign", "kich-hoat-muc-2", "--units", "24133", "--channels", "ap-phich")
    assert "Tạo mới 0 điểm đặt mã; 1 điểm đã có." in capsys.readouterr().out

    out = tmp_path / "placements.csv"
    call_command("export_placements", "--campaign", "kich-hoat-muc-2", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(row["unit_code"], row["unit_name"]) for row in rows] == [
        ("24133", "Phường Buôn Ma Thuột"),
        ("24169", "Phường Ea Kao"),
    ]
    placement = Placement.objects.get(unit__code="24133")
    assert rows[0]["short_code"] == placement.short_code
    assert rows[0]["url"] == f"http://testserver/q/{placement.short_code}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--campaign", "khong-co", "--units", "24133", "--channels", "ap-phich"], "Không có chiến dịch"),
        (["--campaign", "kich-hoat-muc-2", "--units", "99999", "--channels", "ap-phich"], "Không có đơn vị"),
        (["--campaign", "kich-hoat-muc-2", "--units", "24133", "--channels", "bo-cau"], "Không có kênh"),
    ],
)
def test_the_command_refuses_unknown_names_and_creates_nothing(campaign, official_units, args, message):
    poster_channel()
    with pytest.raises(CommandError, match=message):
        call_command("create_placements", *args)
    assert not Placement.objects.exists()
