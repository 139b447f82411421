from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search, accent-insensitive for Vietnamese."""

    name = "search"
    verbose_name = "Tìm kiếm"
