"""Relatedness and complexity: hand-worked examples, conventions, bad input, the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from s3atlas.complexity import (
    ComplexityWarning,
    cog,
    coi,
    complexity,
    complexity_arrays,
    density,
    eci_pci,
    get_conventions,
    mcp,
    proximity,
    rca,
    reflections,
    standardise,
)
from s3atlas.errors import ComputationError, InputError

# 4 regions × 3 industries, every region 10 jobs; industry totals 13, 12, 15; all 40.
X4 = np.array([[6.0, 2.0, 2.0], [1.0, 4.0, 5.0], [1.0, 1.0, 8.0], [5.0, 5.0, 0.0]])
# Nested presence: region 1 has every industry, region 3 only the most common one.
NESTED = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])


def long(x: np.ndarray, year: int = 2020) -> pd.DataFrame:
    regions = [f"r{i + 1}" for i in range(x.shape[0])]
    industries = [f"i{j + 1}" for j in range(x.shape[1])]
    return pd.DataFrame(
        {
            "year": year,
            "region": np.repeat(regions, x.shape[1]),
            "industry": np.tile(industries, x.shape[0]),
            "value": x.ravel(),
        }
    )


def test_rca_is_regional_share_over_national_share_worked_by_hand():
    # RCA = (x / 10) / (column total / 40) = 4x / column total
    expected = np.array(
        [
            [24 / 13, 8 / 12, 8 / 15],
            [4 / 13, 16 / 12, 20 / 15],
            [4 / 13, 4 / 12, 32 / 15],
            [20 / 13, 20 / 12, 0.0],
        ]
    )
    np.testing.assert_allclose(rca(X4), expected, rtol=1e-15)
    assert mcp(rca(X4)).tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1], [1, 1, 0]]


def test_threshold_comparison_is_at_least_unless_strict():
    # 3/10 over 9/30 is exactly 1.0: present with ≥, absent with >.
    x = np.array([[5.0, 3.0, 2.0], [1.0, 5.0, 4.0], [1.0, 1.0, 8.0]])
    assert rca(x)[0, 1] == 1.0
    assert mcp(rca(x))[0, 1] == 1.0
    assert mcp(rca(x), strict=True)[0, 1] == 0.0


def test_proximity_is_minimum_conditional_probability_worked_by_hand():
    # co-occurrence C = MᵀM = [[3,2,1],[2,2,1],[1,1,1]], ubiquity 3, 2, 1
    # φ12 = 2/max(3,2), φ13 = 1/max(3,1), φ23 = 1/max(2,1)
    expected = np.array([[0, 2 / 3, 1 / 3], [2 / 3, 0, 1 / 2], [1 / 3, 1 / 2, 0]])
    np.testing.assert_allclose(proximity(NESTED), expected)
    np.testing.assert_allclose(np.diag(proximity(NESTED, diagonal="one")), 1.0)
    np.testing.assert_allclose(np.diag(proximity(NESTED, diagonal="computed")), 1.0)


def test_density_is_share_of_proximity_already_held_worked_by_hand():
    phi = proximity(NESTED)  # column sums 1, 7/6, 5/6
    expected = np.array([[1, 1, 1], [2 / 3, 4 / 7, 1], [0, 4 / 7, 2 / 5]])
    np.testing.assert_allclose(density(NESTED, phi), expected)


def test_eci_and_pci_are_the_second_eigenvector_worked_by_hand():
    # M̃ᴾ = D_P⁻¹ Mᵀ D_R⁻¹ M = [[11/18, 5/18, 2/18], [5/12, 5/12, 2/12], [1/3, 1/3, 1/3]];
    # M̃ᴾ · [1, -1/2, -2] = 1/4 · [1, -1/2, -2]  (second eigenvalue 1/4).
    # kc = M kp / k_r = [-1/2, 1/4, 1]; flipped to correlate with diversity [3, 2, 1].
    raw = eci_pci(NESTED)
    assert raw.eigenvalue == pytest.approx(0.25)
    np.testing.assert_allclose(raw.pci / raw.pci[2], [-0.5, 0.25, 1.0], atol=1e-12)
    np.testing.assert_allclose(raw.eci / raw.eci[0], [1.0, -0.5, -2.0], atol=1e-12)
    # sample z-scores (s3atlas): [1, 0, -1] for regions, [-1, 0, 1] for industries
    np.testing.assert_allclose(standardise(raw.eci, ddof=1), [1, 0, -1], atol=1e-12)
    np.testing.assert_allclose(standardise(raw.pci, ddof=1), [-1, 0, 1], atol=1e-12)
    # ecomplexity: PCI by ECI's mean and population sd, so ECI = mean PCI of a region
    pci_ec = standardise(raw.pci, ddof=0, like=raw.eci)
    np.testing.assert_allclose(pci_ec, np.array([-1, 1, 3]) * np.sqrt(1.5), atol=1e-12)
    np.testing.assert_allclose(NESTED @ pci_ec / 3, [np.sqrt(1.5), *(NESTED @ pci_ec / 3)[1:]])


def test_reflections_converge_to_the_eigenvector_result():
    rng = np.random.default_rng(3)
    m = mcp(rca(rng.lognormal(0, 1, (40, 15))))
    exact = standardise(eci_pci(m).eci)
    np.testing.assert_allclose(standardise(reflections(m, iterations=200).eci), exact, atol=1e-8)


def test_reflections_give_pci_the_sign_of_the_eigenvector_method_worked_by_hand():
    # NESTED: diversity k_r,0 = [3, 2, 1], ubiquity k_p,0 = [3, 2, 1].
    # k_p,1 = mean diversity of an industry's regions = [(3+2+1)/3, (3+2)/2, 3] = [2, 2.5, 3]:
    # the rare industry i3, held only by the most diverse region, is the most complex, as the
    # eigenvector method says (standardised PCI [-1, 0, 1]); ubiquity itself points the other way.
    raw = reflections(NESTED)
    np.testing.assert_allclose(standardise(raw.eci), [1, 0, -1], atol=1e-12)
    np.testing.assert_allclose(standardise(raw.pci), [-1, 0, 1], atol=1e-12)
    # the eigenvector method's relation ECI_r = Σ_p M_rp PCI_p / k_r,0 holds as it is
    np.testing.assert_allclose(raw.eci, NESTED @ raw.pci / NESTED.sum(axis=1), atol=1e-15)


@pytest.mark.parametrize("conventions", ["s3atlas", "ecomplexity"])
def test_reflections_give_every_measure_of_the_eigenvector_method_signs_included(conventions):
    rng = np.random.default_rng(4)
    frame = pd.concat(
        [long(rng.lognormal(0, 1.2, (30, 12)) * (rng.random((30, 12)) > 0.2), y) for y in (1, 2)]
    )
    exact = complexity(frame, conventions)
    converged = complexity(frame, conventions, method="reflections", iterations=600)
    for name in ("eci", "pci", "coi", "cog"):
        np.testing.assert_allclose(converged[name], exact[name], atol=1e-8, err_msg=name)
    # at the default 20 orders the numbers are close but not equal; the signs agree
    early = complexity(frame, conventions, method="reflections")
    for name in ("eci", "pci", "coi"):
        assert np.corrcoef(early[name], exact[name])[0, 1] > 0.9, name


def test_unknown_method_and_bad_iterations_are_clear_errors():
    with pytest.raises(InputError, match="okänd metod") as info:
        complexity(long(X4), method="power")
    assert info.value.column == "method"
    with pytest.raises(InputError, match="iterationer"):
        complexity(long(X4), method="reflections", iterations=0)


def test_outlook_coi_and_cog_worked_by_hand():
    phi, pci = proximity(NESTED), np.array([-1.0, 0.0, 1.0])
    # COI_r = Σ_p ω_rp (1 − M_rp) PCI_p: r2 misses i3 (ω=1); r3 misses i2 (PCI 0) and i3 (ω=2/5)
    np.testing.assert_allclose(coi(NESTED, density(NESTED, phi), pci), [0, 1, 0.4])
    # COG_r3,i2 = φ32 / Σ_s φ3s · PCI_3 = (1/2) / (5/6) = 0.6; present industries gain 0
    np.testing.assert_allclose(
        cog(NESTED, phi, pci), [[0, 0, 0], [0, 0, 0], [0, 0.6, 0]], atol=1e-15
    )


def test_eci_is_positively_correlated_with_diversity():
    rng = np.random.default_rng(7)
    x = rng.lognormal(0, 1.5, (60, 20)) * (rng.random((60, 20)) > 0.3)
    res = complexity_arrays(x)
    div = mcp(rca(x)).sum(axis=1)
    assert np.corrcoef(res.eci, div)[0, 1] > 0


def test_long_table_has_one_row_per_year_region_industry_with_every_measure():
    frame = pd.concat([long(X4, 2019), long(X4[::-1], 2020)], ignore_index=True)
    out = complexity(frame)
    assert list(out.columns) == [
        "year",
        "region",
        "industry",
        "value",
        "rca",
        "mcp",
        "density",
        "cog",
        "eci",
        "pci",
        "coi",
    ]
    assert len(out) == 24
    assert out.groupby(["year", "region"], observed=True).eci.nunique().max() == 1
    assert out.groupby(["year", "industry"], observed=True).pci.nunique().max() == 1
    first = out[(out.year == 2019) & (out.region == "r1")]
    np.testing.assert_allclose(first.rca, [24 / 13, 8 / 12, 8 / 15])


# --- bad input: a defined, documented result or a clear error -----------------------


def test_all_zero_region_is_kept_with_nan_measures_and_others_are_computed():
    x = np.vstack([X4, np.zeros(3)])
    out = complexity(long(x))
    zero = out[out.region == "r5"]
    assert zero[["rca", "mcp", "eci", "coi", "density"]].isna().all().all()
    assert out[out.region != "r5"].eci.notna().all()
    ref = complexity(long(X4))
    np.testing.assert_allclose(out[out.region != "r5"].eci.to_numpy(), ref.eci.to_numpy())


def test_all_zero_industry_gets_nan_pci_and_the_rest_is_unchanged():
    x = np.hstack([X4, np.zeros((4, 1))])
    res = complexity_arrays(x)
    assert np.isnan(res.pci[3]) and np.isnan(res.rca[:, 3]).all()
    np.testing.assert_allclose(res.eci, complexity_arrays(X4).eci)


def test_nan_value_is_an_error_naming_the_row_under_s3atlas_conventions():
    frame = long(X4)
    frame.loc[4, "value"] = np.nan
    with pytest.raises(InputError, match="saknade värden") as info:
        complexity(frame)
    assert info.value.row == 5 and info.value.column == "value"


def test_nan_value_reads_as_zero_under_ecomplexity_conventions():
    frame = long(X4)
    frame.loc[4, "value"] = np.nan
    frame.loc[0, "value"] = np.nan
    with pytest.warns(UserWarning, match="read as 0"):
        out = complexity(frame, "ecomplexity")
    frame.loc[[0, 4], "value"] = 0.0
    np.testing.assert_allclose(out.eci, complexity(frame, "ecomplexity").eci)
    assert np.isfinite(out.coi).all()


@pytest.mark.parametrize("conventions", ["s3atlas", "ecomplexity"])
def test_negative_value_is_an_error_naming_row_and_value(conventions):
    frame = long(X4)
    frame.loc[2, "value"] = -3.0
    with pytest.raises(InputError, match="≥ 0") as info:
        complexity(frame, conventions)
    assert (info.value.row, info.value.value) == (3, -3.0)


def test_text_value_is_an_error_naming_it():
    frame = long(X4).astype({"value": object})
    frame.loc[1, "value"] = ".."
    with pytest.raises(InputError, match="förväntade ett tal") as info:
        complexity(frame)
    assert info.value.value == ".."


def test_single_region_is_a_clear_error_naming_the_year():
    with pytest.raises(ComputationError, match=r"år 2020: .*minst 2 regioner"):
        complexity(long(X4[:1]))


def test_single_industry_is_a_clear_error():
    with pytest.raises(ComputationError, match="minst 2 regioner och 2 branscher"):
        complexity(long(X4[:, :1]))


def test_identical_regions_are_a_clear_error_not_nan():
    with pytest.raises(ComputationError, match="samma näringslivsstruktur"):
        complexity_arrays(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [3.0, 6.0, 9.0]]))


def test_empty_table_is_an_error():
    with pytest.raises(InputError, match="inga rader"):
        complexity(long(X4).iloc[:0])


def test_missing_column_is_an_error_naming_it():
    with pytest.raises(InputError, match="saknar kolumnerna") as info:
        complexity(long(X4).drop(columns="industry"))
    assert info.value.column == "industry"


def test_repeated_cell_is_an_error_or_the_first_kept_per_conventions():
    frame = pd.concat([long(X4), long(X4).iloc[[5]].assign(value=99.0)], ignore_index=True)
    with pytest.raises(InputError, match="upprepar") as info:
        complexity(frame)
    assert info.value.row == 13
    with pytest.warns(UserWarning, match="keeping the first"):
        out = complexity(frame, "ecomplexity")
    assert out.loc[(out.region == "r2") & (out.industry == "i3"), "value"].item() == 5.0


def test_year_missing_for_some_regions_computes_that_year_without_them():
    x = np.random.default_rng(5).lognormal(0, 1, (8, 5))
    frame = pd.concat([long(x, 2019), long(x, 2020).query("region != 'r8'")], ignore_index=True)
    out = complexity(frame)
    assert set(out[out.year == 2020].region) == {f"r{i}" for i in range(1, 8)}
    assert out.eci.notna().all()


def test_network_in_separate_pieces_warns():
    x = np.array([[5.0, 5.0, 0, 0], [4.0, 6.0, 0, 0], [0, 0, 5.0, 5.0], [0, 0, 6.0, 3.0]])
    with pytest.warns(ComplexityWarning, match="separate pieces"):
        complexity_arrays(x)


def test_zero_diversity_region_gets_nan_eci_only_for_itself():
    # with threshold 1.5 the evenly spread region (RCA ≈ 1 everywhere) has no specialisation
    rng = np.random.default_rng(11)
    x = np.vstack([np.full(6, 10.0), rng.lognormal(0, 1.0, (60, 6)) * 10])
    res = complexity_arrays(x, get_conventions("s3atlas", threshold=1.5))
    assert np.isnan(res.eci[0]) and np.isfinite(res.eci[1:]).all()
    assert np.isfinite(res.density[0]).all()


# --- the CLI, as users call it ---------------------------------------------------------


@pytest.fixture
def cli():
    from s3atlas.cli.main import _register_all, app

    _register_all()
    return lambda *args: CliRunner().invoke(app, list(args))


def test_cli_writes_parquet_from_csv_with_text_codes(cli, tmp_path: Path):
    frame = long(X4)
    frame["region"] = ["0114"] * 3 + ["0115"] * 3 + ["0200"] * 3 + ["1000"] * 3
    frame.to_csv(tmp_path / "in.csv", index=False)
    result = cli("complexity", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.parquet"))
    assert result.exit_code == 0, result.output
    out = pq.read_table(tmp_path / "out.parquet").to_pandas()
    assert sorted(out.region.astype(str).unique()) == ["0114", "0115", "0200", "1000"]
    np.testing.assert_allclose(out.eci.to_numpy(), complexity(long(X4)).eci.to_numpy())


def test_cli_reports_bad_value_with_file_row_and_no_traceback(cli, tmp_path: Path):
    frame = long(X4)
    frame.loc[3, "value"] = -1
    frame.to_csv(tmp_path / "in.csv", index=False)
    result = cli(
        "--lang", "en", "complexity", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.parquet")
    )
    assert result.exit_code == 1
    assert "in.csv, row 5, column 'value', value -1.0" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.parquet").exists()


def test_cli_rejects_unknown_conventions(cli, tmp_path: Path):
    long(X4).to_parquet(tmp_path / "in.parquet")
    result = cli(
        "complexity",
        str(tmp_path / "in.parquet"),
        "--out",
        str(tmp_path / "o.parquet"),
        "--conventions",
        "atlas",
    )
    assert result.exit_code == 1
    assert "okända konventioner" in result.output


def test_cli_reads_semicolon_csv_and_names_suppressed_cell(cli, tmp_path: Path):
    frame = long(X4).astype({"value": object})
    frame.loc[6, "value"] = ".."
    frame.to_csv(tmp_path / "in.csv", index=False, sep=";")
    result = cli(
        "--lang", "en", "complexity", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.pq")
    )
    assert result.exit_code == 1
    assert "row 8, column 'value'" in " ".join(result.output.split())


def test_cli_threshold_must_be_positive(cli, tmp_path: Path):
    long(X4).to_parquet(tmp_path / "in.parquet")
    result = cli(
        "complexity",
        str(tmp_path / "in.parquet"),
        "--out",
        str(tmp_path / "o.parquet"),
        "--threshold",
        "0",
    )
    assert result.exit_code == 1
    assert "threshold" in result.output


def test_cli_output_of_every_year_equals_the_in_memory_result(cli, tmp_path: Path):
    # Years of different shapes, written one after another through one reused buffer:
    # a later year must not overwrite what an earlier year wrote.
    rng = np.random.default_rng(11)
    frame = pd.concat(
        [
            long(rng.lognormal(0, 1, (9, 6)), 2018),
            long(rng.lognormal(0, 1, (9, 6)), 2019).query("region != 'r9'"),
            long(rng.lognormal(0, 1, (9, 6)), 2020).query("industry != 'i2'"),
        ],
        ignore_index=True,
    )
    frame.to_parquet(tmp_path / "in.parquet")
    result = cli("complexity", str(tmp_path / "in.parquet"), "--out", str(tmp_path / "out.parquet"))
    assert result.exit_code == 0, result.output
    written = pq.read_table(tmp_path / "out.parquet").to_pandas()
    expected = complexity(frame)
    assert len(written) == len(expected) == 54 + 48 + 45
    for column in ("region", "industry"):
        assert written[column].astype(str).tolist() == expected[column].astype(str).tolist()
    numeric = ["year", "value", "rca", "mcp", "density", "cog", "eci", "pci", "coi"]
    np.testing.assert_array_equal(written[numeric].to_numpy(), expected[numeric].to_numpy())


def test_command_line_turns_numpy_huge_page_advice_off_unless_the_user_set_it(monkeypatch):
    from s3atlas.cli.main import _tune_numpy

    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    _tune_numpy()
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "0"
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    _tune_numpy()
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "1"


def test_cli_missing_output_folder_is_a_clear_error(cli, tmp_path: Path):
    long(X4).to_parquet(tmp_path / "in.parquet")
    out = tmp_path / "no-such-folder" / "out.parquet"
    result = cli("--lang", "en", "complexity", str(tmp_path / "in.parquet"), "--out", str(out))
    assert result.exit_code == 1
    assert "the output folder does not exist" in result.output
    assert not out.parent.exists()
