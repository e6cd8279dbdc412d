"""The work-search log page (Settings/Reports), its minimum, and its downloads."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..tracker import services
from ..tracker.views.common import render_page, user_of
from . import formats, report
from .models import MAX_WEEKLY_MINIMUM


class MinimumForm(forms.Form):
    weekly_minimum = forms.IntegerField(
        min_value=0,
        max_value=MAX_WEEKLY_MINIMUM,
        label="Contacts your claim needs each week",
        help_text="Your unemployment office says how many; 0 if it sets no number.",
    )


def _page(
    request: HttpRequest, week: str, form: MinimumForm | None = None, status: int = 200
) -> HttpResponse:
    user = user_of(request)
    context: dict[str, Any] = {"week": week, "columns": report.COLUMNS, "log": None}
    try:
        context["log"] = report.week_rows(user, week, upto=services.today_for(user))
    except report.WeekOutOfRange:
        raise Http404("No such week") from None
    except report.InvalidWeek as error:
        context["week_error"], status = error.problems[0], 422
    context["minimum_form"] = form or MinimumForm(
        initial={"weekly_minimum": report.weekly_minimum(user)}
    )
    return render_page(request, "worklog/page.html", context, status=status)


@login_required
@require_GET
def worklog(request: HttpRequest) -> HttpResponse:
    week = request.GET.get("week") or report.week_of(services.today_for(user_of(request)))
    return _page(request, week)


@login_required
@require_POST
def minimum(request: HttpRequest) -> HttpResponse:
    form = MinimumForm(request.POST)
    week = request.POST.get("week") or report.week_of(services.today_for(user_of(request)))
    if not form.is_valid():
        return _page(request, week, form, status=422)
    report.set_weekly_minimum(user_of(request), form.cleaned_data["weekly_minimum"])
    return redirect(f"{reverse('worklog')}?{urlencode({'week': week})}#minimum")


@login_required
@require_GET
def download(request: HttpRequest, week: str, fmt: str) -> HttpResponse:
    """The week as CSV, printable HTML or PDF; a malformed week is a missing page."""
    try:
        user = user_of(request)
        log = report.week_rows(user, week, upto=services.today_for(user))
    except report.InvalidWeek:
        raise Http404("No such week") from None
    if fmt == "csv":
        # The byte-order mark tells spreadsheet programs the file is UTF-8 (names
        # like Tomás would come out garbled otherwise).
        body: str | bytes = "\ufeff" + formats.to_csv(log)
    elif fmt == "html":
        body = formats.to_html(log)
    else:
        body = formats.to_pdf(log)
    response = HttpResponse(body, content_type=formats.CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="work-search-{log.week}.{fmt}"'
    return response
