"""Monitoring and benchmarking: a strategy's indicators, baselines, targets and status, peer
regions by structural similarity, and a scoreboard of the counties.

The model follows Gianelle & Kleibrink (2015), *Monitoring mechanisms for smart
specialisation strategies* (S3 Policy Brief 13/2015); peers follow Navarro et
al. (2014), *Regional benchmarking in the smart specialisation process* (S3
Working Paper 03/2014); the scoreboard uses the Regional Innovation
Scoreboard's normalisation. See ``docs/monitoring.md``.
"""

from s3atlas.monitoring.catalogue import CONTEXT, DIRECTIONS, KINDS, VALUE_FLAGS, Indicator
from s3atlas.monitoring.context import VALUE_COLUMNS, context_values
from s3atlas.monitoring.framework import county_code, dalarna_framework, framework_indicators
from s3atlas.monitoring.importing import ImportResult, import_file, read_import
from s3atlas.monitoring.peer_api import LEVELS, region_peers
from s3atlas.monitoring.peers import SIMILAR, peers, standardise
from s3atlas.monitoring.report import REPORT_COLUMNS, region_report, values_table
from s3atlas.monitoring.scoreboard import Scoreboard, county_scoreboard, performance_group, score
from s3atlas.monitoring.status import DEFAULT_TOLERANCE, STATUSES, Judgement, expected_value, judge
from s3atlas.monitoring.template import template_bytes, write_template

__all__ = [
    "CONTEXT",
    "DEFAULT_TOLERANCE",
    "DIRECTIONS",
    "KINDS",
    "LEVELS",
    "REPORT_COLUMNS",
    "SIMILAR",
    "STATUSES",
    "VALUE_COLUMNS",
    "VALUE_FLAGS",
    "ImportResult",
    "Indicator",
    "Judgement",
    "Scoreboard",
    "context_values",
    "county_code",
    "county_scoreboard",
    "dalarna_framework",
    "expected_value",
    "framework_indicators",
    "import_file",
    "judge",
    "peers",
    "performance_group",
    "read_import",
    "region_peers",
    "region_report",
    "score",
    "standardise",
    "template_bytes",
    "values_table",
    "write_template",
]
