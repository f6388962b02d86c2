"""Classifications: SNI 2007 / NACE Rev. 2 industries and Swedish regions with NUTS codes."""

from s3atlas.classifications.borders import county_borders, county_borders_bytes
from s3atlas.classifications.regions import (
    Region,
    counties,
    county_to_nuts3,
    find_region,
    is_extra_regio,
    municipalities,
    nuts_regions,
    region_parent,
)
from s3atlas.classifications.sni import (
    SCB_GROUPS,
    Industry,
    divisions_of,
    find_industry,
    industries,
    industry_level,
    industry_name,
    parent_code,
)

__all__ = [
    "SCB_GROUPS",
    "Industry",
    "Region",
    "counties",
    "county_borders",
    "county_borders_bytes",
    "county_to_nuts3",
    "divisions_of",
    "find_industry",
    "find_region",
    "industries",
    "industry_level",
    "industry_name",
    "is_extra_regio",
    "municipalities",
    "nuts_regions",
    "parent_code",
    "region_parent",
]
