from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """What worked: rollups, the dashboard, official figures, the monthly report."""

    name = "insights"
    verbose_name = "Hiệu quả"

    def ready(self) -> None:
        from insights import signals  # noqa: F401
