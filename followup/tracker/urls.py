"""URLs of the tracker: each views module lists its own (`urls`)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from .views import application, applications, editing, settings_page, today

urlpatterns: list[URLPattern | URLResolver] = [
    *today.urls,
    *editing.urls,
    *applications.urls,
    *settings_page.urls,
    *application.urls,
]
