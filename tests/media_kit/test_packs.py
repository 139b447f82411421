import csv
import io
import zipfile

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from media_kit.models import Pack, PackStatus, PrintFormat
from media_kit.packs import PackError, build_pack
from media_kit.tasks import generate_pack
from places.models import AdministrativeUnit
from places.services import add_village
from tests.factories.users import UserFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def wards(ward, official_units):
    return [ward, AdministrativeUnit.objects.get(code="24169")]


def formats(*slugs) -> list[PrintFormat]:
    return list(PrintFormat.objects.filter(slug__in=slugs))


def open_pack(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def manifest(archive: zipfile.ZipFile) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))


def test_a_pack_has_one_folder_per_ward_and_a_manifest_that_matches_its_files(print_template, wards):
    result = build_pack(
        campaign=print_template.campaign,
        formats=formats("ap-phich-a3", "kich-ban-loa", "slide-1920x1080"),
        units=wards,
        channel_choices={"kich-ban-loa": "loa-truyen-thanh", "slide-1920x1080": "bang-dien-tu"},
    )
    archive = open_pack(result.content)
    rows = manifest(archive)
    assert len(rows) == 6 and not result.failures
    files = {name for name in archive.namelist() if name.count("/") == 1}
    assert {row["file_name"] for row in rows} == files
    assert {name.split("/")[0] for name in files} == {"24133-phuong-buon-ma-thuot", "24169-phuong-ea-kao"}
    for row in rows:
        placement = Placement.objects.get(unit__code=row["unit_code"], channel__slug=row["channel"])
        assert row["placement_code"] in {placement.short_code, placement.numeric_code}
        assert row["url"].endswith(f"/q/{placement.short_code}")
        assert placement.is_printed
    cover = PdfReader(io.BytesIO(archive.read("bia-cho-nha-in.pdf"))).pages[0].extract_text()
    assert "Bìa cho nhà in" in cover and "Áp-phích A3" in cover


def test_running_the_same_pack_again_keeps_the_same_placements_and_codes(print_template, wards):
    choice = {"campaign": print_template.campaign, "formats": formats("ap-phich-a3"), "units": wards}
    first = manifest(open_pack(build_pack(**choice).content))
    again = manifest(open_pack(build_pack(**choice).content))
    assert [(row["unit_code"], row["placement_code"]) for row in first] == [
        (row["unit_code"], row["placement_code"]) for row in again
    ]
    assert Placement.objects.count() == 2


def test_a_ward_that_cannot_be_rendered_does_not_sink_the_pack(print_template, wards):
    bad = PrintFormat.objects.get(slug="nhan-dan-10x10")
    bad.reading_distance_m = 3  # asks for a 300 mm code on a 100 mm sticker
    bad.save()
    result = build_pack(campaign=print_template.campaign, formats=formats("ap-phich-a3", "nhan-dan-10x10"), units=wards)
    archive = open_pack(result.content)
    assert len(manifest(archive)) == 2 and len(result.failures) == 2
    assert "300 mm" in result.failures[0]["reason"]
    assert "loi.csv" in archive.namelist()


def test_a_format_for_several_channels_asks_which(print_template, wards):
    with pytest.raises(PackError, match="nhiều kênh"):
        build_pack(campaign=print_template.campaign, formats=formats("bai-dang-1080x1080"), units=wards)


def test_the_background_task_moves_the_progress_and_emails_the_requester(print_template, wards, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    requester = UserFactory(username="vanhoa", email="vanhoa@example.invalid")
    pack = Pack.objects.create(campaign=print_template.campaign, unit_codes="24133,24169", requested_by=requester)
    pack.formats.set(formats("ap-phich-a3", "to-roi-a5"))
    generate_pack.enqueue(pack.pk)
    pack.refresh_from_db()
    assert (pack.status, pack.done, pack.total, pack.percent) == (PackStatus.DONE, 4, 4, 100)
    with pack.file.open("rb") as handle:
        assert len(manifest(open_pack(handle.read()))) == 4
    assert mail.outbox and mail.outbox[0].to == ["vanhoa@example.invalid"]

    message = mail.outbox[0]
    assert message.subject == f"Bộ ấn phẩm đã sẵn sàng: {print_template.campaign.title}"
    assert f"http://testserver/admin/media-kit/packs/{pack.pk}/" in message.body


def test_a_failed_pack_tells_the_requester_in_vietnamese_what_failed_and_what_to_do(print_template, wards):
    requester = UserFactory(username="vanhoa", email="vanhoa@example.invalid")
    pack = Pack.objects.create(campaign=print_template.campaign, unit_codes="24133", requested_by=requester)
    pack.formats.set(formats("bai-dang-1080x1080"))  # a format for several channels, no channel chosen
    generate_pack.enqueue(pack.pk)
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and not pack.file
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["vanhoa@example.invalid"]
    message = mail.outbox[0]
    assert message.subject == f"Chưa tạo được bộ ấn phẩm: {print_template.campaign.title}"
    assert f"Bộ ấn phẩm số {pack.pk} chưa tạo được." in message.body
    assert f"Lý do: {pack.error}" in message.body and "nhiều kênh" in message.body  # what failed
    assert "“Thử lại”" in message.body  # what to do
    assert f"http://testserver/admin/media-kit/packs/{pack.pk}/" in message.body


def test_make_pack_writes_the_zip(print_template, wards, tmp_path, capsys):
    out = tmp_path / "pack.zip"
    call_command(
        "make_pack",
        "--campaign",
        print_template.campaign.slug,
        "--formats",
        "ap-phich-a3",
        "--units",
        "24133",
        "--out",
        str(out),
    )
    assert len(manifest(open_pack(out.read_bytes()))) == 1
    with pytest.raises(CommandError, match="Không có định dạng"):
        call_command(
            "make_pack",
            "--campaign",
            print_template.campaign.slug,
            "--formats",
            "x",
            "--units",
            "24133",
            "--out",
            str(out),
        )


def test_a_village_unit_expands_to_nothing_but_a_province_expands_to_its_wards(print_template, ward):
    add_village(ward=ward, name="Khối 1", division_type="khoi")
    result = build_pack(
        campaign=print_template.campaign,
        formats=formats("kich-ban-loa"),
        units=[ward],
        channel_choices={"kich-ban-loa": "loa-truyen-thanh"},
    )
    assert [row["unit_code"] for row in result.rows] == ["24133"]


def test_the_cover_sheet_lists_printed_items_only_with_vietnamese_money_and_totals_equal_to_the_manifest(
    print_template, wards
):
    first = build_pack(campaign=print_template.campaign, formats=formats("ap-phich-a3"), units=wards)
    rows = manifest(open_pack(first.content))
    priced = Placement.objects.get(short_code=rows[0]["placement_code"])
    priced.quantity, priced.unit_cost_vnd = 150, 18_000
    priced.save()
    result = build_pack(
        campaign=print_template.campaign,
        formats=formats("ap-phich-a3", "slide-1920x1080", "kich-ban-loa"),
        units=wards,
        channel_choices={"kich-ban-loa": "loa-truyen-thanh", "slide-1920x1080": "bang-dien-tu"},
    )
    archive = open_pack(result.content)
    rows = manifest(archive)
    printed_quantity = sum(int(row["quantity"]) for row in rows if row["format"] == "ap-phich-a3")
    text = " ".join(PdfReader(io.BytesIO(archive.read("bia-cho-nha-in.pdf"))).pages[0].extract_text().split())
    assert "Áp-phích A3" in text
    assert "Slide" not in text and "Kịch bản" not in text  # screens and scripts are not the print shop's
    assert printed_quantity == 150 and "2.700.000 đ" in text  # 150 × 18.000
    assert "Tổng cộng 150 2.700.000 đ" in text
    assert "Cảnh báo: 1 mã có số lượng in bằng 0" in text
