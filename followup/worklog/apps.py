from django.apps import AppConfig


class WorklogConfig(AppConfig):
    name = "followup.worklog"
    label = "worklog"
