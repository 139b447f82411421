"""Tell a CDN in front of the site when a ward's help desk changes (pages are purged by Wagtail itself)."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from campaigns.caching import forget_rendered_pages
from campaigns.models import PublicService
from places.models import AdministrativeUnit, ServicePoint
from places.selectors import forget_unit_codes
from places.signals import service_points_imported


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


@receiver(page_published)
@receiver(page_unpublished)
@receiver([post_save, post_delete], sender=ServicePoint)
@receiver([post_save, post_delete], sender=PublicService)
def forget_rendered_pages_on_change(sender, **kwargs) -> None:
    forget_rendered_pages()


@receiver([post_save, post_delete], sender=AdministrativeUnit)
def forget_units_on_change(sender, **kwargs) -> None:
    # A new unit's `?xa=` must get its own kept page (campaigns/page_cache.py); a renamed one its new name.
    forget_unit_codes()
    forget_rendered_pages()


@receiver(post_delete)
def forget_rendered_pages_on_page_deletion(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_rendered_pages()


@receiver([post_save, post_delete], sender=ServicePoint)
def purge_ward_page(sender, instance: ServicePoint, **kwargs) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    purge_urls_from_cache(ward_page_urls(instance.unit.code))


@receiver(service_points_imported)
def service_points_imported_in_bulk(sender, points: list[ServicePoint], **kwargs) -> None:
    forget_rendered_pages()
    if not settings.WAGTAILFRONTENDCACHE:
        return
    codes = {point.unit.code for point in points}
    purge_urls_from_cache([url for code in sorted(codes) for url in ward_page_urls(code)])


def prefixed_variants(url: str, *, source_language: str) -> list[str]:
    """A Vietnamese page's URL under every other language's prefix, where it is served as a fallback."""
    base, _sep, path = url.partition("://")[2].partition("/")
    scheme = url.partition("://")[0]
    return [
        f"{scheme}://{base}/{language}/{path}" for language, _name in settings.LANGUAGES if language != source_language
    ]


@receiver(page_published)
@receiver(page_unpublished)
def purge_fallback_copies(sender, instance, **kwargs) -> None:
    """An untranslated page is served in Vietnamese under /en/, /km/…: those copies are purged with it."""
    if not settings.WAGTAILFRONTENDCACHE or instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    url = instance.get_full_url()
    if url:
        purge_urls_from_cache(prefixed_variants(url, source_language=settings.LANGUAGE_CODE))
