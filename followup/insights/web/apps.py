from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "followup.insights.web"
    label = "insights"
    verbose_name = "Insights"
