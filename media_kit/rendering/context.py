"""Everything one ward's copy of one format says, gathered once for every renderer."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from media_kit.models import PrintFormat, PrintTemplate, PrintTemplateTranslation
from places.selectors import HelpDesk, help_desk_for_code
from tracking.exports import scan_url
from tracking.models import Placement


class MaterialError(Exception):
    """A ward's material cannot be made (missing data, a layout that would print the code too small)."""


@dataclass(frozen=True)
class Material:
    print_format: PrintFormat
    template: PrintTemplate
    placement: Placement
    help_desk: HelpDesk | None
    url: str
    # The ward's language, printed after the Vietnamese when the template has a translation into it.
    translation: PrintTemplateTranslation | None = None
    # A sheet of stickers: one placement per spot (desk, door, parking), each with its own code.
    stickers: tuple[Placement, ...] = ()

    @property
    def short_address(self) -> str:
        """The address to type, without the scheme: "loa.example.vn/q/AB3XK7"."""
        parts = urlsplit(self.url)
        return f"{parts.netloc}{parts.path}"

    @property
    def sticker_codes(self) -> list[tuple[str, str]]:
        """(spot, address) of every sticker; a preview without saved placements repeats the ward's code."""
        if self.stickers:
            return [(sticker.spot, scan_url(sticker.short_code)) for sticker in self.stickers]
        return [(spot, self.url) for spot in self.print_format.output.spots]

    @property
    def urls(self) -> list[str]:
        """Every address the file encodes: the stickers' on a sheet, else the one code's."""
        return sorted({url for _spot, url in self.sticker_codes}) or [self.url]

    @property
    def unit_name(self) -> str:
        return self.placement.unit.name


def material_for(
    *, print_format: PrintFormat, template: PrintTemplate, placement: Placement, stickers: tuple[Placement, ...] = ()
) -> Material:
    if not template.headline.strip():
        raise MaterialError(_("Mẫu ấn phẩm chưa có tiêu đề."))
    return Material(
        print_format=print_format,
        template=template,
        placement=placement,
        help_desk=help_desk_for_code(placement.unit.code),
        url=scan_url(placement.short_code),
        translation=template.translation_for(placement.unit.default_language),
        stickers=stickers,
    )
