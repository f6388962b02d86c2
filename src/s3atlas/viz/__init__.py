"""Charts, networks and downloads: what the pages, reports and exports draw and offer.

Spec builders return Vega-Lite ``dict`` specs (:mod:`~s3atlas.viz.charts`),
the network is Cytoscape.js elements (:mod:`~s3atlas.viz.network`), and
:mod:`~s3atlas.viz.export` / :mod:`~s3atlas.viz.downloads` turn specs and
tables into files.
"""

from s3atlas.viz.charts import bubble_chart, coverage_heatmap, ranked_bars, stacked_shares
from s3atlas.viz.spec import locale_config, values_of

__all__ = [
    "bubble_chart",
    "coverage_heatmap",
    "locale_config",
    "ranked_bars",
    "stacked_shares",
    "values_of",
]
