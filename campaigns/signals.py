"""Tell a CDN in front of the site when a ward's help desk changes (pages are purged by Wagtail itself)."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from places.models import ServicePoint


def ward_page_urls(unit_code: str) -> list[str]:
    """/xa/<code>/ in every interface language, as absolute URLs on the admin's base address."""
    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                path = reverse("ward_help_desk", kwargs={"code": unit_code})
            except NoReverseMatch:
                continue
        urls.append(f"{settings.WAGTAILADMIN_BASE_URL}{path}")
    return list(dict.fromkeys(urls))


@receiver([post_save, post_delete], sender=ServicePoint)
def purge_ward_page(sender, instance: ServicePoint, **kwargs) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    purge_urls_from_cache(ward_page_urls(instance.unit.code))
