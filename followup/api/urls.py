from django.urls import URLPattern, URLResolver, path

from . import views
from .api import api
from .docs import docs_asset

urlpatterns: list[URLPattern | URLResolver] = [
    path("tokens/", views.tokens_page, name="api_tokens"),
    path("tokens/create/", views.create, name="api_token_create"),
    path("tokens/<int:token_id>/revoke/", views.revoke, name="api_token_revoke"),
    path("docs/assets/<str:name>", docs_asset, name="api_docs_asset"),
    path("", api.urls),
]
