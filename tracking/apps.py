from django.apps import AppConfig


class TrackingConfig(AppConfig):
    """Where content is shown and who responds: channels, placements, codes, scans, conversions."""

    name = "tracking"
    verbose_name = "Mã QR và lượt quét"

    def ready(self) -> None:
        from tracking import signals  # noqa: F401
