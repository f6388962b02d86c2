"""Summaries of the firm survey: response counts and rates, answer shares, and comparisons.

For cluster *c*, wave *w* and item *i*:

* ``respondents`` — respondents of *c* in *w*;
* ``answered`` — those who answered *i* ("Vet ej" counts as an answer);
* ``n`` — those who gave answer *a*;
* ``share = n / answered`` (the 100 % stacked bar), ``item_rate = answered / respondents``;
* ``warning`` — set when fewer than :data:`MIN_ANSWERS` answered: the row is
  still shown, with the warning, never hidden.

Comparisons give the change in share in percentage points as a fraction
(``change = share − share_baseline``), between waves against a baseline wave
and between a cluster and all clusters pooled in the same wave.

Examples
--------
Seven respondents, three answered "Ja, i hög grad" (``high``), four "Nej, inte alls":

>>> resp = pd.DataFrame(
...     {"cluster": ["A"] * 7, "wave": ["2017"] * 7, "respondent_id": list("abcdefg")}
... )
>>> ans = resp.assign(item="other_firms", answer=["high"] * 3 + ["not_at_all"] * 4)
>>> out = summarise(resp, ans, items=["other_firms"], answers=["high", "not_at_all"])
>>> out[["answer", "n", "share"]].round(4).to_dict("records")
[{'answer': 'high', 'n': 3, 'share': 0.4286}, {'answer': 'not_at_all', 'n': 4, 'share': 0.5714}]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "MIN_ANSWERS",
    "SUMMARY_COLUMNS",
    "compare_clusters",
    "compare_waves",
    "response_rates",
    "summarise",
]

MIN_ANSWERS = 5
"""Fewer answers than this to an item get a warning: shares of so few firms say little."""

_SHARE_COLUMNS = ["cluster", "wave", "item", "answer", "n", "share", "answered"]
"""The columns an answer's share is read from; both the summary and the wave comparison lead
with them."""

SUMMARY_COLUMNS = [*_SHARE_COLUMNS, "respondents", "item_rate", "warning"]

_SMALL = "fewer than 5 answered"
_NO_WARNING = np.array(None)
"""None as a (0-d object) array: what np.where makes of a bare None, which numpy's stubs reject."""


def _warning(answered: pd.Series) -> pd.Series:
    return pd.Series(
        np.where(answered < MIN_ANSWERS, _SMALL, _NO_WARNING), index=answered.index, dtype=object
    )


def summarise(
    respondents: pd.DataFrame, given: pd.DataFrame, *, items: Sequence[str], answers: Sequence[str]
) -> pd.DataFrame:
    """Count and share of each answer per cluster, wave and item (every answer listed, zeros
    included).

    Parameters
    ----------
    respondents : DataFrame
        cluster, wave, respondent_id — one row per respondent.
    given : DataFrame
        cluster, wave, respondent_id, item, answer (codes) — one row per given answer.
    items, answers : sequence of str
        The item codes and answer codes in display order.
    """
    order = list(answers)
    groups = (
        respondents.groupby(["cluster", "wave"], sort=False)
        .size()
        .rename("respondents")
        .reset_index()
    )
    if groups.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    grid = groups.merge(pd.DataFrame({"item": list(items)}), how="cross").merge(
        pd.DataFrame({"answer": order}), how="cross"
    )
    counts = given.groupby(["cluster", "wave", "item", "answer"]).size().rename("n").reset_index()
    out = grid.merge(counts, how="left", on=["cluster", "wave", "item", "answer"])
    out["n"] = out["n"].fillna(0).astype(int)
    out["answered"] = out.groupby(["cluster", "wave", "item"])["n"].transform("sum").astype(int)
    out["share"] = out["n"] / out["answered"].where(out["answered"] > 0)
    out["item_rate"] = out["answered"] / out["respondents"]
    out["warning"] = _warning(out["answered"])
    return out[SUMMARY_COLUMNS].reset_index(drop=True)


def response_rates(respondents: pd.DataFrame, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Respondents per cluster and wave, and the rate against the cluster's registered members.

    ``rate = respondents / members``; NaN when no members are registered.

    >>> resp = pd.DataFrame(
    ...     {"cluster": ["A", "A"], "wave": ["1", "1"], "respondent_id": ["x", "y"]}
    ... )
    >>> response_rates(resp, pd.DataFrame({"cluster": ["A"], "members": [8]}))["rate"].tolist()
    [0.25]
    """
    out = (
        respondents.groupby(["cluster", "wave"], sort=False)
        .size()
        .rename("respondents")
        .reset_index()
    )
    members = members if members is not None else pd.DataFrame(columns=["cluster", "members"])
    out = out.merge(members[["cluster", "members"]], how="left", on="cluster")
    out["members"] = out["members"].astype("Int64")
    out["rate"] = out["respondents"] / out["members"].astype(float).where(
        out["members"].fillna(0) > 0
    )
    out["warning"] = _warning(out["respondents"])
    return out


def compare_waves(
    summary: pd.DataFrame, baseline: str | None = None, waves: Sequence[str] | None = None
) -> pd.DataFrame:
    """Each wave's share set against the baseline wave's share for the same cluster, item and
    answer.

    *baseline* defaults to the first of *waves* (or the first wave in *summary*).

    >>> s = pd.DataFrame({"cluster": ["A", "A"], "wave": ["2016", "2017"], "item": ["i", "i"],
    ...                   "answer": ["high", "high"], "n": [1, 3], "share": [0.2, 0.5],
    ...                   "answered": [5, 6], "warning": [None, None]})
    >>> compare_waves(s)[["wave", "share", "baseline_share", "change"]].round(2).to_dict("records")
    [{'wave': '2017', 'share': 0.5, 'baseline_share': 0.2, 'change': 0.3}]
    """
    order = list(waves) if waves is not None else list(dict.fromkeys(summary["wave"]))
    base = baseline if baseline is not None else (order[0] if order else None)
    keys = ["cluster", "item", "answer"]
    ref = summary.loc[summary["wave"] == base, [*keys, "share", "answered"]].rename(
        columns={"share": "baseline_share", "answered": "baseline_answered"}
    )
    out = summary.loc[summary["wave"] != base].merge(ref, how="left", on=keys)
    out["baseline"] = base
    out["change"] = out["share"] - out["baseline_share"]
    small = (out["answered"] < MIN_ANSWERS) | (out["baseline_answered"].fillna(0) < MIN_ANSWERS)
    out["warning"] = np.where(small, _SMALL, _NO_WARNING)
    columns = [
        "cluster",
        "item",
        "answer",
        "wave",
        "share",
        "baseline",
        "baseline_share",
        "change",
        "answered",
        "baseline_answered",
        "warning",
    ]
    return out[columns].reset_index(drop=True)


def compare_clusters(summary: pd.DataFrame, wave: str) -> pd.DataFrame:
    """Each cluster's share in *wave* set against all clusters pooled
    (``change = share − pooled_share``).

    >>> s = pd.DataFrame({"cluster": ["A", "B"], "wave": ["1", "1"], "item": ["i", "i"],
    ...                   "answer": ["high", "high"], "n": [1, 3], "share": [0.25, 0.5],
    ...                   "answered": [4, 6]})
    >>> out = compare_clusters(s, "1")[["cluster", "pooled_share", "change"]]
    >>> out.round(2).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'cluster': 'A', 'pooled_share': 0.4, 'change': -0.15},
     {'cluster': 'B', 'pooled_share': 0.4, 'change': 0.1}]
    """
    rows = summary.loc[summary["wave"] == wave].copy()
    pooled = rows.groupby(["item", "answer"], sort=False)[["n", "answered"]].sum()
    pooled["pooled_share"] = pooled["n"] / pooled["answered"].where(pooled["answered"] > 0)
    out = rows.merge(pooled[["pooled_share"]].reset_index(), on=["item", "answer"], how="left")
    out["change"] = out["share"] - out["pooled_share"]
    out["warning"] = np.where(out["answered"] < MIN_ANSWERS, _SMALL, _NO_WARNING)
    return out[[*_SHARE_COLUMNS, "pooled_share", "change", "warning"]].reset_index(drop=True)
