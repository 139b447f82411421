from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers with no domain: text, numbers and dates, print fonts, exports, periodic jobs."""

    name = "core"
    verbose_name = "Loa: nền tảng chung"

    def ready(self) -> None:
        from core.periodic import autodiscover_periodic_jobs

        autodiscover_periodic_jobs()
