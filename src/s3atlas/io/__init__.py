"""Data in: the one tabular reader, PxWeb exports, long/wide tables, JSON-stat 2.0, and the SCB
(PxWebApi 2 and v1), Kolada and Eurostat APIs through one transport."""

from s3atlas.io.jsonstat import jsonstat_cells, read_jsonstat
from s3atlas.io.mapping import build_dataset, industry_code, parse_values, region_code, sex_code
from s3atlas.io.pxweb2 import PxWeb2Client
from s3atlas.io.pxweb_csv import looks_like_pxweb, read_pxweb_csv
from s3atlas.io.scb import FetchError, ScbClient, split_selection
from s3atlas.io.tables import read_table
from s3atlas.io.tabular import Grid, read_grid, read_sheets
from s3atlas.io.transport import Limits, Transport

__all__ = [
    "FetchError",
    "Grid",
    "Limits",
    "PxWeb2Client",
    "ScbClient",
    "Transport",
    "build_dataset",
    "industry_code",
    "jsonstat_cells",
    "looks_like_pxweb",
    "parse_values",
    "read_grid",
    "read_jsonstat",
    "read_pxweb_csv",
    "read_sheets",
    "read_table",
    "region_code",
    "sex_code",
    "split_selection",
]
