"""Who said it: attribute an article's claims and teasers, and link speakers to the registry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, delete, select

from workbench.core.attribution import Attribution as AttributionDraft
from workbench.core.attribution import Mention, attribute_sentences
from workbench.core.source_identity import AgencyInfo, agency_for, fold_name, match_name
from workbench.core.vocabulary import ClaimKind, ClaimStatus, SourceKind
from workbench.store import sources as registry
from workbench.store.models import (
    Article,
    Attribution,
    AttributionLink,
    Claim,
    RelatedItem,
    Source,
)

KIND_GROUPS: dict[str, tuple[str, ...]] = {
    SourceKind.PERSON: (SourceKind.PERSON,),
    SourceKind.GOVERNMENT_BODY: (SourceKind.GOVERNMENT_BODY, SourceKind.MILITARY),
    SourceKind.MILITARY: (SourceKind.GOVERNMENT_BODY, SourceKind.MILITARY),
    SourceKind.NEWS_AGENCY: (SourceKind.NEWS_AGENCY, SourceKind.OUTLET),
    SourceKind.OUTLET: (SourceKind.NEWS_AGENCY, SourceKind.OUTLET),
    SourceKind.COMPANY: (SourceKind.COMPANY, SourceKind.ORGANISATION),
    SourceKind.ORGANISATION: (SourceKind.COMPANY, SourceKind.ORGANISATION),
    SourceKind.DOCUMENT: (SourceKind.DOCUMENT,),
}
"""Kinds that may name the same source, as the name matcher groups them."""


@dataclass
class _Resolver:
    """Links an article's speakers to registry sources, one lookup per article entity."""

    session: Session
    by_entity: dict[int, Source] = field(default_factory=dict)
    candidates: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)

    def source_for(self, mention: Mention, mentions: Sequence[Mention]) -> Source:
        held = self.by_entity.get(mention.entity)
        if held is None:
            held = self._resolve(mention, mentions)
            self.by_entity[mention.entity] = held
        if not _is_role_only(mention):
            registry.add_alias(session=self.session, source=held, alias=mention.name)
        if held.role is None and mention.role and not mention.anonymous:
            held.role = mention.role[:500]
            self.session.add(held)
        return held

    def _resolve(self, mention: Mention, mentions: Sequence[Mention]) -> Source:
        if mention.anonymous or mention.kind == SourceKind.ANONYMOUS:
            # Unnamed sources are never merged into each other or into a named person.
            return registry.create_source(
                session=self.session,
                kind=SourceKind.ANONYMOUS,
                name=mention.name,
                country=mention.descriptors.get("country"),
                descriptors=mention.descriptors,
            )
        name = _fullest_name(mention, mentions)
        agency = agency_for(name) or agency_for(mention.name)
        if agency is not None:
            return self._agency(agency)
        kinds = KIND_GROUPS.get(mention.kind, (mention.kind,))
        exact = registry.find_by_name(session=self.session, name=name, kinds=kinds)
        if exact is not None:
            return exact
        candidates = self._candidates(kinds)
        found = match_name(name, mention.kind, candidates)
        if found is not None and found.decision == "same":
            return registry.get_source(session=self.session, source_id=int(found.key))
        created = registry.create_source(
            session=self.session,
            kind=mention.kind,
            name=name,
            role=mention.role,
            country=mention.descriptors.get("country"),
            aliases=[mention.name],
        )
        assert created.id is not None
        self.candidates.pop(kinds, None)
        if found is not None:
            registry.add_suggestion(
                session=self.session,
                source_id=created.id,
                candidate_id=int(found.key),
                score=found.score,
            )
        return created

    def _candidates(self, kinds: tuple[str, ...]) -> list[Any]:
        if kinds not in self.candidates:
            self.candidates[kinds] = registry.name_candidates(session=self.session, kinds=kinds)
        return self.candidates[kinds]

    def _agency(self, agency: AgencyInfo) -> Source:
        kinds = (SourceKind.NEWS_AGENCY, SourceKind.OUTLET)
        existing = registry.find_by_name(session=self.session, name=agency.canonical, kinds=kinds)
        if existing is not None:
            return existing
        same_as = [f"https://www.wikidata.org/wiki/{agency.wikidata}"] if agency.wikidata else []
        return registry.create_source(
            session=self.session,
            kind=agency.kind,
            name=agency.canonical,
            aliases=agency.names,
            same_as=same_as,
        )


def _is_role_only(mention: Mention) -> bool:
    """A mention by role ("المتحدث الروسي", "the spokesman") is no name to remember."""
    return bool(mention.role) and fold_name(mention.name) == fold_name(mention.role or "")


def _fullest_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The fullest name the article gives this speaker ("دميتري بيسكوف" for "بيسكوف")."""
    if mention.canonical_hint:
        return mention.canonical_hint
    names = [other.name for other in mentions if other.entity == mention.entity]
    return max(names, key=len) if names else mention.name


def _all_mentions(drafts: Sequence[AttributionDraft | None]) -> list[Mention]:
    return [mention for draft in drafts if draft is not None for mention in draft.chain]


def _chain_payload(draft: AttributionDraft, sources: Sequence[Source]) -> dict[str, Any]:
    return {
        "cue": draft.cue,
        "quote": draft.quote,
        "content_start": draft.content_start,
        "content_end": draft.content_end,
        "chain": [
            {
                "name": mention.name,
                "source_id": source.id,
                "kind": mention.kind,
                "anonymous": mention.anonymous,
                "role": mention.role,
            }
            for mention, source in zip(draft.chain, sources, strict=True)
        ],
    }


def attribute_article(*, session: Session, article: Article) -> int:
    """Attribute every claim of the article anchored in its body, and its teasers' leads.

    Earlier attributions of those claims are replaced. Returns how many claims are attributed.
    """
    assert article.id is not None
    claims = [
        claim
        for claim in session.exec(select(Claim).where(Claim.article_id == article.id)).all()
        if claim.start is not None
        and claim.end is not None
        and claim.kind != ClaimKind.HEADLINE
        and claim.status != ClaimStatus.DISMISSED
    ]
    claims.sort(key=lambda claim: (claim.start or 0, claim.id or 0))
    language = article.language or "ar"
    spans = [(claim.start or 0, claim.end or 0) for claim in claims]
    drafts = attribute_sentences(article.body, spans, lang=language) if claims else []
    _forget_attributions(session, [claim.id for claim in claims if claim.id is not None])
    resolver = _Resolver(session=session)
    mentions = _all_mentions(drafts)
    attributed = 0
    for claim, draft in zip(claims, drafts, strict=True):
        if draft is None or not draft.chain or claim.id is None:
            continue
        sources = [resolver.source_for(mention, mentions) for mention in draft.chain]
        _store_attribution(session, claim.id, draft, sources)
        attributed += 1
    _attribute_related(session, article.id, language)
    session.flush()
    return attributed


def _store_attribution(
    session: Session,
    claim_id: int,
    draft: AttributionDraft,
    sources: Sequence[Source],
) -> None:
    """Store an attribution; content offsets index the article body, like claim spans."""
    row = Attribution(
        claim_id=claim_id,
        cue=draft.cue[:200],
        quote_type=draft.quote,
        content_start=draft.content_start,
        content_end=draft.content_end,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, (mention, source) in enumerate(zip(draft.chain, sources, strict=True)):
        session.add(
            AttributionLink(
                attribution_id=row.id,
                position=position,
                source_id=source.id,
                name=mention.name[:500],
                kind=mention.kind,
                anonymous=mention.anonymous,
                role=mention.role[:500] if mention.role else None,
                descriptors=dict(mention.descriptors),
            )
        )


def _forget_attributions(session: Session, claim_ids: Sequence[int]) -> None:
    if not claim_ids:
        return
    attribution_ids = select(Attribution.id).where(col(Attribution.claim_id).in_(claim_ids))
    session.exec(
        delete(AttributionLink).where(col(AttributionLink.attribution_id).in_(attribution_ids))
    )
    session.exec(delete(Attribution).where(col(Attribution.claim_id).in_(claim_ids)))


def _attribute_related(session: Session, article_id: int, language: str) -> None:
    items = session.exec(select(RelatedItem).where(RelatedItem.article_id == article_id)).all()
    for item in items:
        if not item.lead:
            continue
        (draft,) = attribute_sentences(item.lead, [(0, len(item.lead))], lang=language)
        if draft is None or not draft.chain:
            item.attribution = None
        else:
            resolver = _Resolver(session=session)
            sources = [resolver.source_for(mention, draft.chain) for mention in draft.chain]
            item.attribution = _chain_payload(draft, sources)
        session.add(item)


def copy_attribution(*, session: Session, from_claim: Claim, to_claim: Claim) -> None:
    """Give a claim split or merged out of another the same chain (content clipped to it)."""
    if from_claim.id is None or to_claim.id is None:
        return
    source_row = session.exec(
        select(Attribution).where(Attribution.claim_id == from_claim.id)
    ).first()
    if source_row is None or source_row.id is None:
        return
    low = to_claim.start if to_claim.start is not None else 0
    high = to_claim.end if to_claim.end is not None else low

    def clip(value: int | None) -> int | None:
        return None if value is None else max(low, min(high, value))

    row = Attribution(
        claim_id=to_claim.id,
        cue=source_row.cue,
        quote_type=source_row.quote_type,
        content_start=clip(source_row.content_start),
        content_end=clip(source_row.content_end),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    links = session.exec(
        select(AttributionLink)
        .where(AttributionLink.attribution_id == source_row.id)
        .order_by(col(AttributionLink.position))
    ).all()
    for link in links:
        session.add(
            AttributionLink(
                attribution_id=row.id,
                position=link.position,
                source_id=link.source_id,
                name=link.name,
                kind=link.kind,
                anonymous=link.anonymous,
                role=link.role,
                descriptors=dict(link.descriptors),
            )
        )


def attributions_of(*, session: Session, claim_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The attribution payload of each claim that has one (docs/cli.md, `attribution`)."""
    if not claim_ids:
        return {}
    rows = session.exec(
        select(Attribution).where(col(Attribution.claim_id).in_(list(claim_ids)))
    ).all()
    by_attribution = {row.id: row for row in rows}
    links = session.exec(
        select(AttributionLink)
        .where(col(AttributionLink.attribution_id).in_(list(by_attribution)))
        .order_by(col(AttributionLink.attribution_id), col(AttributionLink.position))
    ).all()
    chains: dict[int, list[dict[str, Any]]] = {row_id: [] for row_id in by_attribution if row_id}
    for link in links:
        chains[link.attribution_id].append(
            {
                "name": link.name,
                "source_id": link.source_id,
                "kind": link.kind,
                "anonymous": link.anonymous,
                "role": link.role,
                "descriptors": link.descriptors,
            }
        )
    return {
        row.claim_id: {
            "cue": row.cue,
            "quote": row.quote_type,
            "content_start": row.content_start,
            "content_end": row.content_end,
            "chain": chains.get(row.id or 0, []),
        }
        for row in rows
    }
