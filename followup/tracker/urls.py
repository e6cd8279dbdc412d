"""URLs of the tracker: each views module lists its own (`urls`)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []

# Each page module appends its patterns here when it exists; see views/__init__.py.
for _module in ("today", "applications", "settings_page", "application"):
    try:
        _views = __import__(f"followup.tracker.views.{_module}", fromlist=["urls"])
    except ModuleNotFoundError as error:
        if error.name != f"followup.tracker.views.{_module}":
            raise
        continue
    urlpatterns += _views.urls
