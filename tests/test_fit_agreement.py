"""One priority-fit method: the CLI, the region page, the priorities page and the API agree."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.viz.downloads import read_xlsx_bytes
from s3atlas.web import create_app
from s3atlas.web.auth import set_published

_register_all()


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    for code in ("24", "25"):
        set_published(application.state.context.store, code, True)
    return TestClient(application)


def _key(priority: str, codes: str) -> str:
    return priority or codes


@pytest.mark.parametrize("code", ["24", "25"])
def test_every_surface_gives_the_same_verdict_and_lq(client: TestClient, code: str):
    result = CliRunner().invoke(app, ["--lang", "en", "fit", code, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    cli = {_key(r["priority"], r["codes"]): (r["status"], r["lq"]) for r in rows}

    api_rows = client.get(f"/api/regions/{code}/fit?lang=en").json()
    api = {_key(r["priority"], r["codes"]): (r["status"], r["lq"]) for r in api_rows}

    region = read_xlsx_bytes(
        client.get(f"/region/{code}/download/priority-fit.xlsx?lang=en").content, 0
    )
    national = read_xlsx_bytes(client.get("/priorities/download/fit.xlsx?lang=en").content, 0)
    national = national[national["County code"].astype(str).str.zfill(2) == code]

    def pages(frame: pd.DataFrame) -> dict:
        lq = pd.Series(frame["LQ"], dtype=float)
        return {
            _key(p or "", c or ""): (s, None if v != v else v)
            for p, c, s, v in zip(
                frame["Priority"].fillna(""),
                frame["Codes"].fillna(""),
                frame["Status"],
                lq,
                strict=True,
            )
        }

    assert cli and cli.keys() == api.keys() == pages(region).keys() == pages(national).keys()
    for key, (status, lq) in cli.items():
        for other in (api, pages(region), pages(national)):
            assert other[key][0] == status
            assert (other[key][1] is None) == (lq is None)
            if lq is not None:
                assert other[key][1] == pytest.approx(lq)
