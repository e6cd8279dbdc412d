"""The work-search log: rows from the journal, the weekly minimum, CSV/HTML/PDF, the
page and its downloads, the CLI, and who may see what."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.cli import main
from followup.tracker import services
from followup.worklog import formats, report
from followup.worklog.models import WorkLogSettings

from .conftest import AS_OF

WEEK = "2026-W47"  # Monday 16 to Sunday 22 November 2026: the week of AS_OF
WEEK_AFTER = date(2026, 11, 30)  # a day after everything these tests record
OWNER_COMPANIES = ("Mesa Grid Energy", "Desert Bloom Community Health", "Rio Grande Sign Works")


def summary(log: report.WorkLog) -> list[tuple[str, str, str, str, str]]:
    return [(r.day.isoformat(), r.employer, r.method, r.person, r.result) for r in log.rows]


def add_week_of_contacts(user: User, count: int, company: str = "Busy Corp") -> None:
    """An application with `count` employer contacts spread over the week of AS_OF."""
    monday = date.fromisocalendar(2026, 47, 1)
    events = [{"type": "applied", "at": f"{monday}T08:00", "channel": "online"}]
    for n in range(count - 1):
        day = monday + timedelta(days=n % 7)
        events.append(
            {
                "type": "called",
                "at": f"{day}T{9 + n // 7:02d}:{n % 60:02d}",
                "to": "zoe",
                "outcome": "voicemail",
            }
        )
    services.add_application(
        user,
        {
            "id": "busy",
            "company": company,
            "role": "Analyst – “senior” (Łódź office)",
            "contacts": [{"id": "zoe", "name": "Zoë Łukasiewicz", "phone": "+48 42 555 0100"}],
            "events": events,
        },
        as_of=WEEK_AFTER,  # recorded once it all happened: the log reads back in time
    )


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


# Rows from the journal ------------------------------------------------------------------


def test_week_of_the_demo_lists_each_contact(owner: User) -> None:
    assert report.week_of(AS_OF) == WEEK
    log = report.week_rows(owner, WEEK)
    assert (log.week, log.start, log.end) == (WEEK, date(2026, 11, 16), date(2026, 11, 22))
    # Not rows: Petroglyph's request for information and Summit's rejection (the
    # employer's doing, not the job seeker's contacts).
    assert summary(log) == [
        ("2026-11-17", "Desert Bloom Community Health", "phone", "Yolanda Chavez", "no answer"),
        (
            "2026-11-17",
            "Mesa Grid Energy",
            "interview (on site)",
            "Renata Okafor, Tomás Herrera",
            "interviewed",
        ),
        ("2026-11-17", "Mesa Grid Energy", "email", "Renata Okafor", "thank-you note sent"),
    ]
    call, interview, _ = log.rows
    assert call.reach == "+1 505 555 0161"  # a call: the phone number
    assert interview.reach == "renata.okafor@mesagrid.example.com"  # else the email
    assert interview.position == "Senior Data Analyst"
    assert log.name == "Jordan Baca"
    assert (log.minimum, log.short, log.warning) == (3, False, "")


def test_week_before_has_applications_messages_and_local_dates(owner: User) -> None:
    log = report.week_rows(owner, "2026-W46")
    rows = {(r.employer, r.method, r.result): r for r in log.rows}
    applied = rows["Desert Bloom Community Health", "online application", "application submitted"]
    assert (applied.day, applied.person) == (date(2026, 11, 9), "")
    assert applied.reach == "https://example.org/desert-bloom/jobs/evaluation"  # no contact named
    # 2026-11-13T17:15:00Z is 10:15 in Phoenix: dated on the employer's day.
    assert rows["Saguaro Health Partners", "email", "waiting for a reply"].day == date(2026, 11, 13)
    assert ("Turquoise Trail Analytics", "email", "replied to them") in rows
    assert len(log.rows) == 9
    assert [r.day for r in log.rows] == sorted(r.day for r in log.rows)


def test_a_decision_by_the_end_of_the_week_is_the_result(owner: User) -> None:
    def apply(slug: str, answer: dict[str, str]) -> None:
        services.add_application(
            owner,
            {
                "id": slug,
                "company": slug.title(),
                "events": [{"type": "applied", "at": "2026-11-16", "channel": "email"}, answer],
            },
            as_of=WEEK_AFTER,
        )

    apply("turned-down", {"type": "heard", "at": "2026-11-20T10:00", "kind": "rejection"})
    apply("hired", {"type": "heard", "at": "2026-11-22T18:00", "kind": "offer"})
    apply("too-late", {"type": "heard", "at": "2026-11-23T09:00", "kind": "rejection"})
    apply("invited", {"type": "heard", "at": "2026-11-18T09:00", "kind": "interview_invite"})
    results = {r.employer: r.result for r in report.week_rows(owner, WEEK, WEEK_AFTER).rows}
    assert results["Turned-Down"] == "rejected"
    assert results["Hired"] == "offer received"
    assert results["Too-Late"] == "application submitted"  # the answer came the next week
    assert results["Invited"] == "invited to interview"


# The weekly minimum ---------------------------------------------------------------------


def test_warning_when_short_of_the_minimum(owner: User) -> None:
    assert report.week_rows(owner, WEEK).warning == ""
    report.set_weekly_minimum(owner, 4)
    log = report.week_rows(owner, WEEK)
    assert log.short
    assert log.warning == "You have 3 of the 4 contacts your claim needs this week"
    assert log.count_text == "3 contacts (minimum 4)"
    report.set_weekly_minimum(owner, "0")  # no minimum: never short
    assert report.week_rows(owner, "2026-W49").warning == ""


@pytest.mark.parametrize("bad", ["three", "-1", "51", "2.5", ""])
def test_a_bad_minimum_is_refused_and_changes_nothing(owner: User, bad: str) -> None:
    report.set_weekly_minimum(owner, 5)
    with pytest.raises(services.ServiceError, match="weekly_minimum"):
        report.set_weekly_minimum(owner, bad)
    assert report.weekly_minimum(owner) == 5


@pytest.mark.parametrize("bad", ["2026-W60", "2026-W00", "2026-47", "2026W47", "", "next week"])
def test_invalid_weeks_are_named(bad: str) -> None:
    with pytest.raises(report.InvalidWeek, match=re.escape(f"{bad!r} is not an ISO week like")):
        report.parse_week(bad)


def test_week_53_exists_only_in_long_years() -> None:
    assert report.parse_week("2026-W53") == date(2026, 12, 28)
    with pytest.raises(report.InvalidWeek):
        report.parse_week("2027-W53")


# CSV --------------------------------------------------------------------------------


def test_csv_escapes_formulas_including_phone_numbers(owner: User) -> None:
    services.add_application(
        owner,
        {
            "id": "evil",
            "company": '=HYPERLINK("http://x","y")',
            "role": "@SUM(A1:A9)",
            "contacts": [{"id": "x", "name": "-2+3", "phone": "+1 505 555 0100"}],
            "events": [{"type": "called", "at": "2026-11-19T09:00", "to": "x", "outcome": "spoke"}],
        },
        as_of=WEEK_AFTER,  # recorded once it all happened: the log reads back in time
    )
    log = report.week_rows(owner, WEEK, upto=WEEK_AFTER)
    rows = list(csv.reader(io.StringIO(formats.to_csv(log))))
    assert rows[0] == list(report.COLUMNS)
    evil = next(r for r in rows if "HYPERLINK" in r[1])
    assert evil == [
        "2026-11-19",
        '\'=HYPERLINK("http://x","y")',
        "'+1 505 555 0100",
        "'-2+3",
        "phone",
        "'@SUM(A1:A9)",
        "spoke with them",
    ]
    assert "Mesa Grid Energy" in [r[1] for r in rows]  # harmless cells are left alone


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Acme = good", "Acme = good"),
        ("", ""),
    ],
)
def test_safe_cell(cell: str, safe: str) -> None:
    assert formats.safe_cell(cell) == safe


# HTML and PDF ---------------------------------------------------------------------------


def test_printable_page_has_the_header_and_print_css(owner: User) -> None:
    report.set_weekly_minimum(owner, 5)
    page = formats.to_html(report.week_rows(owner, WEEK))
    assert "@page" in page and "size: landscape" in page
    assert "Work-search log: Jordan Baca" in page
    assert "Week 2026-W47, Monday 16 November to Sunday 22 November 2026" in page
    assert "3 contacts (minimum 5)" in page
    assert "You have 3 of the 5 contacts your claim needs this week." in page
    assert page.count("<tr>") == 4  # the header row and three contacts
    assert "Tomás Herrera" in page


@pytest.mark.parametrize("count", [25, 90])
def test_pdf_is_one_page_per_week(owner: User, count: int) -> None:
    add_week_of_contacts(owner, count)
    log = report.week_rows(owner, WEEK, upto=WEEK_AFTER)
    # The demo's three contacts made by AS_OF, and Sandia Regional Transit's interview on
    # Friday 20 November, which has taken place by WEEK_AFTER.
    assert len(log.rows) == count + 4
    assert formats.pdf_document(log).page_no() == 1
    data = formats.to_pdf(log)
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) == 1


def test_pdf_of_an_empty_week(owner: User) -> None:
    data = formats.to_pdf(report.week_rows(owner, "2026-W49"))
    assert pdf_pages(data) == 1


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Tomás Muñoz", "Tomás Muñoz"),
        ("Analyst – “senior”…", 'Analyst - "senior"...'),
        ("Łódź", "Lódz"),
        ("Ω ≠ ∞", "? ? ?"),
        ("Zoë Šimek", "Zoë Simek"),
        ("東京", "??"),
    ],
)
def test_pdf_text_is_latin1(text: str, latin: str) -> None:
    assert formats.latin1(text) == latin
    latin.encode("latin-1")


# The CLI ----------------------------------------------------------------------------


def test_cli_writes_csv_to_stdout(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worklog", "--week", WEEK, "--user", "owner"]) == 0
    out = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out.out)))
    assert rows[0][1] == "Employer"
    assert [r[1] for r in rows[1:]] == [
        "Desert Bloom Community Health",
        "Mesa Grid Energy",
        "Mesa Grid Energy",
    ]
    assert out.err == ""  # three contacts: no warning


def test_cli_warns_when_short(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worklog", "--week", "2026-W49", "--user", "owner"]) == 0
    err = capsys.readouterr().err
    assert "warning: You have 0 of the 3 contacts your claim needs this week." in err


def test_cli_html_and_pdf_files(owner: User, tmp_path: Path) -> None:
    page, pdf = tmp_path / "week.html", tmp_path / "week.pdf"
    assert (
        main(["worklog", "--week", WEEK, "--format", "html", "-o", str(page), "--user", "owner"])
        == 0
    )
    assert "Work-search log: Jordan Baca" in page.read_text(encoding="utf-8")
    assert (
        main(["worklog", "--week", WEEK, "--format", "pdf", "-o", str(pdf), "--user", "owner"]) == 0
    )
    assert pdf_pages(pdf.read_bytes()) == 1


def test_cli_pdf_to_a_pipe(owner: User, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["worklog", "--week", WEEK, "--format", "pdf", "--user", "owner"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"%PDF-")


def test_cli_refuses_pdf_to_a_terminal(
    owner: User, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["worklog", "--week", WEEK, "--format", "pdf", "--user", "owner"]) == 2
    assert "give a file with -o" in capsys.readouterr().err


def test_cli_invalid_week_exits_2(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worklog", "--week", "2026-W60", "--user", "owner"]) == 2
    out = capsys.readouterr()
    assert "error: --week 2026-W60: '2026-W60': there is no week 60 in that year" in out.err
    assert out.out == ""


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "1969-W52", "2200-W01"])
def test_weeks_outside_the_journals_years_exit_2(
    owner: User, capsys: pytest.CaptureFixture[str], week: str
) -> None:
    assert main(["worklog", "--week", week, "--user", "owner"]) == 2
    assert f"error: '{week}' is not between 1970 and 2199" in capsys.readouterr().err


@pytest.mark.parametrize("week", ["9999-W52", "1969-W52", "2200-W01"])
def test_weeks_outside_the_journals_years_are_not_found(owner_client: Client, week: str) -> None:
    assert owner_client.get(reverse("worklog"), {"week": week}).status_code == 404
    for fmt in ("csv", "html", "pdf"):
        url = reverse("worklog_download", args=[week, fmt])
        assert owner_client.get(url).status_code == 404


def test_the_journals_first_and_last_weeks_exist(owner_client: Client) -> None:
    assert owner_client.get(reverse("worklog"), {"week": "1970-W02"}).status_code == 200
    assert owner_client.get(reverse("worklog"), {"week": "2199-W52"}).status_code == 200


def test_cli_other_user_sees_only_their_own(
    owner: User, other: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["worklog", "--week", "2026-W45", "--user", "other"]) == 0
    out = capsys.readouterr().out
    assert "Other Co" in out
    assert not any(company in out for company in OWNER_COMPANIES)
    assert "Summit Talent Partners" not in out  # the owner's contacts of that week


# The page and the downloads ---------------------------------------------------------


def test_page_shows_this_week_by_default(owner_client: Client) -> None:
    response = owner_client.get(reverse("worklog"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'type="week"' in text and f'value="{WEEK}"' in text
    assert "Renata Okafor, Tomás Herrera" in text
    assert "3 contacts (minimum 3)" in text
    for fmt in formats.FORMATS:
        assert reverse("worklog_download", args=[WEEK, fmt]) in text


def test_page_warns_when_short(owner_client: Client) -> None:
    text = owner_client.get(reverse("worklog"), {"week": "2026-W49"}).content.decode()
    assert "You have 0 of the 3 contacts your claim needs this week." in text
    assert "No employer contacts recorded this week." in text


def test_page_with_an_invalid_week_is_422(owner_client: Client) -> None:
    response = owner_client.get(reverse("worklog"), {"week": "2026-W60"})
    assert response.status_code == 422
    assert "&#x27;2026-W60&#x27; is not an ISO week like 2026-W47" in response.content.decode()


@pytest.mark.parametrize("week", ["2026-W60", "week-47"])
def test_download_of_an_invalid_week_is_404(owner_client: Client, week: str) -> None:
    assert owner_client.get(f"/worklog/{week}.csv").status_code == 404


def test_downloads(owner_client: Client) -> None:
    csv_answer = owner_client.get(reverse("worklog_download", args=[WEEK, "csv"]))
    assert csv_answer.status_code == 200
    assert csv_answer["Content-Type"].startswith("text/csv")
    assert 'filename="work-search-2026-W47.csv"' in csv_answer["Content-Disposition"]
    text = csv_answer.content.decode("utf-8")
    assert text.startswith("\ufeffDate,Employer")
    assert "Tomás Herrera" in text
    page = owner_client.get(reverse("worklog_download", args=[WEEK, "html"]))
    assert page.status_code == 200 and b"@page" in page.content
    pdf = owner_client.get(reverse("worklog_download", args=[WEEK, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_pages(pdf.content) == 1


def test_minimum_is_saved(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("worklog_minimum"), {"weekly_minimum": "5", "week": WEEK})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('worklog')}?week={WEEK}#minimum"
    assert report.weekly_minimum(owner) == 5
    text = owner_client.get(response["Location"]).content.decode()
    assert "You have 3 of the 5 contacts your claim needs this week." in text


@pytest.mark.parametrize("bad", ["", "three", "-1", "51"])
def test_invalid_minimum_is_422_and_changes_nothing(
    owner: User, owner_client: Client, bad: str
) -> None:
    response = owner_client.post(reverse("worklog_minimum"), {"weekly_minimum": bad, "week": WEEK})
    assert response.status_code == 422
    assert 'class="field-error errors"' in response.content.decode()
    assert not WorkLogSettings.objects.filter(user=owner).exists()
    assert report.weekly_minimum(owner) == 3


# Access -------------------------------------------------------------------------------

URLS = [
    ("get", "/worklog/"),
    ("post", "/worklog/minimum/"),
    ("get", f"/worklog/{WEEK}.csv"),
    ("get", f"/worklog/{WEEK}.html"),
    ("get", f"/worklog/{WEEK}.pdf"),
]


@pytest.mark.parametrize(("method", "url"), URLS)
def test_anonymous_is_sent_to_login(
    owner: User, anon_client: Client, method: str, url: str
) -> None:
    response = getattr(anon_client, method)(
        url, {"weekly_minimum": "1"} if method == "post" else {}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not WorkLogSettings.objects.exists()


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_other_users_log_holds_only_their_data(owner: User, other_client: Client, fmt: str) -> None:
    for week in (WEEK, "2026-W45", "2026-W46"):
        response = other_client.get(reverse("worklog_download", args=[week, fmt]))
        assert response.status_code == 200
        if fmt != "pdf":
            text = response.content.decode()
            assert not any(company in text for company in OWNER_COMPANIES)
            assert ("Other Co" in text) == (week == "2026-W45")
            assert "Jordan Baca" not in text
    page = other_client.get(reverse("worklog"), {"week": WEEK}).content.decode()
    assert not any(company in page for company in OWNER_COMPANIES)
    assert "You have 0 of the 3 contacts" in page


def test_minimum_is_per_user(owner: User, other: User, other_client: Client) -> None:
    other_client.post(reverse("worklog_minimum"), {"weekly_minimum": "7", "week": WEEK})
    assert (report.weekly_minimum(other), report.weekly_minimum(owner)) == (7, 3)
