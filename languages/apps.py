from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """The site's languages: which language a visitor is served, the switcher, the translation report."""

    name = "languages"
    verbose_name = "Ngôn ngữ"
