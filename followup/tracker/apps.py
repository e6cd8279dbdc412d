from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "followup.tracker"
    label = "tracker"
    verbose_name = "followup tracker"
