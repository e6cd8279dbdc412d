"""Imports from spreadsheets and other trackers: the pure converter (`csvmap`), the
bulk import service, `followup import-csv`, and the import page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from followup.cli import main
from followup.imports import csvmap
from followup.imports.csvmap import CsvImportError, Options, convert, detect_mapping
from followup.planner.demo import demo_data
from followup.tracker import services
from followup.tracker.models import Application, Event

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
AS_OF = date(2026, 11, 18)


def events_of(converted: csvmap.Converted) -> dict[str, list[tuple[str, str, str]]]:
    """{company: [(type, at, kind or reason), ...]} of a converted file."""
    return {
        app["company"]: [
            (e["type"], e["at"], e.get("kind") or e.get("reason") or "") for e in app["events"]
        ]
        for app in converted.applications
    }


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8-sig")


def one_row(header: str, row: str, **options: Any) -> dict[str, Any]:
    return convert(f"{header}\n{row}\n", Options(**options)).applications[0]


# Detecting the columns -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Company", "Job Title", "Status", "Date Applied", "URL", "Notes", "Salary"],
            {
                "company": "Company",
                "role": "Job Title",
                "status": "Status",
                "applied": "Date Applied",
                "url": "URL",
                "notes": "Notes",
                "salary": "Salary",
            },
        ),
        (
            ["Employer", "Position", "Stage", "Applied on", "Link", "Contact Name", "Email"],
            {
                "company": "Employer",
                "role": "Position",
                "status": "Stage",
                "applied": "Applied on",
                "url": "Link",
                "contact_name": "Contact Name",
                "contact_email": "Email",
            },
        ),
        (  # JobSync's camelCase: appliedDate wins over createdAt; 'applied' (Yes/No) is left
            ["index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "Status"],
            {
                "company": "Company",
                "role": "JobTitle",
                "status": "Status",
                "applied": "appliedDate",
            },
        ),
        (
            ["organization", "job_title", "application_status", "created", "job url", "phone"],
            {
                "company": "organization",
                "role": "job_title",
                "status": "application_status",
                "applied": "created",
                "url": "job url",
                "contact_phone": "phone",
            },
        ),
    ],
)
def test_detect_mapping_on_realistic_headers(headers: list[str], expected: dict[str, str]) -> None:
    assert detect_mapping(headers) == expected


def test_a_salary_column_fills_the_salary_and_unreadable_pay_goes_to_the_notes() -> None:
    text = (
        "Company,Salary,Compensation\n"
        "Acme,$90k–110k a year,x\n"
        "Bolt,EUR 45.000,x\n"
        "Cora,28.50/hr,x\n"
        "Dune,Competitive,x\n"
    )
    converted = convert(text)
    assert converted.mapping == {"company": "Company", "salary": "Salary"}
    assert converted.ignored == ["Compensation"]
    found = {a["company"]: (a.get("salary"), a.get("notes")) for a in converted.applications}
    assert found == {
        "Acme": ({"min": 90000, "max": 110000, "currency": "USD", "period": "year"}, None),
        "Bolt": ({"min": 45000, "currency": "EUR", "period": "year"}, None),
        "Cora": ({"min": 28.5, "period": "hour"}, None),
        "Dune": (None, "Salary: Competitive"),
    }


def test_map_overrides_detection_and_unmaps_with_an_empty_column() -> None:
    text = "Company,Org,Title,Notes\nAcme,Acme Holdings,Analyst,hello\n"
    options = Options(overrides=csvmap.parse_overrides(["company=Org", "notes="]))
    converted = convert(text, options)
    assert converted.mapping["company"] == "Org"
    assert "notes" not in converted.mapping
    assert converted.applications == [
        {"id": "acme-holdings-analyst", "company": "Acme Holdings", "role": "Analyst", "events": []}
    ]


def test_map_to_a_missing_column_or_field_is_an_error() -> None:
    with pytest.raises(CsvImportError) as error:
        convert("Company\nAcme\n", Options(overrides={"company": "Employr", "bonus": "Company"}))
    assert error.value.problems == (
        "company=Employr: the file has no column 'Employr' (its columns: Company)",
        f"'bonus' is not a field ({', '.join(csvmap.FIELDS)})",
    )
    with pytest.raises(CsvImportError, match="say FIELD=COLUMN"):
        csvmap.parse_overrides(["company"])


def test_a_file_without_a_company_column_asks_for_one() -> None:
    with pytest.raises(
        CsvImportError, match=r"--map company=COLUMN \(the file's columns: Who, When\)"
    ):
        convert("Who,When\nAcme,2026-01-05\n")


# Reading the file -----------------------------------------------------------------------


def test_bom_semicolons_and_quoted_newlines() -> None:
    converted = convert(fixture("spreadsheet.csv"))
    assert converted.table.headers[0] == "Employer"  # no BOM left on the first header
    lantern = converted.applications[0]
    assert lantern["notes"] == "Referred by Mo;\nasked about SQL\nLocation: Taos"
    assert converted.rows == [2, 3, 4, 5]  # spreadsheet rows, the quoted line break inside row 2


def test_tab_separated_file() -> None:
    converted = convert(
        "Company\tRole\tStatus\tDate Applied\nAcme, Inc.\tAnalyst\tApplied\t2026-03-02\n"
    )
    assert events_of(converted) == {"Acme, Inc.": [("applied", "2026-03-02", "")]}


def test_ragged_rows_and_duplicate_headers_are_errors() -> None:
    with pytest.raises(CsvImportError) as error:
        convert("Company,Notes,Notes\nAcme,a,b,c\n")
    assert error.value.problems == (
        "column 'Notes' appears twice in the header row",
        "row 2: has 4 cells but the header names 3 columns",
    )


def test_non_utf8_bytes_are_refused_with_a_hint() -> None:
    with pytest.raises(CsvImportError, match=r"not UTF-8 text .* “CSV UTF-8”"):
        csvmap.decode("Company\nCafé\n".encode("latin-1"))


# Statuses ---------------------------------------------------------------------------------

HEADER = "Company,Status,Date Applied,Interview Date,Updated"


@pytest.mark.parametrize(
    ("status", "dates", "expected"),
    [
        ("Wishlist", ",,", []),
        ("Bookmarked", "2026-03-02,,", []),
        ("Saved", ",,", []),
        ("Applied", "2026-03-02,,", [("applied", "2026-03-02", "")]),
        (
            "Interviewing",
            "2026-03-02,2026-03-09,2026-03-10",
            [("applied", "2026-03-02", ""), ("interview", "2026-03-09", "")],
        ),
        (  # no interview date: the last update, else the date applied
            "Phone screen",
            "2026-03-02,,2026-03-06",
            [("applied", "2026-03-02", ""), ("interview", "2026-03-06", "")],
        ),
        (
            "Interview",
            "2026-03-02,,",
            [("applied", "2026-03-02", ""), ("interview", "2026-03-02", "")],
        ),
        (
            "Offer",
            "2026-03-02,2026-03-09,2026-03-20",
            [
                ("applied", "2026-03-02", ""),
                ("interview", "2026-03-09", ""),
                ("heard", "2026-03-20", "offer"),
            ],
        ),
        (
            "Offer",
            "2026-03-02,,",
            [("applied", "2026-03-02", ""), ("heard", "2026-03-02", "offer")],
        ),
        (
            "Rejected",
            "2026-03-02,,2026-03-12",
            [("applied", "2026-03-02", ""), ("heard", "2026-03-12", "rejection")],
        ),
        (
            "Declined by employer",
            "2026-03-02,,",
            [("applied", "2026-03-02", ""), ("heard", "2026-03-02", "rejection")],
        ),
        (
            "Withdrawn",
            "2026-03-02,,2026-03-05",
            [("applied", "2026-03-02", ""), ("closed", "2026-03-05", "withdrawn")],
        ),
        (
            "Archived",
            "2026-03-02,,",
            [("applied", "2026-03-02", ""), ("closed", "2026-03-02", "withdrawn")],
        ),
        (
            "Accepted",
            "2026-03-02,2026-03-09,2026-03-20",
            [
                ("applied", "2026-03-02", ""),
                ("interview", "2026-03-09", ""),
                ("heard", "2026-03-20", "offer"),
                ("closed", "2026-03-20", "accepted"),
            ],
        ),
        (
            "No response",
            "2026-03-02,,2026-04-02",
            [("applied", "2026-03-02", ""), ("closed", "2026-04-02", "moved_on")],
        ),
        ("", "2026-03-02,,", [("applied", "2026-03-02", "")]),  # no status but a date: applied
        ("", ",,", []),
        ("  APPLIED ", "2026-03-02,,", [("applied", "2026-03-02", "")]),
    ],
)
def test_status_mapping(status: str, dates: str, expected: list[tuple[str, str, str]]) -> None:
    converted = convert(f"{HEADER}\nAcme,{status},{dates}\n")
    assert events_of(converted)["Acme"] == expected


def test_the_stage_shown_in_the_preview_is_the_planned_one(owner: User) -> None:
    rows = [
        "A,Wishlist,,,",
        "B,Applied,2026-11-02,,",
        "C,Interviewing,2026-10-20,2026-10-28,",
        "D,Offer,2026-10-01,2026-10-10,2026-11-01",
        "E,Rejected,2026-09-01,,2026-09-20",
    ]
    converted = convert("\n".join([HEADER, *rows]) + "\n")
    assert converted.stages == ["saved", "applied", "interviewing", "offer", "closed"]
    services.import_journal(owner, converted.journal(), as_of=AS_OF)
    stored = dict(
        Application.objects.filter(user=owner, slug__in=list("abcde")).values_list("slug", "stage")
    )
    assert [stored[s] for s in "abcde"] == converted.stages


def test_unknown_status_is_an_error_naming_row_and_value_unless_told() -> None:
    text = f"{HEADER}\nAcme,Applied,2026-03-02,,\nBeta,Pondering,2026-03-03,,\n"
    with pytest.raises(CsvImportError) as error:
        convert(text)
    assert error.value.problems == (
        "row 3, column 'Status': 'Pondering' is not a status we know (use --map to pick "
        "another column, or --unknown-status applied to treat it as applied)",
    )
    converted = convert(text, Options(unknown_status="applied"))
    assert events_of(converted)["Beta"] == [("applied", "2026-03-03", "")]


def test_a_status_that_needs_a_date_without_one_is_an_error() -> None:
    with pytest.raises(CsvImportError) as error:
        convert(f"{HEADER}\nAcme,Applied,,,\n")
    assert error.value.problems == (
        "row 2, column 'Date Applied': is empty, and this status needs a date",
    )
    with pytest.raises(CsvImportError, match=r"row 2: this status needs a date, .*--map applied="):
        convert("Company,Status\nAcme,Applied\n")


def test_an_interview_before_the_application_is_an_error() -> None:
    with pytest.raises(CsvImportError) as error:
        convert(f"{HEADER}\nAcme,Interview,2026-03-09,2026-03-02,\n")
    assert error.value.problems == (
        "row 2, column 'Interview Date': 2026-03-02 is before the date applied (2026-03-09)",
    )


# Dates -------------------------------------------------------------------------------------

DATED = "Company,Date Applied"


@pytest.mark.parametrize(
    ("cells", "date_format", "expected"),
    [
        (["2026-03-02"], None, ["2026-03-02"]),
        (["2026-03-02T14:30:00Z"], None, ["2026-03-02"]),
        (["2026-03-02 09:15"], None, ["2026-03-02"]),
        (["2026/03/02"], None, ["2026-03-02"]),
        (
            ["03/02/2026", "03/25/2026"],
            None,
            ["2026-03-02", "2026-03-25"],
        ),  # month first, shown by 25
        (
            ["02.03.2026", "25.03.2026"],
            None,
            ["2026-03-02", "2026-03-25"],
        ),  # day first, shown by 25
        (["02/03/2026"], "DD/MM/YYYY", ["2026-03-02"]),
        (["02/03/2026"], "MM/DD/YYYY", ["2026-02-03"]),
        (["02.03.26"], "DD.MM.YYYY", ["2026-03-02"]),
        (["03/03/2026"], None, ["2026-03-03"]),  # either way the same day
        (["Mar 2, 2026", "2 March 2026", "Mon, Mar 2, 2026"], None, ["2026-03-02"] * 3),
        (["02 Mar 2026"], "%d %b %Y", ["2026-03-02"]),
    ],
)
def test_date_formats(cells: list[str], date_format: str | None, expected: list[str]) -> None:
    rows = "\n".join(f'C{n},"{cell}"' for n, cell in enumerate(cells))
    converted = convert(f"{DATED}\n{rows}\n", Options(date_format=date_format))
    assert [app["events"][0]["at"] for app in converted.applications] == expected


def test_ambiguous_day_month_order_is_an_error_until_said() -> None:
    text = f"{DATED}\nAcme,05/04/2026\nBeta,06/04/2026\n"
    with pytest.raises(CsvImportError) as error:
        convert(text)
    assert error.value.problems == (
        "column 'Date Applied': dates like '05/04/2026' (row 2) could be day first or month "
        "first; say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY",
    )
    converted = convert(text, Options(date_format="DD/MM/YYYY"))
    assert converted.applications[0]["events"][0]["at"] == "2026-04-05"


def test_mixed_day_month_orders_are_an_error() -> None:
    with pytest.raises(CsvImportError, match=r"dates are mixed: row \d, column 'Date Applied'"):
        convert(f"{DATED}\nAcme,25/04/2026\nBeta,04/25/2026\n")


def test_impossible_dates_name_row_and_column() -> None:
    with pytest.raises(CsvImportError) as error:
        convert(f"{DATED}\nAcme,2026-01-05\nBeta,31/02/2026\nGamma,soon\nDelta,1900-01-01\n")
    assert error.value.problems == (
        "row 3, column 'Date Applied': '31/02/2026' is not a date (as day first)",
        "row 4, column 'Date Applied': 'soon' is not a date (as day first)",
        "row 5, column 'Date Applied': '1900-01-01' is not a date (as day first)",
    )


def test_bad_date_format_option() -> None:
    with pytest.raises(CsvImportError, match="date format 'sometime'"):
        convert(f"{DATED}\nAcme,2026-01-05\n", Options(date_format="sometime"))


# Ids, contacts, notes ----------------------------------------------------------------------


def test_ids_are_readable_and_unique() -> None:
    converted = convert("Company,Role\nCafé Olé,Barista\nCafé Olé,Barista\n!!!,\n")
    assert [a["id"] for a in converted.applications] == [
        "cafe-ole-barista",
        "cafe-ole-barista-2",
        "application",
    ]


def test_contact_columns_make_a_contact() -> None:
    app = one_row(
        "Company,Contact Name,Contact Email,Contact Phone,Location",
        "Acme,Rita Álvarez,rita@acme.example,+1 505 555 0100,Taos",
    )
    assert app["contacts"] == [
        {
            "id": "rita-alvarez",
            "name": "Rita Álvarez",
            "email": "rita@acme.example",
            "phone": "+1 505 555 0100",
        }
    ]
    assert app["notes"] == "Location: Taos"


# Presets on sample exports ----------------------------------------------------------------


def test_jobsync_export() -> None:
    converted = convert(fixture("jobsync.csv"), Options(preset="jobsync"))
    assert converted.mapping == {
        "company": "Company",
        "role": "JobTitle",
        "status": "Status",
        "applied": "appliedDate",
        "location": "Location",
    }
    assert events_of(converted) == {
        "Harbor Gate": [("applied", "2026-10-02", "")],
        "Pine Ledger": [],  # Draft, appliedDate N/A
        "Slate Orchard": [("applied", "2026-09-21", ""), ("interview", "2026-09-21", "")],
        "Tidewater Labs": [
            ("applied", "2026-09-02", ""),
            ("heard", "2026-09-02", "offer"),
            ("closed", "2026-09-02", "accepted"),
        ],
        "North Wick": [("applied", "2026-08-16", ""), ("closed", "2026-08-16", "withdrawn")],
    }
    assert converted.applications[0]["notes"] == "Location: Remote"
    assert "notes" not in converted.applications[2]  # Location N/A is no location


def test_huntr_export() -> None:
    converted = convert(fixture("huntr.csv"), Options(preset="huntr"))
    assert converted.mapping["status"] == "List"
    assert converted.mapping["role"] == "Title"
    assert events_of(converted) == {
        "Bramble & Sons": [],
        "Cinder Works": [("applied", "2026-10-28", "")],
        "Driftwood Media": [("applied", "2026-10-14", ""), ("interview", "2026-10-25", "")],
        "Ember Row": [("applied", "2026-09-30", ""), ("heard", "2026-10-30", "offer")],
        "Fallow Trust": [("applied", "2026-09-12", ""), ("heard", "2026-10-01", "rejection")],
    }
    assert converted.applications[1]["notes"] == 'Sent, via "quick apply"'
    assert converted.applications[0]["posting_url"] == "https://jobs.example/bramble"


def test_teal_export() -> None:
    converted = convert(fixture("teal.csv"), Options(preset="teal"))
    assert converted.mapping["company"] == "Company Name"
    assert converted.ignored == ["Excitement"]
    salaries = {a["company"]: a.get("salary") for a in converted.applications}
    assert salaries["Hollow Reed"] == {"min": 80000, "period": "year"}
    assert salaries["Glasswing"] is None
    assert events_of(converted) == {
        "Glasswing": [],
        "Hollow Reed": [("applied", "2026-11-02", "")],
        "Ironbark": [("applied", "2026-10-20", ""), ("interview", "2026-10-20", "")],
        "Jetty Row": [("applied", "2026-09-15", ""), ("closed", "2026-09-15", "withdrawn")],
        "Kestrel Bay": [("applied", "2026-09-10", ""), ("heard", "2026-09-10", "rejection")],
    }


def test_career_ops_applications_table() -> None:
    converted = convert(fixture("career-ops.md"), Options(preset="career-ops"))
    assert converted.table.kind == "markdown"
    assert converted.rows == [5, 6, 7, 8, 9]  # the file's line numbers
    assert events_of(converted) == {
        "Lumen Quarry": [("applied", "2026-10-05", "")],
        "Mossgrove": [],  # Evaluated: saved
        "Nettle Point": [("applied", "2026-09-28", ""), ("interview", "2026-09-28", "")],
        "Oriel Systems": [("closed", "2026-09-10", "withdrawn")],  # SKIP: never applied
        "Pike & Vale": [("applied", "2026-09-02", ""), ("heard", "2026-09-02", "rejection")],
    }
    assert converted.applications[2]["notes"] == "second round next week"
    assert "notes" not in converted.applications[0]  # '-' is empty
    assert {"Score", "PDF", "Report", "#"} <= set(converted.ignored)


def test_a_preset_that_does_not_fit_the_file_says_so() -> None:
    with pytest.raises(CsvImportError, match=r"no column 'Company Name': is this a Teal export\?"):
        convert("Name,Stage\nAcme,Applied\n", Options(preset="teal"))


def test_every_preset_documents_what_was_confirmed() -> None:
    for preset in csvmap.PRESETS.values():
        assert preset.note.startswith(("Confirmed", "Not confirmed")), preset.name


# Importing: all or nothing ---------------------------------------------------------------


def test_every_sample_imports_and_round_trips(owner: User) -> None:
    for name, preset in (
        ("spreadsheet.csv", None),
        ("jobsync.csv", "jobsync"),
        ("huntr.csv", "huntr"),
        ("teal.csv", "teal"),
        ("career-ops.md", "career-ops"),
    ):
        converted = convert(fixture(name), Options(preset=preset))
        ids = services.import_journal(owner, converted.journal(), as_of=AS_OF)
        stored = {a["id"]: a for a in services.journal_data(owner)["applications"]}
        assert [stored[i] for i in ids] == converted.applications, name


def test_bulk_import_stores_what_import_journal_stores(owner: User, other: User) -> None:
    """Same rows, stage, next step and positions as the one-at-a-time import."""
    data = demo_data(AS_OF)
    data["applications"] = [{**a, "id": f"bulk-{a['id']}"} for a in data["applications"]]
    services.import_journal(other, data, as_of=AS_OF)
    fields = ("stage", "next_due", "next_action", "planned_as_of", "company", "role", "notes")

    def rows(user: User, prefix: str) -> list[tuple[Any, ...]]:
        apps = Application.objects.filter(user=user, slug__startswith=prefix).order_by("position")
        return [(a.slug.removeprefix(prefix), *(getattr(a, f) for f in fields)) for a in apps]

    def events(user: User, prefix: str) -> list[tuple[Any, ...]]:
        found = Event.objects.filter(application__user=user, application__slug__startswith=prefix)
        return sorted(
            (e.application.slug.removeprefix(prefix), e.position, e.type, e.at, e.local_at, e.data)
            for e in found.select_related("application")
        )

    assert rows(other, "bulk-") == rows(owner, "")[: len(data["applications"])]
    assert len(rows(owner, "")) == len(data["applications"])
    assert events(other, "bulk-") == events(owner, "")


def test_a_bad_row_imports_nothing_and_names_row_and_column(owner: User, tmp_path: Path) -> None:
    before = Application.objects.count()
    path = tmp_path / "bad.csv"
    path.write_text(
        "Company,Status,Date Applied\nAcme,Applied,2026-01-05\nBeta,Applied,31/02/2026\n",
        encoding="utf-8",
    )
    assert main(["import-csv", str(path), "--user", "owner"]) == 2
    assert Application.objects.count() == before


def test_a_journal_problem_is_reported_by_row(owner: User) -> None:
    from followup.imports.services import import_converted

    converted = convert("Company,Date Applied\nAcme,2026-01-05\nBeta,2026-01-06\n")
    converted.applications[1]["events"][0]["at"] = "someday"  # what the journal check refuses
    before = Application.objects.count()
    with pytest.raises(services.ServiceError) as error:
        import_converted(owner, converted)
    assert error.value.problems[0].startswith("row 3 (beta): events[0].at: 'someday'")
    assert Application.objects.count() == before


# The command ------------------------------------------------------------------------------


def test_cli_dry_run_writes_nothing(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = Application.objects.count()
    code = main(["import-csv", str(FIXTURES / "huntr.csv"), "--dry-run", "--user", "owner"])
    out = capsys.readouterr().out
    assert code == 0
    assert Application.objects.count() == before
    assert "Columns" in out and "List" in out  # the mapping
    assert "driftwood-media-content-lead" in out and "interviewing" in out  # the preview
    assert "Dry run: nothing was imported (5 applications read)." in out


def test_cli_imports_and_refuses_to_import_twice_unless_replace(
    owner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(FIXTURES / "teal.csv")
    assert main(["import-csv", path, "--user", "owner", "--preset", "teal"]) == 0
    assert "Imported 5 applications." in capsys.readouterr().out
    ironbark = Application.objects.get(user=owner, slug="ironbark-data-scientist")
    assert ironbark.stage == "interviewing"
    assert main(["import-csv", path, "--user", "owner"]) == 2
    err = capsys.readouterr().err
    assert "ironbark-data-scientist: an application with this id already exists" in err
    assert main(["import-csv", path, "--user", "owner", "--replace", "--map", "notes="]) == 0
    assert Application.objects.filter(user=owner, slug__in=["ironbark-data-scientist"]).count() == 1


def test_cli_errors_name_rows_and_columns(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Employer,Date\nAcme,31/02/2026\n,2026-01-05\n", encoding="utf-8")
    assert main(["import-csv", str(path), "--user", "owner"]) == 2
    err = capsys.readouterr().err
    assert f"error: {path}: nothing was imported" in err
    assert "error: row 2, column 'Date': '31/02/2026' is not a date" in err
    assert "error: row 3, column 'Employer': is empty" in err
    assert main(["import-csv", str(path), "--user", "owner", "--map", "company=Boss"]) == 2
    assert "company=Boss: the file has no column 'Boss'" in capsys.readouterr().err
    assert main(["import-csv", str(tmp_path / "missing.csv"), "--user", "owner"]) == 2
    assert "missing.csv: No such file or directory" in capsys.readouterr().err


def test_cli_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.cli import imports as cli

    with cli._progress(10_000) as advance:
        assert advance is None  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with cli._progress(10) as advance:
        assert advance is None  # a small file needs none
    with cli._progress(10_000) as advance:
        assert advance is not None
        advance(500, 10_000)
    with cli._saving(10_000):
        pass


# The page ---------------------------------------------------------------------------------

URL = "/imports/"


def upload(client: Client, name: str, content: bytes, **data: str) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv"), **data})


def test_url_name() -> None:
    assert reverse("csv_import") == URL


def test_anonymous_is_sent_to_log_in(anon_client: Client) -> None:
    for response in (anon_client.get(URL), anon_client.post(URL, {"action": "import"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_upload_preview_confirm(owner_client: Client, owner: User, other: User) -> None:
    page = owner_client.get(URL)
    assert page.status_code == 200
    assert b'type="file"' in page.content
    before = Application.objects.filter(user=owner).count()
    response = upload(owner_client, "huntr.csv", (FIXTURES / "huntr.csv").read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="List" selected>List</option>' in html  # the mapping, editable
    assert "Driftwood Media" in html and "interview 2026-10-25" in html  # the preview
    assert "Import 5 applications" in html
    assert Application.objects.filter(user=owner).count() == before  # a preview writes nothing
    # Another user confirming has no upload of theirs to import.
    other_client = Client()
    other_client.force_login(other)
    refused = other_client.post(URL, {"action": "import"})
    assert refused.status_code == 422
    assert "choose the file to import" in refused.content.decode()
    assert not Application.objects.filter(user=other, company="Driftwood Media").exists()
    done = owner_client.post(URL, {"action": "import", "map_company": "Company", "map_status": "List",
                                   "map_role": "Title", "map_applied": "Date Applied",
                                   "map_updated": "Updated At"})  # fmt: skip
    assert done.status_code == 302
    assert done["Location"] == reverse("board")
    imported = Application.objects.filter(user=owner).count() - before
    assert imported == 5
    driftwood = Application.objects.get(user=owner, slug="driftwood-media-content-lead")
    assert driftwood.stage == "interviewing"
    assert not driftwood.notes  # the Notes column was left out of the confirmed mapping
    assert owner_client.post(URL, {"action": "import"}).status_code == 422  # upload used up


def test_changing_the_mapping_updates_the_preview(owner_client: Client) -> None:
    content = b"Company,Org,Role\nAcme,Acme Holdings,Analyst\n"
    assert "acme" in upload(owner_client, "a.csv", content).content.decode().lower()
    response = owner_client.post(URL, {"action": "preview", "map_company": "Org", "map_role": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="Org" selected>Org</option>' in html
    assert "<td>Acme Holdings</td><td></td>" in html


def test_problems_answer_422_with_rows_and_columns(owner_client: Client, owner: User) -> None:
    before = Application.objects.filter(user=owner).count()
    content = b"Company,Status,Date Applied\nAcme,Pondering,2026-01-05\nBeta,Applied,31/02/2026\n"
    response = upload(owner_client, "bad.csv", content)
    html = response.content.decode()
    assert response.status_code == 422
    assert "row 2, column &#x27;Status&#x27;: &#x27;Pondering&#x27; is not a status we know" in html
    assert "row 3, column &#x27;Date Applied&#x27;: &#x27;31/02/2026&#x27; is not a date" in html
    assert 'id="map_status"' in html  # the mapping stays editable to fix it
    fixed = owner_client.post(URL, {"action": "import", "unknown_status": "applied",
                                    "map_company": "Company", "map_status": "Status",
                                    "map_applied": "Date Applied"})  # fmt: skip
    assert fixed.status_code == 422  # the impossible date is still there
    assert Application.objects.filter(user=owner).count() == before


def test_a_conflict_answers_422_and_replace_overwrites(owner_client: Client, owner: User) -> None:
    content = b"Company,Role,Status,Date Applied\nAcme,Analyst,Applied,2026-11-02\n"
    upload(owner_client, "a.csv", content)
    assert owner_client.post(URL, {"action": "import", "map_company": "Company"}).status_code == 302
    upload(owner_client, "a.csv", content)
    again = owner_client.post(URL, {"action": "import", "map_company": "Company"})
    assert again.status_code == 422
    assert "acme-analyst: an application with this id already exists" in again.content.decode()
    replaced = owner_client.post(
        URL, {"action": "import", "map_company": "Company", "replace": "on"}
    )
    assert replaced.status_code == 302
    assert Application.objects.filter(user=owner, slug="acme-analyst").count() == 1


def test_files_over_the_import_size_are_refused(owner_client: Client, settings: Any) -> None:
    settings.MAX_IMPORT_BYTES = 100
    response = upload(owner_client, "big.csv", b"Company\n" + b"Acme\n" * 50)
    assert response.status_code == 422
    assert "the file is bigger than 100 bytes, the most this server imports" in (
        response.content.decode()
    )


def test_a_bad_choice_is_422(owner_client: Client) -> None:
    response = upload(owner_client, "a.csv", b"Company\nAcme\n", preset="spreadsheet-ninja")
    assert response.status_code == 422
