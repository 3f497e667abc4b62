"""Build the archive of earlier fact-checks: files, pages, URLs and the Fact Check Tools API."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.core.archive import (
    ArchiveItem,
    FactCheckRecord,
    RecordError,
    guess_archive_format,
    iter_delimited,
    iter_jsonl,
)
from workbench.core.claimreview import (
    iter_claimreview_html,
    iter_fact_check_api,
    iter_json_archive,
)
from workbench.core.errors import WorkbenchError
from workbench.core.scales import RatingScale, load_scales, map_rating
from workbench.core.text.decode import DecodedText, DecodeError, decode_bytes
from workbench.core.text.language import detect_language
from workbench.core.text.normalise import matching_key
from workbench.core.text.sanitize import clean_untrusted
from workbench.store.archive import upsert_factchecks
from workbench.store.database import Database
from workbench.web.factcheck_api import FactCheckApiError, search_claims
from workbench.web.fetch import FetchError, fetch_url

BATCH_SIZE = 10_000
"""Records written per transaction: a failure loses at most one batch, never half of one.

Large batches keep the full-text index in few, large segments (each commit adds one)."""
MAX_REPORTED_ERRORS = 200


class ArchiveImportError(WorkbenchError):
    """An archive source that cannot be read at all."""


@dataclass
class ArchiveImportSummary:
    """What an archive import did: counts and the records it skipped, with their positions."""

    source: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RecordError] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        """As printed by `import factchecks --json`."""
        return {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [
                {"position": error.position, "message": error.message} for error in self.errors
            ],
        }


def local_scale(settings: Settings) -> RatingScale:
    """The rating scale in force."""
    try:
        scales = load_scales(settings.verdicts.scales)
    except ValueError as exc:
        raise WorkbenchError(f"invalid rating scale in the config: {exc}") from exc
    if settings.verdicts.scale not in scales:
        raise WorkbenchError(
            f"unknown rating scale {settings.verdicts.scale!r}; known: {', '.join(scales)}"
        )
    return scales[settings.verdicts.scale]


def record_row(
    record: FactCheckRecord,
    *,
    scale: RatingScale,
    rating_map: Mapping[str, str],
    rating_keys: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """A FactCheck row for a parsed record: cleaned text, keys for matching, local rating.

    `rating_keys` remembers mapped labels across the records of one import (archives repeat a
    handful of ratings a million times).
    """
    claim_text = clean_untrusted(record.claim_text).strip()
    title = clean_untrusted(record.title).strip() if record.title else None
    known = rating_keys if rating_keys is not None else {}
    if record.rating_label and record.rating_label not in known:
        mapped = map_rating(record.rating_label, rating_map, scale)
        known[record.rating_label] = mapped.key if mapped else None
    claim_key = matching_key(claim_text)
    if not title:
        title_key = ""
    elif title == claim_text:
        title_key = claim_key
    else:
        title_key = matching_key(title)
    return {
        "external_id": record.external_id,
        "url": record.url,
        "claim_text": claim_text,
        "title": title,
        "rating_label": _cleaned_label(record.rating_label) if record.rating_label else None,
        "rating_value": record.rating_value,
        "rating_key": known.get(record.rating_label) if record.rating_label else None,
        "publisher": _cleaned_label(record.publisher) if record.publisher else None,
        "claimant": _cleaned_label(record.claimant) if record.claimant else None,
        "claim_date": record.claim_date,
        "review_date": record.review_date,
        "language": record.language or detect_language(claim_text),
        "matching_key": claim_key,
        "title_key": title_key,
    }


@lru_cache(maxsize=4096)
def _cleaned_label(text: str) -> str:
    # Ratings, publishers and claimants repeat across an archive: clean each spelling once.
    return clean_untrusted(text)


_OTHER_LINE_BREAKS = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _lines_of(text: str) -> Iterator[str]:
    """The lines of `text` exactly as str.splitlines() gives them, without a list of all of them.

    A million-record archive would otherwise sit in memory twice (the text and its lines).
    """
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        line = text[start:end]
        start = end + 1
        if _OTHER_LINE_BREAKS.search(line) is None:
            yield line
        else:
            yield from line.splitlines() or [""]


def store_items(
    items: Iterable[ArchiveItem],
    *,
    database: Database,
    summary: ArchiveImportSummary,
    settings: Settings,
    on_batch: Callable[[int], None] | None = None,
) -> ArchiveImportSummary:
    """Write records in transactional batches; errors are counted and kept, never fatal."""
    scale = local_scale(settings)
    rating_map = settings.verdicts.rating_map
    batch: list[dict[str, Any]] = []
    rating_keys: dict[str, str | None] = {}

    def flush() -> None:
        if not batch:
            return
        with database.writing() as session:
            counts = upsert_factchecks(session=session, rows=batch)
        summary.created += counts.created
        summary.updated += counts.updated
        if on_batch is not None:
            on_batch(len(batch))
        batch.clear()

    for number, item in enumerate(items, start=1):
        if isinstance(item, RecordError):
            summary.skipped += 1
            if len(summary.errors) < MAX_REPORTED_ERRORS:
                summary.errors.append(item)
            continue
        row = record_row(item, scale=scale, rating_map=rating_map, rating_keys=rating_keys)
        if not row["matching_key"]:
            summary.skipped += 1
            if len(summary.errors) < MAX_REPORTED_ERRORS:
                message = f"claim {row['claim_text'][:60]!r} has no words to match on"
                summary.errors.append(RecordError(f"record {number}", message))
            continue
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            flush()
    flush()
    return summary


STREAM_FROM_BYTES = 32 * 1024 * 1024
"""JSONL files from this size on are read block by block instead of whole."""
BLOCK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Block:
    """Whole lines of a file and how they decode."""

    start: int
    size: int
    plain_utf8: bool
    """Strict UTF-8 without repairs: a plain decode gives exactly what decode_bytes gives."""


def _line_blocks(path: Path) -> Iterator[tuple[int, bytes]]:
    """The file in pieces of about BLOCK_BYTES that end at a line break, with their offsets."""
    with path.open("rb") as handle:
        start = 0
        rest = b""
        while True:
            chunk = handle.read(BLOCK_BYTES)
            if not chunk:
                if rest:
                    yield start, rest
                return
            chunk = rest + chunk
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:
                rest = chunk
                continue
            yield start, chunk[:cut]
            start += cut
            rest = chunk[cut:]


def _block_text(block: bytes) -> DecodedText:
    if not block.strip():
        # Blank lines still count for line numbers; ASCII white space decodes as itself.
        return DecodedText(text=block.decode("ascii"), encoding="utf-8", mojibake_repaired=False)
    return decode_bytes(block)


def _streamed_jsonl(
    path: Path, source: str, *, mapping: Mapping[str, str] | None, archive_format: str | None
) -> Iterator[ArchiveItem] | None:
    """Items of a large UTF-8 JSONL file read block by block, or None to read it whole.

    Every block is decoded once before any item is given, so a file that cannot be decoded
    fails before anything is stored, as a whole file would. Memory stays at a few blocks
    instead of the file's bytes and text together (over a gigabyte for a million records).
    """
    try:
        if path.stat().st_size < STREAM_FROM_BYTES:
            return None
        blocks: list[_Block] = []
        for start, block in _line_blocks(path):
            try:
                decoded = _block_text(block)
            except DecodeError as exc:
                raise ArchiveImportError(f"{source}: {exc}") from exc
            if not blocks:
                if not decoded.text.strip() or not decoded.encoding.startswith("utf-8"):
                    return None
                chosen = archive_format or guess_archive_format(source, decoded.text[:2048])
                if chosen != "jsonl":
                    return None
            plain = decoded.encoding == "utf-8" and not decoded.mojibake_repaired
            blocks.append(_Block(start=start, size=len(block), plain_utf8=plain))
    except OSError as exc:
        raise ArchiveImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return iter_jsonl(_block_lines(path, blocks), mapping=mapping)


def _block_lines(path: Path, blocks: list[_Block]) -> Iterator[str]:
    with path.open("rb") as handle:
        for block in blocks:
            handle.seek(block.start)
            data = handle.read(block.size)
            text = data.decode("utf-8") if block.plain_utf8 else _block_text(data).text
            yield from _lines_of(text)


def read_archive_items(
    source: str,
    *,
    settings: Settings,
    mapping: Mapping[str, str] | None = None,
    archive_format: str | None = None,
    stdin_data: bytes | None = None,
) -> Iterator[ArchiveItem]:
    """Records and errors of a file, '-' or URL, in order (JSON/ClaimReview, HTML, CSV, TSV, JSONL).

    Raises:
        ArchiveImportError: the source cannot be read, decoded or recognised.
    """
    page_url = None
    if source == "-":
        data = stdin_data or b""
    elif source.startswith(("http://", "https://")):
        try:
            fetched = fetch_url(
                source,
                timeout=settings.http.timeout,
                max_bytes=settings.http.max_bytes,
                max_redirects=settings.http.max_redirects,
            )
        except FetchError as exc:
            raise ArchiveImportError(str(exc)) from exc
        data, page_url = fetched.body, fetched.final_url
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise ArchiveImportError(f"no such file: {path}")
        streamed = _streamed_jsonl(path, source, mapping=mapping, archive_format=archive_format)
        if streamed is not None:
            return streamed
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ArchiveImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        raise ArchiveImportError(f"{source}: {exc}") from exc
    # The bytes are no longer needed; a large archive should not be held twice.
    del data
    chosen = archive_format or guess_archive_format(source if not page_url else "", text[:2048])
    if chosen is None:
        raise ArchiveImportError(
            f"{source}: cannot tell the format; give --format json|html|csv|tsv|jsonl"
        )
    try:
        if chosen == "jsonl":
            return iter_jsonl(_lines_of(text), mapping=mapping)
        if chosen in ("csv", "tsv"):
            lines = io.StringIO(text, newline="")
            delimiter = "\t" if chosen == "tsv" else ","
            return iter_delimited(lines, delimiter=delimiter, mapping=mapping)
        if chosen == "html":
            return iter_claimreview_html(text, page_url=page_url or source)
        if chosen == "json":
            try:
                data_object = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ArchiveImportError(
                    f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno})"
                ) from exc
            return iter_json_archive(data_object)
    except ValueError as exc:
        raise ArchiveImportError(f"{source}: {exc}") from exc
    raise ArchiveImportError(f"unknown archive format {chosen!r}")


def api_items(
    *,
    settings: Settings,
    query: str | None,
    language: str | None,
    max_age_days: int | None,
    publisher_site: str | None,
    max_pages: int,
) -> Iterator[ArchiveItem]:
    """Records from the Google Fact Check Tools API, every page read before the first is given.

    An API that fails on a later page therefore stores nothing of the search.

    Raises:
        ArchiveImportError: no API key is configured, or the API fails (the key is never shown).
    """
    if settings.factcheck_api_key is None:
        raise ArchiveImportError(
            "no Fact Check Tools API key: set WORKBENCH_FACTCHECK_API_KEY or factcheck_api_key"
        )
    pages = search_claims(
        query=query,
        api_key=settings.factcheck_api_key.get_secret_value(),
        language=language,
        max_age_days=max_age_days,
        publisher_site=publisher_site,
        max_pages=max_pages,
        base_url=settings.factcheck_api.url,
        timeout=settings.http.timeout,
    )
    try:
        answers = list(pages)
    except FactCheckApiError as exc:
        raise ArchiveImportError(str(exc)) from exc
    for page in answers:
        yield from iter_fact_check_api(page)
