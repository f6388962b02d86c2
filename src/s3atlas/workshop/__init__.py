"""Workshop mode (*Bikupa*): participants send examples of ecosystem functions from their
phones; the facilitator merges, edits, accepts them into the ecosystem map or rejects them.

The method is Region Västerbotten's participatory mapping of innovation
ecosystems per strength area (*Framtidens många innovationsekosystem*, 2025):
workshops where participants give examples of system-common and
system-unique functions ("Bikupa!").
"""

from s3atlas.workshop.accept import accept_submission, evidence_source
from s3atlas.workshop.limits import DEFAULT_LIMITS, Limits, WorkshopRateLimited
from s3atlas.workshop.models import BORROWABLE, STATUSES, RateHit, Submission, Workshop
from s3atlas.workshop.submissions import (
    PARTICIPANT,
    edit_submission,
    merge_submissions,
    reject_submission,
    submit,
)
from s3atlas.workshop.summary import (
    board_groups,
    function_names,
    submissions_frame,
    summary_table,
    summary_xlsx,
)
from s3atlas.workshop.workshops import (
    DEFAULT_QUESTIONS,
    close_workshop,
    get_workshop,
    is_open,
    list_workshops,
    open_workshop,
    parse_questions,
)

__all__ = [
    "BORROWABLE",
    "DEFAULT_LIMITS",
    "DEFAULT_QUESTIONS",
    "PARTICIPANT",
    "STATUSES",
    "Limits",
    "RateHit",
    "Submission",
    "Workshop",
    "WorkshopRateLimited",
    "accept_submission",
    "board_groups",
    "close_workshop",
    "edit_submission",
    "evidence_source",
    "function_names",
    "get_workshop",
    "is_open",
    "list_workshops",
    "merge_submissions",
    "open_workshop",
    "parse_questions",
    "reject_submission",
    "submissions_frame",
    "submit",
    "summary_table",
    "summary_xlsx",
]
