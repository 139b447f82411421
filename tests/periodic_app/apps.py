from django.apps import AppConfig


class PeriodicAppConfig(AppConfig):
    name = "tests.periodic_app"
    label = "periodic_app"
