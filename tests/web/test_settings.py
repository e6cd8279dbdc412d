"""Settings: profile, policy numbers, export and import of the journal, deleting the account."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from followup.planner.policy import PARAMETERS
from followup.tracker import services
from followup.tracker.models import Application, Contact, Event, Profile
from followup.tracker.views.settings_page import policy_rows

from .conftest import AS_OF

MY_URLS = [
    ("get", "settings"),
    ("post", "profile"),
    ("post", "policy"),
    ("get", "export"),
    ("post", "import"),
    ("post", "delete_account"),
]


def policy_form(overrides: dict[str, Any], **changes: str) -> dict[str, str]:
    """The policy form as the page fills it for `overrides`, with `changes` typed in."""
    form: dict[str, str] = {}
    for row in policy_rows(overrides):
        if row.kind == "window":
            form[f"{row.name}_first"], form[f"{row.name}_last"] = row.values
        elif row.kind == "bool":
            if row.values:
                form[row.name] = "on"
        else:
            form[row.name] = row.values[0]
    form.update(changes)
    return form


def upload(data: Any, name: str = "journal.json") -> SimpleUploadedFile:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


def rows() -> tuple[int, int, int]:
    return Application.objects.count(), Event.objects.count(), Contact.objects.count()


# Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "name"), MY_URLS)
def test_anonymous_is_sent_to_login(
    owner: User, anon_client: Client, method: str, name: str
) -> None:
    before = rows()
    response = getattr(anon_client, method)(reverse(name), {"confirm": "owner", "name": "Mallory"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert rows() == before
    assert User.objects.filter(username="owner").exists()
    assert services.profile_of(owner).name == "Jordan Baca"


def test_settings_page_shows_profile_and_every_policy_number(owner_client: Client) -> None:
    response = owner_client.get(reverse("settings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Jordan Baca"' in html
    assert '<option value="America/Denver" selected>' in html
    assert "public holidays" in html
    for name in PARAMETERS:
        assert f'id="policy-{name}"' in html
    email_gap = html.split('id="policy-email_min_gap_days"')[1].split('class="policy-row')[0]
    assert "Default: 7." in email_gap
    assert "When They Don&#x27;t Call To Offer You The Job" in email_gap
    check_in = html.split('id="policy-pre_interview_check_in_days"')[1].split('class="policy-row')[
        0
    ]
    assert "Our default." in check_in
    # The demo's override shows as changed, with a reset button.
    industries = html.split('id="policy-email_first_industries"')[1].split('class="policy-row')[0]
    assert "podcasting" in industries
    assert 'value="email_first_industries"' in industries


def test_settings_link_to_the_calendar_email_log_import_and_api_pages(
    owner_client: Client,
) -> None:
    html = owner_client.get(reverse("settings")).content.decode()
    more = html.split('id="more"')[1].split("</section>")[0]
    for name in ("feed_settings", "digest_settings", "worklog", "csv_import", "api_tokens"):
        url = reverse(name)
        assert f'href="{url}"' in more
        assert owner_client.get(url).status_code == 200, name


def test_other_user_sees_only_their_own_settings(owner: User, other_client: Client) -> None:
    html = other_client.get(reverse("settings")).content.decode()
    assert "Jordan Baca" not in html
    assert "jordan.baca" not in html
    assert "podcasting" not in html


# Profile -------------------------------------------------------------------------------


def test_profile_is_saved(owner: User, owner_client: Client) -> None:
    form = {
        "name": "Jo Baca",
        "email": "jo@example.net",
        "phone": "",
        "country": "us",
        "subdivision": "CA",
        "timezone": "America/Los_Angeles",
    }
    response = owner_client.post(reverse("profile"), form)
    assert response.status_code == 302
    profile = services.profile_of(owner)
    assert (
        profile.name,
        profile.email,
        profile.phone,
        profile.country,
        profile.subdivision,
        profile.timezone,
    ) == (
        "Jo Baca",
        "jo@example.net",
        None,
        "US",
        "CA",
        "America/Los_Angeles",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("subdivision", "ZZ"),
        ("timezone", "Mars/Olympus"),
        ("email", "not an email"),
    ],
)
def test_bad_profile_is_422_names_the_field_and_changes_nothing(
    owner: User, owner_client: Client, field: str, value: str
) -> None:
    form = {**services.profile_data(services.profile_of(owner)), field: value}
    response = owner_client.post(reverse("profile"), form)
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()
    profile = Profile.objects.get(user=owner)
    assert (profile.country, profile.subdivision, profile.timezone, profile.email) == (
        "US",
        "NM",
        "America/Denver",
        "jordan.baca@example.net",
    )


# Policy --------------------------------------------------------------------------------


def test_policy_change_is_stored_as_an_override(owner: User, owner_client: Client) -> None:
    before = dict(services.profile_of(owner).policy)
    response = owner_client.post(reverse("policy"), policy_form(before, email_min_gap_days="10"))
    assert response.status_code == 302
    assert services.profile_of(owner).policy == {**before, "email_min_gap_days": 10}


def test_only_values_that_differ_from_the_default_are_stored(
    other: User, other_client: Client
) -> None:
    form = policy_form(
        {}, confirm_receipt_window_first="5", call_window="10:00-12:00", year_end_slowdown=""
    )
    del form["year_end_slowdown"]  # an unticked checkbox is not sent
    response = other_client.post(reverse("policy"), form)
    assert response.status_code == 302
    assert services.profile_of(other).policy == {
        "confirm_receipt_window": [5, 14],
        "call_window": "10:00-12:00",
        "year_end_slowdown": False,
    }
    # Saving the same form again, unchanged, keeps exactly the same overrides.
    other_client.post(reverse("policy"), policy_form(services.profile_of(other).policy))
    assert services.profile_of(other).policy == {
        "confirm_receipt_window": [5, 14],
        "call_window": "10:00-12:00",
        "year_end_slowdown": False,
    }


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"email_min_gap_days": "-1"}, "email_min_gap_days"),
        ({"thank_you_days": "seven"}, "thank_you_days"),
        ({"status_update_days": "1000000000"}, "status_update_days"),
        ({"window_startup_first": "9", "window_startup_last": "2"}, "window_startup"),
        ({"call_window": "11:30-09:30"}, "call_window"),
    ],
)
def test_invalid_policy_is_422_naming_the_setting_and_stores_nothing(
    owner: User, owner_client: Client, changes: dict[str, str], name: str
) -> None:
    before = dict(services.profile_of(owner).policy)
    response = owner_client.post(
        reverse("policy"), policy_form(before, **{"email_min_gap_days": "10", **changes})
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f'<p class="field-error errors" id="{name}-error">{name}:' in html
    assert f'href="#policy-{name}"' in html
    assert services.profile_of(owner).policy == before
    for value in changes.values():
        assert f'value="{value}"' in html  # what was typed is kept


def test_an_emptied_industry_list_means_none(other: User, other_client: Client) -> None:
    response = other_client.post(reverse("policy"), policy_form({}, email_first_industries=" , "))
    assert response.status_code == 302
    assert services.profile_of(other).policy == {"email_first_industries": []}


def test_reset_puts_a_setting_back_to_its_default(owner: User, owner_client: Client) -> None:
    form = policy_form(services.profile_of(owner).policy, reset="email_first_industries")
    response = owner_client.post(reverse("policy"), form)
    assert response.status_code == 302
    assert services.profile_of(owner).policy == {}


# Export and import -----------------------------------------------------------------------


def test_export_downloads_exactly_the_journal(owner: User, owner_client: Client) -> None:
    response = owner_client.get(reverse("export"))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="followup-journal-{AS_OF.isoformat()}.json"'
    )
    assert response["Content-Type"].startswith("application/json")
    body = b"".join(response.streaming_content).decode()  # streamed
    assert json.loads(body) == services.journal_data(owner)
    assert body.startswith('{\n  "format": "followup/1"')


def body_of(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_other_users_export_holds_only_their_own(owner: User, other_client: Client) -> None:
    data = json.loads(body_of(other_client.get(reverse("export"))))
    assert [a["id"] for a in data["applications"]] == ["others-job"]
    assert "Jordan" not in json.dumps(data)


def test_export_import_export_gives_the_same_file(owner_client: Client, db: None) -> None:
    first = body_of(owner_client.get(reverse("export")))
    newcomer = User.objects.create_user("newcomer", password="newcomer horse battery")
    client = Client()
    client.force_login(newcomer)
    response = client.post(reverse("import"), {"journal": upload(first)})
    assert response.status_code == 302
    assert body_of(client.get(reverse("export"))) == first


def test_import_reports_the_count(other: User, other_client: Client) -> None:
    journal = {
        "format": "followup/1",
        "applications": [
            {"id": "a1", "company": "A", "events": []},
            {"id": "a2", "company": "B", "events": []},
        ],
    }
    response = other_client.post(reverse("import"), {"journal": upload(journal)}, follow=True)
    assert "Imported 2 applications." in response.content.decode()
    assert sorted(services.applications_of(other).values_list("slug", flat=True)) == [
        "a1",
        "a2",
        "others-job",
    ]


def test_import_goes_into_the_importers_account(
    owner: User, other: User, other_client: Client
) -> None:
    journal = {
        "format": "followup/1",
        "applications": [{"id": "fresh-app", "company": "Fresh", "events": []}],
    }
    other_client.post(reverse("import"), {"journal": upload(journal)})
    assert services.applications_of(other).filter(slug="fresh-app").exists()
    assert not services.applications_of(owner).filter(slug="fresh-app").exists()


def test_a_journal_without_profile_is_checked_against_the_stored_one(
    other: User, other_client: Client
) -> None:
    # Its applications will be planned with the stored profile (here Canada), so
    # they are checked against it: Ontario is a subdivision of Canada, not of the US.
    services.update_profile(other, {"country": "CA", "subdivision": None})
    journal = {
        "format": "followup/1",
        "applications": [{"id": "toronto", "company": "T", "subdivision": "ON", "events": []}],
    }
    response = other_client.post(reverse("import"), {"journal": upload(journal)}, follow=True)
    assert "Imported 1 application." in response.content.decode()
    assert services.profile_of(other).country == "CA"
    assert services.applications_of(other).get(slug="toronto").subdivision == "ON"


def test_import_is_all_or_nothing(owner: User, owner_client: Client) -> None:
    journal = services.journal_data(owner)
    journal["applications"] = [{**a, "id": f"copy-{a['id']}"} for a in journal["applications"]]
    journal["profile"]["name"] = "Someone Else"
    bad_app = journal["applications"][3]
    bad_app["events"][1] = {"type": "called", "at": "2026-11-40", "outcome": "shouted"}
    before = rows()
    response = owner_client.post(reverse("import"), {"journal": upload(journal)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert f"{bad_app['id']}: events[1].at" in html
    assert f"{bad_app['id']}: events[1].outcome" in html
    assert rows() == before
    assert services.profile_of(owner).name == "Jordan Baca"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "followup/1", "applications": [', "not valid JSON at line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"format": "followup/9", "applications": []}', "format"),
    ],
)
def test_unreadable_files_are_422(owner_client: Client, content: bytes, message: str) -> None:
    before = rows()
    response = owner_client.post(reverse("import"), {"journal": upload(content)})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert rows() == before


def test_import_without_a_file_is_422(owner_client: Client) -> None:
    response = owner_client.post(reverse("import"), {})
    assert response.status_code == 422
    assert "Choose a journal file" in response.content.decode()


def test_existing_ids_need_replace(owner: User, owner_client: Client) -> None:
    journal = services.journal_data(owner)
    journal["applications"][0]["notes"] = "imported again"
    slug = journal["applications"][0]["id"]
    before = rows()
    response = owner_client.post(reverse("import"), {"journal": upload(journal)})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Replace existing applications" in html
    assert slug in html
    assert rows() == before
    response = owner_client.post(
        reverse("import"), {"journal": upload(journal), "replace": "on"}, follow=True
    )
    assert f"Imported {len(journal['applications'])} applications." in response.content.decode()
    assert services.get_application(owner, slug).notes == "imported again"
    assert rows() == before


# Deleting the account --------------------------------------------------------------------


@pytest.mark.parametrize("confirm", ["owner", "wrong password", ""])
def test_deleting_needs_the_password_not_the_username(
    owner: User, owner_client: Client, confirm: str
) -> None:
    before = rows()
    page = owner_client.get(reverse("settings")).content.decode()
    assert "Type your password to confirm" in page
    response = owner_client.post(reverse("delete_account"), {"confirm": confirm})
    assert response.status_code == 422
    assert "That is not your password" in response.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    assert rows() == before


def test_guessing_the_password_to_delete_is_throttled_as_a_login_is(
    owner: User, owner_client: Client, settings: Any
) -> None:
    """A session left open must not let anyone guess the password: the confirmation
    counts among the login failures, and past the limit even the right one is refused."""
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 2
    before = rows()
    statuses = [
        owner_client.post(reverse("delete_account"), {"confirm": f"guess {n}"}).status_code
        for n in range(2)
    ]
    assert statuses == [422, 429]
    right = owner_client.post(reverse("delete_account"), {"confirm": "correct horse battery"})
    assert right.status_code == 429
    assert "Too many" in right.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    assert rows() == before


def test_without_a_password_the_local_user_types_their_username(owner: User) -> None:
    owner.set_unusable_password()
    owner.save()
    client = Client()
    client.force_login(owner)
    assert "Type your username" in client.get(reverse("settings")).content.decode()
    refused = client.post(reverse("delete_account"), {"confirm": "other"})
    assert "That is not your username" in refused.content.decode()
    assert client.post(reverse("delete_account"), {"confirm": "owner"}).status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()


def test_deleting_the_account_removes_everything_and_logs_out(
    owner: User, other: User, owner_client: Client
) -> None:
    mine = list(services.applications_of(owner).values_list("pk", flat=True))
    response = owner_client.post(reverse("delete_account"), {"confirm": "correct horse battery"})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not Application.objects.filter(pk__in=mine).exists()
    assert not Event.objects.filter(application_id__in=mine).exists()
    assert not Profile.objects.filter(user_id=owner.pk).exists()
    assert services.applications_of(other).count() == 1  # others keep theirs
    assert owner_client.get(reverse("settings"))["Location"].startswith(reverse("login"))
