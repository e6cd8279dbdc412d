"""The interactive API docs, served from this server: no CDN.

django-ninja ships Swagger UI's files inside its package, but only renders its
local-files template when "ninja" is an installed Django app (otherwise it loads
Swagger UI from a CDN). Rather than install it as an app, we render our own page and
serve those few files straight from the installed package, read-only and by name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

NINJA_STATIC = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
}


class LocalSwagger(DocsBase):
    """Swagger UI with its files from /api/docs/assets/."""

    settings: ClassVar[dict[str, Any]] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        # Swagger UI would otherwise send the schema to an online validator.
        "validatorUrl": None,
        "persistAuthorization": False,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "api": api,
            "swagger_settings": json.dumps(settings, indent=1),
            "css": reverse("api_docs_asset", args=["swagger-ui.css"]),
            "bundle": reverse("api_docs_asset", args=["swagger-ui-bundle.js"]),
            "init": reverse("api_docs_asset", args=["swagger-ui-init.js"]),
        }
        return render(request, "api/docs.html", context)


@require_GET
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404("No such file")
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
