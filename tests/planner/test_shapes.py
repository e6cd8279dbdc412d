"""The shapes the planner's speed work introduced behave like what they replaced:
the list of other open applications without a copy, contacts found by dictionary,
the weekly pace counted while folding."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.planner.model import AllBut, Application, Contact

from .builders import application, d, plan_of

NAMES = ("Acme", "Birch", "Cobalt", "Delta", "Ember")


@pytest.mark.parametrize(
    ("left_out", "expected"),
    [
        (None, NAMES),
        (0, ("Birch", "Cobalt", "Delta", "Ember")),
        (2, ("Acme", "Birch", "Delta", "Ember")),
        (4, ("Acme", "Birch", "Cobalt", "Delta")),
    ],
)
def test_all_but_leaves_out_one_name_and_keeps_the_order(
    left_out: int | None, expected: tuple[str, ...]
) -> None:
    others = AllBut(NAMES, left_out)
    assert tuple(others) == expected
    assert len(others) == len(expected)
    assert [others[i] for i in range(len(expected))] == list(expected)
    assert (others[-1], others[:3], others[1:]) == (expected[-1], expected[:3], expected[1:])
    assert others == expected and others == list(expected)
    assert others != expected[:-1] and others != "".join(expected)


def test_all_but_refuses_an_index_past_either_end() -> None:
    others = AllBut(NAMES, 1)  # four names
    assert others[-4] == "Acme"
    with pytest.raises(IndexError):
        others[4]
    with pytest.raises(IndexError):
        others[-5]


def test_all_but_one_of_one_is_empty() -> None:
    assert not AllBut(("Acme",), 0)
    assert AllBut(("Acme",), 0)[:3] == ()


def test_an_offer_lists_the_other_open_applications_but_not_itself() -> None:
    offer = {"type": "heard", "at": "2026-03-02", "kind": "offer"}
    apps = [
        application("acme", [{"type": "applied", "at": "2026-02-20"}, offer], company="Acme"),
        *(
            application(f"a{i}", [{"type": "applied", "at": "2026-02-20"}], company=name)
            for i, name in enumerate(["Birch", "Cobalt", "Delta", "Ember"])
        ),
    ]
    result = plan_of(*apps, as_of=d("2026-03-03"))
    acme = result.applications[0]
    assert tuple(acme.context.still_open) == ("Birch", "Cobalt", "Delta", "Ember")
    assert acme.steps[0].reason.endswith(
        "Still open: Birch, Cobalt, Delta and 1 more. Tell them where things stand before you decide."
    )


def test_contacts_are_found_by_id_and_the_first_of_each_role_wins() -> None:
    rita = Contact("rita", "Rita Gomez", "recruiter")
    hal = Contact("hal", "Hal Ortiz", "hr")
    rob = Contact("rob", "Rob Tate", "recruiter")
    app = Application("acme", "Acme", contacts=(hal, rita, rob))
    assert (app.contact("rob"), app.contact("nobody"), app.contact(None)) == (rob, None, None)
    assert app.first_with_role("recruiter", "hr") == rita  # roles are tried in order
    assert app.first_with_role("hr", "recruiter") == hal
    assert app.first_with_role("insider", "assistant") is None
    assert dict(app.by_role()) == {"hr": hal, "recruiter": rita}


def test_the_contact_index_is_not_part_of_the_value() -> None:
    rita = Contact("rita", "Rita Gomez", "recruiter")
    asked = Application("acme", "Acme", contacts=(rita,))
    assert asked.contact("rita") == rita  # builds the index
    assert asked == Application("acme", "Acme", contacts=(rita,))
    assert hash(asked) == hash(Application("acme", "Acme", contacts=(rita,)))
    assert "_people" not in repr(asked)
    # A copy with other contacts answers from its own contacts, not the original's.
    hal = Contact("hal", "Hal Ortiz", "hr")
    assert replace(asked, contacts=(hal,)).contact("rita") is None


def test_the_weekly_pace_counts_each_application_once() -> None:
    # Two `applied` events in the week (sent again by post) are one application.
    twice = application(
        "acme",
        [{"type": "applied", "at": "2026-03-04"}, {"type": "applied", "at": "2026-03-05"}],
    )
    later = application("birch", [{"type": "applied", "at": "2026-03-12"}])  # after as_of
    result = plan_of(twice, later, as_of=d("2026-03-10"))
    weekly = [n.reason for n in result.nudges if n.kind == "weekly_goal"]
    assert weekly == ["You sent 1 application in the last 7 days; aim for 5."]
