from django.urls import URLPattern, URLResolver

from .views import urlpatterns as pages

urlpatterns: list[URLPattern | URLResolver] = [*pages]
