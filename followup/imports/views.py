"""The import page: upload a spreadsheet, check the columns and the preview, import.

The uploaded text is kept in the session between the preview and the import (it
never leaves the server again), so the confirming form only carries the choices.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from ..tracker import services
from ..tracker.views.common import render_page, user_of
from .csvmap import (
    FIELDS,
    PRESETS,
    Converted,
    CsvImportError,
    Options,
    convert,
    decode,
    describe_events,
    read_table,
)
from .services import check_size, import_converted

SESSION_KEY = "imports.upload"
PREVIEW_ROWS = 100


class OptionsForm(forms.Form):
    file = forms.FileField(required=False, label="Spreadsheet (CSV) or career-ops applications.md")
    preset = forms.ChoiceField(
        required=False,
        label="Exported from",
        choices=[("", "Another spreadsheet (columns detected from their names)")]
        + [(p.name, p.title) for p in PRESETS.values()],
    )
    date_format = forms.ChoiceField(
        required=False,
        label="Dates are written",
        choices=[
            ("", "Detect from the file"),
            ("DD/MM/YYYY", "Day first (31/12/2026)"),
            ("MM/DD/YYYY", "Month first (12/31/2026)"),
        ],
    )
    unknown_status = forms.ChoiceField(
        required=False,
        label="A status we don't know",
        choices=[
            ("", "Stop and list the rows"),
            ("applied", "Count it as applied"),
            ("saved", "Count it as saved"),
        ],
    )
    replace = forms.BooleanField(
        required=False,
        label="Replace applications imported before",
        help_text="Ids are made from company and role: rows you imported earlier replace their old versions.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def csv_import(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        request.session.pop(SESSION_KEY, None)
        return _page(request, OptionsForm())
    form = OptionsForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        text, fresh = _upload_text(request, form)
    except CsvImportError as error:
        return _page(request, form, problems=error.problems, status=422)
    options = Options(
        preset=form.cleaned_data["preset"] or None,
        overrides={} if fresh else _overrides(request),
        date_format=form.cleaned_data["date_format"] or None,
        unknown_status=form.cleaned_data["unknown_status"] or None,
    )
    try:
        converted = convert(text, options)
    except CsvImportError as error:
        return _page(request, form, text=text, problems=error.problems, status=422)
    if request.POST.get("action") != "import" or fresh:
        return _page(request, form, text=text, converted=converted)
    return _import(request, form, text, converted)


def _import(
    request: HttpRequest, form: OptionsForm, text: str, converted: Converted
) -> HttpResponse:
    try:
        ids = import_converted(user_of(request), converted, form.cleaned_data["replace"])
    except services.ServiceError as error:
        return _page(
            request, form, text=text, converted=converted, problems=error.problems, status=422
        )
    request.session.pop(SESSION_KEY, None)
    messages.success(request, f"Imported {len(ids)} application{'s' if len(ids) != 1 else ''}.")
    return redirect("board")


def _upload_text(request: HttpRequest, form: OptionsForm) -> tuple[str, bool]:
    """The file's text and whether it was just uploaded (else: kept from the preview)."""
    upload = form.cleaned_data["file"]
    if upload is None:
        kept = request.session.get(SESSION_KEY)
        if not kept:
            raise CsvImportError(["choose the file to import"])
        return str(kept), False
    check_size(upload.size)
    text = decode(upload.read())
    request.session[SESSION_KEY] = text
    return text, True


def _overrides(request: HttpRequest) -> dict[str, str]:
    """The mapping the preview's selects chose (an empty choice leaves a field out)."""
    return {name: request.POST[f"map_{name}"] for name in FIELDS if f"map_{name}" in request.POST}


# The import's messages name the command line's options; on this page the same choices
# are the form's fields.
COLUMNS = "choose its column under “Check and import”"
DATES = "say which under “Dates are written”"
ON_THE_PAGE = (
    (re.compile(r"name it with --map \w+=COLUMN"), COLUMNS),
    (re.compile(r"say which with --date-format( DD/MM/YYYY or --date-format MM/DD/YYYY)?"), DATES),
    (
        re.compile(
            r"use --map to pick another column, or --unknown-status applied to treat it as applied"
        ),
        "pick another column under “Check and import”, or “Count it as applied” "
        "under “A status we don't know”",
    ),
)


def for_the_page(problem: str) -> str:
    for pattern, words in ON_THE_PAGE:
        problem = pattern.sub(words, problem)
    return problem


def _page(
    request: HttpRequest,
    form: OptionsForm,
    text: str | None = None,
    converted: Converted | None = None,
    problems: tuple[str, ...] = (),
    status: int = 200,
) -> HttpResponse:
    problems = tuple(for_the_page(problem) for problem in problems)
    context: dict[str, Any] = {"form": form, "problems": problems, "converted": converted}
    if text is not None:
        try:
            headers = [h for h in read_table(text).headers if h]
        except CsvImportError:
            headers = []
        mapping = converted.mapping if converted else _overrides(request)
        context["headers"] = headers
        context["fields"] = [
            {"name": name, "label": label, "column": mapping.get(name, "")}
            for name, label in FIELDS.items()
        ]
    if converted is not None:
        shown = zip(converted.rows, converted.applications, converted.stages, strict=True)
        context["preview"] = [
            {"row": row, "app": app, "stage": stage, "events": describe_events(app["events"])}
            for row, app, stage in list(shown)[:PREVIEW_ROWS]
        ]
        context["more"] = max(0, len(converted.applications) - PREVIEW_ROWS)
    return render_page(request, "imports/page.html", context, status=status)
