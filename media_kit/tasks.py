import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from wagtail.log_actions import log

from media_kit.audit import PACK_FAILED, PACK_GENERATED, pack_data
from media_kit.models import Pack, PackStatus
from media_kit.packs import PackError, build_pack
from places.models import AdministrativeUnit

logger = logging.getLogger(__name__)

# The media storage (a disk, or S3-compatible object storage through boto3) did not answer.
# botocore's errors (EndpointConnectionError, a refused request…) are not OSErrors.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


def failure_message(error: Exception) -> str:
    """What the pack page shows: a PackError says what is wrong; a storage error asks to try again."""
    if isinstance(error, PackError):
        return str(error)
    logger.warning("Pack: the media storage did not answer: %s", error)
    return _("Kho lưu trữ tệp không phản hồi nên chưa lưu được bộ ấn phẩm. Vui lòng bấm “Thử lại” sau ít phút.")


@task()
def generate_pack(pack_id: int) -> str:
    """Render a pack in the background, moving its progress bar ward by ward, and tell the requester."""
    pack = Pack.objects.select_related("campaign", "requested_by").get(pk=pack_id)
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        Pack.objects.filter(pk=pack.pk).update(done=done, total=total)

    units = list(AdministrativeUnit.objects.filter(code__in=pack.unit_codes.split(",")))
    try:
        result = build_pack(
            campaign=pack.campaign.specific,
            formats=list(pack.formats.all()),
            units=units,
            channel_choices=pack.channel_choices,
            progress=progress,
        )
    except (PackError, *STORAGE_ERRORS) as error:
        # A storage error: the pack is marked failed and can be retried from its page.
        return fail(pack, error)
    pack.refresh_from_db()
    pack.failures = result.failures
    pack.preflight = result.preflight
    try:
        pack.file.save(f"bo-an-pham-{pack.pk}.zip", ContentFile(result.content), save=False)
    except STORAGE_ERRORS as error:
        # Never left RUNNING when the storage is away: failed, with a message, and retryable.
        return fail(pack, error)
    pack.error = ""
    pack.status = PackStatus.DONE
    pack.finished_at = timezone.now()
    pack.save()
    log(
        instance=pack,
        action=PACK_GENERATED,
        user=pack.requested_by,
        data={**pack_data(pack), "files": len(result.rows), "failures": len(result.failures)},
    )
    with override(settings.LANGUAGE_CODE):
        files = _("%(count)s tệp") % {"count": len(result.rows)}
        if result.failures:
            files += _(", %(count)s chưa tạo được") % {"count": len(result.failures)}
        tell_requester(
            pack,
            subject=_("Bộ ấn phẩm đã sẵn sàng: %(campaign)s") % {"campaign": pack.campaign.title},
            body=_("Bộ ấn phẩm số %(number)s (%(files)s) đã sẵn sàng.\nTải về tại: %(url)s")
            % {"number": pack.pk, "files": files, "url": pack_url(pack)},
        )
    return PackStatus.DONE


def pack_url(pack: Pack) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("media_kit_pack", args=[pack.pk])


def tell_requester(pack: Pack, *, subject: str, body: str) -> None:
    """An email to whoever asked for the pack, when they have an address."""
    if pack.requested_by and pack.requested_by.email:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[pack.requested_by.email])


def fail(pack: Pack, error: Exception) -> str:
    """Mark the pack failed (retryable from its page), log it and tell the requester what failed and what to do."""
    with override(settings.LANGUAGE_CODE):
        message = failure_message(error)
        Pack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error=message, finished_at=timezone.now())
        log(instance=pack, action=PACK_FAILED, user=pack.requested_by, data={**pack_data(pack), "error": str(error)})
        tell_requester(
            pack,
            subject=_("Chưa tạo được bộ ấn phẩm: %(campaign)s") % {"campaign": pack.campaign.title},
            body=_(
                "Bộ ấn phẩm số %(number)s chưa tạo được.\n"
                "Lý do: %(reason)s\n"
                "Cách xử lý: mở trang bộ ấn phẩm, sửa điều được nêu (nếu có) rồi bấm “Thử lại”; "
                "nếu vẫn không được, hãy báo quản trị viên.\n"
                "Trang bộ ấn phẩm: %(url)s"
            )
            % {"number": pack.pk, "reason": message, "url": pack_url(pack)},
        )
    return PackStatus.FAILED
