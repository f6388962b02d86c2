"""The region's declared strength areas beside what the statistics measure.

Each strength area of the region's ecosystem map names SNI divisions. The one fit
method, :func:`s3atlas.analysis.fit.priority_fit`, judges it like a declared priority
(supported when the LQ of the data's codes lying wholly inside the area is at least 1;
undetermined when the data's groups are wider than the area). Beside that verdict the
region page shows the industries of the data that measure the area, with their rank,
LQ and class in the region's strength ranking, and then the measured strengths that no
declared area touches.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.analysis.fit import priority_fit
from s3atlas.analysis.labels import label

__all__ = ["area_divisions", "declared_beside_measured"]


def area_divisions(areas: pd.DataFrame) -> pd.DataFrame:
    """The strength areas as declared priorities: ``priority``, ``kind``, ``sni``, ``themes``.

    >>> area_divisions(pd.DataFrame({"area_id": [1], "name": ["Skog"], "sni": ["02;16"]}))
    ...     # doctest: +NORMALIZE_WHITESPACE
      priority      kind       sni themes
    0     Skog  industry  [02, 16]
    """
    return pd.DataFrame(
        {
            "priority": areas["name"].astype(str),
            "kind": "industry",
            "sni": [[s.strip() for s in str(x or "").split(";") if s.strip()] for x in areas.sni],
            "themes": "",
        }
    )


def _industries(codes: str, strengths: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """The strength-ranking rows of the data codes in *codes* ("B+C, H"), in ranking order."""
    wanted = [c.strip() for c in str(codes or "").split(",") if c.strip()]
    rows = strengths[strengths.industry.isin(wanted)]
    return [
        {
            "code": r["industry"],
            "name": r["name"],
            "rank": int(r["rank"]) if r["ranked"] and r["rank"] == r["rank"] else None,
            "lq": r["lq"],
            "class": r["class"],
            "class_label": label("class", r["class"], lang),
        }
        for r in rows.sort_values(["ranked", "rank"], ascending=[False, True]).to_dict("records")
    ]


def declared_beside_measured(
    data: Any, region: str, areas: pd.DataFrame, strengths: pd.DataFrame, lang: str
) -> dict[str, list[dict[str, Any]]]:
    """Each declared area with its verdict and measuring industries, and the measured
    strengths outside every area.

    Returns ``{"areas": [...], "outside": [...]}``. An area row has ``area_id``, ``name``,
    ``divisions``, ``status``, ``status_label``, ``lq`` (of the codes wholly inside it,
    else of the wider groups that hold it), ``note`` and ``industries`` (code, name, rank
    in the ranking or None for local and public services, LQ, class). ``outside`` lists
    the industries :func:`priority_fit` calls undeclared strengths, in the same shape.
    """
    fit = priority_fit(data, region, declared=area_divisions(areas), lang=lang)
    declared = fit[fit.status != "undeclared_strength"].reset_index(drop=True)
    rows = []
    for area, judged in zip(areas.to_dict("records"), declared.to_dict("records"), strict=True):
        lq = judged["lq"] if judged["lq"] == judged["lq"] else judged["wider_lq"]
        codes = ", ".join(c for c in (judged["codes"], judged["wider_codes"]) if c)
        rows.append(
            {
                "area_id": area["area_id"],
                "name": area["name"],
                "divisions": judged["divisions"],
                "status": judged["status"],
                "status_label": label("status", judged["status"], lang),
                "lq": lq,
                "note": judged["note"],
                "industries": _industries(codes, strengths, lang),
            }
        )
    undeclared = fit[fit.status == "undeclared_strength"]
    outside = _industries(", ".join(undeclared.codes), strengths, lang)
    return {"areas": rows, "outside": outside}
