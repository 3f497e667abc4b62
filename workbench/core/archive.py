"""Earlier fact-checks read from JSONL, CSV and TSV archives into one record shape, streaming."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from workbench.core.page import parse_date

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

ArchiveFormat = Literal["jsonl", "csv", "tsv", "json", "html"]

ARCHIVE_FIELDS: tuple[str, ...] = (
    "id",
    "claim",
    "title",
    "rating",
    "url",
    "date",
    "claimant",
    "lang",
    "publisher",
    "claim_date",
    "rating_value",
    "rating_worst",
    "rating_best",
)
"""Our field names for tabular archives; each is also the column name looked for by default."""

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")
_MAPPING_PAIR = re.compile(r"\s*([^=\s]+)\s*=\s*(.+?)\s*")


@dataclass(frozen=True, slots=True)
class FactCheckRecord:
    """One earlier fact-check, the same whatever format it came from."""

    external_id: str | None
    url: str | None
    claim_text: str
    title: str | None
    rating_label: str | None
    rating_value: float | None
    rating_worst: float | None
    rating_best: float | None
    publisher: str | None
    claimant: str | None
    claim_date: date | None
    review_date: date | None
    language: str | None


@dataclass(frozen=True, slots=True)
class RecordError:
    """An item that could not become a record: where it is ("line 17", "row 5") and why."""

    position: str
    message: str


@dataclass(frozen=True, slots=True)
class ParsedArchive:
    """All records and all errors of one archive, each in file order."""

    records: tuple[FactCheckRecord, ...]
    errors: tuple[RecordError, ...]


ArchiveItem = FactCheckRecord | RecordError


def collect_archive(items: Iterable[ArchiveItem]) -> ParsedArchive:
    """Split a stream of records and errors into a ParsedArchive."""
    records: list[FactCheckRecord] = []
    errors: list[RecordError] = []
    for item in items:
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            records.append(item)
    return ParsedArchive(records=tuple(records), errors=tuple(errors))


def parse_mapping(spec: Sequence[str]) -> dict[str, str]:
    """Turn ``["claim=vclaim,id=vclaim_id", "lang=language"]`` into {our field: file column}."""
    mapping: dict[str, str] = {}
    for option in spec:
        for piece in option.split(","):
            if not piece.strip():
                continue
            match = _MAPPING_PAIR.fullmatch(piece)
            if match is None:
                raise ValueError(f"--map expects FIELD=COLUMN, not {piece.strip()!r}")
            our_field, column = match.group(1), match.group(2)
            _check_field_names([our_field])
            mapping[our_field] = column
    return mapping


def parse_archive_date(value: object) -> date | None:
    """Read a date written as ISO, "26 May 2015", "May 26, 2015", "2015/05/26" or DD/MM/YYYY."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    return _date_of_text(value)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=8192)
def _date_of_text(value: str) -> date | None:
    # Archives repeat a few thousand dates a million times, and most are plain ISO days.
    if _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    iso = parse_date(value)
    return date.fromisoformat(iso) if iso is not None else None


def parse_rating_number(value: object) -> float | None:
    """Read a rating number given as a number or a string ("4", "3.5", "3,5"); else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        number = float(value.strip().replace(",", "."))
    else:
        return None
    return number if math.isfinite(number) else None


def iter_jsonl(
    lines: Iterable[str], *, mapping: Mapping[str, str] | None = None
) -> Iterator[ArchiveItem]:
    """Yield a record or an error per non-blank line of JSON objects, numbered from 1.

    A mapping that names an unknown field raises ValueError at once, before any line is read.
    """
    columns = _columns(mapping)
    return _jsonl_items(lines, columns)


def _jsonl_items(lines: Iterable[str], columns: Mapping[str, str]) -> Iterator[ArchiveItem]:
    for line_number, line in enumerate(lines, start=1):
        text = line.lstrip("\ufeff") if line_number == 1 else line
        if not text.strip():
            continue
        position = f"line {line_number}"
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield RecordError(position, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        except RecursionError:
            yield RecordError(position, "JSON nested too deeply")
            continue
        if not isinstance(value, dict):
            yield RecordError(position, f"expected a JSON object, found {_json_kind(value)}")
            continue
        fields = {field: _scalar_text(value.get(column)) for field, column in columns.items()}
        yield _record_from_fields(fields, position)


def iter_delimited(
    text_lines: Iterable[str], *, delimiter: str = ",", mapping: Mapping[str, str] | None = None
) -> Iterator[ArchiveItem]:
    """Yield a record or an error per data row of a CSV/TSV file with a header row.

    Pass a file opened with ``newline=""`` so quoted fields may hold line breaks. The header is
    read at once: a mapping naming an unknown field or a column the header lacks, or a file
    with no claim column, raises ValueError before any row is read. Positions read
    "row 5 (line 6)": rows as a spreadsheet counts them (the header is row 1) and the line
    where the row starts, which differ once a quoted field holds a line break.
    """
    columns = _columns(mapping)
    reader = csv.reader(iter(text_lines), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return iter(())
    except csv.Error as error:
        raise ValueError(f"the header row cannot be read: {error}") from error
    indexes = _column_indexes(header, columns, explicit=set(mapping or {}))
    return _delimited_items(reader, indexes)


def _delimited_items(reader: _CsvReader, indexes: dict[str, int]) -> Iterator[ArchiveItem]:
    row_number = 1
    while True:
        row_number += 1
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RecordError(f"row {row_number} (line {first_line})", f"unreadable row: {error}")
            continue
        position = f"row {row_number} (line {first_line})"
        if not any(cell.strip() for cell in row):
            continue
        width = len(row)
        fields = {field: row[index] for field, index in indexes.items() if index < width}
        yield _record_from_fields(fields, position)


def read_jsonl(text: str, *, mapping: Mapping[str, str] | None = None) -> ParsedArchive:
    """Read a whole JSONL text into records and errors."""
    return collect_archive(iter_jsonl(text.splitlines(), mapping=mapping))


def read_delimited(
    text: str, *, delimiter: str = ",", mapping: Mapping[str, str] | None = None
) -> ParsedArchive:
    """Read a whole CSV/TSV text into records and errors."""
    lines = text.splitlines(keepends=True)
    return collect_archive(iter_delimited(lines, delimiter=delimiter, mapping=mapping))


def guess_archive_format(name: str, head: str = "") -> ArchiveFormat | None:
    """Guess an archive's format from its file name, else from its first characters."""
    lowered = name.lower()
    for suffix, archive_format in _SUFFIX_FORMATS:
        if lowered.endswith(suffix):
            return archive_format
    start = head.lstrip("\ufeff \t\r\n")[:512].lower()
    if start.startswith(("<!doctype", "<html", "<head", "<script", "<meta")):
        return "html"
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        lines = [line.strip() for line in head.lstrip("\ufeff").splitlines() if line.strip()]
        # JSONL only when a whole object ends the first line and another object follows.
        is_jsonl = len(lines) >= 2 and lines[0].endswith("}") and lines[1].startswith("{")
        return "jsonl" if is_jsonl else "json"
    first_line = start.split("\n", 1)[0]
    if "\t" in first_line:
        return "tsv"
    if "," in first_line:
        return "csv"
    return None


_SUFFIX_FORMATS: tuple[tuple[str, ArchiveFormat], ...] = (
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".csv", "csv"),
    (".tsv", "tsv"),
    (".tab", "tsv"),
    (".jsonld", "json"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
)


# --- shared helpers -------------------------------------------------------------------------


def _check_field_names(names: Iterable[str]) -> None:
    unknown = [name for name in names if name not in ARCHIVE_FIELDS]
    if unknown:
        raise ValueError(
            f"unknown field {', '.join(repr(name) for name in unknown)} in --map; "
            f"known fields are: {', '.join(ARCHIVE_FIELDS)}"
        )


def _columns(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Our field -> the column or key to read it from."""
    _check_field_names(mapping or {})
    columns = {field: field for field in ARCHIVE_FIELDS}
    columns.update(mapping or {})
    return columns


def _column_indexes(
    header: list[str], columns: Mapping[str, str], *, explicit: set[str]
) -> dict[str, int]:
    cleaned = [name.lstrip("\ufeff").strip() for name in header]
    exact = {name: index for index, name in reversed(list(enumerate(cleaned)))}
    folded = {name.casefold(): index for index, name in reversed(list(enumerate(cleaned)))}
    indexes: dict[str, int] = {}
    missing: list[str] = []
    for field, column in columns.items():
        index = exact.get(column.strip(), folded.get(column.strip().casefold()))
        if index is not None:
            indexes[field] = index
        elif field in explicit:
            missing.append(f"{field}={column}")
    listed = ", ".join(name for name in cleaned if name) or "(none)"
    if missing:
        raise ValueError(
            f"--map names columns the file does not have: {', '.join(missing)}; "
            f"its columns are: {listed}"
        )
    if "claim" not in indexes:
        raise ValueError(
            f"no claim column (looked for {columns['claim']!r}); its columns are: {listed}; "
            "name the claim column with --map claim=COLUMN"
        )
    return indexes


def _record_from_fields(fields: Mapping[str, str | None], position: str) -> ArchiveItem:
    """A record from our field names' texts (absent fields may be missing or None)."""
    claim_text = _clean(fields.get("claim"))
    if claim_text is None:
        return RecordError(position, "no claim text")
    return FactCheckRecord(
        external_id=_clean(fields.get("id")),
        url=_clean(fields.get("url")),
        claim_text=claim_text,
        title=_clean(fields.get("title")),
        rating_label=_clean(fields.get("rating")),
        rating_value=parse_rating_number(fields.get("rating_value")),
        rating_worst=parse_rating_number(fields.get("rating_worst")),
        rating_best=parse_rating_number(fields.get("rating_best")),
        publisher=_clean(fields.get("publisher")),
        claimant=_clean(fields.get("claimant")),
        claim_date=parse_archive_date(fields.get("claim_date")),
        review_date=parse_archive_date(fields.get("date")),
        language=_clean(fields.get("lang")),
    )


def _scalar_text(value: object) -> str | None:
    """A JSON value as text: strings as written, numbers in their usual form, others None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def _clean(value: str | None) -> str | None:
    """Outer whitespace dropped; empty means absent. Inner text stays as written."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
