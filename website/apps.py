from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The project itself, installed as an app for its templates, static files and commands."""

    name = "website"
    verbose_name = "Loa"
