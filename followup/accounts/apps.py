from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "followup.accounts"
    label = "accounts"
    verbose_name = "followup accounts"
