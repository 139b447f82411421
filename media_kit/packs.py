"""Print packs: every ward × format as a file, in a ZIP with a manifest and a cover sheet for the print shop.

A ward that cannot be rendered (missing data) does not sink the pack: it is listed with the reason.
Placements are created if missing (so re-running a pack gives the same codes) and count as printed.
"""

import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import csv_text
from core.fonts import FONT_FACES
from core.numbers import vn_money, vn_number
from core.text import ascii_slug
from media_kit.models import PrintFormat, PrintTemplate
from media_kit.preflight import Preflight, check_rendering, check_structure
from media_kit.public_address import refusal
from media_kit.rendering.context import MaterialError, material_for
from media_kit.rendering.pdf import render_png
from media_kit.rendering.qr import qr_modules
from media_kit.rendering.share import has_share_text, render_share_text
from places.models import AdministrativeUnit
from tracking.exports import scan_url
from tracking.models import Channel
from tracking.services import create_placement, units_for_channel

logger = logging.getLogger(__name__)

MANIFEST_HEADER = [
    "unit_code",
    "unit_name",
    "format",
    "channel",
    "spot",
    "placement_code",
    "url",
    "file_name",
    "share_text_file",
    "quantity",
    "unit_cost_vnd",
]


class PackError(Exception):
    """The pack as a whole cannot be made (no print template, a channel not chosen)."""


@dataclass
class PackResult:
    content: bytes = b""
    rows: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)
    # Per format: the preflight of its first file, or of a file that failed it.
    preflight: dict[str, dict] = field(default_factory=dict)


def channel_for(print_format: PrintFormat, choices: dict[str, str]) -> Channel:
    """The format's channel; a format that serves several (slide: LED or TV) needs the chosen one."""
    channels = list(print_format.channels.all())
    if len(channels) == 1:
        return channels[0]
    chosen = choices.get(print_format.slug)
    for channel in channels:
        if channel.slug == chosen:
            return channel
    names = ", ".join(channel.slug for channel in channels)
    raise PackError(f"Định dạng “{print_format.name}” dùng cho nhiều kênh ({names}): hãy chọn một kênh.")


def plan(*, formats: list[PrintFormat], units: list[AdministrativeUnit], channel_choices: dict[str, str]) -> list:
    items = []
    for print_format in formats:
        channel = channel_for(print_format, channel_choices)
        for unit in units_for_channel(units=units, channel=channel):
            items.append((unit, print_format, channel))
    return items


def render_checked(material, *, rendering_checks: dict) -> tuple[bytes, Preflight | None]:
    """The file and its preflight. The page's PDF is checked for every ward; the rasterised checks
    (bleed, zbar) once per format and template version, kept in `rendering_checks` for the pack."""
    output = material.print_format.output
    if not output.visual:
        return output.render(material), None
    pdf = output.render_pdf(material)
    report = check_structure(
        pdf,
        print_format=material.print_format,
        qr_modules=qr_modules(material.url),
        address=material.short_address,
        ward_name=material.unit_name,
    )
    key = (material.print_format.pk, material.template.pk, material.translation.pk if material.translation else None)
    if key not in rendering_checks:
        rendering_checks[key] = check_rendering(pdf, print_format=material.print_format, urls=material.urls)
    report.checks.extend(rendering_checks[key].checks)
    content = pdf if output.extension == "pdf" else render_png(material, pdf=pdf)
    return content, report


def folder_name(unit: AdministrativeUnit) -> str:
    """ "24133-phuong-buon-ma-thuot": ASCII, so that every print shop's computer opens it."""
    name = unit.codename.replace("_", "-") if unit.codename else ascii_slug(unit.name)
    return f"{unit.code}-{name or 'don-vi'}"


def build_pack(
    *,
    campaign,
    formats: list[PrintFormat],
    units: list[AdministrativeUnit],
    channel_choices: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PackResult:
    """Render every ward × format and zip them. Raises PackError only when nothing could be made."""
    if message := refusal():
        raise PackError(message)
    template = PrintTemplate.objects.filter(campaign=campaign).first()
    if template is None:
        raise PackError("Chiến dịch chưa có mẫu ấn phẩm: hãy tạo mẫu trước khi in.")
    items = plan(formats=formats, units=units, channel_choices=channel_choices or {})
    result = PackResult()
    rendering_checks: dict = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (unit, print_format, channel) in enumerate(items, start=1):
            # A sticker sheet carries one placement per spot (each its own code); other files one.
            placements = [
                create_placement(campaign=campaign, unit=unit, channel=channel, spot=spot)
                for spot in print_format.output.spots or ("",)
            ]
            placement = placements[0]
            try:
                material = material_for(
                    print_format=print_format,
                    template=template,
                    placement=placement,
                    stickers=tuple(placements) if print_format.output.spots else (),
                )
                content, report = render_checked(material, rendering_checks=rendering_checks)
                if report is not None:
                    result.preflight.setdefault(print_format.slug, report.as_dict())
                    if not report.ok:  # not delivered as ready: listed with what the print shop would refuse
                        result.preflight[print_format.slug] = report.as_dict()
                        raise MaterialError("Kiểm tra trước in không đạt: " + "; ".join(report.problems))
            except (MaterialError, OSError, ValueError) as error:
                logger.warning("Pack: %s / %s failed: %s", unit.code, print_format.slug, error)
                result.failures.append(
                    {"unit_code": unit.code, "unit_name": unit.name, "format": print_format.slug, "reason": str(error)}
                )
            else:
                name = f"{folder_name(unit)}/{print_format.slug}.{print_format.output.extension}"
                archive.writestr(name, content)
                share_name = ""
                if has_share_text(material):  # a phone cannot scan its own screen: the link, ready to paste
                    share_name = f"{folder_name(unit)}/{print_format.slug}-{channel.slug}.txt"
                    archive.writestr(share_name, render_share_text(material).encode("utf-8"))
                for printed in placements:  # a row per code: a sheet's spots each have theirs
                    if printed.printed_at is None:
                        printed.printed_at = timezone.now()
                        printed.save(update_fields=["printed_at"])
                    result.rows.append(
                        {
                            "unit_code": unit.code,
                            "unit_name": unit.name,
                            "format": print_format.slug,
                            "channel": channel.slug,
                            "spot": printed.spot,
                            "placement_code": printed.numeric_code or printed.short_code,
                            "url": scan_url(printed.short_code),
                            "file_name": name,
                            "share_text_file": share_name,
                            "quantity": printed.quantity,
                            "unit_cost_vnd": printed.unit_cost_vnd,
                        }
                    )
            if progress is not None:
                progress(number, len(items))
        warn_zero_quantities(result)
        archive.writestr("manifest.csv", manifest_csv(result.rows))
        if result.failures:
            archive.writestr("loi.csv", failures_csv(result.failures))
        archive.writestr(
            "bia-cho-nha-in.pdf", cover_sheet(campaign=campaign, rows=result.rows, failures=result.failures)
        )
    result.content = buffer.getvalue()
    return result


def zero_quantity_rows(rows: list[dict]) -> list[dict]:
    """Printed items whose placement has no quantity: the print shop would not know how many to print."""
    printed = {fmt.slug for fmt in PrintFormat.objects.all() if fmt.is_printed}
    return [row for row in rows if row["format"] in printed and not row["quantity"]]


def warn_zero_quantities(result: PackResult) -> None:
    """In the pack report, beside each format's preflight: a warning per format with quantities of 0."""
    formats = {fmt.slug: fmt for fmt in PrintFormat.objects.all()}
    by_format: dict[str, list[dict]] = {}
    for row in zero_quantity_rows(result.rows):
        by_format.setdefault(row["format"], []).append(row)
    for slug, rows in by_format.items():
        names = sorted({row["unit_name"] for row in rows})
        detail = _("%(format)s: %(count)s mã có số lượng in bằng 0 (%(units)s); hãy ghi số lượng ở điểm đặt.") % {
            "format": formats[slug].name,
            "count": vn_number(len(rows)),
            "units": ", ".join(names[:20]) + ("…" if len(names) > 20 else ""),
        }
        report = result.preflight.setdefault(slug, {"ok": True, "checks": []})
        report["checks"].append({"name": _("Số lượng in"), "ok": False, "warning": True, "detail": detail})


def manifest_csv(rows: list[dict]) -> str:
    return csv_text(header=MANIFEST_HEADER, rows=([row.get(key, "") for key in MANIFEST_HEADER] for row in rows))


FAILURES_HEADER = ["unit_code", "unit_name", "format", "reason"]


def failures_csv(failures: list[dict]) -> str:
    return csv_text(header=FAILURES_HEADER, rows=([row.get(key, "") for key in FAILURES_HEADER] for row in failures))


def cover_sheet(*, campaign, rows: list[dict], failures: list[dict]) -> bytes:
    """Sizes, quantities, unit costs and the total, for the print shop: printed items only (slides and
    scripts are not the print shop's), money written the Vietnamese way, a quantity of 0 flagged."""
    formats = {fmt.slug: fmt for fmt in PrintFormat.objects.all()}
    lines = {}
    for row in rows:
        print_format = formats[row["format"]]
        if not print_format.is_printed:
            continue
        line = lines.setdefault(row["format"], {"format": print_format, "files": set(), "quantity": 0, "cost": 0})
        line["files"].add(row["file_name"])
        line["quantity"] += row["quantity"]
        line["cost"] += row["quantity"] * row["unit_cost_vnd"]
    for line in lines.values():
        line["files"] = len(line["files"])  # a sticker sheet is one file with a row per code
        line["quantity_text"] = vn_number(line["quantity"])
        line["cost_text"] = vn_money(line["cost"])
    unset = zero_quantity_rows(rows)
    # Per ward, per format, the sheet's spots: "Phường Ea Kao: Áp-phích A3; Tờ nhãn dán A4 – Bàn Một cửa, Bảng tin".
    spots_by_unit: dict[str, dict[str, list[str]]] = {}
    for row in unset:
        spots = spots_by_unit.setdefault(row["unit_name"], {}).setdefault(formats[row["format"]].name, [])
        if row.get("spot"):
            spots.append(row["spot"])
    unset_by_unit = {
        unit_name: [f"{name} – {', '.join(spots)}" if spots else name for name, spots in by_format.items()]
        for unit_name, by_format in spots_by_unit.items()
    }
    html = render_to_string(
        "media_kit/print/cover_sheet.html",
        {
            "campaign": campaign,
            "lines": list(lines.values()),
            "total_quantity": vn_number(sum(line["quantity"] for line in lines.values())),
            "total_cost": vn_money(sum(line["cost"] for line in lines.values())),
            "unset": unset,
            "unset_by_unit": sorted(unset_by_unit.items()),
            "failures": failures,
            "generated_at": timezone.localtime(),
            "font_faces": FONT_FACES,
        },
    )
    from weasyprint import HTML  # not at the top: see media_kit/rendering/pdf.py

    return HTML(string=html).write_pdf()
