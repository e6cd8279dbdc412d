from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "followup.feeds"
    label = "feeds"
