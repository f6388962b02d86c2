"""CMP cluster strength tests: hand-worked cases and the CMP's published 2016 state results."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.strongclusters import cluster_percentiles, strong_clusters
from s3atlas.errors import InputError

FLAGS = ["qualifying", "significant", "strong", "strong10"]


def test_percentiles_skip_regions_without_employment_and_interpolate_linearly():
    # employment 0, 10, 20, 30, 40 → over 10, 20, 30, 40: position 0.25·3 = 0.75 → 10 + 0.75·10 =
    # 17.5
    emp = pd.DataFrame({"c": [0, 10, 20, 30, 40]})
    assert cluster_percentiles(emp, emp, 0.25)[0] == pytest.approx(17.5)


def test_hand_worked_four_regions():
    # Two clusters, four regions, region totals all 50, national shares 0.5/0.5.
    # LQ of c: 10/50 / 0.5 = 0.4, 0.8, 1.2, 1.6. Quantiles over four: p25 = 0.7, p50 = 1.0, p75 =
    # 1.3, p90 = 1.48.
    # Employment floor p25 of (10, 20, 30, 40) = 17.5, so region p fails every test in c.
    emp = pd.DataFrame({"c": [10, 20, 30, 40], "d": [40, 30, 20, 10]}, index=list("pqrs"))
    got = strong_clusters(emp).set_index(["region", "industry"])
    assert got.loc[("r", "c"), "lq"] == pytest.approx(1.2)
    assert [got.loc[(r, "c"), "qualifying"] for r in "pqrs"] == [False, True, True, True]
    assert [got.loc[(r, "c"), "significant"] for r in "pqrs"] == [False, False, True, True]
    assert [got.loc[(r, "c"), "strong"] for r in "pqrs"] == [False, False, False, True]
    assert [got.loc[(r, "c"), "strong10"] for r in "pqrs"] == [False, False, False, True]
    # In d, p has LQ 1.6 and employment 40 > 17.5: strong.
    assert got.loc[("p", "d"), "strong"]


def test_establishment_floor_blocks_a_region_with_few_establishments():
    emp = pd.DataFrame({"c": [10, 20, 30, 40], "d": [40, 30, 20, 10]}, index=list("pqrs"))
    est = pd.DataFrame({"c": [5, 5, 5, 1], "d": [5, 5, 5, 5]}, index=list("pqrs"))
    got = strong_clusters(emp, est).set_index(["region", "industry"])
    assert not got.loc[("s", "c"), "strong"]  # 1 establishment is not above p25 = 4


def test_strong_needs_lq_of_at_least_one():
    # Every region below national average is impossible; but with a national total from outside the
    # table the top quartile can have LQ < 1.
    emp = pd.DataFrame({"c": [10, 12, 14, 16], "d": [90, 88, 86, 84]}, index=list("pqrs"))
    national = pd.Series({"c": 1000.0, "d": 1000.0})
    got = strong_clusters(emp, national=national)
    assert got.loc[got.industry == "c", "lq"].max() == pytest.approx(0.32)  # (16/100)/(1000/2000)
    assert not got.loc[got.industry == "c", "strong"].any()


def test_local_clusters_get_no_flags():
    emp = pd.DataFrame({"c": [10, 20, 30, 40], "local": [40, 30, 20, 10]}, index=list("pqrs"))
    got = strong_clusters(emp, traded=["c"])
    assert got[got.industry == "local"].strong.isna().all()


def test_one_region_is_refused():
    with pytest.raises(InputError, match="minst två regioner"):
        strong_clusters(pd.DataFrame({"c": [1]}))


def test_negative_employment_is_refused():
    with pytest.raises(InputError, match="negativt"):
        strong_clusters(pd.DataFrame({"c": [1, -1]}))


def _cmp_states(shared_dir):
    path = shared_dir / "data" / "reference" / "cmp_2016_states_clusters.csv"
    frame = pd.read_csv(path, dtype={"region_code_t": str})
    definitions = pd.read_csv(shared_dir / "data" / "reference" / "cmp_cluster_definitions.csv")
    traded = sorted(
        {str(c) for c in definitions.loc[definitions.cluster_type == "traded", "cluster_code"]}
    )
    frame["cluster"] = frame.cluster_code_t.astype(str)
    return frame, traded


def _pivot(frame, column):
    return frame.pivot(index="region_code_t", columns="cluster", values=column).astype(float)


def test_reproduces_cmp_2016_state_lqs_and_flags(shared_dir, capsys):
    frame, traded = _cmp_states(shared_dir)
    assert set(frame.loc[frame.traded_b, "cluster"]) == set(
        traded
    )  # definitions agree with the file
    # Traded-cluster LQs use traded employment as denominators, local-cluster LQs local employment.
    # The CMP's LQs use national (U.S.) cluster employment, which includes DC and so is not the sum
    # over
    # the 50 states here. cluster_emp_per_tf = emp_tl / national cluster employment gives it back.
    tr = frame[frame.emp_tl > 0]
    national = (tr.emp_tl / tr.cluster_emp_per_tf).groupby(tr.cluster).median().round()
    emp = _pivot(frame, "emp_tl")
    est = _pivot(frame, "est_tl")
    national = national.reindex(emp.columns).fillna(0.0)
    got = strong_clusters(emp, est, traded=traded, national=national)
    ref = frame.set_index(["region_code_t", "cluster"])
    got = got.set_index(["region", "industry"]).loc[ref.index]

    lq_ok = np.isclose(got.lq.to_numpy(), ref.lq_tf.to_numpy(), rtol=1e-6, atol=1e-9)
    is_traded = ref.traded_b.to_numpy()
    lines = [f"CMP 2016 states: LQ match {lq_ok.sum()}/{len(lq_ok)} = {lq_ok.mean():.2%}"]
    rates = {}
    for name in FLAGS:
        published = ref[f"{name}_b"].map({"TRUE": True, "FALSE": False, True: True, False: False})
        agree = got[name].to_numpy()[is_traded] == published.to_numpy()[is_traded]
        rates[name] = agree.mean()
        lines.append(f"  {name}: {agree.sum()}/{agree.size} traded cells = {agree.mean():.2%}")
        assert got[name][~is_traded].isna().all() and published[~is_traded].isna().all()
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert lq_ok.all()
    assert all(rate == 1.0 for rate in rates.values())


def test_flags_from_published_lqs_match_as_well(shared_dir):
    frame, traded = _cmp_states(shared_dir)
    got = strong_clusters(
        _pivot(frame, "emp_tl"), _pivot(frame, "est_tl"), lq=_pivot(frame, "lq_tf"), traded=traded
    )
    ref = frame[frame.traded_b].set_index(["region_code_t", "cluster"])
    got = got.set_index(["region", "industry"]).loc[ref.index]
    assert (
        got.strong.astype(bool).to_numpy()
        == (ref.strong_b.astype(str).str.upper() == "TRUE").to_numpy()
    ).all()
