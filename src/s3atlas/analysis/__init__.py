"""Strength-area analysis: specialisation, indices, shift-share, CMP strong clusters, ECO stars,
RIS normalisation, composite strength, strength areas, priority fit and gender perspective."""

from s3atlas.analysis.areareport import area_report
from s3atlas.analysis.composite import CLASSES, DEFAULT_WEIGHTS, composite_scores, quadrant
from s3atlas.analysis.fit import FIT_STATUSES, priority_fit, priority_industries
from s3atlas.analysis.gender import lq_by_sex, share_of_women
from s3atlas.analysis.indices import entropy, herfindahl, hoover, krugman, structure_indices
from s3atlas.analysis.normalise import (
    composite_index,
    min_max,
    normalise_indicator,
    replace_outliers,
)
from s3atlas.analysis.profile import analysis_frames, region_strengths
from s3atlas.analysis.shiftshare import growth, shift_share
from s3atlas.analysis.specialisation import (
    balassa,
    focus,
    location_quotients,
    national_share,
    region_share,
)
from s3atlas.analysis.stars import ECO_THRESHOLDS, cluster_stars
from s3atlas.analysis.strengthareas import area_coverage, evaluate_areas, seed_areas
from s3atlas.analysis.strongclusters import CMP_THRESHOLDS, strong_clusters

__all__ = [
    "CLASSES",
    "CMP_THRESHOLDS",
    "DEFAULT_WEIGHTS",
    "ECO_THRESHOLDS",
    "FIT_STATUSES",
    "analysis_frames",
    "area_coverage",
    "area_report",
    "balassa",
    "cluster_stars",
    "composite_index",
    "composite_scores",
    "entropy",
    "evaluate_areas",
    "focus",
    "growth",
    "herfindahl",
    "hoover",
    "krugman",
    "location_quotients",
    "lq_by_sex",
    "min_max",
    "national_share",
    "normalise_indicator",
    "priority_fit",
    "priority_industries",
    "quadrant",
    "region_share",
    "region_strengths",
    "replace_outliers",
    "seed_areas",
    "share_of_women",
    "shift_share",
    "strong_clusters",
    "structure_indices",
]
