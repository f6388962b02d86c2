"""Data in: PxWeb CSV exports, CSV and Excel tables, JSON-stat 2.0 and the SCB PxWeb API."""

from s3atlas.io.mapping import build_dataset, industry_code, parse_values, region_code, sex_code
from s3atlas.io.pxweb_csv import read_pxweb_csv
from s3atlas.io.tables import read_table

__all__ = [
    "build_dataset",
    "industry_code",
    "parse_values",
    "read_pxweb_csv",
    "read_table",
    "region_code",
    "sex_code",
]
