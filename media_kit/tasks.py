from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from media_kit.models import Pack, PackStatus
from media_kit.packs import PackError, build_pack
from places.models import AdministrativeUnit


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
    except (PackError, OSError) as error:
        # OSError: the storage did not answer; the pack can be requested again.
        Pack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error=str(error), finished_at=timezone.now())
        return PackStatus.FAILED
    pack.refresh_from_db()
    pack.failures = result.failures
    pack.file.save(f"bo-an-pham-{pack.pk}.zip", ContentFile(result.content), save=False)
    pack.status = PackStatus.DONE
    pack.finished_at = timezone.now()
    pack.save()
    if pack.requested_by and pack.requested_by.email:
        send_mail(
            subject=f"Bộ ấn phẩm đã sẵn sàng: {pack.campaign.title}",
            message=(
                f"Bộ ấn phẩm số {pack.pk} ({len(result.rows)} tệp"
                f"{f', {len(result.failures)} chưa tạo được' if result.failures else ''}) đã sẵn sàng.\n"
                f"Tải về tại: {settings.WAGTAILADMIN_BASE_URL}/admin/media-kit/packs/{pack.pk}/"
            ),
            from_email=None,
            recipient_list=[pack.requested_by.email],
        )
    return PackStatus.DONE
