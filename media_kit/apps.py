from django.apps import AppConfig


class MediaKitConfig(AppConfig):
    """What gets printed or broadcast: formats, templates, per-ward PDFs and packs."""

    name = "media_kit"
    verbose_name = "Bộ ấn phẩm"
