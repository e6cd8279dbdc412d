"""The msgspec fast path (followup.journal_decoding) and the planner's validator accept
the same journals and build the same objects; what the fast path refuses still gets
the validator's every problem with its place."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from followup.cli import main
from followup.journal_decoding import _converted, _fast, _Unusual, convert_journal, decode_journal
from followup.planner.demo import demo_data
from followup.planner.journal import JournalError, _Bad, parse_journal
from tests.synthetic_journals import synthetic_journal

from .planner.strategies import journals, mutated_journals

AS_OF = date(2026, 3, 11)
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def synthetic(count: int, seed: int) -> dict[str, Any]:
    return synthetic_journal(count, AS_OF, seed)


def encoded(data: Any) -> bytes:
    return json.dumps(data).encode()


def outcome(read: Callable[[], Any]) -> tuple[str, Any]:
    """("journal", the journal) or ("refused", its problems): what a reader decided."""
    try:
        return "journal", read()
    except JournalError as error:
        return "refused", error.problems


@pytest.mark.parametrize(
    "make",
    [lambda: demo_data(AS_OF), lambda: synthetic(150, 1), lambda: synthetic(150, 2)],
    ids=["demo", "synthetic-1", "synthetic-2"],
)
def test_the_fast_path_builds_the_journal_the_validator_builds(
    make: Callable[[], dict[str, Any]],
) -> None:
    data = make()
    fast = _fast(encoded(data))  # raises if the fast path would hand over to the validator
    assert fast == parse_journal(copy.deepcopy(data))
    assert len(fast.applications) == len(data["applications"])
    # The same for JSON already decoded (`followup import`, which stores it too).
    assert _converted(copy.deepcopy(data)) == fast


@EXAMPLES
@given(journals())
def test_generated_journals_decode_to_what_the_validator_builds(
    case: tuple[dict[str, Any], date],
) -> None:
    data, _ = case
    assert _fast(encoded(data)) == parse_journal(data)
    assert _converted(data) == parse_journal(data)


@EXAMPLES
@given(mutated_journals())
def test_a_broken_journal_gets_the_same_verdict_on_both_paths(case: tuple[Any, str]) -> None:
    data, what = case
    raw = encoded(data)
    assert outcome(lambda: decode_journal(raw)) == outcome(lambda: parse_journal(data)), what
    assert outcome(lambda: convert_journal(data)) == outcome(lambda: parse_journal(data)), what


def _demo_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = demo_data(AS_OF)
    change(data)
    return data


def _first_app(data: dict[str, Any]) -> dict[str, Any]:
    app: dict[str, Any] = data["applications"][0]
    return app


def _set_event(
    key: str, value: Any, index: int = 0, app: int = 0
) -> Callable[[dict[str, Any]], None]:
    """Set a key of an event of the demo (its first application: applied, interview,
    sent; its second: applied, heard, interview, expectation)."""

    def change(data: dict[str, Any]) -> None:
        data["applications"][app]["events"][index][key] = value

    return change


def _set_app(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        _first_app(data)[key] = value

    return change


def _twin_contact(data: dict[str, Any]) -> None:
    people = _first_app(data).setdefault("contacts", [])
    people += [{"id": "twin"}, {"id": "twin"}]


def _twin_application(data: dict[str, Any]) -> None:
    data["applications"].append(copy.deepcopy(_first_app(data)))


def _new_date_without_date(data: dict[str, Any]) -> None:
    _first_app(data)["events"].append({"type": "heard", "at": "2026-03-02", "kind": "new_date"})


# Each of these has the shape msgspec's types accept, and a problem only the
# validator's own checks see: the fast path must hand each one over.
SEMANTIC = {
    "a date that does not exist": _set_event("at", "2026-02-30"),
    "a year out of range": _set_event("at", "2300-01-05"),
    "a message to a stranger": _set_event("to", "nobody", index=2),
    "a stranger at the interview": _set_event("with", ["kim", "nobody"], index=1),
    "an interviewer twice": _set_event("with", ["kim", "kim"], index=1),
    "a call promised by a stranger": _set_event("from", "nobody", index=3, app=1),
    "a promised day that does not exist": _set_event("by", "2026-02-29", index=3, app=1),
    "a promised day as a date-time": _set_event("by", "2026-03-06T10:00", index=3, app=1),
    "a new date without its date": _new_date_without_date,
    "a blank company": _set_app("company", "  "),
    "an id with a space": _set_app("id", "two words"),
    "a time zone that isn't": _set_app("timezone", "Mars/Olympus"),
    "a country without a calendar": _set_app("country", "XX"),
    "a subdivision without a calendar": _set_app("subdivision", "ZZ"),
    "a contact twice": _twin_contact,
    "an application twice": _twin_application,
    "an empty contact id": _set_app("contacts", [{"id": ""}]),
    "a salary upside down": _set_app("salary", {"min": 90000, "max": 60000}),
    "a salary without an amount": _set_app("salary", {"currency": "USD"}),
    "a currency with a digit": _set_app("salary", {"min": 1, "currency": "US1"}),
    "a policy number out of range": lambda data: data.update(policy={"weekly_goal": -2}),
}


@pytest.mark.parametrize("change", SEMANTIC.values(), ids=SEMANTIC.keys())
def test_what_only_the_validator_sees_is_reported_with_its_place(
    change: Callable[[dict[str, Any]], None],
) -> None:
    data = _demo_with(change)
    raw = encoded(data)
    with pytest.raises((_Bad, _Unusual)):  # the fast path hands it over
        _fast(raw)
    with pytest.raises(JournalError) as fast_path:
        decode_journal(raw)
    with pytest.raises(JournalError) as validator:
        parse_journal(data)
    assert fast_path.value.problems == validator.value.problems
    with pytest.raises((_Bad, _Unusual)):  # decoded JSON: the same hand-over
        _converted(copy.deepcopy(data))
    with pytest.raises(JournalError) as converted:
        convert_journal(data)
    assert converted.value.problems == validator.value.problems


def test_a_message_to_a_stranger_names_the_event_and_the_field() -> None:
    data = _demo_with(_set_event("to", "nobody", index=2))
    app = _first_app(data)
    with pytest.raises(JournalError) as refused:
        decode_journal(encoded(data))
    assert refused.value.problems == (
        f"{app['id']}: events[2].to: 'nobody' is not a contact of this application",
    )


def test_null_where_the_journal_may_only_leave_a_key_out_is_refused() -> None:
    # `"channel": null` on a sent message is not "use the default": the validator
    # refuses it, and so must the fast path (its type has no null).
    data = _demo_with(_set_event("channel", None, index=2))
    app = _first_app(data)
    assert app["events"][2]["type"] == "sent"
    with pytest.raises(JournalError) as refused:
        decode_journal(encoded(data))
    assert refused.value.problems == (
        f"{app['id']}: events[2].channel: None is not one of email, letter, message",
    )


def test_json_only_the_standard_library_reads_is_still_read() -> None:
    # A byte-order mark: msgspec refuses the bytes, the validator's reader takes them.
    raw = b"\xef\xbb\xbf" + encoded(demo_data(AS_OF))
    assert decode_journal(raw) == parse_journal(demo_data(AS_OF))


def test_the_plan_command_reports_a_semantic_problem_with_the_file_and_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _demo_with(_set_event("at", "2026-02-30"))
    journal = tmp_path / "journal.json"
    journal.write_bytes(encoded(data))
    assert main(["plan", str(journal), "--as-of", AS_OF.isoformat()]) == 2
    first = _first_app(data)["id"]
    assert capsys.readouterr().err.startswith(
        f"error: {journal}: {first}: events[0].at: '2026-02-30' is not a date"
    )
