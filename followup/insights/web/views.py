"""The insights page: the figures as charts, each with its numbers behind a disclosure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...tracker.views.common import as_of, render_page, user_of
from ..charts import charts_of
from ..text import headline
from .services import insights_for


@login_required
@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    found = insights_for(user_of(request), as_of(request))
    return render_page(
        request,
        "insights/page.html",
        {"found": found, "charts": charts_of(found), "headline": headline(found)},
    )
