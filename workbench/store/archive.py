"""The fact-check archive in the database: idempotent bulk upserts and full-text candidates."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import bindparam, insert, text, update
from sqlmodel import Session, col, select

from workbench.store.models import FactCheck
from workbench.store.types import utcnow

PG_SEARCH_VECTOR = (
    "(setweight(to_tsvector('simple', coalesce(title_key, '')), 'A')"
    " || setweight(to_tsvector('simple', matching_key), 'B'))"
)
"""The indexed expression of migration 0004; queries must repeat it exactly to use the index."""

PRUNE_FROM_DOCUMENTS = 50_000
"""From this archive size on, query terms found in many documents are dropped (see below)."""
COMMON_TERM_SHARE = 0.05
"""A term in more than this share of the archive says little and costs a long posting list."""
MIN_QUERY_TERMS = 3
MAX_QUERY_TERMS = 16
SCORING_BUDGET = 20_000
"""Postings (documents per kept term, summed) that bm25 can score in a few milliseconds."""
PAIRED_TERMS = 4
MIN_PAIRED_SHARE = 5
"""The two-term search stands when it finds at least 1/5 of the candidates asked for."""
"""How many of the rarest terms the two-term requirement draws its pairs from."""

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
        session.connection().info.pop(FREQUENCY_CACHE, None)
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
    """A candidate from the database's full-text engine with its raw score and what re-ranking
    needs, read in the same query."""

    factcheck_id: int
    score: float
    claim_text: str = ""
    matching_key: str = ""
    review_date: date | None = None
    rating_label: str | None = None
    external_id: str | None = None


CANDIDATE_COLUMNS = (
    "f.id, {score} AS score, f.claim_text, f.matching_key, f.review_date, f.rating_label, "
    "f.external_id"
)


def _hit(row: Any) -> SearchHit:
    review_date = row[4]
    if isinstance(review_date, str):
        review_date = date.fromisoformat(review_date)
    return SearchHit(int(row[0]), float(row[1]), row[2], row[3], review_date, row[5], row[6])


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
        expressions = _search_expressions(session, fts_expression)
        weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
        bm25 = f"bm25(factcheck_fts, {weights})"
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
        hits: list[SearchHit] = []
        for position, expression in enumerate(expressions):
            params["match"] = expression
            hits = [_hit(row) for row in session.execute(text(statement), params).all()]
            # The two-term expression is enough when it finds a fair share of the candidates.
            if position + 1 == len(expressions) or len(hits) * MIN_PAIRED_SHARE >= limit:
                break
        return hits
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


def _search_expressions(session: Session, fts_expression: str) -> list[str]:
    """The MATCH expressions to try in turn, keeping a large archive's search fast.

    bm25 must score every document holding any OR-ed term. In a large archive, terms found in
    many documents are dropped (their IDF is near zero): the rarest are kept, at least three,
    at most sixteen. When the kept terms still reach more documents than bm25 can score
    quickly, the first expression asks for documents holding at least two of the four rarest
    terms (a candidate that is the same claim shares several distinctive words); the plain OR
    of the kept terms follows as a fallback when that finds too few. Small archives are
    searched as asked.
    """
    documents = session.execute(text("SELECT max(id) FROM factcheck")).scalar() or 0
    if documents < PRUNE_FROM_DOCUMENTS:
        return [fts_expression]
    terms = _terms_of(fts_expression)
    frequency = _document_frequencies(session, terms, documents)
    known = sorted((term for term in terms if term in frequency), key=lambda term: frequency[term])
    if not known:
        return [fts_expression]
    rare = [term for term in known if frequency[term] <= COMMON_TERM_SHARE * documents]
    kept = (rare if len(rare) >= MIN_QUERY_TERMS else known[:MIN_QUERY_TERMS])[:MAX_QUERY_TERMS]
    any_term = " OR ".join(_quoted(term) for term in kept)
    if sum(frequency[term] for term in kept) <= SCORING_BUDGET or len(kept) < 2:
        return [any_term]
    rarest = kept[:PAIRED_TERMS]
    pairs = " OR ".join(
        f"({_quoted(first)} AND {_quoted(second)})"
        for first, second in itertools.combinations(rarest, 2)
    )
    return [pairs, any_term]


FREQUENCY_CACHE = "workbench.factcheck_document_frequencies"
"""Where a connection keeps the document frequencies it has read (its `info` dict)."""
MAX_CACHED_TERMS = 100_000


@dataclass(slots=True)
class _FrequencyCache:
    """Document frequencies read on one connection, valid for one state of the archive."""

    archive_state: tuple[int, int]
    """The archive's highest id and SQLite's data_version when the frequencies were read."""
    frequency: dict[str, int]
    """Documents holding each term looked up; 0 for a term in none."""


def _document_frequencies(session: Session, terms: Sequence[str], documents: int) -> dict[str, int]:
    """How many fact-checks hold each known term; unknown terms are left out.

    fts5vocab counts a term's documents by reading its whole posting list, so a common term
    costs as much to look up as to search. Frequencies are kept on the connection and read
    again whenever the archive changes: new rows (a higher id) or a commit by any other
    connection (SQLite's data_version); this connection's own updates clear them.
    """
    connection = session.connection()
    version = connection.exec_driver_sql("PRAGMA data_version").scalar() or 0
    state = (documents, int(version))
    cache = connection.info.get(FREQUENCY_CACHE)
    if (
        not isinstance(cache, _FrequencyCache)
        or cache.archive_state != state
        or len(cache.frequency) > MAX_CACHED_TERMS
    ):
        cache = _FrequencyCache(archive_state=state, frequency={})
        connection.info[FREQUENCY_CACHE] = cache
    missing = [term for term in dict.fromkeys(terms) if term not in cache.frequency]
    if missing:
        marks = ", ".join(f":t{index}" for index in range(len(missing)))
        found = dict(
            session.execute(
                text(f"SELECT term, doc FROM factcheck_fts_vocab WHERE term IN ({marks})"),  # noqa: S608
                {f"t{index}": term for index, term in enumerate(missing)},
            ).all()
        )
        for term in missing:
            cache.frequency[term] = int(found.get(term, 0))
    return {term: cache.frequency[term] for term in terms if cache.frequency[term] > 0}


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


def factchecks_by_id(*, session: Session, ids: Sequence[int]) -> dict[int, FactCheck]:
    """Fact-checks by id."""
    if not ids:
        return {}
    rows = session.exec(select(FactCheck).where(col(FactCheck.id).in_(list(ids)))).all()
    return {row.id: row for row in rows if row.id is not None}


def count_factchecks(*, session: Session) -> int:
    """How many fact-checks the archive holds."""
    return int(session.execute(text("SELECT count(*) FROM factcheck")).scalar_one())
