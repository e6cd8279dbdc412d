from django.apps import AppConfig


class DigestConfig(AppConfig):
    name = "followup.digest"
    label = "digest"
