from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    """Site search, accent-insensitive for Vietnamese."""

    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from campaigns.models import PublicService
        from search.models import PinnedSearchResult, SearchSynonym
        from search.versioning import bump_search_version

        for signal in (page_published, page_unpublished):
            signal.connect(bump_search_version, dispatch_uid=f"search_version_{signal}")
        for model in (SearchSynonym, PinnedSearchResult, PublicService):
            for signal in (post_save, post_delete):
                signal.connect(bump_search_version, sender=model, dispatch_uid=f"search_version_{model.__name__}")
