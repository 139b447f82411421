"""Keep the cached code → target map true: forget codes when a placement or a page it leads to changes."""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from places.models import AdministrativeUnit
from tracking.models import Placement
from tracking.selectors import forget_codes


@receiver([post_save, post_delete], sender=Placement)
def forget_placement_codes(sender, instance: Placement, **kwargs) -> None:
    forget_codes(instance.short_code, instance.numeric_code)
    cache.delete("tracking:app-codes")


def forget_codes_leading_to(page_id: int, *, translation_key=None) -> None:
    # A code's cached target lists the live translations of its page: publishing, unpublishing or
    # deleting any translation changes where the code leads.
    pages = Q(pk=page_id)
    if translation_key is not None:
        pages |= Q(translation_key=translation_key)
    page_ids = {page_id, *Page.objects.filter(pages).values_list("pk", flat=True)}
    placements = Placement.objects.filter(
        Q(target_page_id__in=page_ids) | Q(campaign_id__in=page_ids) | Q(campaign__fallback_page_id__in=page_ids)
    ).values_list("short_code", "numeric_code")
    forget_codes(*(code for pair in placements for code in pair))


@receiver(page_published)
@receiver(page_unpublished)
def forget_codes_of_changed_page(sender, instance, **kwargs) -> None:
    forget_codes_leading_to(instance.pk, translation_key=instance.translation_key)


@receiver(post_delete)
def forget_codes_of_deleted_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_codes_leading_to(instance.pk, translation_key=instance.translation_key)


@receiver(post_save, sender=AdministrativeUnit)
def forget_codes_of_unit(sender, instance: AdministrativeUnit, **kwargs) -> None:
    # The unit's default language decides which translation its codes lead to.
    codes = Placement.objects.filter(unit=instance).values_list("short_code", "numeric_code")
    forget_codes(*(code for pair in codes for code in pair))
