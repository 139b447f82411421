"""The placement register's "đã treo": on which day a placement went up, who says so, and an optional photo.

The installation day is when a printed or in-person channel starts to count as exposure for the ward
(insights.impact). The photo is re-encoded without its EXIF block (phones write the GPS position, the
phone's model and the time there) before it is stored as a Wagtail image.
"""

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.log_actions import log

from tracking.models import Placement

PHOTO_MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo; larger files are refused before decoding
PHOTO_MAX_SIDE = 2000  # kept photos are scaled down to this: proof, not print


class InstallationError(ValueError):
    """A photo that cannot be kept (not an image, too large)."""


def photo_without_exif(upload) -> tuple[bytes, str]:
    """The upload re-encoded as JPEG without metadata, turned upright and at most PHOTO_MAX_SIDE pixels wide."""
    try:
        with Image.open(upload) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise InstallationError(_("Ảnh quá lớn (tối đa 40 triệu điểm ảnh)."))
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise InstallationError(_("Tệp tải lên không phải là ảnh JPEG hoặc PNG đọc được.")) from error
    upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    buffer = io.BytesIO()
    upright.save(buffer, format="JPEG", quality=85)  # no exif= argument: nothing of the original's metadata
    return buffer.getvalue(), "jpg"


@transaction.atomic
def record_installation(*, placement: Placement, installed_on: dt.date, user, photo=None) -> Placement:
    """Record that a placement went up on `installed_on`, by whom, with an optional photo (EXIF stripped)."""
    if installed_on > timezone.localdate():
        raise InstallationError(_("Ngày treo không thể ở tương lai."))
    if photo is not None:
        content, extension = photo_without_exif(photo)
        image_model = get_image_model()
        image = image_model(
            title=_("Ảnh treo mã %(code)s") % {"code": placement.short_code},
            file=ImageFile(io.BytesIO(content), name=f"da-treo-{placement.short_code.lower()}.{extension}"),
            uploaded_by_user=user,
        )
        image.save()
        placement.proof_photo = image
    placement.installed_on = installed_on
    placement.installed_by = user
    placement.save(update_fields=["installed_on", "installed_by", "proof_photo"])
    log(instance=placement, action="tracking.installed", user=user, data={"installed_on": installed_on.isoformat()})
    return placement
