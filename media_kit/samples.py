"""One sample picture per format for the pack form: a ward's real page, rasterised small, kept in the cache.

The picture comes from the same renderer as the pack (a sample code that no placement carries, so nothing is
created before the official asks for the pack), cropped to the trim so that it shows what the ward hangs, and
reduced to a palette so that it stays small. It is cached under everything the picture depends on (the format,
the template and its translation, logos and image, the ward and its help desk, the printed address, the
renderer's own code): the same request is rendered once, and any change to what would be printed makes a new key.
"""

import hashlib
import io
from functools import cache
from pathlib import Path

import pypdfium2
from django.core.cache import cache as django_cache
from django.forms.models import model_to_dict
from PIL import Image

from media_kit.models import PrintFormat, PrintTemplate
from media_kit.rendering.context import Material, material_for
from places.models import AdministrativeUnit
from tracking.models import Channel, Placement

SAMPLE_CODE = "XEMTHU"  # never issued: it has no placement, so a scanned sample leads nowhere
SAMPLE_LONG_SIDE_PX = 560
SAMPLE_COLOURS = 96  # a poster's flat colours and anti-aliased letters survive a palette of this size
SAMPLE_SECONDS = 7 * 24 * 3600  # the key changes with what is printed; the time only frees the cache


@cache
def renderer_version() -> str:
    """A digest of the renderer's code and templates: a deploy that changes a layout makes new samples."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for folder in (root / "rendering", root / "templates" / "media_kit" / "print"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".svg"}:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sample_material(*, template: PrintTemplate, print_format: PrintFormat, unit: AdministrativeUnit) -> Material:
    channel = print_format.channels.first() or Channel(name="", slug="")
    placement = Placement(campaign=template.campaign, unit=unit, channel=channel, short_code=SAMPLE_CODE)
    return material_for(print_format=print_format, template=template, placement=placement)


def sample_key(material: Material) -> str:
    """The cache key: a digest of everything the picture shows."""
    template, translation = material.template, material.translation
    desk = material.help_desk
    parts = [
        renderer_version(),
        model_to_dict(material.print_format, exclude=["channels"]),
        model_to_dict(template),
        template.image.file.name if template.image_id else "",
        [(logo.image_id, logo.image.file.name) for logo in template.logos.select_related("image")],
        model_to_dict(translation) if translation else None,
        (material.unit_name, material.placement.unit.code, material.url),
        [model_to_dict(point) for point in desk.service_points] if desk else None,
    ]
    return "media_kit:sample:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def rasterise_trim(pdf: bytes, *, long_side_px: int = SAMPLE_LONG_SIDE_PX) -> bytes:
    """The first page inside its TrimBox (no bleed, no crop marks), as a small palette PNG."""
    page = pypdfium2.PdfDocument(pdf)[0]
    media = page.get_mediabox()
    trim = page.get_trimbox()
    crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    image = page.render(scale=long_side_px / max(width, height), crop=crop).to_pil().convert("RGB")
    small = image.quantize(colors=SAMPLE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def sample_png(*, template: PrintTemplate, print_format: PrintFormat, unit: AdministrativeUnit) -> bytes:
    """The sample picture of one format for one ward, rendered once per version of what it shows.

    Raises MaterialError when the template cannot be laid out (the view says why)."""
    material = sample_material(template=template, print_format=print_format, unit=unit)
    key = sample_key(material)
    png = django_cache.get(key)
    if png is None:
        png = rasterise_trim(print_format.output.render_pdf(material))
        django_cache.set(key, png, SAMPLE_SECONDS)
    return png
