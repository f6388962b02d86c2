"""European Cluster Observatory stars, by hand."""

import pandas as pd

from s3atlas.analysis.stars import cluster_stars, in_top_share


def test_three_stars_for_large_specialised_focused_region():
    # p: A = 50 of 100 (focus 0.5, top); LQ (50/100)/(80/400) = 2.5 ≥ 2; largest A employment
    m = pd.DataFrame({"A": [50, 10, 10, 10], "B": [50, 90, 90, 90]}, index=list("pqrs"))
    stars = cluster_stars(m).set_index(["region", "industry"])
    assert stars.loc[("p", "A"), "stars"] == 3
    assert stars.loc[("q", "A"), "stars"] == 0


def test_top_ten_percent_of_21_regions_is_two():
    values = pd.DataFrame({"x": range(21)})
    assert in_top_share(values.astype(float), 0.10)["x"].sum() == 2


def test_no_employment_no_star():
    m = pd.DataFrame({"A": [0, 10], "B": [10, 10]})
    assert cluster_stars(m).query("employment == 0").stars.eq(0).all()
