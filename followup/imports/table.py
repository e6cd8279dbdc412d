"""Reading an import file into a table: a CSV with any usual delimiter, or the
markdown table career-ops keeps.

The bottom layer of the CSV import (`csvmap`): standard library only, and every
other import module may depend on it, so it depends on none of them.

Row numbers are the ones a spreadsheet shows (the header is row 1); in a markdown
table they are the file's line numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass


class CsvImportError(ValueError):
    """A file that can't be imported: every problem, each naming its row and column."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


# Reading the file ---------------------------------------------------------------------


@dataclass
class Table:
    """The file's header and its rows, each with its row number."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str = "csv"  # or "markdown"


def decode(data: bytes) -> str:
    """The file's text: UTF-8, or UTF-16 (as Excel's "Unicode text" saves it), with or
    without a byte-order mark."""
    encoding = utf16_order(data)
    try:
        if encoding:
            return data.decode(encoding).removeprefix("\ufeff")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvImportError(
            [
                f"the file is not UTF-8 text (byte {error.start + 1}); save it from your "
                "spreadsheet as “CSV UTF-8” and try again"
            ]
        ) from None


def utf16_order(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` is UTF-16 text, with or without a BOM.

    Without one, the tell is where the zero bytes are: the text of a spreadsheet is
    mostly Latin letters, digits and punctuation, whose UTF-16 has a zero byte in every
    pair (second in little-endian, first in big-endian); UTF-8 text has none."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd_zeros, even_zeros = sample[1::2].count(0), sample[0::2].count(0)
    if odd_zeros > pairs * 0.6 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > pairs * 0.6 and odd_zeros == 0:
        return "utf-16-be"
    return None


def read_table(text: str) -> Table:
    """Read a CSV (delimiter sniffed, quoted newlines kept) or a markdown table."""
    text = text.removeprefix("\ufeff")
    table = _read_markdown(text) if _is_markdown(text) else _read_csv(text)
    problems = []
    if not table.headers or not any(table.headers):
        problems.append("the file is empty: it needs a header row naming its columns")
    seen: set[str] = set()
    for name in table.headers:
        if name and name in seen:
            problems.append(f"column {name!r} appears twice in the header row")
        seen.add(name)
    if any("\x00" in name for name in table.headers):
        problems.append("row 1 (the header row): contains a NUL character")
    for number, cells in table.rows:
        for header, cell in zip(table.headers, cells, strict=False):
            if "\x00" in cell:
                problems.append(f"row {number}, column {header!r}: contains a NUL character")
        extra = [c for c in cells[len(table.headers) :] if c.strip()]
        if extra:
            problems.append(
                f"row {number}: has {len(cells)} cells but the header names {len(table.headers)} columns"
            )
    if problems:
        raise CsvImportError(problems)
    width = len(table.headers)
    table.rows = [(n, (cells + [""] * width)[:width]) for n, cells in table.rows]
    return table


MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _is_markdown(text: str) -> bool:
    lines = text.splitlines()[:200]
    return any(
        MARKDOWN_RULE.match(line) and n and lines[n - 1].lstrip().startswith("|")
        for n, line in enumerate(lines)
    )


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _read_markdown(text: str) -> Table:
    """The first pipe table of a markdown file (career-ops' applications.md)."""
    lines = text.splitlines()
    start = next(
        n for n, line in enumerate(lines) if n and MARKDOWN_RULE.match(line) and "|" in lines[n - 1]
    )
    rows = []
    for n in range(start + 1, len(lines)):
        if not lines[n].lstrip().startswith("|"):
            break
        rows.append((n + 1, _cells(lines[n])))
    return Table(_cells(lines[start - 1]), rows, "markdown")


def _read_csv(text: str) -> Table:
    # Only the delimiter is sniffed: the Sniffer's guesses about quoting are
    # unreliable, and every spreadsheet program quotes the same way ("" inside "").
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise CsvImportError([f"row {reader.line_num}: {error}"]) from None
    if not records:
        return Table([], [])
    headers = [h.strip() for h in records[0]]
    rows = [(n, row) for n, row in enumerate(records[1:], start=2) if any(c.strip() for c in row)]
    return Table(headers, rows)
