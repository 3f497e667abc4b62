"""The source registry: sources, aliases across scripts, merges, suggestions, track records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from workbench.core.errors import WorkbenchError
from workbench.core.source_identity import NameCandidate, fold_name, skeleton
from workbench.store.models import (
    Article,
    Attribution,
    AttributionLink,
    Claim,
    Source,
    SourceAlias,
    SourceMerge,
    SourceSuggestion,
    Verdict,
)
from workbench.store.types import utcnow


class SourceError(WorkbenchError):
    """A registry change that cannot be made as asked."""


def get_source(*, session: Session, source_id: int) -> Source:
    """The source with this id.

    Raises:
        SourceError: there is none.
    """
    source = session.get(Source, source_id)
    if source is None:
        raise SourceError(f"no source with id {source_id}")
    return source


def aliases_of(*, session: Session, source_id: int) -> list[SourceAlias]:
    """The source's aliases in the order they were added."""
    statement = (
        select(SourceAlias).where(SourceAlias.source_id == source_id).order_by(col(SourceAlias.id))
    )
    return list(session.exec(statement).all())


def add_alias(*, session: Session, source: Source, alias: str) -> SourceAlias | None:
    """Record another name of a source (no-op for its canonical name or a known alias)."""
    alias = " ".join(alias.split())
    if not alias or source.id is None or alias == source.name:
        return None
    existing = session.exec(
        select(SourceAlias).where(SourceAlias.source_id == source.id, SourceAlias.alias == alias)
    ).first()
    if existing is not None:
        return None
    row = SourceAlias(
        source_id=source.id,
        alias=alias,
        normalised=fold_name(alias)[:500],
        skeleton=skeleton(alias)[:500],
    )
    session.add(row)
    session.flush()
    return row


def remove_alias(*, session: Session, source: Source, alias: str) -> bool:
    """Forget one alias of a source; True when there was one."""
    row = session.exec(
        select(SourceAlias).where(SourceAlias.source_id == source.id, SourceAlias.alias == alias)
    ).first()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def create_source(
    *,
    session: Session,
    kind: str,
    name: str,
    role: str | None = None,
    country: str | None = None,
    descriptors: dict[str, Any] | None = None,
    aliases: Iterable[str] = (),
    same_as: Sequence[str] = (),
) -> Source:
    """Add a source to the registry with its aliases."""
    source = Source(
        kind=kind,
        name=name[:500],
        role=role[:500] if role else None,
        country=country,
        descriptors=dict(descriptors or {}),
        same_as=list(same_as),
    )
    session.add(source)
    session.flush()
    for alias in aliases:
        add_alias(session=session, source=source, alias=alias)
    return source


def find_by_name(*, session: Session, name: str, kinds: Sequence[str]) -> Source | None:
    """An active source of one of `kinds` whose canonical name or alias is exactly `name`."""
    by_name = session.exec(
        select(Source).where(
            Source.name == name,
            col(Source.kind).in_(list(kinds)),
            col(Source.merged_into_id).is_(None),
        )
    ).first()
    if by_name is not None:
        return by_name
    statement = (
        select(Source)
        .join(SourceAlias, col(SourceAlias.source_id) == Source.id)
        .where(SourceAlias.alias == name, col(Source.kind).in_(list(kinds)))
    )
    for source in session.exec(statement).all():
        return resolve_merged(session=session, source=source)
    return None


def resolve_merged(*, session: Session, source: Source) -> Source:
    """Follow merges to the source that now stands for this one."""
    seen: set[int] = set()
    while source.merged_into_id is not None and source.merged_into_id not in seen:
        seen.add(source.merged_into_id)
        target = session.get(Source, source.merged_into_id)
        if target is None:
            break
        source = target
    return source


def name_candidates(*, session: Session, kinds: Sequence[str]) -> list[NameCandidate]:
    """Every active named source of these kinds, with all its names and those merged into it."""
    sources = session.exec(select(Source).where(col(Source.kind).in_(list(kinds)))).all()
    names: dict[int, list[str]] = defaultdict(list)
    by_id = {source.id: source for source in sources if source.id is not None}
    alias_rows = session.exec(
        select(SourceAlias).where(col(SourceAlias.source_id).in_(list(by_id)))
    ).all()
    aliases: dict[int, list[str]] = defaultdict(list)
    for row in alias_rows:
        aliases[row.source_id].append(row.alias)
    for source in sources:
        if source.id is None:
            continue
        target = source
        while target.merged_into_id is not None and target.merged_into_id in by_id:
            target = by_id[target.merged_into_id]
        if target.id is None:
            continue
        names[target.id].extend([source.name, *aliases[source.id]])
    return [
        NameCandidate(
            key=str(source_id), names=tuple(dict.fromkeys(all_names)), kind=by_id[source_id].kind
        )
        for source_id, all_names in names.items()
        if by_id[source_id].merged_into_id is None
    ]


def list_sources(
    *,
    session: Session,
    kind: str | None = None,
    search: str | None = None,
    include_merged: bool = False,
    limit: int = 500,
) -> list[Source]:
    """Sources by name; `search` matches canonical names and aliases, folded."""
    statement = select(Source).order_by(col(Source.name)).limit(limit)
    if kind:
        statement = statement.where(Source.kind == kind)
    if not include_merged:
        statement = statement.where(col(Source.merged_into_id).is_(None))
    if search:
        folded = fold_name(search)
        alias_ids = select(SourceAlias.source_id).where(
            col(SourceAlias.normalised).contains(folded)
        )
        statement = statement.where(
            col(Source.name).contains(search) | col(Source.id).in_(alias_ids)
        )
    return list(session.exec(statement).all())


def merge_sources(*, session: Session, source_id: int, into_id: int, by: str | None) -> SourceMerge:
    """Merge a source into another: its attributions follow; the merge is recorded."""
    if source_id == into_id:
        raise SourceError("a source cannot be merged into itself")
    source = get_source(session=session, source_id=source_id)
    into = resolve_merged(session=session, source=get_source(session=session, source_id=into_id))
    if source.merged_into_id is not None:
        raise SourceError(f"source {source_id} is already merged into {source.merged_into_id}")
    if into.id == source.id:
        raise SourceError("that merge would make a loop")
    if "anonymous" in (source.kind, into.kind) and source.kind != into.kind:
        raise SourceError("an anonymous source cannot be merged with a named one")
    links = session.exec(
        select(AttributionLink).where(AttributionLink.source_id == source_id)
    ).all()
    for link in links:
        link.source_id = into.id
        session.add(link)
    source.merged_into_id = into.id
    session.add(source)
    assert into.id is not None
    merge = SourceMerge(
        source_id=source_id,
        into_id=into.id,
        moved_link_ids=[link.id for link in links if link.id is not None],
        merged_by=by,
    )
    session.add(merge)
    for suggestion in session.exec(
        select(SourceSuggestion).where(
            SourceSuggestion.source_id == source_id, SourceSuggestion.state == "open"
        )
    ).all():
        suggestion.state = "merged" if suggestion.candidate_id == into.id else "rejected"
        suggestion.decided_by = by
        suggestion.decided_at = utcnow()
        session.add(suggestion)
    session.flush()
    return merge


def undo_merge(*, session: Session, merge_id: int, by: str | None) -> SourceMerge:
    """Undo a recorded merge: the moved attributions point back at the source again."""
    merge = session.get(SourceMerge, merge_id)
    if merge is None:
        raise SourceError(f"no merge with id {merge_id}")
    if merge.undone_at is not None:
        raise SourceError(f"merge {merge_id} was already undone")
    source = get_source(session=session, source_id=merge.source_id)
    for link_id in merge.moved_link_ids:
        link = session.get(AttributionLink, link_id)
        if link is not None:
            link.source_id = source.id
            session.add(link)
    source.merged_into_id = None
    merge.undone_at = utcnow()
    merge.undone_by = by
    session.add(source)
    session.add(merge)
    session.flush()
    return merge


def merges_of(*, session: Session, source_id: int) -> list[SourceMerge]:
    """Merges into or out of a source, oldest first."""
    statement = (
        select(SourceMerge)
        .where((SourceMerge.source_id == source_id) | (SourceMerge.into_id == source_id))
        .order_by(col(SourceMerge.id))
    )
    return list(session.exec(statement).all())


def add_suggestion(
    *, session: Session, source_id: int, candidate_id: int, score: float
) -> SourceSuggestion:
    """Record that a new source may be an existing one."""
    suggestion = SourceSuggestion(source_id=source_id, candidate_id=candidate_id, score=score)
    session.add(suggestion)
    session.flush()
    return suggestion


def open_suggestions(*, session: Session, source_id: int | None = None) -> list[SourceSuggestion]:
    """Suggestions nobody has decided yet, for one source or all."""
    statement = select(SourceSuggestion).where(SourceSuggestion.state == "open")
    if source_id is not None:
        statement = statement.where(
            (SourceSuggestion.source_id == source_id) | (SourceSuggestion.candidate_id == source_id)
        )
    return list(session.exec(statement.order_by(col(SourceSuggestion.id))).all())


def reject_suggestion(*, session: Session, suggestion_id: int, by: str | None) -> SourceSuggestion:
    """Record that the suggested pair are different sources."""
    suggestion = session.get(SourceSuggestion, suggestion_id)
    if suggestion is None:
        raise SourceError(f"no suggestion with id {suggestion_id}")
    suggestion.state = "rejected"
    suggestion.decided_by = by
    suggestion.decided_at = utcnow()
    session.add(suggestion)
    session.flush()
    return suggestion


@dataclass(frozen=True, slots=True)
class TrackRecordEntry:
    """One claim a source stands behind, as the original speaker or as a relay."""

    claim: Claim
    article: Article | None
    as_origin: bool
    verdict: Verdict | None


def track_record(*, session: Session, source_id: int) -> list[TrackRecordEntry]:
    """Every claim attributed to the source (or sources merged into it), newest first."""
    links = session.exec(
        select(AttributionLink, Attribution)
        .join(Attribution, col(Attribution.id) == AttributionLink.attribution_id)
        .where(AttributionLink.source_id == source_id)
    ).all()
    if not links:
        return []
    chain_lengths: dict[int, int] = {}
    attribution_ids = list({attribution.id for _, attribution in links if attribution.id})
    for link in session.exec(
        select(AttributionLink).where(col(AttributionLink.attribution_id).in_(attribution_ids))
    ).all():
        chain_lengths[link.attribution_id] = max(
            chain_lengths.get(link.attribution_id, 0), link.position + 1
        )
    claim_ids = list({attribution.claim_id for _, attribution in links})
    claims = {
        claim.id: claim
        for claim in session.exec(select(Claim).where(col(Claim.id).in_(claim_ids))).all()
    }
    article_ids = list({claim.article_id for claim in claims.values() if claim.article_id})
    articles = {
        article.id: article
        for article in session.exec(select(Article).where(col(Article.id).in_(article_ids))).all()
    }
    verdicts = current_verdicts(session=session, claim_ids=claim_ids)
    entries: dict[tuple[int, bool], TrackRecordEntry] = {}
    for link, attribution in links:
        claim = claims.get(attribution.claim_id)
        if claim is None or claim.id is None:
            continue
        as_origin = link.position == chain_lengths.get(attribution.id or 0, 1) - 1
        entries[(claim.id, as_origin)] = TrackRecordEntry(
            claim=claim,
            article=articles.get(claim.article_id) if claim.article_id else None,
            as_origin=as_origin,
            verdict=verdicts.get(claim.id),
        )
    return sorted(entries.values(), key=seen_at, reverse=True)


def seen_at(entry: TrackRecordEntry) -> datetime:
    """When the claim was made: the article's date, or when it was imported or typed in."""
    if entry.article is not None:
        return entry.article.published_at or entry.article.retrieved_at
    return entry.claim.created_at


def current_verdicts(*, session: Session, claim_ids: Sequence[int]) -> dict[int, Verdict]:
    """The newest verdict of each claim that has one."""
    newest: dict[int, Verdict] = {}
    if not claim_ids:
        return newest
    for verdict in session.exec(
        select(Verdict).where(col(Verdict.claim_id).in_(list(claim_ids)))
    ).all():
        held = newest.get(verdict.claim_id)
        if held is None or verdict.sequence > held.sequence:
            newest[verdict.claim_id] = verdict
    return newest
