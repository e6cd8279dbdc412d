from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "followup.imports"
    label = "imports"
