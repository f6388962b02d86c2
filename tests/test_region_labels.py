"""The region page names exactly the codes the core returns, in both languages."""

from __future__ import annotations

import pytest

from s3atlas.analysis.composite import CLASSES, TRENDS
from s3atlas.analysis.fit import FIT_STATUSES
from s3atlas.analysis.labels import label
from s3atlas.analysis.sectors import SECTOR_CLASSES
from s3atlas.present.region import chart_class_labels, class_labels


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_region_page_labels_every_class_the_core_declares_in_its_order(lang):
    assert tuple(class_labels(lang)) == CLASSES
    assert tuple(chart_class_labels(lang)) == CLASSES


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("class", CLASSES),
        ("class_short", CLASSES),
        ("trend", TRENDS),
        ("sector", SECTOR_CLASSES),
        ("status", FIT_STATUSES),
    ],
)
def test_every_core_code_has_words_in_swedish_and_english(kind, codes):
    for code in codes:
        swedish, english = label(kind, code, "sv"), label(kind, code, "en")
        assert code not in (swedish, english)
        assert swedish != english, code
