"""Drafts (§9): the right form for the channel, the journal's facts, and the limits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from followup.planner.drafts import BODY_LIMIT, SUBJECT_LIMIT, VOICEMAIL_LIMIT, draft_for
from followup.planner.model import Application, Contact, Draft, DraftContext, Event, Profile, Step

INTERVIEW_DAY = date(2026, 1, 12)  # a Monday
NOTES = (
    "Talked about the Q3 dashboard migration. They want the weekly report automated; "
    "team of five analysts"
)
PROFILE = Profile(name="Dana Reyes", email="dana@example.org", phone="+1 505 555 0142")

MANAGER = Contact("hana", "Hana Kim", "hiring_manager", best_time="mornings")
RECRUITER = Contact("rita", "Rita Gomez", "recruiter")
INSIDER = Contact("ines", "Ines Duarte", "insider")
ASSISTANT = Contact("abe", "Abe Shaw", "assistant")

# (action, channel, to): every action in every form the rules give it.
CASES = [
    ("send_thank_you", "email", "hana"),
    ("confirm_receipt", "phone", "rita"),
    ("confirm_receipt", "email", "rita"),
    ("check_in", "email", "rita"),
    ("check_in", "message", "rita"),
    ("ask_insider", "email", "ines"),
    ("escalate", "email", "hana"),
    ("call", "phone", "hana"),
    ("send_letter", "letter", "hana"),
    ("status_update", "phone", "hana"),
    ("status_update", "email", "hana"),
    ("reply", "email", "rita"),
    ("reply_graciously", "email", "rita"),
]
CASE_IDS = [f"{action}-{channel}" for action, channel, _ in CASES]
LONG = 200 * "x"
MANY_WORDS = " ".join(["Amalgamated"] * 18)  # 200 characters in 18 words
SHORT_WORDS = " ".join(["a"] * 100)  # as many words as 200 characters hold


def interview(notes: str | None = NOTES, kind: str | None = "onsite") -> Event:
    at = datetime(2026, 1, 12, 10, 0)
    return Event("interview", at, INTERVIEW_DAY, 1, kind=kind, notes=notes, interviewers=("hana",))


def application(**facts: Any) -> Application:
    facts.setdefault("company", "Acme Corp")
    facts.setdefault("role", "Data Analyst")
    facts.setdefault("timezone", "America/Los_Angeles")
    facts.setdefault("contacts", (MANAGER, RECRUITER, INSIDER))
    applied = Event("applied", datetime(2026, 1, 5), date(2026, 1, 5), 0, channel="online")
    facts.setdefault("events", (applied, interview()))
    return Application("acme", **facts)


def step(action: str, channel: str | None, to: str | None, **extra: Any) -> Step:
    if channel == "phone":
        extra.setdefault("window", "09:30-11:30")
        extra.setdefault("leave_message", True)
    return Step(
        action, channel, to, date(2026, 1, 20), date(2026, 1, 22), "why", ("quast",), **extra
    )


def context(**extra: Any) -> DraftContext:
    extra.setdefault("last_interview", interview())
    inbound = Event(
        "heard", datetime(2026, 1, 14, 9), date(2026, 1, 14), 2, kind="request_info", sender="rita"
    )
    extra.setdefault("inbound", inbound)
    return DraftContext(**extra)


def draft(
    action: str,
    channel: str | None,
    to: str | None,
    app: Application | None = None,
    profile: Profile = PROFILE,
    ctx: DraftContext | None = None,
    **step_extra: Any,
) -> Draft:
    result = draft_for(
        step(action, channel, to, **step_extra), app or application(), profile, ctx or context()
    )
    assert result is not None
    return result


def words(text: str) -> int:
    return len(text.split())


def voicemail(body: str) -> str | None:
    """The script under "If you get voicemail", or None where the sheet says not to leave one."""
    line = body.split("If you get voicemail\n", 1)[1].strip()
    return line.strip('"') if line.startswith('"') else None


def full_text(d: Draft) -> str:
    return f"{d.subject or ''}\n{d.body}"


# Form -------------------------------------------------------------------------------


def test_move_on_has_nothing_to_write() -> None:
    assert draft_for(step("move_on", None, None), application(), PROFILE, context()) is None


@pytest.mark.parametrize(("action", "channel", "to"), CASES, ids=CASE_IDS)
def test_the_channel_decides_the_form(action: str, channel: str, to: str) -> None:
    d = draft(action, channel, to)
    if channel == "phone":
        assert d.subject is None
        assert d.body.startswith("Ask for\n")
    elif channel == "letter":
        assert d.subject is not None
        assert d.subject.startswith("Re: ")
        assert "Dear Hana Kim," in d.body
        assert d.body.rstrip().split("\n")[-4] == "Sincerely,"
    else:
        assert d.subject
        assert d.body.startswith("Hello ")
        assert "\nDana Reyes\ndana@example.org\n+1 505 555 0142" in d.body


def test_a_call_sheet_has_every_section_in_order() -> None:
    body = draft("call", "phone", "hana").body
    headings = [
        "Ask for",
        "Who you are",
        "Why you're calling",
        "Talking points",
        "Questions to ask",
        "How to reach you",
        "Call window",
        "If you get voicemail",
    ]
    blocks = [block.split("\n")[0] for block in body.split("\n\n")]
    assert blocks == headings


def test_a_letter_is_dated_the_day_it_is_due() -> None:
    body = draft("send_letter", "letter", "hana").body
    assert body.startswith("20 January 2026\n\nHana Kim\nAcme Corp\n\nDear Hana Kim,")


def test_plain_text_only() -> None:
    for action, channel, to in CASES:
        d = draft(action, channel, to)
        assert "<" not in full_text(d)
        assert ">" not in full_text(d)


def test_same_inputs_same_draft() -> None:
    for action, channel, to in CASES:
        assert draft(action, channel, to) == draft(action, channel, to)


# Facts from the journal ----------------------------------------------------------


@pytest.mark.parametrize(("action", "channel", "to"), CASES, ids=CASE_IDS)
def test_names_company_and_role_appear(action: str, channel: str, to: str) -> None:
    d = draft(action, channel, to)
    text = full_text(d)
    assert "Acme Corp" in text
    assert "Data Analyst" in text
    name = {"hana": "Hana Kim", "rita": "Rita Gomez", "ines": "Ines Duarte"}[to]
    if channel == "email" or channel == "message":
        assert d.body.startswith(f"Hello {name.split()[0]},")
    else:
        assert name in d.body


@pytest.mark.parametrize(
    ("action", "channel", "to"),
    [
        ("send_thank_you", "email", "hana"),
        ("check_in", "email", "rita"),
        ("escalate", "email", "hana"),
        ("call", "phone", "hana"),
        ("send_letter", "letter", "hana"),
    ],
)
def test_interview_date_and_a_note_appear(action: str, channel: str, to: str) -> None:
    body = draft(action, channel, to).body
    assert "Monday 12 January" in body
    assert "the Q3 dashboard migration" in body


def test_dates_are_written_without_the_locale() -> None:
    for day, written in [
        (date(2026, 1, 12), "Monday 12 January"),
        (date(2026, 2, 28), "Saturday 28 February"),
        (date(2024, 2, 29), "Thursday 29 February"),
        (date(2026, 12, 6), "Sunday 6 December"),
    ]:
        event = Event("interview", datetime(day.year, day.month, day.day), day, 1)
        assert written in draft("check_in", "email", "rita", ctx=context(last_interview=event)).body


def test_call_sheet_lists_up_to_three_specifics_as_talking_points() -> None:
    assert talking_points(draft("call", "phone", "hana").body) == [
        "the Q3 dashboard migration",
        "They want the weekly report automated",
        "team of five analysts",
    ]


def test_call_sheet_without_notes_has_fit_points() -> None:
    body = draft("call", "phone", "hana", ctx=context(last_interview=interview(notes=None))).body
    points = talking_points(body)
    assert len(points) == 2
    assert "Acme Corp" in points[1]


def test_first_six_months_paragraph_only_when_written_down() -> None:
    plan = "automate the weekly report and retire the old dashboards"
    with_plan = draft(
        "send_thank_you", "email", "hana", app=application(first_six_months=plan)
    ).body
    without = draft("send_thank_you", "email", "hana").body
    assert "first six months" in with_plan
    assert plan in with_plan
    assert "first six months" not in without


def test_thank_you_thanks_and_restates_the_fit() -> None:
    d = draft("send_thank_you", "email", "hana")
    assert d.subject is not None
    assert d.subject.startswith("Thank you")
    assert "Thank you for taking the time" in d.body
    assert "experience" in d.body


def test_check_in_mentions_the_expected_date_kindly() -> None:
    body = draft("check_in", "email", "rita", ctx=context(expected_by=date(2026, 1, 16))).body
    assert "Friday 16 January" in body
    assert "Friday" not in draft("check_in", "email", "rita").body


def test_check_in_before_any_interview_refers_to_the_application() -> None:
    body = draft("check_in", "email", "rita", ctx=context(last_interview=None)).body
    assert "I applied for the Data Analyst position at Acme Corp on Monday 5 January" in body


def test_confirm_receipt_asks_about_materials_and_interviews() -> None:
    email = draft("confirm_receipt", "email", "rita", ctx=context(last_interview=None)).body
    sheet = draft("confirm_receipt", "phone", "rita", ctx=context(last_interview=None)).body
    for body in (email, sheet):
        assert "application" in body
        assert "interview dates" in body
    assert "applied for Data Analyst on Monday 5 January" in sheet


@pytest.mark.parametrize("channel", ["phone", "email"])
def test_status_update_states_the_deadline_and_not_the_other_company(channel: str) -> None:
    ctx = context(offer_deadline=date(2026, 1, 23), offer_company="Globex")
    body = draft("status_update", channel, "hana", ctx=ctx).body
    assert "Friday 23 January" in body
    assert "another employer" in body
    assert "Globex" not in body


def test_status_update_without_a_deadline_still_reads() -> None:
    body = draft("status_update", "email", "hana", ctx=context(offer_company="Globex")).body
    assert "another employer" in body
    assert "None" not in body


def test_reply_thanks_and_leaves_room_for_the_information() -> None:
    body = draft("reply", "email", "rita").body
    assert "Thank you for your message of Wednesday 14 January" in body
    assert "[the information they asked for]" in body


def test_gracious_reply_asks_to_be_kept_in_mind() -> None:
    body = draft("reply_graciously", "email", "rita").body
    assert body.startswith("Hello Rita,\n\nThank you")
    assert "keep me in mind for future openings" in body


def test_escalation_names_the_recruiter_and_insider_ask_is_low_pressure() -> None:
    assert "Rita Gomez" in draft("escalate", "email", "hana").body
    insider = draft("ask_insider", "email", "ines").body
    assert "no problem at all" in insider
    assert insider.startswith("Hello Ines,")


# Voicemail and the assistant -----------------------------------------------------


@pytest.mark.parametrize("action", ["call", "confirm_receipt", "status_update"])
def test_voicemail_script_when_a_message_may_be_left(action: str) -> None:
    script = voicemail(draft(action, "phone", "hana").body)
    assert script is not None
    assert script.startswith(
        "Hello Hana, this is Dana Reyes about the Data Analyst position at Acme Corp."
    )
    assert script.count("+1 505 555 0142") == 2
    assert words(script) <= VOICEMAIL_LIMIT


@pytest.mark.parametrize("action", ["call", "confirm_receipt", "status_update"])
def test_no_second_voicemail(action: str) -> None:
    body = draft(action, "phone", "hana", leave_message=False).body
    assert voicemail(body) is None
    assert "Don't leave another message: hang up and try again later." in body
    assert "this is Dana Reyes" not in body


def test_an_earlier_voicemail_counts_when_the_step_does_not_say() -> None:
    ctx = context(voicemail_left=True)
    assert voicemail(draft("call", "phone", "hana", ctx=ctx, leave_message=None).body) is None
    assert voicemail(draft("call", "phone", "hana", leave_message=None).body) is not None


def test_assistant_line_names_the_assistant() -> None:
    app = application(contacts=(MANAGER, RECRUITER, ASSISTANT))
    body = draft("call", "phone", "hana", app=app).body
    assert "Ask Abe Shaw for a good time to call." in body
    assert "Abe Shaw" not in draft("call", "phone", "hana").body


def test_ask_for_by_name_with_the_best_time() -> None:
    body = draft("call", "phone", "hana").body
    assert body.startswith("Ask for\n  Hana Kim (best time: mornings)\n")


def test_call_window_is_in_the_employer_time_zone() -> None:
    body = draft("call", "phone", "hana", window="08:30-10:00").body
    assert "08:30-10:00 America/Los_Angeles time, from Tuesday 20 January" in body


# Missing details -----------------------------------------------------------------


BARE_APP = Application("bare", "Acme Corp", contacts=(Contact("x"),))
BARE_CONTEXT = DraftContext()


@pytest.mark.parametrize(("action", "channel", "to"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("to_whom", ["nobody", "nameless"])
def test_missing_details_never_show_as_none(
    action: str, channel: str, to: str, to_whom: str
) -> None:
    del to  # the bare application has a single contact without a name
    recipient = None if to_whom == "nobody" else "x"
    d = draft(action, channel, recipient, app=BARE_APP, profile=Profile(), ctx=BARE_CONTEXT)
    assert "None" not in full_text(d)
    assert "the position" in full_text(d) or d.subject is not None
    if channel in ("email", "message"):
        assert d.body.startswith("Hello,\n")
    if channel == "letter":
        assert "Dear Hiring Team," in d.body
    if channel == "phone":
        assert "Ask for\n  whoever handles hiring for the position" in d.body
        assert "[your name]" in d.body


def test_hiring_manager_without_a_name_is_asked_for_by_role() -> None:
    app = application(role=None, contacts=(Contact("hm", role="hiring_manager"),))
    body = draft("call", "phone", "hm", app=app).body
    assert "Ask for\n  the hiring manager for the position" in body


def test_an_empty_profile_leaves_no_blank_signature_lines() -> None:
    body = draft("check_in", "email", "rita", profile=Profile(name="Dana Reyes")).body
    assert body.endswith("Best regards,\nDana Reyes")


# Limits --------------------------------------------------------------------------


NOTE_SENTENCES = " ".join(
    f"Point {i} was about a very long and winding subject indeed." for i in range(60)
)
VARIANTS: dict[str, dict[str, Any]] = {
    "plain": {},
    "long-company-one-token": {"company": LONG},
    "long-company-many-words": {"company": MANY_WORDS},
    "long-role": {"role": MANY_WORDS},
    "long-notes-one-run": {"notes": 2000 * "n"},
    "long-notes-many-words": {"notes": " ".join(["word"] * 400)},
    "long-notes-many-sentences": {"notes": NOTE_SENTENCES[:2000]},
    "long-names": {"names": MANY_WORDS},
    "long-profile": {
        "profile": Profile(MANY_WORDS, LONG + "@example.org", "+1 " + " ".join(["555"] * 40))
    },
    "short-words-everywhere": {
        "company": SHORT_WORDS,
        "role": SHORT_WORDS,
        "notes": "; ".join([SHORT_WORDS] * 10),
        "names": SHORT_WORDS,
        "profile": Profile(SHORT_WORDS, SHORT_WORDS, SHORT_WORDS),
        "timezone": SHORT_WORDS,
        "best_time": SHORT_WORDS,
    },
    "long-everything": {
        "company": MANY_WORDS,
        "role": MANY_WORDS,
        "notes": NOTE_SENTENCES[:2000],
        "names": MANY_WORDS,
        "profile": Profile(MANY_WORDS, LONG + "@example.org", "+1 " + " ".join(["555"] * 40)),
        "timezone": "America/" + LONG,
        "best_time": MANY_WORDS,
        "six_months": " ".join(["plan"] * 500),
    },
}


def pathological(variant: dict[str, Any]) -> tuple[Application, Profile, DraftContext]:
    name = variant.get("names", "Hana Kim")
    people = (
        Contact("hana", name, "hiring_manager", best_time=variant.get("best_time", "mornings")),
        Contact("rita", name, "recruiter"),
        Contact("ines", name, "insider"),
        Contact("abe", name, "assistant"),
    )
    app = application(
        company=variant.get("company", "Acme Corp"),
        role=variant.get("role", "Data Analyst"),
        contacts=people,
        timezone=variant.get("timezone", "America/Los_Angeles"),
        first_six_months=variant.get("six_months"),
    )
    ctx = context(
        last_interview=interview(notes=variant.get("notes", NOTES)),
        expected_by=date(2026, 1, 16),
        offer_deadline=date(2026, 1, 23),
        offer_company=variant.get("company", "Globex"),
    )
    return app, variant.get("profile", PROFILE), ctx


@pytest.mark.parametrize("variant", list(VARIANTS), ids=list(VARIANTS))
@pytest.mark.parametrize(("action", "channel", "to"), CASES, ids=CASE_IDS)
def test_limits_hold_for_any_input(action: str, channel: str, to: str, variant: str) -> None:
    app, profile, ctx = pathological(VARIANTS[variant])
    for leave in (True, False):
        extra = {"leave_message": leave} if channel == "phone" else {}
        d = draft(action, channel, to, app=app, profile=profile, ctx=ctx, **extra)
        if d.subject is not None:
            assert len(d.subject) < SUBJECT_LIMIT
            assert "\n" not in d.subject
        if action != "send_thank_you":
            assert words(d.body) < BODY_LIMIT, d.body
        script = voicemail(d.body) if channel == "phone" else None
        if script is not None:
            assert words(script) <= VOICEMAIL_LIMIT
        assert "None" not in full_text(d)


def test_long_values_are_cut_with_an_ellipsis() -> None:
    app = application(company=LONG, role=MANY_WORDS)
    d = draft("check_in", "email", "rita", app=app)
    assert d.subject is not None
    assert d.subject.endswith("…")
    assert "xxxx…" in d.body
    assert LONG not in d.body


def talking_points(body: str) -> list[str]:
    return [p.strip() for p in body.split("Talking points\n", 1)[1].split("\n\n", 1)[0].split("\n")]


@pytest.mark.parametrize("action", ["call", "confirm_receipt", "status_update"])
def test_detailed_notes_keep_two_talking_points_within_the_limit(action: str) -> None:
    notes = (
        "Discussed migrating the reporting stack from Excel to dbt and Looker. They need "
        "someone who can own stakeholder requests end to end; the team is growing from three "
        "to six analysts next year."
    )
    app = application(contacts=(MANAGER, RECRUITER, INSIDER, ASSISTANT))
    ctx = context(
        last_interview=interview(notes=notes),
        expected_by=date(2026, 1, 16),
        offer_deadline=date(2026, 1, 23),
    )
    body = draft(action, "phone", "hana", app=app, ctx=ctx).body
    assert talking_points(body)[:2] == [
        "migrating the reporting stack from Excel to dbt and Looker",
        "They need someone who can own stakeholder requests end to…",
    ]
    assert words(body) < BODY_LIMIT


def test_extreme_input_keeps_a_talking_point_of_ten_words_at_most() -> None:
    app, profile, ctx = pathological(VARIANTS["long-everything"])
    points = talking_points(draft("call", "phone", "hana", app=app, profile=profile, ctx=ctx).body)
    assert len(points) >= 1
    assert all(words(p) <= 10 for p in points)


def test_voicemail_without_a_phone_number_gives_the_email() -> None:
    profile = Profile(name="Dana Reyes", email="dana@example.org")
    script = voicemail(draft("call", "phone", "hana", profile=profile).body)
    assert script is not None
    assert "You can email me at dana@example.org." in script


def test_thank_you_has_no_word_limit() -> None:
    plan = " ".join(["plan"] * 300)
    body = draft("send_thank_you", "email", "hana", app=application(first_six_months=plan)).body
    assert words(body) > BODY_LIMIT
    assert plan in body
