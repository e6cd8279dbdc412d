"""What each step tells the user, word for word, and the sources it cites.

The reason is the plan's explanation on every screen, and each rule names its
source (spec, table of slugs): a step that lost either would still be on time.
"""

from __future__ import annotations

from typing import Any

import pytest

from .builders import INTERVIEWER, MANAGER, RECRUITER, application, d, steps_of


def interview(at: str, *who: str) -> dict[str, Any]:
    return {"type": "interview", "at": at, "with": list(who)}


THANK = "within a day, restating why you fit the role, while the conversation is fresh."
NO_DATE = "check in by email once that time has passed since your interview (Mon 2 Mar)."
CASES = {
    "thank-you notes, with an influence letter": (
        application(
            contacts=[MANAGER, INTERVIEWER],
            first_six_months="Ship the dashboard",
            events=[interview("2026-03-02T10:00", "hana", "ivan")],
        ),
        "2026-03-02",
        [
            (
                "send_thank_you",
                f"You interviewed on Mon 2 Mar. Thank Hana Kim {THANK}",
                ("nm-dws", "forbes"),
            ),
            (
                "send_thank_you",
                f"You interviewed on Mon 2 Mar. Thank Ivan Petrov {THANK}",
                ("nm-dws", "forbes"),
            ),
            (
                "check_in",
                f"No date was given. Large companies usually need 7 to 10 days; {NO_DATE}",
                ("crowe", "quast"),
            ),
        ],
    ),
    "a thank-you note to nobody in particular; a staffing agency": (
        application(
            contacts=[MANAGER],
            employer_kind="staffing_agency",
            events=[interview("2026-03-02T10:00")],
        ),
        "2026-03-02",
        [
            (
                "send_thank_you",
                f"You interviewed on Mon 2 Mar. Thank the people who interviewed you {THANK}",
                ("nm-dws",),
            ),
            (
                "check_in",
                f"No date was given. Staffing agencies usually need 3 to 5 days; {NO_DATE}",
                ("nm-dws",),
            ),
        ],
    ),
    "before an interview": (
        application(contacts=[RECRUITER], events=[{"type": "applied", "at": "2026-03-02"}]),
        "2026-03-02",
        [
            (
                "confirm_receipt",
                "You applied on Mon 2 Mar. After a week or two, confirm your materials arrived "
                "and ask whether interviews have been scheduled.",
                ("nm-dws", "crowe"),
            ),
            (
                "check_in",
                "Your last message got no answer. A short, friendly email keeps your application in view.",
                (),
            ),
            (
                "move_on",
                "Two weeks of silence after your follow-ups: stop chasing this one and keep "
                "applying elsewhere.",
                ("quast",),
            ),
        ],
    ),
    "a promised call that did not come": (
        application(
            contacts=[MANAGER],
            events=[
                interview("2026-03-02T10:00", "hana"),
                {"type": "sent", "at": "2026-03-02T18:00", "to": "hana", "purpose": "thank_you"},
                {
                    "type": "expectation",
                    "at": "2026-03-02T11:00",
                    "by": "2026-03-06",
                    "via": "phone",
                    "from": "hana",
                },
            ],
        ),
        "2026-03-09",
        [
            (
                "call",
                "Hana Kim said they would call by Fri 6 Mar and didn't. Call first thing the next "
                "business day: promised calls slip all the time, and calling shows you're keen.",
                ("forbes",),
            ),
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_step_explains_itself_and_cites_its_source(case: str) -> None:
    app, as_of, expected = CASES[case]
    steps = steps_of(app, as_of=d(as_of))
    assert [(s.action, s.reason, s.sources) for s in steps][: len(expected)] == expected


def test_confirming_receipt_by_email_says_why() -> None:
    app = application(
        contacts=[RECRUITER],
        events=[
            {"type": "directions", "at": "2026-03-01", "no_calls": True},
            {"type": "applied", "at": "2026-03-02"},
        ],
    )
    step = steps_of(app, as_of=d("2026-03-02"))[0]
    assert (step.action, step.channel, step.sources) == (
        "confirm_receipt",
        "email",
        ("nm-dws", "phone-call"),
    )
    assert step.reason.endswith(
        "have been scheduled. They prefer not to be called, so do it by email."
    )
