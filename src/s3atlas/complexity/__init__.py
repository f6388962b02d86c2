"""Relatedness and economic complexity on integer-coded arrays.

RCA and Mcp (Balassa 1965), proximity and relatedness density (Hidalgo et al.
2007), ECI and PCI (Hidalgo & Hausmann 2009), complexity outlook COI and COG
(Hausmann et al. 2014), under selectable conventions (``s3atlas`` or
``ecomplexity``, the PyPI package 0.5.3). Extra-Regio codes are left out
and pairs without an input row are not written unless asked for. See
``docs/complexity.md``.

The NumPy-only parts load with the package; the parts that need SciPy or
pandas (ECI/PCI, encoding, the pipeline) load on first use, so commands that
only need the conventions start quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from s3atlas.complexity.conventions import (
    CONVENTIONS,
    ECOMPLEXITY,
    S3ATLAS,
    Conventions,
    get_conventions,
)
from s3atlas.complexity.outlook import cog, coi
from s3atlas.complexity.proximity import continuous_proximity, density, proximity
from s3atlas.complexity.rca import diversity, mcp, rca, ubiquity

if TYPE_CHECKING:
    from s3atlas.complexity.eci import (
        ComplexityWarning,
        RawComplexity,
        eci_pci,
        reflections,
        standardise,
    )
    from s3atlas.complexity.encode import Panel, YearMatrix, encode_long, year_matrix, year_shapes
    from s3atlas.complexity.pipeline import (
        OUTPUT_COLUMNS,
        YearResult,
        complexity,
        complexity_arrays,
        iter_complexity,
        year_result,
        year_table,
    )
    from s3atlas.complexity.select import LeftOut, LeftOutNote, without_extra_regio

_LAZY = {
    "eci": ["ComplexityWarning", "RawComplexity", "eci_pci", "reflections", "standardise"],
    "encode": ["Panel", "YearMatrix", "encode_long", "year_matrix", "year_shapes"],
    "pipeline": [
        "OUTPUT_COLUMNS",
        "YearResult",
        "complexity",
        "complexity_arrays",
        "iter_complexity",
        "year_result",
        "year_table",
    ],
    "select": ["LeftOut", "LeftOutNote", "without_extra_regio"],
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "CONVENTIONS",
    "ECOMPLEXITY",
    "OUTPUT_COLUMNS",
    "S3ATLAS",
    "ComplexityWarning",
    "Conventions",
    "LeftOut",
    "LeftOutNote",
    "Panel",
    "RawComplexity",
    "YearMatrix",
    "YearResult",
    "cog",
    "coi",
    "complexity",
    "complexity_arrays",
    "continuous_proximity",
    "density",
    "diversity",
    "eci_pci",
    "encode_long",
    "get_conventions",
    "iter_complexity",
    "mcp",
    "proximity",
    "rca",
    "reflections",
    "standardise",
    "ubiquity",
    "without_extra_regio",
    "year_matrix",
    "year_result",
    "year_shapes",
    "year_table",
]


def __getattr__(name: str) -> Any:
    """Load a SciPy- or pandas-backed public name from its submodule on first use."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module 's3atlas.complexity' has no attribute {name!r}")
    value = getattr(import_module(f"s3atlas.complexity.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value
