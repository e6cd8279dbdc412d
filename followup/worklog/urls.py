from django.urls import URLPattern, URLResolver, path, re_path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.worklog, name="worklog"),
    path("minimum/", views.minimum, name="worklog_minimum"),
    re_path(r"^(?P<week>[^/]+)\.(?P<fmt>csv|html|pdf)$", views.download, name="worklog_download"),
]
