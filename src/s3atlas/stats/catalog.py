"""Datasets by name: the bundled ones first, then the workspace's."""

from __future__ import annotations

from typing import Any

from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.stats.bundled import bundled_names, load_bundled
from s3atlas.stats.model import Dataset
from s3atlas.stats.storage import read_dataset, workspace_names
from s3atlas.workspace import Workspace

__all__ = ["dataset_summary", "list_datasets", "load_dataset", "seed_summaries"]


def load_dataset(name: str, workspace: Workspace | None = None) -> Dataset:
    """Return dataset *name*: a bundled dataset or one stored in *workspace*.

    >>> load_dataset("scb_rams_2018").coverage()["regions"]
    21
    """
    if name in bundled_names():
        return load_bundled(name)
    if workspace is not None and name in workspace_names(workspace):
        return read_dataset(workspace, name)
    known = bundled_names() + (workspace_names(workspace) if workspace else [])
    raise NotFoundError(
        gettext("no dataset by that name; known datasets: {known}", known=", ".join(known)),
        value=name,
    )


def dataset_summary(dataset: Dataset, origin: str) -> dict[str, Any]:
    """Return one listing row: name, origin, title, source, licence, unit and coverage."""
    meta = dataset.meta
    return {
        "name": dataset.name,
        "origin": origin,
        "title": meta.title,
        "source": meta.source,
        "licence": meta.licence,
        "unit": meta.unit,
        **dataset.coverage(),
    }


def list_datasets(workspace: Workspace | None = None) -> list[dict[str, Any]]:
    """Return a summary of every bundled and workspace dataset."""
    rows = [dataset_summary(load_bundled(name), "bundled") for name in bundled_names()]
    if workspace is not None:
        rows += [
            dataset_summary(read_dataset(workspace, name), "workspace")
            for name in workspace_names(workspace)
        ]
    return rows


def seed_summaries() -> list[dict[str, Any]]:
    """Return listing rows for the bundled seed facts (priorities, Västerbotten's strength
    areas)."""
    from s3atlas.seeddata import declared_priorities, vasterbotten_strength_areas

    priorities = declared_priorities()
    areas = vasterbotten_strength_areas()["strength_areas"]
    return [
        {
            "name": "s3_priorities_2018",
            "origin": "bundled",
            "kind": "priorities",
            "title": "Declared smart specialisation priorities of the 21 regions (2018)",
            "source": "Källa: Tillväxtverket (2018)",
            "licence": "public document",
            "unit": "",
            "regions": int(priorities.county_code.nunique()),
            "rows": len(priorities),
        },
        {
            "name": "vasterbotten_strength_areas",
            "origin": "bundled",
            "kind": "strength_areas",
            "title": "Region Västerbotten's nine strength areas with SNI divisions, "
            "actors and interview insights",
            "source": "Källa: Region Västerbotten",
            "licence": "public document",
            "unit": "",
            "regions": 1,
            "rows": len(areas),
        },
    ]
