from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.inbox, name="mail_inbox"),
    path("sync/", views.sync_now, name="mail_sync"),
    path("<int:pk>/confirm/", views.confirm, name="mail_confirm"),
    path("<int:pk>/ignore/", views.ignore, name="mail_ignore"),
    path("settings/", views.mail_settings, name="mail_settings"),
    path("settings/auto-confirm/", views.auto_confirm, name="mail_auto_confirm"),
    path("settings/disconnect/", views.disconnect, name="mail_disconnect"),
]
