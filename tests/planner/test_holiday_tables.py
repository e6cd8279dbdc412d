"""Holiday tables kept on disk: computed once per (holidays version, country,
subdivision, years), read back by later calendars, recomputed when damaged, and a
process with the tables stored never imports the package's country modules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest

from followup.planner import holiday_tables
from followup.planner.calendar import BusinessCalendar, CalendarError

# 4 July 2026 is a Saturday: the US observes Independence Day on Friday 3 July.
OBSERVED = date(2026, 7, 3)


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    holiday_tables.use_folder(tmp_path)
    yield tmp_path
    holiday_tables.use_folder(None)


def table_file(folder: Path) -> Path:
    return folder / f"holidays-{version('holidays')}" / "US-CA.json"


def test_a_table_is_stored_once_computed(folder: Path) -> None:
    calendar = BusinessCalendar("us", "CA")
    assert not calendar.is_business_day(OBSERVED)
    stored = json.loads(table_file(folder).read_text(encoding="utf-8"))
    assert stored["language"] == "en_US"
    pairs = dict(stored["ranges"]["2026-2026"])
    assert "Independence Day" in pairs[OBSERVED.toordinal()]
    assert date(2026, 3, 31).toordinal() in pairs  # César Chávez Day: California only
    assert date(2026, 7, 6).toordinal() not in pairs


def test_a_later_calendar_reads_the_stored_table(folder: Path) -> None:
    BusinessCalendar("US", "CA").is_business_day(OBSERVED)
    path = table_file(folder)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["ranges"]["2026-2026"] = [[date(2026, 7, 6).toordinal(), "Stored Day"]]
    path.write_text(json.dumps(stored), encoding="utf-8")
    calendar = BusinessCalendar("US", "CA")
    assert calendar.holiday_name(date(2026, 7, 6)) == "Stored Day"
    assert calendar.is_business_day(OBSERVED)  # the stored table, not the package


def test_a_damaged_table_is_computed_again(folder: Path) -> None:
    path = table_file(folder)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    calendar = BusinessCalendar("US", "CA")
    assert "Independence Day" in (calendar.holiday_name(OBSERVED) or "")
    assert "2026-2026" in json.loads(path.read_text(encoding="utf-8"))["ranges"]


def test_without_a_folder_nothing_is_stored(tmp_path: Path) -> None:
    holiday_tables.use_folder(None)
    assert not BusinessCalendar("US", "CA").is_business_day(OBSERVED)
    assert list(tmp_path.iterdir()) == []


def test_a_bad_subdivision_is_refused_and_stores_nothing(folder: Path) -> None:
    with pytest.raises(CalendarError, match="'ZZ' is not a subdivision of US"):
        BusinessCalendar("US", "ZZ")
    assert not (folder / f"holidays-{version('holidays')}" / "US-ZZ.json").exists()


def test_a_name_that_is_no_code_names_no_file(folder: Path) -> None:
    with pytest.raises(CalendarError, match="is not a subdivision of US"):
        BusinessCalendar("US", "../../x")
    assert [p.name for p in folder.rglob("*")] == []


PROBE = """
import sys
from datetime import date
from pathlib import Path
from followup.planner import holiday_tables
from followup.planner.calendar import BusinessCalendar
holiday_tables.use_folder(Path(sys.argv[1]))
print(BusinessCalendar("US", "CA").add_bd(date(2026, 7, 2), 1))
print(any(name.startswith("holidays.countries") for name in sys.modules))
"""


def test_with_the_tables_stored_no_country_module_is_imported(tmp_path: Path) -> None:
    def run() -> list[str]:
        command = [sys.executable, "-c", PROBE, str(tmp_path)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    # Thursday 2 July, plus one business day: Friday 3 July is the observed holiday.
    assert run() == ["2026-07-06", "True"]  # computed: the package loads every country
    assert run() == ["2026-07-06", "False"]  # stored: none
