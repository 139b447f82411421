"""Keep the cached code → target map true: forget codes when a placement or a page it leads to changes."""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from tracking.models import Placement
from tracking.selectors import forget_codes


@receiver([post_save, post_delete], sender=Placement)
def forget_placement_codes(sender, instance: Placement, **kwargs) -> None:
    forget_codes(instance.short_code, instance.numeric_code)
    cache.delete("tracking:app-codes")


def forget_codes_leading_to(page_id: int) -> None:
    placements = Placement.objects.filter(
        Q(target_page_id=page_id) | Q(campaign_id=page_id) | Q(campaign__fallback_page_id=page_id)
    ).values_list("short_code", "numeric_code")
    forget_codes(*(code for pair in placements for code in pair))


@receiver(page_published)
@receiver(page_unpublished)
def forget_codes_of_changed_page(sender, instance, **kwargs) -> None:
    forget_codes_leading_to(instance.pk)


@receiver(post_delete)
def forget_codes_of_deleted_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_codes_leading_to(instance.pk)
