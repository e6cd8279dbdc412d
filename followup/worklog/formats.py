"""The work-search log as CSV, as a printable HTML page, and as a one-page PDF."""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from .report import COLUMNS, WorkLog

if TYPE_CHECKING:
    from fpdf import FPDF

FORMATS = ("csv", "html", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}

# CSV ----------------------------------------------------------------------------------

# A spreadsheet reads a cell that starts with one of these as a formula (tab and
# carriage return hide one): a company named =HYPERLINK(...) in the journal would run
# when the log is opened. The quote makes the cell text. Phone numbers in the
# international form (+1 505 ...) get it too: telling a phone number from a formula
# such as +A1*2 is guesswork, and a visible quote is a small price for never guessing
# wrong (OWASP's advice on CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(log: WorkLog) -> str:
    """The week's rows under a header row (no preamble: it sorts and filters cleanly)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in log.rows:
        writer.writerow([safe_cell(cell) for cell in row.cells()])
    return out.getvalue()


# HTML ---------------------------------------------------------------------------------


def density(log: WorkLog) -> str:
    """A CSS class that shrinks the type as rows grow, so that a week fits one page."""
    count = len(log.rows)
    return "roomy" if count <= 12 else "compact" if count <= 25 else "tight"


def to_html(log: WorkLog) -> str:
    return render_to_string(
        "worklog/print.html", {"log": log, "columns": COLUMNS, "density": density(log)}
    )


# PDF ----------------------------------------------------------------------------------

# The PDF's core fonts cover Latin-1 only: common punctuation beyond it gets its
# nearest Latin-1 form, accented letters lose the accent, anything else becomes "?".
PUNCTUATION = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
        "\u2022": "*",
        "\u2032": "'",
        "\u2033": '"',
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u20ac": "EUR",
        # Letters with no decomposition to a base letter.
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u0131": "i",
    }
)


def latin1(text: str) -> str:
    """`text` with only Latin-1 characters (the core fonts' whole alphabet)."""
    out = []
    for char in text.translate(PUNCTUATION):
        if ord(char) < 256:
            out.append(char)
            continue
        out.append(_base_letter(char))
    return "".join(out)


def _base_letter(char: str) -> str:
    """A letter without its accents ("Š" to "S"), or "?". Only letters: a symbol loses
    meaning with its mark ("≠" would become "=")."""
    if not unicodedata.category(char).startswith("L"):
        return "?"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


# Landscape US letter, in millimetres; the column shares add up to 1.
PAGE_MARGIN = 10.0
COLUMN_SHARES = (0.08, 0.16, 0.2, 0.15, 0.13, 0.14, 0.14)
MAX_FONT, MIN_FONT = 9.0, 5.0
PT = 0.3528  # millimetres in a point


def to_pdf(log: WorkLog) -> bytes:
    return bytes(pdf_document(log).output())


def pdf_document(log: WorkLog) -> FPDF:
    """The week on one landscape letter page: the type shrinks with the number of rows,
    cells are cut to their column, and rows that still don't fit are counted at the end."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="mm", format="letter")
    pdf.set_auto_page_break(False)  # one page per week, whatever the rows
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    pdf.add_page()
    _pdf_header(pdf, log)
    width = pdf.w - 2 * PAGE_MARGIN
    widths = [width * share for share in COLUMN_SHARES]
    room = pdf.h - PAGE_MARGIN - pdf.get_y()
    font, shown = _fit(room, len(log.rows))
    line = font * PT * 1.45
    pdf.set_font("Helvetica", "B", font)
    _pdf_row(pdf, list(COLUMNS), widths, line)
    pdf.set_font("Helvetica", "", font)
    for row in log.rows[:shown]:
        _pdf_row(pdf, row.cells(), widths, line)
    if shown < len(log.rows):
        rest = len(log.rows) - shown
        pdf.cell(width, line, latin1(f"... and {rest} more: see the CSV export for every row"))
    return pdf


def _fit(room: float, rows: int) -> tuple[float, int]:
    """The font size that fits header and rows in `room` mm, and how many rows fit."""
    lines = rows + 1
    font = max(MIN_FONT, min(MAX_FONT, room / (lines * PT * 1.45)))
    fitting = int(room // (font * PT * 1.45)) - 1
    shown = rows if fitting >= rows else max(fitting - 1, 0)  # keep a line for "and N more"
    return font, shown


def _pdf_header(pdf: FPDF, log: WorkLog) -> None:
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 7, latin1(f"Work-search log: {log.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 5, latin1(f"Week {log.week}, {log.period}"), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, latin1(log.count_text), new_x="LMARGIN", new_y="NEXT")
    if log.warning:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5, latin1(log.warning + "."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _pdf_row(pdf: FPDF, cells: list[str], widths: list[float], line: float) -> None:
    for text, width in zip(cells, widths, strict=True):
        pdf.cell(width, line, _cut(pdf, latin1(text), width - 2), border=1)
    pdf.ln(line)


def _cut(pdf: FPDF, text: str, width: float) -> str:
    """`text` shortened with "..." to fit `width` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text + "..."
