"""The fact-check archive in the database: idempotent bulk upserts and full-text candidates."""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, bindparam, insert, text, update
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlmodel import Session, col, select

from workbench.store.models import FactCheck
from workbench.store.types import utcnow

PG_SEARCH_VECTOR = (
    "(setweight(to_tsvector('simple', coalesce(title_key, '')), 'A')"
    " || setweight(to_tsvector('simple', matching_key), 'B'))"
)
"""The indexed expression of migration 0004; queries must repeat it exactly to use the index."""

LARGE_ARCHIVE = 50_000
"""From this archive size on, SQLite searches in two stages (see `_large_archive_candidates`)."""
CANDIDATE_BUDGET = 1_000
"""Documents a large archive's candidate expression is expected to match."""
POSTINGS_BUDGET = 10_000
"""Postings the index may read to find them."""
PAIRED_TERMS = 4
"""Pairs of this many of the query's rarest terms may be asked for (documents holding both)."""
RESCORED = 120
"""Candidates, the best by their rare terms, scored again with every term of the query."""
FALLBACK_AVERAGE_LENGTH = 10.0
"""Tokens per document assumed if the index's own average cannot be read."""
BM25_K1 = 1.2
BM25_B = 0.75
"""FTS5's own bm25() constants: the second stage uses the same formula."""

LANGUAGE_OVERFETCH = 4
"""With a language preference, this many times the wanted candidates are ranked, then kept by
language (instead of joining every match to read its language before ranking)."""

SQLITE_COLUMN_WEIGHTS = (1.0, 1.5)
"""bm25 weights of (matching_key, title_key): a title match counts more (tuned on train)."""

UPDATABLE_FIELDS = (
    "url",
    "claim_text",
    "title",
    "rating_label",
    "rating_value",
    "rating_key",
    "publisher",
    "claimant",
    "claim_date",
    "review_date",
    "language",
    "matching_key",
    "title_key",
)


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """What one batch did to the archive."""

    created: int
    updated: int


def upsert_factchecks(*, session: Session, rows: Sequence[Mapping[str, Any]]) -> UpsertCounts:
    """Insert new fact-checks and update known ones (same external id, else same URL).

    Rows are dicts of FactCheck fields. Within a batch the last row for an identity wins.
    """
    by_identity: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in rows:
        identity = (
            ("id", str(row["external_id"]))
            if row.get("external_id")
            else ("url", str(row.get("url") or ""))
        )
        if identity == ("url", ""):
            identity = ("text", str(row["matching_key"]) + "\x00" + str(row.get("publisher")))
        by_identity[identity] = row
    external_ids = [value for kind, value in by_identity if kind == "id"]
    urls = [value for kind, value in by_identity if kind == "url"]
    known: dict[tuple[str, str], int] = {}
    for chunk in _chunks(external_ids, 500):
        for fact_id, external_id in session.exec(
            select(FactCheck.id, FactCheck.external_id).where(col(FactCheck.external_id).in_(chunk))
        ).all():
            known[("id", str(external_id))] = int(fact_id or 0)
    for chunk in _chunks(urls, 500):
        for fact_id, url in session.exec(
            select(FactCheck.id, FactCheck.url).where(col(FactCheck.url).in_(chunk))
        ).all():
            known.setdefault(("url", str(url)), int(fact_id or 0))
    now = utcnow()
    new_rows = []
    changed_rows = []
    for identity, row in by_identity.items():
        existing_id = known.get(identity)
        if existing_id is None and identity[0] == "id" and row.get("url"):
            existing_id = known.get(("url", str(row["url"])))
        if existing_id is None:
            new_rows.append({**row, "created_at": now, "updated_at": now})
        else:
            changed = {field: row.get(field) for field in UPDATABLE_FIELDS if field in row}
            changed_rows.append({"fact_id": existing_id, **changed, "updated_at": now})
    if new_rows:
        if session.get_bind().dialect.name == "sqlite":
            _insert_sqlite(session, new_rows)
        else:
            session.execute(insert(FactCheck), new_rows)
    if new_rows or changed_rows:
        # Cached document frequencies of this connection no longer describe the archive.
        _forget_statistics(session)
    if changed_rows:
        fields = [field for field in changed_rows[0] if field != "fact_id"]
        statement = (
            update(FactCheck)
            .where(col(FactCheck.id) == bindparam("fact_id"))
            .values({field: bindparam(field) for field in fields})
        )
        session.connection().execute(statement, changed_rows)
    return UpsertCounts(created=len(new_rows), updated=len(changed_rows))


FTS_INSERT_TRIGGER = "factcheck_fts_insert"
"""The trigger of migration 0004 that indexes each new fact-check as it is inserted."""


def _insert_sqlite(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many fact-checks at the speed of the driver, indexing them in one statement.

    Row by row, the insert trigger makes FTS5 index each fact-check separately, which is most
    of an import's time. Inside this transaction the trigger is set aside, the rows are
    inserted with a plain executemany, the new rows are indexed with one INSERT ... SELECT
    and the trigger is put back exactly as it was: a failure rolls all of it back together.
    """
    names = list(rows[0])
    if any(len(row) != len(names) or any(name not in row for name in names) for row in rows):
        # Rows with different fields need SQLAlchemy's per-row defaults.
        session.execute(insert(FactCheck), list(rows))
        return
    connection = session.connection()
    dialect = connection.dialect
    table = FactCheck.__table__  # type: ignore[attr-defined]
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    converted: list[dict[Any, Any]] = [{} for _ in names]

    def bound(position: int, value: Any) -> Any:
        processor = processors[position]
        if processor is None or value is None:
            return value
        # Dates and timestamps repeat across a batch: convert each value once.
        memo = converted[position]
        if value not in memo:
            memo[value] = processor(value)
        return memo[value]

    parameters = [
        tuple(bound(position, row[name]) for position, name in enumerate(names)) for row in rows
    ]
    trigger_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (FTS_INSERT_TRIGGER,),
    ).scalar()
    last_id = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM factcheck").scalar()
    if trigger_sql:
        connection.exec_driver_sql(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
    columns = ", ".join(names)
    marks = ", ".join("?" for _ in names)
    connection.exec_driver_sql(
        f"INSERT INTO factcheck ({columns}) VALUES ({marks})",  # noqa: S608 - column names
        parameters,
    )
    if trigger_sql:
        # Rowids only grow, so the new rows are exactly those above the old maximum.
        connection.exec_driver_sql(
            "INSERT INTO factcheck_fts(rowid, matching_key, title_key) "
            "SELECT id, matching_key, title_key FROM factcheck WHERE id > ?",
            (last_id,),
        )
        connection.exec_driver_sql(str(trigger_sql))


def _chunks(values: Sequence[str], size: int) -> list[list[str]]:
    return [list(values[start : start + size]) for start in range(0, len(values), size)]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A candidate from the database's full-text engine: its raw score, what re-ranking needs
    and what a match result shows, all read in the same query (the winners need no second
    trip to the database)."""

    factcheck_id: int
    score: float
    claim_text: str = ""
    matching_key: str = ""
    review_date: date | None = None
    rating_label: str | None = None
    external_id: str | None = None
    rating_key: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    own_claim_id: int | None = None
    """The newsroom's own claim this fact-check was published from, if any."""


CANDIDATE_COLUMNS = (
    "f.id, {score} AS score, f.claim_text, f.matching_key, f.review_date, f.rating_label, "
    "f.external_id, f.rating_key, f.title, f.url, f.publisher, f.claim_id"
)


def _hit(row: Any, score: float | None = None) -> SearchHit:
    review_date = row[4]
    if isinstance(review_date, str):
        review_date = date.fromisoformat(review_date)
    return SearchHit(
        factcheck_id=int(row[0]),
        score=float(row[1]) if score is None else score,
        claim_text=row[2],
        matching_key=row[3],
        review_date=review_date,
        rating_label=row[5],
        external_id=row[6],
        rating_key=row[7],
        title=row[8],
        url=row[9],
        publisher=row[10],
        own_claim_id=row[11],
    )


def search_candidates(
    *,
    session: Session,
    fts_expression: str,
    query_key: str,
    limit: int = 50,
    since: date | None = None,
    language: str | None = None,
) -> list[SearchHit]:
    """Candidates for a query from FTS5 (bm25, lower is better) or PostgreSQL (ts_rank, higher).

    `fts_expression` is the FTS5 MATCH expression built by the core (quoted terms OR-ed);
    PostgreSQL gets the same terms as a tsquery, and pg_trgm similarity fills in when full-text
    search finds fewer than `limit`.
    """
    dialect = session.get_bind().dialect.name
    filters = []
    params: dict[str, Any] = {"limit": limit}
    if since is not None:
        filters.append("f.review_date >= :since")
        params["since"] = since
    if language:
        filters.append("(f.language = :language OR f.language IS NULL)")
        params["language"] = language
    extra = "".join(f" AND {condition}" for condition in filters)
    if dialect == "sqlite":
        if fts_expression == '""':
            return []
        statistics = _archive_statistics(session)
        if statistics.rows >= LARGE_ARCHIVE:
            return _large_archive_candidates(
                session, statistics, _terms_of(fts_expression), limit, extra, params
            )
        weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
        bm25 = f"bm25(factcheck_fts, {weights})"
        params["match"] = fts_expression
        if since is not None:
            # A date bound is exact: filter before the cut-off (slower: every match is joined).
            columns = CANDIDATE_COLUMNS.format(score=bm25)
            statement = (
                f"SELECT {columns} FROM factcheck_fts "  # noqa: S608 - constants
                "JOIN factcheck f ON f.id = factcheck_fts.rowid "
                f"WHERE factcheck_fts MATCH :match{extra} ORDER BY score LIMIT :limit"
            )
        else:
            # Rank inside the index first, then read only the winners' columns. A language
            # preference is applied to a few times more winners than asked for: the keys are
            # per script, so other languages rarely reach the top anyway.
            params["inner_limit"] = limit * LANGUAGE_OVERFETCH if language else limit
            columns = CANDIDATE_COLUMNS.format(score="best.score")
            statement = (
                f"SELECT {columns} FROM (SELECT rowid, {bm25} AS score "  # noqa: S608
                "FROM factcheck_fts WHERE factcheck_fts MATCH :match "
                "ORDER BY score LIMIT :inner_limit) AS best "
                f"JOIN factcheck f ON f.id = best.rowid WHERE 1 = 1{extra} "
                "ORDER BY best.score LIMIT :limit"
            )
        return [_hit(row) for row in session.execute(text(statement), params).all()]
    terms = _terms_of(fts_expression)
    if not terms:
        return []
    params["tsquery"] = " | ".join("'" + term.replace("'", "''") + "'" for term in terms)
    columns = CANDIDATE_COLUMNS.format(score=f"ts_rank_cd({PG_SEARCH_VECTOR}, q)")
    rows = session.execute(
        text(
            f"SELECT {columns} "  # noqa: S608 - constants
            "FROM factcheck f, to_tsquery('simple', :tsquery) q "
            f"WHERE {PG_SEARCH_VECTOR} @@ q{extra} ORDER BY score DESC LIMIT :limit"
        ),
        params,
    ).all()
    hits = [_hit(row) for row in rows]
    if len(hits) < limit and query_key:
        seen = {hit.factcheck_id for hit in hits}
        params["key"] = query_key
        columns = CANDIDATE_COLUMNS.format(score="similarity(f.matching_key, :key)")
        similar = session.execute(
            text(
                f"SELECT {columns} "  # noqa: S608 - constants
                f"FROM factcheck f WHERE f.matching_key % :key{extra} "
                "ORDER BY score DESC LIMIT :limit"
            ),
            params,
        ).all()
        floor = min((hit.score for hit in hits), default=0.0)
        for row in similar:
            hit = _hit(row)
            if hit.factcheck_id not in seen and len(hits) < limit:
                # Below every full-text hit: trigram-only candidates rank after them.
                hits.append(replace(hit, score=floor * hit.score))
    return hits


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _large_archive_candidates(
    session: Session,
    statistics: _ArchiveStatistics,
    terms: Sequence[str],
    limit: int,
    extra: str,
    params: dict[str, Any],
) -> list[SearchHit]:
    """Candidates of a large archive: found by the query's rarest terms, scored by all of them.

    FTS5's bm25() reads the whole posting list of every term of its expression (for the
    term's IDF) and scores every matching document, so an OR of a query's words costs time in
    proportion to the archive. Here, in a first stage, the index is asked only for documents
    holding the query's rarest terms, alone or in pairs (`_candidate_expression`): a document
    that is the same claim shares the query's distinctive words. It ranks them with bm25 over
    those terms, and the best `RESCORED` are scored again, in Python, with the same bm25
    formula over every term of the query the archive knows, from the document frequencies
    and averages the index keeps. The best `limit` are returned with what re-ranking needs.
    """
    _look_up_frequencies(session, statistics, terms)
    phrases = {term: tuple(_FTS_TOKEN.findall(term)) for term in dict.fromkeys(terms)}
    frequency: dict[str, int] = {}
    for term, tokens in phrases.items():
        counts = [statistics.frequency.get(token, 0) for token in tokens]
        if counts and min(counts) > 0:
            frequency[term] = min(counts)
    known = sorted(frequency, key=lambda term: frequency[term])
    if not known:
        return []
    total = max(statistics.rows, 1)
    expression = _candidate_expression(known, frequency, total)
    # Stage 1: the index ranks the candidates by their rare terms (cheap: short posting lists).
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    if extra:
        statement = (
            "SELECT f.id, f.matching_key, f.title_key FROM factcheck_fts "  # noqa: S608
            "JOIN factcheck f ON f.id = factcheck_fts.rowid "
            f"WHERE factcheck_fts MATCH :match{extra} "
            f"ORDER BY bm25(factcheck_fts, {weights}) LIMIT :rescored"
        )
    else:
        statement = (
            "SELECT f.id, f.matching_key, f.title_key FROM (SELECT rowid FROM factcheck_fts "  # noqa: S608
            f"WHERE factcheck_fts MATCH :match ORDER BY bm25(factcheck_fts, {weights}) "
            "LIMIT :rescored) AS best JOIN factcheck f ON f.id = best.rowid"
        )
    database = _sqlite_connection(session)
    bound = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in params.items()
    }
    keys = database.execute(statement, {**bound, "match": expression, "rescored": RESCORED})
    # Stage 2: the best of them scored with every known term of the query, as bm25 would.
    idf = {term: _idf(total, frequency[term]) for term in known}
    score = _Bm25(idf, statistics.average_length).score
    best = sorted((score(matching, title), fact_id) for fact_id, matching, title in keys)[:limit]
    if not best:
        return []
    scores = {fact_id: value for value, fact_id in best}
    # The winners' rows are read again, whole: reading every column for all the rescored rows
    # in stage 1 measured slower than this second read of `limit` of them.
    found = database.execute(
        f"SELECT {CANDIDATE_COLUMNS.format(score='0')} FROM factcheck f "  # noqa: S608
        "WHERE f.id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(scores)),),
    ).fetchall()
    hits = [_hit(row, scores[row[0]]) for row in found]
    hits.sort(key=lambda hit: (hit.score, hit.factcheck_id))
    return hits


def _candidate_expression(known: Sequence[str], frequency: Mapping[str, int], rows: int) -> str:
    """An FTS5 expression for the documents a large archive's search should rank first.

    Its parts are single terms and pairs of the rarest `PAIRED_TERMS` terms (documents holding
    both): a document that is the same claim shares the query's distinctive words. Parts are
    taken from the most selective on (a pair's documents estimated as if its words were
    independent) while the documents they are expected to match fit in `CANDIDATE_BUDGET` and
    the postings the index must read for them in `POSTINGS_BUDGET`; the most selective part is
    always taken. The more of these parts a document holds, the better the first stage ranks
    it, so a pair of fairly common words can still single out the claim.
    """
    parts: list[tuple[float, int, str]] = [
        (frequency[term], frequency[term], _quoted(term)) for term in known
    ]
    for first, second in itertools.combinations(known[:PAIRED_TERMS], 2):
        parts.append(
            (
                frequency[first] * frequency[second] / rows,
                frequency[first] + frequency[second],
                f"({_quoted(first)} AND {_quoted(second)})",
            )
        )
    parts.sort(key=lambda part: part[:2])
    chosen: list[str] = []
    expected = 0.0
    postings = 0
    for size, cost, part in parts:
        if chosen and (expected + size > CANDIDATE_BUDGET or postings + cost > POSTINGS_BUDGET):
            continue
        chosen.append(part)
        expected += size
        postings += cost
    return " OR ".join(chosen)


class _Bm25:
    """FTS5's bm25() over whitespace tokens of the stored keys (negative: lower is better)."""

    __slots__ = ("idf", "norm_base", "norm_slope", "terms")

    def __init__(self, idf: Mapping[str, float], average_length: float) -> None:
        self.idf = dict(idf)
        self.terms = frozenset(idf)
        self.norm_base = BM25_K1 * (1 - BM25_B)
        self.norm_slope = BM25_K1 * BM25_B / max(average_length, 1.0)

    def score(self, matching: str, title: str | None) -> float:
        """One document's score from its matching key and title key."""
        matching_tokens = matching.split()
        title_tokens = title.split() if title else []
        present = self.terms.intersection(matching_tokens)
        in_title = self.terms.intersection(title_tokens)
        if not present and not in_title:
            return 0.0
        present |= in_title
        norm = self.norm_base + self.norm_slope * (len(matching_tokens) + len(title_tokens))
        matching_weight, title_weight = SQLITE_COLUMN_WEIGHTS
        score = 0.0
        for term in present:
            tf = matching_weight * matching_tokens.count(term)
            if term in in_title:
                tf += title_weight * title_tokens.count(term)
            score += self.idf[term] * tf * (BM25_K1 + 1) / (tf + norm)
        return -score


_FTS_TOKEN = re.compile(r"[^\W_]+")
"""A token as FTS5's unicode61 tokenizer reads an (already folded) matching key."""


def _idf(rows: int, frequency: int) -> float:
    # FTS5's bm25(): a term in more than half the documents still counts a little.
    value = math.log((rows - frequency + 0.5) / (frequency + 0.5))
    return value if value > 0 else 1e-6


MAX_CACHED_TERMS = 200_000
"""Looked-up document frequencies kept at most before they are read afresh."""
FREQUENCY_SAMPLE = 2_000
"""Postings read at most to count (or estimate) a term's documents."""
FREQUENCY_BATCH = 100
"""Terms looked up in one statement."""


@dataclass(slots=True)
class _ArchiveStatistics:
    """What bm25 needs to know of the whole archive, for one state of its full-text index."""

    averages: bytes
    """FTS5's averages record when the figures were read: any insert or delete changes it."""
    rows: int
    """Documents in the full-text index."""
    average_length: float
    """Mean tokens per document, both columns together (as bm25's length normalisation)."""
    last_id: int
    """The highest fact-check id."""
    frequency: dict[str, int]
    """Documents holding each token looked up; 0 for a token in none."""


_STATISTICS: weakref.WeakKeyDictionary[Engine, _ArchiveStatistics] = weakref.WeakKeyDictionary()
"""Archive statistics by database engine, shared by all its connections."""
_STATISTICS_LOCK = threading.Lock()


def _archive_statistics(session: Session) -> _ArchiveStatistics:
    """The full-text index's size and mean length, and the document frequencies looked up.

    The figures are shared by all the connections of the session's engine and read again
    when FTS5's averages record (its row count and token totals, a few bytes) has changed, that
    is after any insert, delete or changed key, by this process or another; this process's own
    updates also drop them.
    """
    # The raw connection: this runs before every search, and the ORM's statement machinery costs
    # more than the read itself.
    row = (
        _sqlite_connection(session)
        .execute("SELECT block FROM factcheck_fts_data WHERE id = 1")
        .fetchone()
    )
    block = row[0] if row else None
    averages = bytes(block) if isinstance(block, bytes | memoryview) else b""
    key = session.connection().engine
    with _STATISTICS_LOCK:
        cache = _STATISTICS.get(key)
        if cache is None or cache.averages != averages or len(cache.frequency) > MAX_CACHED_TERMS:
            rows, average_length = _index_averages(session, averages)
            last_id = session.execute(text("SELECT max(id) FROM factcheck")).scalar() or 0
            cache = _ArchiveStatistics(averages, rows, average_length, last_id, frequency={})
            _STATISTICS[key] = cache
    return cache


def _sqlite_connection(session: Session) -> DBAPIConnection:
    """The session's own SQLite connection (same transaction), for statements run per query."""
    database = session.connection().connection.dbapi_connection
    assert database is not None
    return database


def _forget_statistics(session: Session) -> None:
    with _STATISTICS_LOCK:
        _STATISTICS.pop(session.connection().engine, None)


def _look_up_frequencies(
    session: Session, statistics: _ArchiveStatistics, terms: Sequence[str]
) -> None:
    """Add the document frequency of each token of `terms` that is not known yet.

    Counting a term's documents means reading its whole posting list (150,000 entries for a
    common word of a million fact-checks: 15 ms), so at most `FREQUENCY_SAMPLE` postings are
    read: a rarer term is counted exactly; a commoner one is estimated from how many of the
    archive's ids its first postings span (postings come in id order), within a few percent.
    Each token is looked up once per state of the archive.
    """
    tokens = dict.fromkeys(token for term in terms for token in _FTS_TOKEN.findall(term))
    missing = [token for token in tokens if token not in statistics.frequency]
    if not missing:
        return
    database = _sqlite_connection(session)
    # One statement for all of them: every round trip gives up the interpreter, and getting it
    # back can take milliseconds while the terminal workbench draws.
    for chunk_start in range(0, len(missing), FREQUENCY_BATCH):
        chunk = missing[chunk_start : chunk_start + FREQUENCY_BATCH]
        sample = (
            "SELECT ?, count(*), min(rowid), max(rowid) FROM (SELECT rowid FROM factcheck_fts "
            "WHERE factcheck_fts MATCH ? LIMIT ?)"
        )
        parameters: list[object] = []
        for index, token in enumerate(chunk):
            parameters.extend((index, _quoted(token), FREQUENCY_SAMPLE))
        rows = database.execute(" UNION ALL ".join([sample] * len(chunk)), parameters)
        for index, count, first, last in rows.fetchall():
            token = chunk[index]
            if count < FREQUENCY_SAMPLE or not first or not last or last <= first:
                statistics.frequency[token] = int(count)
            else:
                span = max(statistics.last_id, last) - first + 1
                statistics.frequency[token] = round(count * span / (last - first + 1))


def _index_averages(session: Session, averages: bytes) -> tuple[int, float]:
    """Documents and mean tokens per document of the full-text index.

    FTS5 keeps both in its "averages" record (row 1 of its data table: the row count, then the
    token total of each column, as SQLite varints); it is read as it is kept, and counted
    from the archive only if it cannot be.
    """
    values = _varints(averages)
    if len(values) >= 2 and values[0] > 0:
        return values[0], sum(values[1:]) / values[0]
    rows = int(session.execute(text("SELECT count(*) FROM factcheck")).scalar_one())
    return rows, FALLBACK_AVERAGE_LENGTH


def _varints(block: bytes) -> list[int]:
    """SQLite's big-endian varints (7 bits a byte, a ninth byte of 8 bits), in order."""
    values: list[int] = []
    position = 0
    while position < len(block):
        value = 0
        for index in range(9):
            if position >= len(block):
                return values
            byte = block[position]
            position += 1
            if index == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


def _terms_of(fts_expression: str) -> list[str]:
    """The quoted terms of an FTS5 OR-expression, unquoted."""
    terms = []
    for raw_part in fts_expression.split(" OR "):
        part = raw_part.strip()
        if len(part) >= 2 and part[0] == part[-1] == '"':
            term = part[1:-1].replace('""', '"')
            if term:
                terms.append(term)
    return terms


def count_factchecks(*, session: Session) -> int:
    """How many fact-checks the archive holds."""
    return int(session.execute(text("SELECT count(*) FROM factcheck")).scalar_one())
