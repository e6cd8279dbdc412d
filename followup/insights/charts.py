"""Charts as SVG text, drawn on the server: nothing runs in the browser.

Each chart carries a title, a description in words (what a screen reader announces,
and what the chart says at a glance) and the table of its numbers, which the page
shows behind a disclosure. Colours come from the stylesheet through class names, so
one drawing serves the light and the dark theme; only geometry lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import NamedTuple

from .figures import Funnel, Insights, TimeToAnswer, Week
from .labels import EMPLOYER_KIND_LABELS, GROUP_TITLES, STAGE_LABELS, follow_up_label, group_label
from .output import share
from .survival import SurvivalStep

WIDTH = 420  # viewBox units; the stylesheet scales the drawing to the column
LABEL_ROW = 18  # a bar's label sits above it, so long names never squeeze the bar
BAR = 16
GAP = 10
WEEKS_SHOWN = 26


class Chart(NamedTuple):
    slug: str  # for ids: chart-<slug>
    title: str
    description: str
    svg: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Bar(NamedTuple):
    label: str
    value: float  # 0..1 of the full width
    text: str  # the figure written at the bar's end


def _svg(slug: str, title: str, description: str, height: float, body: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="chart-{slug}-title chart-{slug}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-{slug}-title">{escape(title)}</title>'
        f'<desc id="chart-{slug}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _bar_rows(bars: Sequence[Bar]) -> tuple[float, str]:
    """Horizontal bars, each under its label; returns (height, markup)."""
    parts: list[str] = []
    y = 4.0
    for bar in bars:
        width = max(0.0, min(1.0, bar.value)) * (WIDTH - 70)
        parts.append(f'<text class="label" x="0" y="{y + 13:.1f}">{escape(bar.label)}</text>')
        y += LABEL_ROW
        parts.append(f'<rect class="track" x="0" y="{y:.1f}" width="{WIDTH - 70}" height="{BAR}"/>')
        parts.append(f'<rect class="bar" x="0" y="{y:.1f}" width="{width:.1f}" height="{BAR}"/>')
        parts.append(
            f'<text class="figure" x="{WIDTH - 64}" y="{y + 13:.1f}">{escape(bar.text)}</text>'
        )
        y += BAR + GAP
    return y, "".join(parts)


def bar_chart(
    slug: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]],
) -> Chart:
    height, body = _bar_rows(bars)
    return Chart(slug, title, description, _svg(slug, title, description, height, body), *table)


def funnel_chart(funnel: Funnel) -> Chart:
    total = funnel.applied
    counts = funnel._asdict()
    bars = [Bar(STAGE_LABELS[s], c / total if total else 0.0, str(c)) for s, c in counts.items()]
    description = (
        f"Of {funnel.applied} applications, {funnel.answered} heard back, "
        f"{funnel.interviewed} led to an interview, {funnel.offered} to an offer; "
        f"offers accepted: {funnel.accepted}."
    )
    rows = tuple((STAGE_LABELS[s], str(c), share(c, total)) for s, c in counts.items())
    return bar_chart(
        "funnel",
        "From application to offer",
        description,
        bars,
        (("Stage", "Count", "Share"), rows),
    )


def answer_rate_chart(by: str, entries: Sequence[TimeToAnswer]) -> Chart:
    """The share answered and the median wait, per group of one kind (from applying)."""
    bars, rows = [], []
    for entry in entries:
        s = entry.survival
        median = "–" if s.median_days is None else str(s.median_days)
        bars.append(Bar(group_label(entry.group), s.answered / s.n, share(s.answered, s.n)))
        rows.append((group_label(entry.group), str(s.n), str(s.answered), median))
    description = "; ".join(f"{b.label}: {b.text} answered" for b in bars) + "."
    title = f"Who answers you: {GROUP_TITLES[by].lower()}"
    headers = ("Group", "Applications", "Answered", "Median days to an answer")
    return bar_chart(f"answer-{by}", title, description, bars, (headers, tuple(rows)))


PLOT_LEFT = 52  # room for the "100 %" ticks


def _x(day: float, longest: int) -> float:
    return PLOT_LEFT + (WIDTH - PLOT_LEFT - 12) * day / max(longest, 1)


def _y(still_waiting: float) -> float:
    return 10 + 180 * (1.0 - still_waiting)


def _path(points: Sequence[tuple[int, float]], longest: int) -> str:
    """A step line: flat until each answer day, then down to the new share."""
    moves = [f"M{_x(0, longest):.1f},{_y(1.0):.1f}"]
    moves.extend(f"H{_x(day, longest):.1f}V{_y(value):.1f}" for day, value in points)
    moves.append(f"H{_x(longest, longest):.1f}")
    return "".join(moves)


def _band(entry: TimeToAnswer, longest: int) -> str:
    steps = entry.survival.steps
    top = _path([(s.day, s.high) for s in steps], longest)
    bottom = [(s.day, s.low) for s in steps]
    back = [f"V{_y(bottom[-1][1] if bottom else 1.0):.1f}"]
    for i in range(len(bottom) - 1, -1, -1):
        before = bottom[i - 1][1] if i else 1.0
        back.append(f"H{_x(bottom[i][0], longest):.1f}V{_y(before):.1f}")
    return f'<path class="band" d="{top}{"".join(back)}H{_x(0, longest):.1f}Z"/>'


def _axes(longest: int) -> str:
    marks = []
    for value in (1.0, 0.5, 0.0):
        y = _y(value)
        marks.append(
            f'<line class="grid" x1="{PLOT_LEFT}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        marks.append(
            f'<text class="tick" x="{PLOT_LEFT - 6}" y="{y + 4:.1f}">{round(value * 100)} %</text>'
        )
    for day in sorted({0, longest // 2, longest}):
        x = _x(day, longest)
        marks.append(f'<text class="tick day" x="{x:.1f}" y="206">{day}</text>')
    marks.append(f'<text class="tick day" x="{WIDTH / 2:.0f}" y="222">days</text>')
    return "".join(marks)


def waiting_chart(entry: TimeToAnswer, slug: str, title: str) -> Chart:
    """The Kaplan–Meier curve, its 95 % band shaded, and the table of its steps."""
    s = entry.survival
    longest = max(s.longest, 1)
    line = _path([(step.day, step.still_waiting) for step in s.steps], longest)
    body = f'{_axes(longest)}{_band(entry, longest)}<path class="line" d="{line}"/>'
    median = "was not reached yet" if s.median_days is None else f"was {s.median_days} days"
    description = (
        f"Share still waiting for a first answer, day by day, with its 95 % band. "
        f"{s.answered} of {s.n} answered; the median wait {median}."
    )
    rows = tuple(
        (str(st.day), str(st.at_risk), str(st.answered), _pct(st.still_waiting), _band_text(st))
        for st in s.steps
    )
    headers = ("Day", "Still waiting before", "Answered that day", "Share still waiting", "95 %")
    return Chart(slug, title, description, _svg(slug, title, description, 228, body), headers, rows)


def _pct(value: float) -> str:
    return f"{value * 100:.0f} %"


def _band_text(step: SurvivalStep) -> str:
    return f"{_pct(step.low)} – {_pct(step.high)}"


def ghosting_chart(found: Insights) -> Chart:
    bars, rows = [], []
    for row in found.ghosted:
        label = EMPLOYER_KIND_LABELS.get(row.employer_kind, row.employer_kind)
        bars.append(Bar(label, row.ghosted / row.closed, share(row.ghosted, row.closed)))
        rows.append((label, str(row.closed), str(row.ghosted), share(row.ghosted, row.closed)))
    description = (
        "; ".join(f"{b.label}: {b.text} of those closed never said a word" for b in bars) + "."
        if bars
        else "No application is closed yet."
    )
    headers = ("Kind of employer", "Closed", "Never said a word", "Share")
    return bar_chart(
        "ghosted", "Employers who went silent", description, bars, (headers, tuple(rows))
    )


def follow_up_chart(found: Insights) -> Chart:
    bars, rows = [], []
    for row in found.follow_ups:
        judged = row.sent - row.waiting
        label = follow_up_label(row.action, row.channel)
        bars.append(
            Bar(label, row.answered / judged if judged else 0.0, share(row.answered, judged))
        )
        rows.append((label, str(row.sent), str(row.answered), str(row.waiting)))
    description = (
        "; ".join(f"{b.label}: {b.text} answered within 7 business days" for b in bars) + "."
        if bars
        else "No follow-up sent yet."
    )
    headers = ("Follow-up", "Sent", "Answered within 7 business days", "Still in their week")
    return bar_chart("follow-ups", "What gets an answer", description, bars, (headers, tuple(rows)))


def weekly_chart(weeks: Sequence[Week]) -> Chart:
    """Applications per week as columns, the weekly goal as a line across them."""
    shown = list(weeks[-WEEKS_SHOWN:])
    goal = shown[-1].goal if shown else 0
    top = max([goal, 1, *(w.applied for w in shown)])
    slot = (WIDTH - 40) / max(len(shown), 1)
    parts = []
    for i, week in enumerate(shown):
        height = 150 * week.applied / top
        x = 30 + i * slot
        css = "bar" if week.applied >= week.goal else "bar short"
        parts.append(
            f'<rect class="{css}" x="{x + 1:.1f}" y="{170 - height:.1f}" '
            f'width="{max(slot - 2, 1):.1f}" height="{height:.1f}"/>'
        )
    goal_y = 170 - 150 * goal / top
    parts.append(
        f'<line class="goal" x1="30" x2="{WIDTH - 10}" y1="{goal_y:.1f}" y2="{goal_y:.1f}"/>'
    )
    parts.append(f'<text class="tick" x="26" y="{goal_y + 4:.1f}">{goal}</text>')
    if shown:
        parts.append(f'<text class="tick start" x="30" y="188">{shown[0].week}</text>')
        parts.append(f'<text class="tick end" x="{WIDTH - 10}" y="188">{shown[-1].week}</text>')
    met = sum(w.applied >= w.goal for w in shown)
    description = (
        f"Applications sent in each of the last {len(shown)} weeks against your goal of "
        f"{goal} a week; the goal was met in {met} of them."
    )
    rows = tuple((w.week, str(w.applied), str(w.goal)) for w in shown)
    svg = _svg("weekly", "Your weekly pace", description, 196, "".join(parts))
    return Chart("weekly", "Your weekly pace", description, svg, ("Week", "Sent", "Goal"), rows)


def charts_of(found: Insights) -> dict[str, Chart]:
    """Every chart of the insights page, by name."""
    applied = [e for e in found.time_to_answer if e.origin == "applied"]
    interview = [e for e in found.time_to_answer if e.origin == "interview"]
    charts = {
        "funnel": funnel_chart(found.funnel),
        "ghosted": ghosting_chart(found),
        "follow_ups": follow_up_chart(found),
        "weekly": weekly_chart(found.weekly),
    }
    for by in ("employer_kind", "channel", "industry"):
        entries = [e for e in applied if e.group.by == by]
        if entries:
            charts[f"answer_{by}"] = answer_rate_chart(by, entries)
    if applied:
        charts["from_applied"] = waiting_chart(
            applied[0], "from-applied", "Waiting for an answer after applying"
        )
    if interview:
        charts["from_interview"] = waiting_chart(
            interview[0], "from-interview", "Waiting for an answer after an interview"
        )
    return charts
