"""One exception hierarchy for s3atlas.

Every error a user can cause derives from :class:`S3AtlasError`. Each carries
an HTTP status (so the web layer can answer with it), a stable machine code
and, for bad input, where the problem is: file, row, column and value.
The CLI prints :meth:`S3AtlasError.message` and exits non-zero; the web app
turns :meth:`S3AtlasError.to_dict` into its one JSON error shape.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ClassificationError",
    "ComputationError",
    "ConflictError",
    "FetchError",
    "InputError",
    "MissingToolError",
    "NotFoundError",
    "OfflineError",
    "PermissionDenied",
    "S3AtlasError",
]


class S3AtlasError(Exception):
    """Base class of every error s3atlas raises on purpose.

    Parameters
    ----------
    message : str
        What is wrong and, where possible, what was expected.
    file, row, column, value : optional
        Where the problem is. ``row`` is 1-based as a spreadsheet shows it
        (the header is row 1 in a CSV file).
    field : str, optional
        What a person calls the column, in their language (a form field such
        as "Organisationsnummer"); the message shows it instead of the
        column's code, which stays in :meth:`to_dict` for scripts.

    Examples
    --------
    >>> from s3atlas.i18n import use_language
    >>> err = InputError("negative count", file="a.csv", row=3, column="value", value=-1)
    >>> with use_language("en"):
    ...     err.message()
    "a.csv, row 3, column 'value', value -1: negative count"
    >>> with use_language("sv"):
    ...     err.location()
    "a.csv, rad 3, kolumn 'value', värde -1"
    >>> err.status
    422

    An option or a form field (no file or row) is named in words, not by its code:

    >>> with use_language("sv"):
    ...     InputError("must be at least 1", column="k", value=0).message()
    'Antal jämförelseregioner, värde 0: must be at least 1'
    """

    status: int = 400
    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.detail = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.field = field

    def location(self) -> str:
        """Return where the problem is, e.g. ``"a.csv, row 3, column 'x', value '..'"``.

        The words are in the active language; a long value is shortened and
        control characters are escaped, so a binary file is never echoed.
        """
        from s3atlas.i18n import gettext

        parts = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(gettext("row {row}", row=self.row))
        if self.field is not None:
            parts.append(self.field)
        elif self.column is not None:
            parts.append(self._column_words())
        if self.value is not None:
            parts.append(gettext("value {value}", value=_shown(self.value)))
        return ", ".join(parts)

    def _column_words(self) -> str:
        """The column as a person calls it: a cell of a file or table is named by its header
        (the person's own word), an option or field of a command or form by its words."""
        from s3atlas.fields import FIELD_WORDS, field_words
        from s3atlas.i18n import gettext

        if self.file is None and self.row is None and self.column in FIELD_WORDS:
            return field_words(self.column)
        return gettext("column {column}", column=_shown(self.column))

    def message(self) -> str:
        """Return the full human-readable message with its location."""
        where = self.location()
        return f"{where}: {self.detail}" if where else self.detail

    def __str__(self) -> str:
        return self.message()

    def to_dict(self) -> dict[str, Any]:
        """Return the one error shape used by the JSON API and ``--format json``."""
        out: dict[str, Any] = {"error": self.code, "message": self.message(), "detail": self.detail}
        for key in ("file", "row", "column"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.value is not None:
            out["value"] = str(self.value)
        return out


def _shown(value: Any, limit: int = 80) -> str:
    """*value* as a quoted, escaped text of at most *limit* characters.

    >>> _shown("x" * 100)[-3:]
    'xx…'
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InputError(S3AtlasError):
    """Bad input data or arguments: a file, a row, a parameter."""

    status = 422
    code = "invalid_input"


class ClassificationError(InputError):
    """An unknown code or incompatible classifications (regions, industries)."""

    code = "classification"


class ComputationError(S3AtlasError):
    """A computation cannot give a defined result for the data it was given."""

    status = 422
    code = "computation"


class NotFoundError(S3AtlasError):
    """A named thing (dataset, region, actor, round, user) does not exist."""

    status = 404
    code = "not_found"


class ConflictError(S3AtlasError):
    """The change conflicts with the current state (closed round, duplicate, concurrent edit)."""

    status = 409
    code = "conflict"


class PermissionDenied(S3AtlasError):
    """The user may not do this."""

    status = 403
    code = "forbidden"


class FetchError(S3AtlasError):
    """A statistics service (SCB, Eurostat) did not answer usefully after the retries."""

    status = 502
    code = "fetch_failed"


class OfflineError(FetchError):
    """No connection to a statistics service at all: refused, unknown host or no answer."""

    status = 503
    code = "offline"


class MissingToolError(S3AtlasError):
    """A program s3atlas needs for this task is not installed (e.g. Chromium for a PDF)."""

    status = 503
    code = "missing_tool"
