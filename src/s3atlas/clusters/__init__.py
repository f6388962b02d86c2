"""Cluster mapping (*klusterkartering*): development phase, horizontal criteria, firm surveys and
interaction gaps."""

from s3atlas.clusters.criteria import Criteria, compare_assessors, load_criteria
from s3atlas.clusters.phases import PhaseModel, load_phase_model
from s3atlas.clusters.survey_items import SurveyItems, load_survey_items

__all__ = [
    "Criteria",
    "PhaseModel",
    "SurveyItems",
    "compare_assessors",
    "load_criteria",
    "load_phase_model",
    "load_survey_items",
]
