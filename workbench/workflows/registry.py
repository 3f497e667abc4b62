"""The source registry as fact-checkers use it: pages with track records, merges, aliases, edits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, func, select

from workbench.core.errors import WorkbenchError
from workbench.core.vocabulary import SourceKind
from workbench.store import sources as registry
from workbench.store.database import Database
from workbench.store.models import (
    AttributionLink,
    Source,
    SourceAlias,
    SourceMerge,
    SourceSuggestion,
)

WIKIDATA_PREFIX = "https://www.wikidata.org/wiki/"


def source_summary(source: Source, *, claims: int = 0) -> dict[str, Any]:
    """A source as listed (docs/cli.md, `sources list --json`)."""
    return {
        "id": source.id,
        "kind": source.kind,
        "name": source.name,
        "role": source.role,
        "affiliation": source.affiliation,
        "country": source.country,
        "descriptors": source.descriptors,
        "same_as": source.same_as,
        "merged_into_id": source.merged_into_id,
        "claims": claims,
    }


def _claim_counts(session: Session, source_ids: Sequence[int]) -> dict[int, int]:
    if not source_ids:
        return {}
    statement = (
        select(AttributionLink.source_id, func.count(func.distinct(AttributionLink.attribution_id)))
        .where(col(AttributionLink.source_id).in_(list(source_ids)))
        .group_by(col(AttributionLink.source_id))
    )
    return {
        source_id: int(count) for source_id, count in session.exec(statement).all() if source_id
    }


def list_sources(
    *, database: Database, kind: str | None = None, search: str | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """Registry sources with how many claims each stands behind."""
    if kind is not None and kind not in {item.value for item in SourceKind}:
        choices = ", ".join(item.value for item in SourceKind)
        raise WorkbenchError(f"unknown source kind {kind!r}; use one of {choices}")
    with database.session() as session:
        sources = registry.list_sources(session=session, kind=kind, search=search, limit=limit)
        counts = _claim_counts(session, [source.id for source in sources if source.id])
        return [source_summary(source, claims=counts.get(source.id or 0, 0)) for source in sources]


def source_page(*, database: Database, source_id: int) -> dict[str, Any]:
    """Everything about one source: names, identity links, merges and its track record."""
    with database.session() as session:
        source = registry.get_source(session=session, source_id=source_id)
        aliases = [row.alias for row in registry.aliases_of(session=session, source_id=source_id)]
        merged_names = [
            other.name
            for other in session.exec(select(Source).where(Source.merged_into_id == source_id))
        ]
        entries = registry.track_record(session=session, source_id=source_id)
        suggestions = registry.open_suggestions(session=session, source_id=source_id)
        merges = registry.merges_of(session=session, source_id=source_id)
        claims: list[dict[str, Any]] = []
        ratings: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        for entry in entries:
            roles["origin" if entry.as_origin else "relay"] += 1
            if entry.verdict is not None:
                ratings[entry.verdict.rating_label] += 1
            claims.append(
                {
                    "claim_id": entry.claim.id,
                    "text": entry.claim.text,
                    "status": entry.claim.status,
                    "article_id": entry.claim.article_id,
                    "article_title": entry.article.title if entry.article else None,
                    "as": "origin" if entry.as_origin else "relay",
                    "verdict": entry.verdict.rating_label if entry.verdict else None,
                    "seen_at": registry.seen_at(entry).isoformat(),
                }
            )
        seen = sorted(str(item["seen_at"]) for item in claims)
        return {
            **source_summary(source, claims=len({item["claim_id"] for item in claims})),
            "aliases": [*aliases, *merged_names],
            "track_record": {
                "claims": claims,
                "as_origin": roles["origin"],
                "as_relay": roles["relay"],
                "ratings": dict(ratings),
                "first_seen": seen[0] if seen else None,
                "last_seen": seen[-1] if seen else None,
                "articles": sorted({item["article_id"] for item in claims if item["article_id"]}),
            },
            "suggestions": [_suggestion_payload(item) for item in suggestions],
            "merges": [_merge_payload(item) for item in merges],
        }


def _suggestion_payload(suggestion: SourceSuggestion) -> dict[str, Any]:
    return {
        "id": suggestion.id,
        "source_id": suggestion.source_id,
        "candidate_id": suggestion.candidate_id,
        "score": suggestion.score,
        "state": suggestion.state,
    }


def _merge_payload(merge: SourceMerge) -> dict[str, Any]:
    return {
        "id": merge.id,
        "source_id": merge.source_id,
        "into_id": merge.into_id,
        "moved_links": len(merge.moved_link_ids),
        "merged_by": merge.merged_by,
        "merged_at": merge.merged_at.isoformat(),
        "undone_at": merge.undone_at.isoformat() if merge.undone_at else None,
    }


def merge_sources(
    *, database: Database, source_id: int, into_id: int, by: str | None
) -> dict[str, Any]:
    """Merge a source into another; its attributions follow. Returns the recorded merge."""
    with database.writing() as session:
        return _merge_payload(
            registry.merge_sources(session=session, source_id=source_id, into_id=into_id, by=by)
        )


def undo_merge(*, database: Database, merge_id: int, by: str | None) -> dict[str, Any]:
    """Undo a recorded merge."""
    with database.writing() as session:
        return _merge_payload(registry.undo_merge(session=session, merge_id=merge_id, by=by))


def reject_suggestion(*, database: Database, suggestion_id: int, by: str | None) -> dict[str, Any]:
    """Record that a suggested pair of sources are different."""
    with database.writing() as session:
        return _suggestion_payload(
            registry.reject_suggestion(session=session, suggestion_id=suggestion_id, by=by)
        )


def list_suggestions(*, database: Database) -> list[dict[str, Any]]:
    """Open suggestions with both sources' names."""
    with database.session() as session:
        result = []
        for suggestion in registry.open_suggestions(session=session):
            payload = _suggestion_payload(suggestion)
            source = session.get(Source, suggestion.source_id)
            candidate = session.get(Source, suggestion.candidate_id)
            payload["source_name"] = source.name if source else None
            payload["candidate_name"] = candidate.name if candidate else None
            result.append(payload)
        return result


def change_aliases(
    *, database: Database, source_id: int, add: Sequence[str] = (), remove: Sequence[str] = ()
) -> list[str]:
    """Add and remove aliases of a source; returns its aliases afterwards."""
    with database.writing() as session:
        source = registry.get_source(session=session, source_id=source_id)
        for alias in add:
            registry.add_alias(session=session, source=source, alias=alias)
        for alias in remove:
            if not registry.remove_alias(session=session, source=source, alias=alias):
                raise WorkbenchError(f"source {source_id} has no alias {alias!r}")
        return [row.alias for row in registry.aliases_of(session=session, source_id=source_id)]


def edit_source(
    *,
    database: Database,
    source_id: int,
    kind: str | None = None,
    name: str | None = None,
    role: str | None = None,
    affiliation: str | None = None,
    country: str | None = None,
    wikidata: str | None = None,
    same_as: Sequence[str] = (),
) -> dict[str, Any]:
    """Change what the registry knows of a source; the old canonical name stays as an alias."""
    with database.writing() as session:
        source = registry.get_source(session=session, source_id=source_id)
        if kind is not None:
            if kind not in {item.value for item in SourceKind}:
                raise WorkbenchError(f"unknown source kind {kind!r}")
            if SourceKind.ANONYMOUS in (kind, source.kind) and kind != source.kind:
                raise WorkbenchError("an anonymous source cannot become a named one, or back")
            source.kind = kind
        if name is not None and name.strip() and name != source.name:
            registry.add_alias(session=session, source=source, alias=source.name)
            source.name = name.strip()
        if role is not None:
            source.role = role or None
        if affiliation is not None:
            source.affiliation = affiliation or None
        if country is not None:
            source.country = country or None
        links = list(source.same_as)
        if wikidata:
            qid = wikidata.rsplit("/", 1)[-1]
            if not (qid[:1] in {"Q", "q"} and qid[1:].isdigit()):
                raise WorkbenchError(f"not a Wikidata item id: {wikidata!r} (like Q2344)")
            links.append(WIKIDATA_PREFIX + qid.upper())
        for url in same_as:
            if not url.startswith(("http://", "https://")):
                raise WorkbenchError(f"sameAs links must be http(s) URLs: {url!r}")
            links.append(url)
        source.same_as = list(dict.fromkeys(links))
        session.add(source)
        session.flush()
        return source_summary(source)


def aliases_of_sources(*, database: Database, source_ids: Sequence[int]) -> dict[int, list[str]]:
    """The recorded aliases of several sources at once (for lists that show them)."""
    if not source_ids:
        return {}
    with database.session() as session:
        rows = session.exec(
            select(SourceAlias)
            .where(col(SourceAlias.source_id).in_(list(source_ids)))
            .order_by(col(SourceAlias.id))
        ).all()
        aliases: dict[int, list[str]] = {source_id: [] for source_id in source_ids}
        for row in rows:
            aliases.setdefault(row.source_id, []).append(row.alias)
        return aliases
