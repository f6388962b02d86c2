"""``s3atlas complexity``: relatedness and economic complexity of a long table, streamed to Parquet.

The command reads FILE (Parquet or CSV with columns ``year, region,
industry, value``; codes are read as text), computes every measure year by
year with :mod:`s3atlas.complexity` and writes each year to the output
Parquet file as soon as it is done, so only one year's results are in memory.
The output appears only when every year succeeded (temporary file, then rename).

By default the output has one row per input row: region × industry pairs
without a row are left out (``--full-grid`` writes them, with value 0), and
so are the rows of Extra-Regio codes such as ``SEZZZ`` (``--keep-extra-regio``
keeps them), with a note saying how many rows were left out.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import typer

from s3atlas.cli import output
from s3atlas.complexity.conventions import CONVENTIONS, Conventions, get_conventions
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.io.files import atomic_path, publish

if TYPE_CHECKING:  # heavy libraries load when a command runs, not for --help
    import pyarrow as pa
    from rich.progress import Progress

    from s3atlas.complexity.encode import Panel, YearMatrix
    from s3atlas.complexity.pipeline import Array, Method, YearResult
    from s3atlas.complexity.select import LeftOut


__all__ = ["read_long_table", "register", "write_complexity"]

_NULLS = ["", "..", "NA", "NaN", "nan", "null", "NULL"]
_CODES = ("region", "industry")
# Dictionary pages only where values repeat: trying them on every float column
# and falling back made writing 2-3 times slower. Statistics (min/max) only
# on these too: every row group holds all regions and industries of a year,
# so float statistics prune nothing and cost a fifth of the writing time.
_DICTIONARY = ["year", "region", "industry"]
# Relatedness density has no repeats to compress; snappy only spent time on it.
_UNCOMPRESSED = {"density"}


def _check_columns(names: list[str], file: str) -> None:
    from s3atlas.complexity.encode import COLUMNS

    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise InputError(
            gettext(
                "the file lacks the columns {missing}; it needs {expected} and has {found}",
                missing=", ".join(missing),
                expected=", ".join(COLUMNS),
                found=", ".join(names),
            ),
            file=file,
            row=1,
            column=missing[0],
        )


def _read_csv(path: Path) -> pa.Table:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from s3atlas.complexity.encode import COLUMNS
    from s3atlas.io.tabular import printable, refuse_binary

    refuse_binary(path)
    with path.open("rb") as handle:
        header = handle.readline().decode("utf-8", errors="replace")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [n.strip().strip('"') for n in header.strip().split(delimiter)]
    _check_columns(names, str(path))
    convert = pacsv.ConvertOptions(
        column_types={c: pa.dictionary(pa.int32(), pa.string()) for c in _CODES},
        null_values=_NULLS,
        strings_can_be_null=True,
        include_columns=list(COLUMNS),
    )
    for encoding in ("utf8", "latin-1"):
        try:
            return pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(encoding=encoding),
                parse_options=pacsv.ParseOptions(delimiter=delimiter),
                convert_options=convert,
            )
        except pa.ArrowInvalid as err:
            if encoding != "utf8" or "UTF8" not in str(err).upper():
                raise InputError(
                    gettext("cannot read the CSV file: {reason}", reason=printable(str(err))),
                    file=str(path),
                ) from err
    raise AssertionError("unreachable")  # pragma: no cover


def read_long_table(path: Path) -> tuple[pa.Table, int]:
    """Read FILE as an Arrow table; return it and the row number of its first data row.

    Region and industry codes are read as text (``"0114"`` stays ``"0114"``)
    and dictionary-encoded; ``..`` and empty cells are missing values. The
    table goes to :func:`~s3atlas.complexity.encode.encode_long` as it is,
    without a copy in pandas.

    Raises
    ------
    InputError
        The file does not exist, cannot be parsed, or lacks a column.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from s3atlas.complexity.encode import COLUMNS

    if not path.is_file():
        raise InputError(gettext("no such file"), file=str(path))
    try:
        if path.suffix.lower() in (".parquet", ".pq", ".parq"):
            parquet = pq.ParquetFile(path, read_dictionary=list(_CODES), pre_buffer=False)
            _check_columns(list(parquet.schema_arrow.names), str(path))
            table = parquet.read(columns=list(COLUMNS))  # not read_table: no pyarrow.dataset
            return table, 1
        return _read_csv(path), 2
    except (pa.ArrowException, OSError) as err:
        from s3atlas.io.tabular import printable

        raise InputError(
            gettext("cannot read the file: {reason}", reason=printable(str(err))), file=str(path)
        ) from err


def _ahead(
    panel: Panel, conv: Conventions, method: Method
) -> Iterator[tuple[YearMatrix, YearResult, Array]]:
    """Each year's results and the buffer holding them, the next year computed while this one
    is written. Two buffers take turns, so a year is never computed into the one being written.
    """
    from concurrent.futures import ThreadPoolExecutor

    from s3atlas.complexity.pipeline import output_buffer, single_threaded_blas, year_result

    buffers = [output_buffer(panel), output_buffer(panel)]

    def compute(k: int) -> tuple[YearMatrix, YearResult, Array]:
        ym, res = year_result(panel, k, conv, method, buffer=buffers[k % 2])
        return ym, res, buffers[k % 2]

    with single_threaded_blas(), ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(compute, 0)
        for k in range(1, len(panel.years) + 1):
            done = pending.result()
            if k < len(panel.years):
                pending = pool.submit(compute, k)
            yield done


def _parquet_writer(path: str, first: Any) -> Any:
    """A Parquet writer for tables shaped like *first*: dictionaries and statistics where they
    pay, the columns that do not compress left uncompressed."""
    import pyarrow.parquet as pq

    return pq.ParquetWriter(
        path,
        first.schema,
        use_dictionary=_DICTIONARY,
        write_statistics=_DICTIONARY,
        compression={c: "none" if c in _UNCOMPRESSED else "snappy" for c in first.column_names},
    )


def _writer_rows(
    panel: Panel,
    conv: Conventions,
    out: Path,
    progress: Progress,
    *,
    method: Method = "eigenvector",
    full_grid: bool = False,
) -> int:
    import tempfile

    from s3atlas.complexity.pipeline import year_table

    task = progress.add_task(gettext("Computing complexity"), total=len(panel.years))
    handle, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    rows, writer = 0, None
    try:
        for ym, res, buffer in _ahead(panel, conv, method):
            # valid until buffer takes another year
            table = year_table(panel, ym, res, buffer, full_grid=full_grid)
            if writer is None:
                writer = _parquet_writer(tmp_name, table)
            writer.write_table(table)
            rows += table.num_rows
            del table
            progress.advance(task)
        if writer is not None:
            writer.close()
        publish(tmp_name, out)
    finally:
        if writer is not None:
            writer.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    return rows


def write_complexity(
    file: Path,
    out: Path,
    conventions: str = "s3atlas",
    threshold: float | None = None,
    *,
    method: str = "eigenvector",
    full_grid: bool = False,
    keep_extra_regio: bool = False,
    show_progress: bool = False,
) -> tuple[int, int, LeftOut]:
    """Compute complexity for FILE and stream it to OUT (Parquet).

    Returns the rows written, the years and the rows left out (Extra-Regio
    codes, unless *keep_extra_regio*).
    """
    try:
        conv = get_conventions(conventions, threshold)
    except InputError as error:  # name the option the person typed, not the parameter
        error.field = f"--{error.column}" if error.column else None
        raise
    checked = _checked_method(method)
    if not out.parent.is_dir():
        raise InputError(gettext("the output folder does not exist"), file=str(out))
    panel, left_out = _read_panel(file, conv, keep_extra_regio)
    with _progress(show_progress) as progress:
        rows = _writer_rows(panel, conv, out, progress, method=checked, full_grid=full_grid)
    return rows, len(panel.years), left_out


def _checked_method(method: str) -> Method:
    from s3atlas.complexity.pipeline import METHODS

    if method not in METHODS:
        expected = " | ".join(METHODS)
        raise InputError(
            gettext("unknown method; expected {expected}", expected=expected),
            column="method",
            field="--method",
            value=method,
        )
    return cast("Method", method)


def _read_panel(file: Path, conv: Conventions, keep_extra_regio: bool) -> tuple[Panel, LeftOut]:
    """Read and encode *file*; without *keep_extra_regio*, the Extra-Regio rows left out."""
    from s3atlas.complexity.encode import encode_long
    from s3atlas.complexity.select import LeftOut, without_extra_regio

    table, first_row = read_long_table(file)
    panel = encode_long(table, conv, file=str(file), first_row=first_row)
    del table
    if keep_extra_regio:
        return panel, LeftOut(0, ())
    return without_extra_regio(panel)


def _progress(show: bool) -> Progress:
    """A progress bar on the error stream, gone when done (and not drawn unless *show*)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=output.error_console, transient=True, disable=not show)


def _write_as_named(file: Path, out: Path, *args: Any, **kwargs: Any) -> tuple[int, int, LeftOut]:
    """Run :func:`write_complexity`, writing CSV when *out* ends in ``.csv`` (else Parquet)."""
    import tempfile

    if out.suffix.lower() != ".csv":
        return write_complexity(file, out, *args, **kwargs)
    if not out.parent.is_dir():
        raise InputError(gettext("the output folder does not exist"), file=str(out))
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.") as folder:
        parquet = Path(folder) / "complexity.parquet"
        result = write_complexity(file, parquet, *args, **kwargs)
        parquet_to_csv(parquet, out)
    return result


def parquet_to_csv(parquet: Path, out: Path) -> None:
    """Copy a Parquet file to CSV (UTF-8, header, comma) batch by batch, whole or not at all."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    source = pq.ParquetFile(parquet)
    plain = pa.schema(
        [
            pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f
            for f in source.schema_arrow
        ]
    )
    with atomic_path(out) as tmp, pacsv.CSVWriter(str(tmp), plain) as writer:
        for batch in source.iter_batches():
            writer.write_batch(pa.Table.from_batches([batch]).cast(plain).to_batches()[0])


FileArgument = typer.Argument(
    ..., help="Parquet or CSV file with columns year, region, industry, value."
)
OutFileOption = typer.Option(
    ..., "--out", "-o", help="Output file: Parquet, or CSV when the name ends in .csv."
)
ConventionsOption = typer.Option(
    "s3atlas",
    "--conventions",
    help=f"Conventions: {' | '.join(CONVENTIONS)} (see docs/complexity.md).",
)
ThresholdOption = typer.Option(None, "--threshold", help="RCA threshold for Mcp (default 1).")
MethodOption = typer.Option(
    "eigenvector",
    "--method",
    help="How ECI/PCI are computed: eigenvector | reflections (method of reflections; same signs).",
)
FullGridOption = typer.Option(
    False,
    "--full-grid",
    help="Also write region × industry pairs that have no input row (value 0); "
    "by default they are left out.",
)
KeepExtraRegioOption = typer.Option(
    False,
    "--keep-extra-regio",
    help="Keep Extra-Regio codes (SEZ, SEZZ, SEZZZ …) as regions; by default their rows "
    "are left out, with a note saying how many.",
)


def complexity(
    file: Path = FileArgument,
    out: Path = OutFileOption,
    conventions: str = ConventionsOption,
    threshold: float | None = ThresholdOption,
    method: str = MethodOption,
    full_grid: bool = FullGridOption,
    keep_extra_regio: bool = KeepExtraRegioOption,
) -> None:
    """Relatedness and economic complexity (RCA, Mcp, density, ECI/PCI, COI/COG) to Parquet/CSV."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows, years, left_out = _write_as_named(
            file,
            out,
            conventions,
            threshold,
            method=method,
            full_grid=full_grid,
            keep_extra_regio=keep_extra_regio,
            show_progress=output.error_console.is_terminal,
        )
    _say_written({str(w.message) for w in caught}, left_out, rows, years, out)


def _say_written(warned: set[str], left_out: LeftOut, rows: int, years: int, out: Path) -> None:
    """On the error stream: each warning once, the rows left out, and what was written where."""
    for warning in warned:
        output.error_console.print(f"[yellow]{gettext('Warning')}:[/] {warning}", highlight=False)
    if left_out.rows:
        output.error_console.print(
            f"{gettext('Note')}: {left_out.message()} "
            f"({gettext('keep them with --keep-extra-regio')})",
            highlight=False,
        )
    output.error_console.print(
        gettext("Wrote {rows} rows ({years} years) to {out}", rows=rows, years=years, out=str(out)),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``s3atlas complexity`` to *app*."""
    app.command("complexity")(complexity)
