from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """What worked: rollups, the dashboard, official figures, the monthly report."""

    name = "insights"
    verbose_name = "Hiệu quả"

    def ready(self) -> None:
        # Admin wiring of figures and airings (see insights/admin_hooks.py for why it is not in wagtail_hooks.py).
        from insights import admin_hooks  # noqa: F401
