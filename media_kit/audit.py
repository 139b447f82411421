"""Pack requests and generations in Wagtail's log (actions registered in media_kit/wagtail_hooks.py)."""

from media_kit.models import Pack

PACK_REQUESTED = "media_kit.pack_requested"
PACK_GENERATED = "media_kit.pack_generated"
PACK_FAILED = "media_kit.pack_failed"


def pack_data(pack: Pack) -> dict:
    """What an entry says on its own: which campaign, which wards, who asked."""
    codes = [code for code in pack.unit_codes.split(",") if code]
    return {
        "pack_id": pack.pk,
        "campaign": pack.campaign.title,
        "unit_count": len(codes),
        "unit_codes": codes[:50],
        "requested_by": pack.requested_by.get_username() if pack.requested_by else None,
    }
