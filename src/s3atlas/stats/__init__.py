"""The regional statistics model, bundled datasets, aggregation and workspace storage."""

from s3atlas.stats.aggregate import aggregate_industries, aggregate_regions, overlapping_industries
from s3atlas.stats.bundled import A10, DEFAULT_DATASET, bundled_names, load_bundled
from s3atlas.stats.catalog import dataset_summary, list_datasets, load_dataset, seed_summaries
from s3atlas.stats.model import COLUMNS, FLAGS, Dataset, DatasetMeta, StatTable, validate_frame
from s3atlas.stats.storage import (
    delete_dataset,
    query_dataset,
    read_dataset,
    save_dataset,
    workspace_names,
)

__all__ = [
    "A10",
    "COLUMNS",
    "DEFAULT_DATASET",
    "FLAGS",
    "Dataset",
    "DatasetMeta",
    "StatTable",
    "aggregate_industries",
    "aggregate_regions",
    "bundled_names",
    "dataset_summary",
    "delete_dataset",
    "list_datasets",
    "load_bundled",
    "load_dataset",
    "overlapping_industries",
    "query_dataset",
    "read_dataset",
    "save_dataset",
    "seed_summaries",
    "validate_frame",
    "workspace_names",
]
