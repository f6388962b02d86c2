"""Check the raw tables of an ecosystem-map template and turn them into a snapshot.

:func:`parse_tables` checks every row before returning anything and raises
:class:`~s3atlas.errors.InputError` naming the file, the row (as the
spreadsheet shows it: the header is row 1), the column and the value. In the
sheets, actors, areas, functions and phases may be written by id/code or by
name; yes/no columns take ``ja/nej``, ``yes/no``, ``true/false``, ``1/0`` or
``x``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from s3atlas.ecosystem.io.tables_files import SHEETS
from s3atlas.ecosystem.store.snapshot import COLUMNS, EcosystemSnapshot
from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _

__all__ = ["default_vocabulary", "parse_tables"]

_YES = {"1", "true", "ja", "yes", "x", "sant", "j", "y"}
_NO = {"0", "false", "nej", "no", "falskt", "n", ""}


def default_vocabulary() -> dict[str, pd.DataFrame]:
    """The store's default vocabulary (``actor_kind``, ``function``, ``phase``, ``link_kind``).

    >>> sorted(default_vocabulary())
    ['actor_kind', 'function', 'link_kind', 'phase']
    """
    from s3atlas.ecosystem.store import vocabulary as v

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


# --- checking ----------------------------------------------------------------------


class _Table:
    """One raw table with its file label; cells are read with their spreadsheet position."""

    def __init__(self, name: str, label: str, frame: pd.DataFrame) -> None:
        self.name, self.label = name, label
        self.header_row = int(frame.attrs.get("header_row", 1))
        frame = frame.rename(columns=lambda c: str(c).strip().lower())
        self.frame = frame.loc[:, [not str(c).startswith("unnamed:") for c in frame.columns]]
        self.frame = self.frame[
            ~(self.frame.astype(str).apply(lambda s: s.str.strip()) == "").all(axis=1)
        ]

    def require(self, *columns: str) -> None:
        for column in columns:
            if column not in self.frame.columns:
                raise InputError(
                    _(
                        "the {table} table has no column {column}",
                        table=self.name,
                        column=repr(column),
                    ),
                    file=self.label,
                    row=self.header_row,
                    column=column,
                )

    def row_of(self, index: Any) -> int:
        """The spreadsheet row: the reader's ``row`` index, else position + 2 under a header."""
        return int(index) if self.frame.index.name == "row" else int(index) + 2

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (self.row_of(i), {str(k): _cell(v) for k, v in rec.items()})  # str: see __init__
            for i, rec in zip(self.frame.index, self.frame.to_dict(orient="records"), strict=True)
        ]

    def error(self, message: str, row: int, column: str, value: Any) -> InputError:
        return InputError(message, file=self.label, row=row, column=column, value=value)


def _website(table: Any, row: int, value: Any) -> str | None:
    from s3atlas.ecosystem.store.actors import clean_website

    try:
        return clean_website(value)
    except InputError as error:
        raise table.error(error.detail, row, "website", value) from None


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
    raise table.error(_("expected yes or no (ja/nej, true/false, 1/0)"), row, column, value)


def _grade(table: _Table, row: int, column: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = float("nan")
    if number != number or not number.is_integer() or not 1 <= number <= 5:
        raise table.error(_("expected a whole number from 1 to 5"), row, column, value)
    return int(number)


def _lookup(
    table: _Table, row: int, column: str, value: str | None, ids: Mapping[str, str], what: str
) -> str | None:
    if value is None:
        return None
    found = ids.get(value.casefold())
    if found is None:
        raise table.error(_("no {what} with this id or name", what=_(what)), row, column, value)
    return found


def _check_sni_codes(table: _Table, row: int, value: str | None) -> None:
    """Each of an area's ``;``-separated SNI 2007 codes must exist (``"02;16;17"``)."""
    from s3atlas.classifications import find_industry
    from s3atlas.errors import ClassificationError

    for code in (c.strip() for c in (value or "").split(";")):
        if not code:
            continue
        try:
            find_industry(code)
        except ClassificationError as error:
            raise table.error(error.detail, row, "sni", code) from None


def _areas(table: _Table, known: dict[str, str]) -> pd.DataFrame:
    table.require("name")
    out = []
    for row, rec in table.rows():
        area_id = rec.get("area_id") or rec["name"]
        if rec["name"] is None:
            raise table.error(_("a strength area needs a name"), row, "name", None)
        if area_id.casefold() in known or rec["name"].casefold() in known:
            raise table.error(_("duplicate strength area"), row, "name", rec["name"])
        known[area_id.casefold()] = known[rec["name"].casefold()] = area_id
        _check_sni_codes(table, row, rec.get("sni"))
        out.append({"area_id": area_id, "name": rec["name"], "sni": rec.get("sni")})
    return pd.DataFrame(out, columns=list(COLUMNS["areas"]))


def _actors(table: _Table, known: dict[str, str], kinds: _Resolver) -> pd.DataFrame:
    table.require("name", "kind")
    out = []
    for row, rec in table.rows():
        if rec["name"] is None:
            raise table.error(_("an actor needs a name"), row, "name", None)
        actor_id = rec.get("actor_id") or rec["name"]
        for key, column in ((actor_id, "actor_id"), (rec["name"], "name")):
            if key.casefold() in known:
                raise table.error(_("duplicate actor"), row, column, key)
        kind = kinds(rec["kind"] or "")
        if kind is None:
            raise table.error(
                _("unknown actor kind; expected one of: {codes}", codes=", ".join(kinds.codes)),
                row,
                "kind",
                rec["kind"],
            )
        known[actor_id.casefold()] = known[rec["name"].casefold()] = actor_id
        _check_org_no(table, row, rec.get("org_no"))
        out.append(_actor_row(table, row, rec, actor_id, kind))
    _refuse_shared_org_no(table, [a["org_no"] for a in out if a["org_no"]])
    return pd.DataFrame(out, columns=list(COLUMNS["actors"]))


def _actor_row(
    table: _Table, row: int, rec: dict[str, Any], actor_id: str, kind: str
) -> dict[str, Any]:
    """One actor as the store takes it, each cell checked where it was read."""
    return {
        "actor_id": actor_id,
        "name": rec["name"],
        "kind": kind,
        "org_no": rec.get("org_no"),
        "sni": rec.get("sni"),
        "municipality": rec.get("municipality"),
        "website": _website(table, row, rec.get("website")),
        "borrowable": _flag(table, row, "borrowable", rec.get("borrowable")),
        "interest": _grade(table, row, "interest", rec.get("interest")),
        "influence": _grade(table, row, "influence", rec.get("influence")),
        "is_demo": _flag(table, row, "is_demo", rec.get("is_demo")),
        "external": _flag(table, row, "external", rec.get("external")),
        "home_region": rec.get("home_region"),
    }


def _refuse_shared_org_no(table: _Table, orgs: list[str]) -> None:
    """Two actors of one file with the same organisation number: refused at the second row."""
    if len(orgs) == len(set(orgs)):
        return
    dup = next(o for o in orgs if orgs.count(o) > 1)
    row = [r for r, rec in table.rows() if rec.get("org_no") == dup][1]
    raise table.error(_("duplicate actor (same organisation number)"), row, "org_no", dup)


def _check_org_no(table: _Table, row: int, value: str | None) -> None:
    """The store's own organisation-number check, reported at the cell."""
    if value is None:
        return
    from s3atlas.ecosystem.store.actors import normalise_org_number

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
                _("unknown function; expected one of: {codes}", codes=", ".join(functions.codes)),
                row,
                "function_code",
                rec["function_code"],
            )
        phase = None
        if rec.get("phase_code") is not None:
            phase = phases(rec["phase_code"])
            if phase is None:
                raise table.error(
                    _("unknown phase; expected one of: {codes}", codes=", ".join(phases.codes)),
                    row,
                    "phase_code",
                    rec["phase_code"],
                )
        pid = rec.get("provision_id") or f"row{row}"
        if (pid, phase) in seen:
            raise table.error(_("duplicate provision"), row, "provision_id", pid)
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
            raise table.error(_("a link needs two actors"), row, column, None)
        if source == target:
            raise table.error(
                _("a link needs two different actors"), row, "target_id", rec["target_id"]
            )
        kind = kinds(rec["kind"] or "")
        if kind is None:
            raise table.error(
                _("unknown link kind; expected one of: {codes}", codes=", ".join(kinds.codes)),
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
        As returned by :func:`~.tables_files.read_tables`.
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
