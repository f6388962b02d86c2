"""Status of an indicator in a year: on track, at risk, off track, no target or no data.

The rule (after Gianelle & Kleibrink 2015, who ask that each result indicator
carry a baseline and a target and that progress be read against them):

1. Without a value in the year: ``no_data``. Without a target: ``no_target``.
2. The *planned path* is the straight line from the baseline (year y0, value
   b) to the target (year yT, value t): expected(y) = b + (t − b) · p, with
   p = (y − y0) / (yT − y0) held between 0 and 1. A milestone between them
   replaces the baseline or the target as the nearer end of the line.
3. The *gap* is the actual value's distance from the expected value, as a
   share of the whole planned change, signed so that positive is better:
   gap = s · (actual − expected) / |t − b|, with s = +1 when higher is
   better and −1 when lower is better. Where no change is planned
   (t = b), the scale is |b| (or 1 when b = 0).
4. With the tolerance τ (default 0.10, settable by the user):
   ``on_track`` when gap ≥ −τ; ``at_risk`` when −2τ ≤ gap < −τ;
   ``off_track`` when gap < −2τ.

Every status comes with a reason: a code (:data:`REASONS`) and the numbers behind
it, which :func:`reason_text` puts into a sentence in Swedish or English.

Examples
--------
>>> # baseline 100 (2015), target 200 (2025): 2020 should be 150; 140 lags by 10 % of the change
>>> judge(140.0, 2020, baseline=(2015, 100.0), target=(2025, 200.0)).status
'on_track'
>>> judge(130.0, 2020, baseline=(2015, 100.0), target=(2025, 200.0)).status
'at_risk'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from s3atlas.errors import InputError
from s3atlas.i18n import format_number, gettext

__all__ = [
    "DEFAULT_TOLERANCE",
    "REASONS",
    "STATUSES",
    "Judgement",
    "expected_value",
    "judge",
    "reason_text",
]

STATUSES = ("on_track", "at_risk", "off_track", "no_target", "no_data")
#: Default tolerance: a shortfall of up to 10 % of the planned change still counts as on track.
DEFAULT_TOLERANCE = 0.10


@dataclass(frozen=True)
class Judgement:
    """A status with the reason code and the numbers behind it (:func:`reason_text` words it)."""

    status: str
    expected: float | None
    gap: float | None
    reason: str
    year: int | None = None
    actual: float | None = None
    tolerance: float = DEFAULT_TOLERANCE
    needs: str = ""
    decimals: int = 1

    def text(self, lang: str) -> str:
        """Return the reason as a sentence in *lang*."""
        return reason_text(
            self.reason,
            lang,
            year=self.year,
            actual=self.actual,
            expected=self.expected,
            tolerance=self.tolerance,
            needs=self.needs,
            decimals=self.decimals,
        )


def _ends(
    year: int, baseline: tuple[int, float], target: tuple[int, float], milestones: dict[int, float]
) -> tuple[tuple[int, float], tuple[int, float]]:
    points = sorted({baseline[0]: baseline[1], **milestones, target[0]: target[1]}.items())
    before = [p for p in points if p[0] <= year] or points[:1]
    after = [p for p in points if p[0] > year] or points[-1:]
    return before[-1], after[0]


def expected_value(
    year: int,
    baseline: tuple[int, float],
    target: tuple[int, float],
    milestones: dict[int, float] | None = None,
) -> float:
    """Return the value on the planned straight path in *year*.

    >>> expected_value(2020, (2015, 100.0), (2025, 200.0))
    150.0
    >>> expected_value(2030, (2015, 100.0), (2025, 200.0))  # after the target year: the target
    200.0
    >>> expected_value(2020, (2015, 100.0), (2025, 200.0), {2020: 120.0})
    120.0
    """
    (y0, v0), (y1, v1) = _ends(year, baseline, target, milestones or {})
    if y1 == y0:
        return float(v1)
    share = min(max((year - y0) / (y1 - y0), 0.0), 1.0)
    return float(v0 + (v1 - v0) * share)


#: Reason code → English sentence (the catalogue gives the Swedish one).
REASONS = {
    "no_data": "No value for {year}.",
    "no_data_needs": "No value for {year}; it needs {needs}.",
    "no_data_any": "No value yet.",
    "no_data_any_needs": "No value yet; it needs {needs}.",
    "no_target": "No target is set; the value in {year} is {actual}.",
    "on_track": "{actual} in {year} against {expected} on the path from the baseline to the "
    "target: on track within the tolerance of {tolerance}.",
    "at_risk": "{actual} in {year} against {expected} on the path from the baseline to the "
    "target: behind by more than {tolerance} of the planned change.",
    "off_track": "{actual} in {year} against {expected} on the path from the baseline to the "
    "target: behind by more than twice the tolerance of {tolerance}.",
}


def reason_text(
    reason: str,
    lang: str,
    *,
    year: int | None = None,
    actual: float | None = None,
    expected: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    needs: str = "",
    decimals: int = 1,
) -> str:
    """Return the sentence for reason code *reason* in *lang*, numbers written as it writes them.

    >>> reason_text("no_target", "sv", year=2020, actual=3.0)
    'Inget mål är satt; värdet 2020 är 3,0.'
    """
    return gettext(
        REASONS[reason],
        lang,
        year=year,
        needs=needs,
        actual=format_number(actual, decimals, lang),
        expected=format_number(expected, decimals, lang),
        tolerance=f"{format_number(float(tolerance) * 100, 0, lang)} %",
    )


def _check_tolerance(tolerance: float) -> None:
    if not 0 <= tolerance < 1:
        raise InputError(
            gettext("the tolerance is a share of the planned change, from 0 to below 1"),
            column="tolerance",
            value=tolerance,
        )


def judge(
    actual: float | None,
    year: int | None,
    *,
    baseline: tuple[int, float] | None = None,
    target: tuple[int, float] | None = None,
    milestones: dict[int, float] | None = None,
    direction: str = "higher",
    tolerance: float = DEFAULT_TOLERANCE,
    needs: str = "",
    decimals: int = 1,
) -> Judgement:
    """Return the status of *actual* in *year* by the rule in the module docstring.

    >>> judge(None, 2020, needs="SCB UF0506").text("en")
    'No value for 2020; it needs SCB UF0506.'
    >>> judge(5.0, 2020).status
    'no_target'
    >>> judge(90.0, 2020, baseline=(2015, 100.0), target=(2025, 50.0), direction="lower").status
    'off_track'
    """
    _check_tolerance(tolerance)
    said = partial(Judgement, year=year, tolerance=tolerance, needs=needs, decimals=decimals)
    if actual is None or actual != actual:
        key = ("no_data" if year else "no_data_any") + ("_needs" if needs else "")
        return said("no_data", None, None, key)
    if target is None or baseline is None or year is None:
        return said("no_target", None, None, "no_target", actual=float(actual))
    expected = expected_value(year, baseline, target, milestones)
    change = abs(target[1] - baseline[1]) or abs(baseline[1]) or 1.0
    sign = 1.0 if direction == "higher" else -1.0
    gap = sign * (actual - expected) / change
    status = (
        "on_track" if gap >= -tolerance else "at_risk" if gap >= -2 * tolerance else "off_track"
    )
    return said(status, expected, gap, status, actual=float(actual))
