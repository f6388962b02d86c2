"""Overlap and uniqueness of regions' priorities on the shared themes.

Works on the output of :func:`s3atlas.priorities.classify.classify_priorities`
(one row per priority and theme). ``unclassified`` rows never count as a theme.

Similarity between two regions A and B on their theme sets:
Jaccard J = |A ∩ B| / |A ∪ B| (Jaccard 1901), or cosine on the region × theme
count matrix, cos = a·b / (‖a‖ ‖b‖). Groups of similar regions come from
average-linkage hierarchical clustering of the Jaccard distance 1 − J
(``scipy.cluster.hierarchy``; Sokal & Michener's UPGMA).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.priorities.themes import UNCLASSIFIED

__all__ = [
    "region_groups",
    "region_similarity",
    "region_theme_matrix",
    "theme_prevalence",
    "unique_priorities",
]


def _themed(classified: pd.DataFrame) -> pd.DataFrame:
    return classified[classified.theme != UNCLASSIFIED]


def region_theme_matrix(classified: pd.DataFrame, binary: bool = True) -> pd.DataFrame:
    """Return the region × theme matrix: 1 when the region declares the theme (or the count).

    >>> rows = pd.DataFrame({"county_code": ["01", "01", "03"], "priority": ["a", "b", "c"],
    ...                      "theme": ["food", "food", "digital_ict"]})
    >>> region_theme_matrix(rows, binary=False).loc["01"].to_dict()
    {'digital_ict': 0, 'food': 2}
    """
    themed = _themed(classified).drop_duplicates(["county_code", "priority", "theme"])
    counts = pd.crosstab(themed.county_code, themed.theme)
    counts.columns.name, counts.index.name = "theme", "county_code"
    return (counts > 0).astype(int) if binary else counts


def region_similarity(matrix: pd.DataFrame, metric: str = "jaccard") -> pd.DataFrame:
    """Return region × region similarity: ``"jaccard"`` (theme sets) or ``"cosine"`` (counts).

    >>> m = pd.DataFrame({"food": [1, 1], "digital_ict": [1, 0]}, index=["01", "03"])
    >>> float(region_similarity(m).loc["01", "03"])
    0.5
    """
    if metric not in ("jaccard", "cosine"):
        raise InputError(
            gettext("the measure must be jaccard or cosine"), column="metric", value=metric
        )
    values = matrix.to_numpy(dtype=float)
    if metric == "jaccard":
        present = values > 0
        inter = present.astype(float) @ present.T.astype(float)
        sizes = present.sum(axis=1)
        union = sizes[:, None] + sizes[None, :] - inter
        result = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    else:
        norms = np.linalg.norm(values, axis=1)
        outer = norms[:, None] * norms[None, :]
        result = np.divide(values @ values.T, outer, out=np.zeros_like(outer), where=outer > 0)
    return pd.DataFrame(result, index=matrix.index, columns=matrix.index)


def theme_prevalence(classified: pd.DataFrame, n_regions: int | None = None) -> pd.DataFrame:
    """Return how common each theme is: theme, regions, share, priorities, county_codes.

    ``share`` is regions ÷ *n_regions* (default: the regions in *classified*).

    >>> rows = pd.DataFrame({"county_code": ["01", "03", "03"], "priority": ["a", "b", "c"],
    ...                      "theme": ["food", "food", "digital_ict"]})
    >>> theme_prevalence(rows)[["theme", "regions", "share"]].values.tolist()
    [['food', 2, 1.0], ['digital_ict', 1, 0.5]]
    """
    n_regions = n_regions or classified.county_code.nunique()
    themed = _themed(classified)
    grouped = themed.groupby("theme")
    frame = pd.DataFrame(
        {
            "regions": grouped.county_code.nunique(),
            "priorities": themed.drop_duplicates(["theme", "county_code", "priority"])
            .groupby("theme")
            .size(),
            "county_codes": grouped.county_code.agg(lambda s: "; ".join(sorted(set(s)))),
        }
    ).reset_index()
    frame["share"] = frame.regions / n_regions
    frame = frame.sort_values(["regions", "priorities", "theme"], ascending=[False, False, True])
    return frame[["theme", "regions", "share", "priorities", "county_codes"]].reset_index(drop=True)


def unique_priorities(classified: pd.DataFrame) -> pd.DataFrame:
    """Return priorities with a theme no other region declares.

    Columns: county_code, region, priority, unique_themes.


    >>> rows = pd.DataFrame({"county_code": ["14", "14", "03"], "region": ["VG", "VG", "Uppsala"],
    ...                      "priority": ["Textil", "Life science", "Life science"],
    ...                      "theme": ["textiles", "life_science_health", "life_science_health"]})
    >>> unique_priorities(rows).values.tolist()
    [['14', 'VG', 'Textil', 'textiles']]
    """
    themed = _themed(classified)
    holders = themed.groupby("theme").county_code.nunique()
    only = themed[themed.theme.map(holders) == 1]
    frame = (
        only.groupby(["county_code", "region", "priority"], sort=True)
        .theme.agg(lambda s: "; ".join(dict.fromkeys(s)))
        .rename("unique_themes")
        .reset_index()
    )
    return frame[["county_code", "region", "priority", "unique_themes"]]


def region_groups(matrix: pd.DataFrame, max_distance: float = 0.8) -> pd.DataFrame:
    """Group regions with similar theme sets: county_code, group (1 = the largest group).

    Average-linkage clustering on the Jaccard distance, cut where the average
    distance between groups exceeds *max_distance* (0 = identical sets only,
    1 = everything in one group).

    >>> m = pd.DataFrame({"food": [1, 1, 0], "visitor": [1, 1, 0], "digital_ict": [0, 0, 1]},
    ...                  index=["08", "09", "22"])
    >>> region_groups(m, 0.5).set_index("county_code").group.to_dict()
    {'08': 1, '09': 1, '22': 2}
    """
    if not 0 <= max_distance <= 1:
        raise InputError(
            gettext("the largest distance must be between 0 and 1"),
            column="max_distance",
            value=max_distance,
        )
    if len(matrix) < 2:
        return pd.DataFrame({"county_code": list(matrix.index), "group": [1] * len(matrix)})
    present = matrix.to_numpy() > 0
    distances = np.nan_to_num(pdist(present, metric="jaccard"), nan=0.0)
    labels = fcluster(linkage(distances, method="average"), t=max_distance, criterion="distance")
    frame = pd.DataFrame({"county_code": list(matrix.index), "cluster": labels})
    sizes = frame.cluster.map(frame.cluster.value_counts())
    first = frame.groupby("cluster").county_code.transform("min")
    order = (
        frame.assign(size=-sizes, first=first)
        .sort_values(["size", "first"])
        .cluster.drop_duplicates()
    )
    frame["group"] = frame.cluster.map({c: i + 1 for i, c in enumerate(order)})
    return frame[["county_code", "group"]]
