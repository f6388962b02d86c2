"""National overview of the regions' declared S3 priorities.

Themes (:mod:`~s3atlas.priorities.themes`), explainable classification with
manual override (:mod:`~s3atlas.priorities.classify`, which returns reason codes that
:mod:`~s3atlas.priorities.labels` puts into words), stored list versions
(:mod:`~s3atlas.priorities.versions`), overlap and uniqueness
(:mod:`~s3atlas.priorities.overlap`), collaboration partners
(:mod:`~s3atlas.priorities.partners`) and measured specialisation per theme
(:mod:`~s3atlas.priorities.fit`; priority fit itself is :mod:`s3atlas.analysis.fit`).
Every function takes and returns DataFrames.

Examples
--------
>>> from s3atlas.priorities import classify_priorities, theme_prevalence
>>> from s3atlas.seeddata import declared_priorities
>>> theme_prevalence(classify_priorities(declared_priorities())).theme.iloc[0]
'advanced_manufacturing'
"""

from s3atlas.priorities.classify import (
    CLASSIFIED_COLUMNS,
    REASON_CODES,
    Match,
    apply_overrides,
    bundled_overrides,
    classify_priorities,
    classify_text,
    normalise,
)
from s3atlas.priorities.fit import measured_strength, theme_coverage
from s3atlas.priorities.importing import parse_priority_table, read_priority_file
from s3atlas.priorities.labels import (
    METHOD_WORDS,
    PARTNER_WORDS,
    REASON_WORDS,
    method_label,
    partner_reasons,
    reason_words,
    with_reasons,
)
from s3atlas.priorities.overlap import (
    region_groups,
    region_similarity,
    region_theme_matrix,
    theme_prevalence,
    unique_priorities,
)
from s3atlas.priorities.overview import (
    NATIONAL_TABLES,
    classified_priorities,
    county_theme_counts,
    partner_table,
    priority_themes,
    region_priorities,
)
from s3atlas.priorities.partners import PARTNER_COLUMNS, county_neighbours, neighbours_of, partners
from s3atlas.priorities.themes import (
    HORIZONTAL,
    UNCLASSIFIED,
    ManualThemes,
    Taxonomy,
    Theme,
    load_taxonomy,
    parse_taxonomy,
    theme_name,
    themes_frame,
)
from s3atlas.priorities.versions import (
    clear_override,
    current_priorities,
    list_versions,
    overrides,
    replace_priorities,
    set_override,
)

__all__ = [
    "CLASSIFIED_COLUMNS",
    "HORIZONTAL",
    "METHOD_WORDS",
    "NATIONAL_TABLES",
    "PARTNER_COLUMNS",
    "PARTNER_WORDS",
    "REASON_CODES",
    "REASON_WORDS",
    "UNCLASSIFIED",
    "ManualThemes",
    "Match",
    "Taxonomy",
    "Theme",
    "apply_overrides",
    "bundled_overrides",
    "classified_priorities",
    "classify_priorities",
    "classify_text",
    "clear_override",
    "county_neighbours",
    "county_theme_counts",
    "current_priorities",
    "list_versions",
    "load_taxonomy",
    "measured_strength",
    "method_label",
    "neighbours_of",
    "normalise",
    "overrides",
    "parse_priority_table",
    "parse_taxonomy",
    "partner_reasons",
    "partner_table",
    "partners",
    "priority_themes",
    "read_priority_file",
    "reason_words",
    "region_groups",
    "region_priorities",
    "region_similarity",
    "region_theme_matrix",
    "replace_priorities",
    "set_override",
    "theme_coverage",
    "theme_name",
    "theme_prevalence",
    "themes_frame",
    "unique_priorities",
    "with_reasons",
]
