"""Have we checked this before? Match claims and texts against the archive; confirm or reject."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from workbench.config import MatchingSettings
from workbench.core.errors import WorkbenchError
from workbench.core.matching import (
    Candidate,
    MatchSettings,
    ScoredMatch,
    fts_query,
    query_matching_key,
    rerank,
)
from workbench.core.matching import clean_query as clean_matching_query
from workbench.core.vocabulary import MatchState
from workbench.store.archive import SearchHit, search_candidates
from workbench.store.database import Database
from workbench.store.models import Article, Claim, FactCheck, MatchLink
from workbench.store.types import utcnow

METHOD = "fts+rapidfuzz"
"""The method recorded on match links: full-text candidates re-ranked with rapidfuzz."""


def match_settings(settings: MatchingSettings, *, dialect: str) -> MatchSettings:
    """The core's thresholds from the configuration, for this database's engine."""
    return MatchSettings(
        strong_threshold=settings.strong_threshold,
        suggest_threshold=settings.suggest_threshold,
        min_words_for_strong=settings.min_words_for_strong,
        max_age_months_for_strong=settings.max_age_months_for_strong,
        retrieval_higher_is_better=dialect != "sqlite",
    )


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """What to look for and how many results to keep."""

    text: str
    top: int = 5
    language: str | None = None
    since: date | None = None
    claim_date: date | None = None


def find_matches(
    *,
    session: Session,
    query: MatchQuery,
    settings: MatchingSettings,
    exclude: Sequence[int] = (),
    today: date | None = None,
) -> list[tuple[ScoredMatch, SearchHit]]:
    """The best earlier fact-checks for a text, re-ranked, tiered and flagged, best first, each
    with the archived fact-check as the search read it."""
    cleaned = clean_matching_query(query.text)
    hits = search_candidates(
        session=session,
        fts_expression=fts_query(query.text),
        query_key=query_matching_key(cleaned),
        limit=settings.candidates,
        since=query.since,
        language=query.language,
    )
    excluded = set(exclude)
    hits = [hit for hit in hits if hit.factcheck_id not in excluded]
    if not hits:
        return []
    candidates = [
        Candidate(
            factcheck_id=hit.factcheck_id,
            text=hit.claim_text,
            retrieval_score=hit.score,
            published=hit.review_date,
            rating=hit.rating_label,
            external_id=hit.external_id,
            key=hit.matching_key,
        )
        for hit in hits
    ]
    dialect = session.get_bind().dialect.name
    scored = rerank(
        query.text,
        candidates,
        settings=match_settings(settings, dialect=dialect),
        today=today or date.today(),
        lang=query.language,
        claim_date=query.claim_date,
        limit=query.top,
    )
    by_id = {hit.factcheck_id: hit for hit in hits}
    return [(match, by_id[match.factcheck_id]) for match in scored]


def result_payload(
    match: ScoredMatch, factcheck: SearchHit, link: MatchLink | None = None
) -> dict[str, Any]:
    """One match as documented in docs/cli.md (`match --json`)."""
    return {
        "factcheck_id": match.factcheck_id,
        "external_id": match.external_id,
        "score": round(match.score, 4),
        "relevance": round(match.relevance, 4),
        "tier": match.tier,
        "flags": [{"kind": flag.kind, "detail": flag.detail} for flag in match.flags],
        "rating": factcheck.rating_label,
        "rating_key": factcheck.rating_key,
        "claim": factcheck.claim_text,
        "title": factcheck.title,
        "url": factcheck.url,
        "publisher": factcheck.publisher,
        "review_date": factcheck.review_date.isoformat() if factcheck.review_date else None,
        "own_claim_id": factcheck.own_claim_id,
        "match_id": link.id if link else None,
        "state": link.state if link else None,
    }


def match_text(
    *, database: Database, query: MatchQuery, settings: MatchingSettings
) -> list[dict[str, Any]]:
    """Match a free text against the archive; nothing is stored."""
    if not query.text.strip():
        raise WorkbenchError("nothing to match: the text is empty")
    with database.session() as session:
        return [
            result_payload(match, factcheck)
            for match, factcheck in find_matches(session=session, query=query, settings=settings)
        ]


def match_claim(
    *,
    database: Database,
    claim_id: int,
    settings: MatchingSettings,
    top: int = 5,
    since: date | None = None,
) -> list[dict[str, Any]]:
    """Match a stored claim and record the results as suggestions (rejected pairs stay out)."""
    with database.writing() as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise WorkbenchError(f"no claim with id {claim_id}")
        links = {
            link.factcheck_id: link
            for link in session.exec(select(MatchLink).where(MatchLink.claim_id == claim_id))
        }
        rejected = [fid for fid, link in links.items() if link.state == MatchState.REJECTED]
        own = session.exec(select(FactCheck.id).where(FactCheck.claim_id == claim_id)).all()
        claim_date = None
        if claim.article_id is not None:
            article = session.get(Article, claim.article_id)
            if article is not None and article.published_at is not None:
                claim_date = article.published_at.date()
        query = MatchQuery(
            text=claim.text, top=top, language=claim.language, since=since, claim_date=claim_date
        )
        results = find_matches(
            session=session,
            query=query,
            settings=settings,
            exclude=[*rejected, *(fid for fid in own if fid is not None)],
        )
        payloads = []
        for match, factcheck in results:
            link = links.get(match.factcheck_id)
            flags = [{"kind": flag.kind, "detail": flag.detail} for flag in match.flags]
            if link is None:
                link = MatchLink(
                    claim_id=claim_id,
                    factcheck_id=match.factcheck_id,
                    score=round(match.score, 4),
                    method=METHOD,
                    tier=match.tier,
                    flags=flags,
                )
            elif link.state == MatchState.SUGGESTED:
                link.score, link.tier, link.flags = round(match.score, 4), match.tier, flags
            session.add(link)
            session.flush()
            payloads.append(result_payload(match, factcheck, link))
        return payloads


def decide_match(
    *, database: Database, match_id: int, state: MatchState, by: str
) -> dict[str, Any]:
    """Confirm or reject a suggested match; who and when are recorded."""
    if state == MatchState.SUGGESTED:
        raise WorkbenchError("a decision is confirmed or rejected")
    with database.writing() as session:
        link = session.get(MatchLink, match_id)
        if link is None:
            raise WorkbenchError(f"no match with id {match_id}")
        link.state = state.value
        link.decided_by = by
        link.decided_at = utcnow()
        session.add(link)
        session.flush()
        return link_payload(session, link)


def link_payload(session: Session, link: MatchLink) -> dict[str, Any]:
    """A stored match link with its fact-check (`matches list --json`)."""
    factcheck = session.get(FactCheck, link.factcheck_id)
    return {
        "match_id": link.id,
        "claim_id": link.claim_id,
        "factcheck_id": link.factcheck_id,
        "external_id": factcheck.external_id if factcheck else None,
        "score": link.score,
        "tier": link.tier,
        "flags": link.flags,
        "state": link.state,
        "decided_by": link.decided_by,
        "decided_at": link.decided_at.isoformat() if link.decided_at else None,
        "method": link.method,
        "rating": factcheck.rating_label if factcheck else None,
        "claim": factcheck.claim_text if factcheck else None,
        "url": factcheck.url if factcheck else None,
        "publisher": factcheck.publisher if factcheck else None,
    }


def links_of_claim(*, database: Database, claim_id: int) -> list[dict[str, Any]]:
    """A claim's stored matches: confirmed first, then suggestions by score, then rejected."""
    order = {MatchState.CONFIRMED: 0, MatchState.SUGGESTED: 1, MatchState.REJECTED: 2}
    with database.session() as session:
        links = session.exec(
            select(MatchLink).where(MatchLink.claim_id == claim_id).order_by(col(MatchLink.id))
        ).all()
        ranked = sorted(links, key=lambda link: (order.get(MatchState(link.state), 3), -link.score))
        return [link_payload(session, link) for link in ranked]


def claim_matches(
    *,
    database: Database,
    claim_id: int,
    settings: MatchingSettings,
    rematch: bool,
    top: int = 5,
) -> list[dict[str, Any]]:
    """A claim's stored matches (as `links_of_claim`), matching it first when asked to or when
    it was never matched, so that opening a claim shows what was checked before."""
    if rematch:
        match_claim(database=database, claim_id=claim_id, settings=settings, top=top)
    links = links_of_claim(database=database, claim_id=claim_id)
    if not links and not rematch:
        match_claim(database=database, claim_id=claim_id, settings=settings, top=top)
        links = links_of_claim(database=database, claim_id=claim_id)
    return links
