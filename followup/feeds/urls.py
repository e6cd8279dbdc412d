from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/", views.feed_settings, name="feed_settings"),
    path("settings/regenerate/", views.regenerate_feed, name="regenerate_feed"),
    path("settings/revoke/", views.revoke_feed, name="revoke_feed"),
    path("<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
