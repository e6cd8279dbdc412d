"""The Kaplan–Meier estimator: a worked textbook example, an independent implementation
(lifelines), and the properties any such estimate must have."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.insights.survival import Wait, kaplan_meier

# Freireich et al. (1963), the 6-MP arm of the leukaemia remission trial, as worked in
# Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", ch. 2: weeks in
# remission, a trailing * meaning censored.
SIX_MP = "6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*"
# (week, at risk, events, S(t), 95 % log(−log) band), worked by hand:
# S(6) = 18/21 = 0.8571; Greenwood Σ d/(n(n−d)) = 3/(21·18) = 0.0079365;
# c = 1.96·√0.0079365 / |ln 0.8571| = 1.1328, band = (S^e^c, S^e^−c) = (0.6197, 0.9516);
# S(7) = 0.8571·16/17 = 0.8067, Σ += 1/(17·16) → 0.011613, band (0.5631, 0.9228); …
TEXTBOOK = [
    (6, 21, 3, 0.8571, 0.6197, 0.9516),
    (7, 17, 1, 0.8067, 0.5631, 0.9228),
    (10, 15, 1, 0.7529, 0.5032, 0.8894),
    (13, 12, 1, 0.6902, 0.4316, 0.8491),
    (16, 11, 1, 0.6275, 0.3675, 0.8049),
    (22, 7, 1, 0.5378, 0.2678, 0.7468),
    (23, 6, 1, 0.4482, 0.1881, 0.6801),
]


def _waits(text: str) -> list[Wait]:
    return [Wait(int(item.rstrip("*")), not item.endswith("*")) for item in text.split()]


def test_the_textbook_example_step_by_step() -> None:
    result = kaplan_meier(_waits(SIX_MP))
    got = [
        (s.day, s.at_risk, s.answered, *(round(x, 4) for x in (s.still_waiting, s.low, s.high)))
        for s in result.steps
    ]
    assert got == TEXTBOOK
    assert (result.n, result.answered, result.median_days, result.longest) == (21, 9, 23, 35)


def test_nobody_left_waiting_closes_the_band() -> None:
    # Day 2: S = 1/2, Σ = 1/(2·1) = 0.5, c = 1.96·√0.5 / ln 2 = 1.9995, e^c = 7.385:
    # band (0.5^7.385, 0.5^(1/7.385)) = (0.0060, 0.9104). Day 4: S = 0, band closed.
    result = kaplan_meier([Wait(2, True), Wait(4, True)])
    got = [
        (s.day, round(s.still_waiting, 4), round(s.low, 4), round(s.high, 4)) for s in result.steps
    ]
    assert got == [(2, 0.5, 0.006, 0.9104), (4, 0.0, 0.0, 0.0)]
    assert result.median_days == 2


def test_a_censored_wait_counts_as_at_risk_on_its_own_day() -> None:
    # Censored at day 3 and answered at day 3: the censored one was still at risk.
    result = kaplan_meier([Wait(3, False), Wait(3, True), Wait(5, True)])
    assert [(s.day, s.at_risk, s.answered) for s in result.steps] == [(3, 3, 1), (5, 1, 1)]
    assert result.steps[0].still_waiting == pytest.approx(2 / 3)


def test_without_answers_there_is_no_step_and_no_median() -> None:
    result = kaplan_meier([Wait(10, False), Wait(4, False)])
    assert (result.steps, result.median_days, result.answered, result.longest) == ((), None, 0, 10)


waits = st.lists(
    st.builds(Wait, st.integers(min_value=0, max_value=60), st.booleans()), min_size=1, max_size=40
)


# lifelines reads its timeline as starting at 0 with everyone waiting, so it reports no
# median for answers on day 0 itself; we count a same-day answer as day 0. Compare from 1.
later_waits = st.lists(
    st.builds(Wait, st.integers(min_value=1, max_value=60), st.booleans()), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None)
@given(later_waits)
def test_agrees_with_lifelines(sample: list[Wait]) -> None:
    lifelines = pytest.importorskip("lifelines", reason="lifelines is a test dependency ([dev])")
    fitter = lifelines.KaplanMeierFitter().fit(
        [w.days for w in sample], [w.answered for w in sample], alpha=0.05
    )
    curve = fitter.survival_function_.iloc[:, 0]
    band = fitter.confidence_interval_
    for step in kaplan_meier(sample).steps:
        assert step.still_waiting == pytest.approx(curve.loc[step.day], abs=1e-9)
        if step.still_waiting > 0:
            low, high = sorted(band.loc[step.day])
            assert (step.low, step.high) == (
                pytest.approx(low, abs=1e-6),
                pytest.approx(high, abs=1e-6),
            )
    # lifelines multiplies through logarithms, so an exact 1/2 can come out a hair
    # above it and miss "≤ 0.5": compare medians only away from that tie.
    ours = kaplan_meier(sample)
    if all(abs(s.still_waiting - 0.5) > 1e-9 for s in ours.steps):
        median = fitter.median_survival_time_
        assert (ours.median_days is None and math.isinf(median)) or ours.median_days == median


@settings(max_examples=200)
@given(waits, st.integers(min_value=0, max_value=70))
def test_a_censored_wait_never_raises_the_share_answered(sample: list[Wait], censored: int) -> None:
    before = kaplan_meier(sample)
    after = kaplan_meier([*sample, Wait(censored, False)])
    for day in range(72):
        assert after.still_waiting_after(day) >= before.still_waiting_after(day) - 1e-12


@settings(max_examples=200)
@given(waits)
def test_counts_add_up_and_the_band_holds_the_estimate(sample: list[Wait]) -> None:
    result = kaplan_meier(sample)
    assert result.n == len(sample)
    assert (
        result.answered == sum(w.answered for w in sample) == sum(s.answered for s in result.steps)
    )
    shares = [s.still_waiting for s in result.steps]
    assert shares == sorted(shares, reverse=True)
    for step in result.steps:
        assert step.at_risk == sum(w.days >= step.day for w in sample)
        assert 0 <= step.low <= step.still_waiting <= step.high <= 1
