"""Datasets in the workspace: one Parquet file each, queried with DuckDB.

Writes are atomic: the Parquet file is written next to its final name and
renamed into place, so a failed import never leaves a partial dataset.
The dataset's metadata and schemes travel in the Parquet schema metadata.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.io.files import publish
from s3atlas.stats.model import Dataset, DatasetMeta, StatTable
from s3atlas.workspace import Workspace

__all__ = [
    "dataset_path",
    "delete_dataset",
    "query_dataset",
    "read_dataset",
    "save_dataset",
    "workspace_names",
]

_META_KEY = b"s3atlas"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}")


def dataset_path(workspace: Workspace, name: str) -> Path:
    """Return the Parquet path of dataset *name*; the name must be a plain identifier."""
    if not _NAME.fullmatch(name):
        raise InputError(
            gettext("a dataset name uses letters, digits, _, - and . (at most 80 characters)"),
            column="name",
            value=name,
        )
    return workspace.datasets_dir / f"{name}.parquet"


def save_dataset(dataset: Dataset, workspace: Workspace) -> Path:
    """Write *dataset* atomically to the workspace and return its path."""
    path = dataset_path(workspace, dataset.name)
    workspace.ensure()
    info = {
        "name": dataset.name,
        "region_scheme": dataset.table.region_scheme,
        "industry_scheme": dataset.table.industry_scheme,
        "meta": asdict(dataset.meta),
    }
    table = pa.Table.from_pandas(dataset.table.frame, preserve_index=False)
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), _META_KEY: json.dumps(info).encode()}
    )
    handle, tmp = tempfile.mkstemp(
        prefix=f".{dataset.name}.", suffix=".tmp", dir=workspace.datasets_dir
    )
    os.close(handle)
    try:
        pq.write_table(table, tmp)
        publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _info(path: Path) -> dict[str, Any]:
    metadata = pq.read_schema(path).metadata or {}
    return dict(json.loads(metadata[_META_KEY])) if _META_KEY in metadata else {}


def read_dataset(workspace: Workspace, name: str) -> Dataset:
    """Read dataset *name* from the workspace."""
    path = dataset_path(workspace, name)
    if not path.exists():
        raise NotFoundError(
            gettext("no dataset by that name in the workspace {folder}", folder=workspace.root),
            value=name,
        )
    info = _info(path)
    frame = pq.read_table(path).to_pandas()
    table = StatTable(frame, info.get("region_scheme", ""), info.get("industry_scheme", ""))
    return Dataset(name, table, DatasetMeta(**info.get("meta", {"title": name, "source": ""})))


def workspace_names(workspace: Workspace) -> list[str]:
    """Return the names of the datasets stored in the workspace."""
    folder = workspace.datasets_dir
    return sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []


def delete_dataset(workspace: Workspace, name: str) -> None:
    """Remove dataset *name* from the workspace (no error when absent)."""
    dataset_path(workspace, name).unlink(missing_ok=True)


def query_dataset(
    path: Path | str, filters: dict[str, list[Any]], limit: int | None = None
) -> pd.DataFrame:
    """Return the rows of a Parquet dataset matching *filters* (column → allowed values), via
    DuckDB."""
    clauses, params = [], []
    for column, values in filters.items():
        if values:
            clauses.append(f'"{column}" IN ({", ".join("?" for _ in values)})')
            params.extend(values)
    sql = f"SELECT * FROM read_parquet(?){' WHERE ' + ' AND '.join(clauses) if clauses else ''}"
    sql += " ORDER BY year, region, industry, measure" + (f" LIMIT {int(limit)}" if limit else "")
    with duckdb.connect() as con:
        return con.execute(sql, [str(path), *params]).df()
