"""Excel and CSV templates of an ecosystem map: write, read and check before anything is saved.

A workbook has one sheet per table of :class:`~.snapshot.EcosystemSnapshot`
(``areas``, ``actors``, ``provisions``, ``links``, ``insights``) with the
snapshot's columns, plus ``functions`` and ``phases`` (the vocabulary, for
reference) and ``meta`` (region and round). A CSV export is a folder with one
``<table>.csv`` per table. Reading accepts a workbook, such a folder, or one
CSV file named after its table (``actors.csv``); ``;``-separated files from a
Swedish Excel and latin-1 files are read too.

:func:`parse_tables` checks every row before returning anything and raises
:class:`~s3atlas.errors.InputError` naming the file, the row (as the
spreadsheet shows it: the header is row 1), the column and the value. In the
sheets, actors, areas, functions and phases may be written by id/code or by
name; yes/no columns take ``ja/nej``, ``yes/no``, ``true/false``, ``1/0`` or
``x``.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.ecosystem.snapshot import COLUMNS, EcosystemSnapshot
from s3atlas.errors import InputError

__all__ = [
    "SHEETS",
    "default_vocabulary",
    "parse_tables",
    "read_snapshot",
    "read_tables",
    "save_snapshot",
    "store_vocabulary",
    "write_csv_folder",
    "write_workbook",
]

SHEETS = ("areas", "actors", "provisions", "links", "insights")
"""The tables read from and written to a workbook, in order."""

_REFERENCE = ("functions", "phases")
_YES = {"1", "true", "ja", "yes", "x", "sant", "j", "y"}
_NO = {"0", "false", "nej", "no", "falskt", "n", ""}


def default_vocabulary() -> dict[str, pd.DataFrame]:
    """The store's default vocabulary (``actor_kind``, ``function``, ``phase``, ``link_kind``).

    >>> sorted(default_vocabulary())
    ['actor_kind', 'function', 'link_kind', 'phase']
    """
    from s3atlas.ecosystem import vocabulary as v

    terms = {
        "actor_kind": v.DEFAULT_ACTOR_KINDS,
        "function": v.DEFAULT_FUNCTIONS,
        "phase": v.DEFAULT_PHASES,
        "link_kind": v.DEFAULT_LINK_KINDS,
    }
    return {
        name: pd.DataFrame(list(t), columns=["code", "name_sv", "name_en"])
        for name, t in terms.items()
    }


# --- writing ---------------------------------------------------------------------


def _meta(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["region_code", "region_name", "round"],
            "value": [snapshot.region_code, snapshot.region_name, snapshot.round],
        }
    )


def _atomic(path: Path, write: Any) -> Path:
    """Write through a temporary file in the same folder, then rename over *path*."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_workbook(snapshot: EcosystemSnapshot, path: str | os.PathLike[str]) -> Path:
    """Write the snapshot as an ``.xlsx`` workbook (a template when the snapshot is empty)."""
    frames = snapshot.frames()

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name in (*SHEETS, *_REFERENCE):
                frames[name].to_excel(writer, sheet_name=name, index=False)
            _meta(snapshot).to_excel(writer, sheet_name="meta", index=False)

    return _atomic(Path(path), write)


def write_csv_folder(snapshot: EcosystemSnapshot, folder: str | os.PathLike[str]) -> Path:
    """Write one UTF-8 ``<table>.csv`` per table (and ``meta.csv``) into *folder*."""
    folder = Path(folder)
    frames = {**snapshot.frames(), "meta": _meta(snapshot)}
    for name in (*SHEETS, *_REFERENCE, "meta"):
        _atomic(folder / f"{name}.csv", lambda tmp, n=name: frames[n].to_csv(tmp, index=False))
    return folder


# --- reading ---------------------------------------------------------------------


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    first = text.splitlines()[0] if text.strip() else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    from io import StringIO

    try:
        return pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"not a readable CSV table ({error})", file=str(path)) from None


def read_tables(path: str | os.PathLike[str]) -> dict[str, tuple[str, pd.DataFrame]]:
    """Read the raw tables of a workbook, CSV folder or single CSV: name → (file label, text frame).

    Raises
    ------
    InputError
        The file cannot be read, or it holds none of the known tables.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    names = (*SHEETS, "meta")
    out: dict[str, tuple[str, pd.DataFrame]] = {}
    if path.is_dir():
        for name in names:
            if (path / f"{name}.csv").is_file():
                out[name] = (str(path / f"{name}.csv"), _read_csv(path / f"{name}.csv"))
    elif path.suffix.lower() == ".csv":
        if path.stem.lower() not in SHEETS:
            raise InputError(
                f"a CSV file must be named after its table: {', '.join(SHEETS)}", file=str(path)
            )
        out[path.stem.lower()] = (str(path), _read_csv(path))
    else:
        try:
            book = pd.read_excel(
                path, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl"
            )
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as error:
            raise InputError(
                f"not a readable Excel workbook ({type(error).__name__})", file=str(path)
            ) from None
        for sheet, frame in book.items():
            if sheet.strip().lower() in names:
                out[sheet.strip().lower()] = (f"{path.name}, sheet {sheet}", frame)
    if not set(out) & set(SHEETS):
        raise InputError(f"found none of the tables {', '.join(SHEETS)}", file=str(path))
    return out


# --- checking ----------------------------------------------------------------------


class _Table:
    """One raw table with its file label; cells are read with their spreadsheet position."""

    def __init__(self, name: str, label: str, frame: pd.DataFrame) -> None:
        self.name, self.label = name, label
        frame = frame.rename(columns=lambda c: str(c).strip().lower())
        self.frame = frame.loc[:, [not str(c).startswith("unnamed:") for c in frame.columns]]
        self.frame = self.frame[
            ~(self.frame.astype(str).apply(lambda s: s.str.strip()) == "").all(axis=1)
        ]

    def require(self, *columns: str) -> None:
        for column in columns:
            if column not in self.frame.columns:
                raise InputError(
                    f"the {self.name} table has no column {column!r}",
                    file=self.label,
                    row=1,
                    column=column,
                )

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (int(i) + 2, {str(k): _cell(v) for k, v in rec.items()})  # str: see __init__
            for i, rec in zip(self.frame.index, self.frame.to_dict(orient="records"), strict=True)
        ]

    def error(self, message: str, row: int, column: str, value: Any) -> InputError:
        return InputError(message, file=self.label, row=row, column=column, value=value)


def _cell(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = " ".join(str(value).split())
    return text or None


class _Resolver:
    """Resolve a code or a Swedish/English name of a vocabulary to its code."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.codes = list(frame.code)
        self.index: dict[str, str] = {}
        rec: Any  # an itertuples row of a vocabulary table (text columns)
        for rec in frame.itertuples(index=False):
            for key in (rec.code, rec.name_sv, rec.name_en):
                if isinstance(key, str):
                    self.index.setdefault(key.casefold(), rec.code)

    def __call__(self, value: str) -> str | None:
        return self.index.get(value.casefold())


def _flag(table: _Table, row: int, column: str, value: str | None) -> bool:
    text = (value or "").casefold()
    if text in _YES or text in _NO:
        return text in _YES
    raise table.error("expected yes or no (ja/nej, true/false, 1/0)", row, column, value)


def _grade(table: _Table, row: int, column: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = float("nan")
    if number != number or not number.is_integer() or not 1 <= number <= 5:
        raise table.error("expected a whole number from 1 to 5", row, column, value)
    return int(number)


def _lookup(
    table: _Table, row: int, column: str, value: str | None, ids: Mapping[str, str], what: str
) -> str | None:
    if value is None:
        return None
    found = ids.get(value.casefold())
    if found is None:
        raise table.error(f"no {what} with this id or name", row, column, value)
    return found


def _areas(table: _Table, known: dict[str, str]) -> pd.DataFrame:
    table.require("name")
    out = []
    for row, rec in table.rows():
        area_id = rec.get("area_id") or rec["name"]
        if rec["name"] is None:
            raise table.error("a strength area needs a name", row, "name", None)
        if area_id.casefold() in known or rec["name"].casefold() in known:
            raise table.error("duplicate strength area", row, "name", rec["name"])
        known[area_id.casefold()] = known[rec["name"].casefold()] = area_id
        out.append({"area_id": area_id, "name": rec["name"], "sni": rec.get("sni")})
    return pd.DataFrame(out, columns=list(COLUMNS["areas"]))


def _actors(table: _Table, known: dict[str, str], kinds: _Resolver) -> pd.DataFrame:
    table.require("name", "kind")
    out = []
    for row, rec in table.rows():
        if rec["name"] is None:
            raise table.error("an actor needs a name", row, "name", None)
        actor_id = rec.get("actor_id") or rec["name"]
        for key, column in ((actor_id, "actor_id"), (rec["name"], "name")):
            if key.casefold() in known:
                raise table.error("duplicate actor", row, column, key)
        kind = kinds(rec["kind"] or "")
        if kind is None:
            raise table.error(
                f"unknown actor kind; expected one of: {', '.join(kinds.codes)}",
                row,
                "kind",
                rec["kind"],
            )
        known[actor_id.casefold()] = known[rec["name"].casefold()] = actor_id
        _check_org_no(table, row, rec.get("org_no"))
        out.append(
            {
                "actor_id": actor_id,
                "name": rec["name"],
                "kind": kind,
                "org_no": rec.get("org_no"),
                "sni": rec.get("sni"),
                "municipality": rec.get("municipality"),
                "website": rec.get("website"),
                "borrowable": _flag(table, row, "borrowable", rec.get("borrowable")),
                "interest": _grade(table, row, "interest", rec.get("interest")),
                "influence": _grade(table, row, "influence", rec.get("influence")),
                "is_demo": _flag(table, row, "is_demo", rec.get("is_demo")),
            }
        )
    orgs = [a["org_no"] for a in out if a["org_no"]]
    if len(orgs) != len(set(orgs)):
        dup = next(o for o in orgs if orgs.count(o) > 1)
        row = [r for r, rec in table.rows() if rec.get("org_no") == dup][1]
        raise table.error("duplicate actor (same organisation number)", row, "org_no", dup)
    return pd.DataFrame(out, columns=list(COLUMNS["actors"]))


def _check_org_no(table: _Table, row: int, value: str | None) -> None:
    """The store's own organisation-number check, reported at the cell."""
    if value is None:
        return
    from s3atlas.ecosystem.actors import normalise_org_number

    try:
        normalise_org_number(value)
    except InputError as error:
        raise table.error(error.detail, row, "org_no", value) from None


def _provisions(
    table: _Table,
    actors: dict[str, str],
    areas: dict[str, str],
    functions: _Resolver,
    phases: _Resolver,
) -> pd.DataFrame:
    table.require("function_code")
    out, seen = [], set()
    for row, rec in table.rows():
        function = functions(rec["function_code"] or "")
        if function is None:
            raise table.error(
                f"unknown function; expected one of: {', '.join(functions.codes)}",
                row,
                "function_code",
                rec["function_code"],
            )
        phase = None
        if rec.get("phase_code") is not None:
            phase = phases(rec["phase_code"])
            if phase is None:
                raise table.error(
                    f"unknown phase; expected one of: {', '.join(phases.codes)}",
                    row,
                    "phase_code",
                    rec["phase_code"],
                )
        pid = rec.get("provision_id") or f"row{row}"
        if (pid, phase) in seen:
            raise table.error("duplicate provision", row, "provision_id", pid)
        seen.add((pid, phase))
        out.append(
            {
                "provision_id": pid,
                "function_code": function,
                "phase_code": phase,
                "actor_id": _lookup(table, row, "actor_id", rec.get("actor_id"), actors, "actor"),
                "area_id": _lookup(
                    table, row, "area_id", rec.get("area_id"), areas, "strength area"
                ),
            }
        )
    return pd.DataFrame(out, columns=list(COLUMNS["provisions"]))


def _links(table: _Table, actors: dict[str, str], kinds: _Resolver) -> pd.DataFrame:
    table.require("source_id", "target_id", "kind")
    out = []
    for row, rec in table.rows():
        source = _lookup(table, row, "source_id", rec["source_id"], actors, "actor")
        target = _lookup(table, row, "target_id", rec["target_id"], actors, "actor")
        if source is None or target is None:
            column = "source_id" if source is None else "target_id"
            raise table.error("a link needs two actors", row, column, None)
        if source == target:
            raise table.error(
                "a link needs two different actors", row, "target_id", rec["target_id"]
            )
        kind = kinds(rec["kind"] or "")
        if kind is None:
            raise table.error(
                f"unknown link kind; expected one of: {', '.join(kinds.codes)}",
                row,
                "kind",
                rec["kind"],
            )
        out.append({"source_id": source, "target_id": target, "kind": kind})
    return pd.DataFrame(out, columns=list(COLUMNS["links"]))


def _insights(table: _Table, areas: dict[str, str]) -> pd.DataFrame:
    table.require("text")
    out = [
        {
            "area_id": _lookup(table, row, "area_id", rec.get("area_id"), areas, "strength area"),
            "text": rec["text"],
            "round": rec.get("round"),
        }
        for row, rec in table.rows()
        if rec["text"] is not None
    ]
    return pd.DataFrame(out, columns=list(COLUMNS["insights"]))


def _known(frame: pd.DataFrame, id_col: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for rec in frame.itertuples(index=False):
        for key in (getattr(rec, id_col), rec.name):
            out[str(key).casefold()] = getattr(rec, id_col)
    return out


def parse_tables(
    tables: Mapping[str, tuple[str, pd.DataFrame]],
    vocabulary: Mapping[str, pd.DataFrame] | None = None,
    existing: EcosystemSnapshot | None = None,
    region: tuple[str, str] | None = None,
    round_name: str | None = None,
) -> EcosystemSnapshot:
    """Check raw tables against the vocabulary and return them as a snapshot.

    Parameters
    ----------
    tables : mapping
        As returned by :func:`read_tables`.
    vocabulary : mapping, optional
        ``actor_kind``, ``function``, ``phase``, ``link_kind`` frames (code,
        name_sv, name_en); default :func:`default_vocabulary`.
    existing : EcosystemSnapshot, optional
        What the target round already holds: rows of the file may refer to
        its actors and areas by id or name; actors of the file that exist
        there already are duplicates only within the file itself.
    region, round_name : optional
        Override the region ``(code, name)`` and round of the ``meta`` table.

    Raises
    ------
    InputError
        At the first bad cell, naming file, row, column and value.
    """
    vocab = dict(default_vocabulary() if vocabulary is None else vocabulary)
    meta = _meta_values(tables)
    code, name = region or (meta.get("region_code") or "", meta.get("region_name") or "")
    t = {n: _Table(n, label, frame) for n, (label, frame) in tables.items() if n in SHEETS}
    area_ids = _known(existing.areas, "area_id") if existing is not None else {}
    actor_ids = _known(existing.actors, "actor_id") if existing is not None else {}
    file_areas: dict[str, str] = {}
    frames: dict[str, Any] = {
        "areas": _areas(t["areas"], file_areas) if "areas" in t else None,
    }
    area_ids.update(file_areas)
    file_actors: dict[str, str] = {}
    frames["actors"] = (
        _actors(t["actors"], file_actors, _Resolver(vocab["actor_kind"])) if "actors" in t else None
    )
    actor_ids.update(file_actors)
    functions, phases = _Resolver(vocab["function"]), _Resolver(vocab["phase"])
    if "provisions" in t:
        frames["provisions"] = _provisions(t["provisions"], actor_ids, area_ids, functions, phases)
    if "links" in t:
        frames["links"] = _links(t["links"], actor_ids, _Resolver(vocab["link_kind"]))
    if "insights" in t:
        frames["insights"] = _insights(t["insights"], area_ids)
    phase_frame = vocab["phase"].assign(order=range(1, len(vocab["phase"]) + 1))
    return _as_snapshot(
        code, name, round_name or meta.get("round"), frames, vocab, phase_frame, existing
    )


def _as_snapshot(
    code: str,
    name: str,
    round_name: str | None,
    frames: dict[str, Any],
    vocab: Mapping[str, pd.DataFrame],
    phase_frame: pd.DataFrame,
    existing: EcosystemSnapshot | None,
) -> EcosystemSnapshot:
    """Build the snapshot; references to the existing round are checked against its rows."""
    areas, actors = frames.get("areas"), frames.get("actors")
    if existing is not None:
        areas = _merge(existing.areas, areas, "area_id")
        actors = _merge(existing.actors, actors, "actor_id")
    return EcosystemSnapshot.from_frames(
        code,
        name,
        round_name,
        areas=areas,
        actors=actors,
        provisions=frames.get("provisions"),
        links=frames.get("links"),
        insights=frames.get("insights"),
        functions=vocab["function"][["code", "name_sv", "name_en"]],
        phases=phase_frame,
    )


def _merge(old: pd.DataFrame, new: pd.DataFrame | None, id_col: str) -> pd.DataFrame:
    """Rows of *old* not named (by id or name) in *new*, then *new*: the file wins."""
    if new is None:
        return old
    taken = {str(v).casefold() for v in pd.concat([new[id_col], new["name"]])}
    keep = ~(old[id_col].str.casefold().isin(taken) | old["name"].str.casefold().isin(taken))
    return pd.concat([old[keep], new], ignore_index=True)


def _meta_values(tables: Mapping[str, tuple[str, pd.DataFrame]]) -> dict[str, str | None]:
    if "meta" not in tables:
        return {}
    frame = tables["meta"][1]
    if not {"key", "value"} <= set(frame.columns):
        return {}
    return {str(k): _cell(v) for k, v in zip(frame.key, frame.value, strict=True)}


def read_snapshot(path: str | os.PathLike[str], **options: Any) -> EcosystemSnapshot:
    """Read and check a workbook, CSV folder or CSV file (see :func:`parse_tables` for *options*).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from s3atlas.ecosystem.snapshot import example_snapshot
    >>> snap = example_snapshot()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     back = read_snapshot(write_workbook(snap, pathlib.Path(tmp) / "map.xlsx"))
    >>> back.actors.equals(snap.actors), back.provisions.equals(snap.provisions)
    (True, True)
    """
    return parse_tables(read_tables(path), **options)


# --- saving into the store ----------------------------------------------------------


def store_vocabulary(store: Any) -> dict[str, pd.DataFrame]:
    """The vocabulary of a workspace store, in the shape :func:`parse_tables` takes."""
    from s3atlas.ecosystem.vocabulary import vocabulary_frame

    with store.read() as session:
        return {
            name: vocabulary_frame(session, name)
            for name in ("actor_kind", "function", "phase", "link_kind")
        }


def _na(value: Any) -> Any:
    return (
        None
        if value is None or value is pd.NA or (isinstance(value, float) and value != value)
        else value
    )


class _Saver:
    """Write a checked snapshot into one open round, reusing rows that are already there."""

    def __init__(self, edit: Any) -> None:
        from s3atlas.ecosystem import models

        self.edit, self.m, self.session = edit, models, edit.session
        self.counts = {t: [0, 0] for t in SHEETS}

    def _stored(self, model: Any) -> list[Any]:
        from sqlalchemy import select

        return list(self.session.scalars(select(model).where(model.round_id == self.edit.round.id)))

    def _add(self, table: str, entity: str, row: Any) -> Any:
        self.session.add(row)
        self.edit.log("create", entity, row)
        self.counts[table][0] += 1
        return row

    def areas(self, frame: pd.DataFrame) -> dict[str, int]:
        stored = {a.name.casefold(): a for a in self._stored(self.m.StrengthArea)}
        ids: dict[str, int] = {}
        a: Any  # an itertuples row of the checked areas table (name and area_id are text)
        for a in frame.itertuples(index=False):
            row = stored.get(a.name.casefold())
            if row is None:
                codes = [c.strip() for c in str(_na(a.sni) or "").split(";") if c.strip()]
                row = stored[a.name.casefold()] = self._add(
                    "areas",
                    "area",
                    self.m.StrengthArea(
                        round_id=self.edit.round.id,
                        name=a.name,
                        industries=[self.m.AreaIndustry(sni_code=c) for c in codes],
                    ),
                )
            else:
                self.counts["areas"][1] += 1
            ids[a.area_id] = row.id
        return ids

    def actors(self, frame: pd.DataFrame) -> dict[str, int]:
        from s3atlas.ecosystem.actors import normalise_name, normalise_org_number

        stored = self._stored(self.m.Actor)
        by_name = {a.name_norm: a for a in stored}
        by_org = {a.org_number: a for a in stored if a.org_number}
        ids = {}
        for a in frame.to_dict(orient="records"):
            org = normalise_org_number(_na(a["org_no"])) if _na(a["org_no"]) else None
            row = by_name.get(normalise_name(a["name"])) or (by_org.get(org) if org else None)
            if row is None:
                row = self._add(
                    "actors",
                    "actor",
                    self.m.Actor(
                        round_id=self.edit.round.id,
                        name=a["name"],
                        name_norm=normalise_name(a["name"]),
                        kind=a["kind"],
                        org_number=org,
                        sni_code=_na(a["sni"]),
                        municipality=_na(a["municipality"]),
                        website=_na(a["website"]),
                        borrowable=bool(a["borrowable"]),
                        interest=_na(a["interest"]),
                        influence=_na(a["influence"]),
                        is_demo=bool(a["is_demo"]),
                    ),
                )
                by_name[row.name_norm] = row
            else:
                self.counts["actors"][1] += 1
            ids[a["actor_id"]] = row.id
        return ids

    def provisions(
        self, frame: pd.DataFrame, actors: dict[str, int], areas: dict[str, int]
    ) -> None:
        have = {(p.function, p.actor_id, p.area_id) for p in self._stored(self.m.Provision)}
        for _pid, group in frame.groupby("provision_id", sort=False, dropna=False):
            first = group.iloc[0]
            key = (
                first.function_code,
                actors.get(_na(first.actor_id)),
                areas.get(_na(first.area_id)),
            )
            if key in have:
                self.counts["provisions"][1] += 1
                continue
            phases = [] if group.phase_code.isna().any() else sorted(set(group.phase_code))
            have.add(key)
            self._add(
                "provisions",
                "provision",
                self.m.Provision(
                    round_id=self.edit.round.id,
                    function=key[0],
                    actor_id=key[1],
                    area_id=key[2],
                    phases=[self.m.ProvisionPhase(phase=p) for p in phases],
                ),
            )

    def links(self, frame: pd.DataFrame, actors: dict[str, int]) -> None:
        have = {(k.source_id, k.target_id, k.kind) for k in self._stored(self.m.Link)}
        link: Any  # an itertuples row of the checked links table: text actor keys and kind
        for link in frame.itertuples(index=False):
            key = (actors[link.source_id], actors[link.target_id], link.kind)
            if key in have:
                self.counts["links"][1] += 1
                continue
            have.add(key)
            self._add(
                "links",
                "link",
                self.m.Link(
                    round_id=self.edit.round.id, source_id=key[0], target_id=key[1], kind=key[2]
                ),
            )

    def insights(self, frame: pd.DataFrame, areas: dict[str, int]) -> None:
        have = {(i.area_id, i.text) for i in self._stored(self.m.Insight)}
        for ins in frame.itertuples(index=False):
            key = (areas.get(_na(ins.area_id)), ins.text)
            if key in have:
                self.counts["insights"][1] += 1
                continue
            have.add(key)
            self._add(
                "insights",
                "insight",
                self.m.Insight(round_id=self.edit.round.id, area_id=key[0], text=key[1]),
            )


def save_snapshot(
    store: Any, snapshot: EcosystemSnapshot, *, user: str, round_name: str | None = None
) -> pd.DataFrame:
    """Save a checked snapshot into the region's round in one transaction: all rows or none.

    Rows already in the round (areas by name, actors by normalised name or
    organisation number, provisions by function/actor/area, links by
    source/target/kind, insights by area/text) are kept, not duplicated, so
    importing the same file twice changes nothing.

    Returns
    -------
    DataFrame
        ``table, added, unchanged``.
    """
    from s3atlas.ecosystem.service import editing

    with editing(store, snapshot.region_code, round_name, user) as edit:
        saver = _Saver(edit)
        areas = saver.areas(snapshot.areas)
        actors = saver.actors(snapshot.actors)
        saver.provisions(snapshot.provisions, actors, areas)
        saver.links(snapshot.links, actors)
        saver.insights(snapshot.insights, areas)
    return pd.DataFrame(
        [(t, a, u) for t, (a, u) in saver.counts.items()], columns=["table", "added", "unchanged"]
    )
