"""Read models for the desk and the reader: queues, article and claim views, fuzzy search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from rapidfuzz import fuzz, process
from sqlmodel import col, func, select

from workbench.core.errors import WorkbenchError
from workbench.core.text.normalise import normalise
from workbench.core.text.segment import split_sentences
from workbench.core.vocabulary import ClaimStatus
from workbench.store import articles as article_store
from workbench.store import claims as claim_store
from workbench.store.database import Database
from workbench.store.models import Claim, Source, SourceAlias
from workbench.workflows.attribution import attributions_of

SEARCH_CUTOFF = 60.0
"""The lowest rapidfuzz score (0-100) a fuzzy search hit needs to be listed."""


class DeskError(WorkbenchError):
    """A record the desk asked for does not exist (any more)."""


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many claims are in one workflow status."""

    status: str
    count: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article in the desk's list."""

    article_id: int
    title: str
    publisher: str | None
    language: str | None
    claims: int


@dataclass(frozen=True, slots=True)
class DeskOverview:
    """The desk's queues: claim counts per status (every status, zero included) and articles."""

    statuses: tuple[StatusCount, ...]
    articles: tuple[ArticleRow, ...]


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One link of an attribution chain, outermost relay first."""

    name: str
    source_id: int | None
    kind: str
    anonymous: bool
    role: str | None


@dataclass(frozen=True, slots=True)
class AttributionView:
    """Who stands behind a claim: the chain, the reporting cue and the quote type."""

    cue: str | None
    quote_type: str | None
    chain: tuple[ChainLink, ...]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A claim as the reader shows it."""

    claim_id: int
    article_id: int | None
    text: str
    start: int | None
    end: int | None
    kind: str
    status: str
    checkworthiness: float | None
    version: int
    dismiss_reason: str | None
    attribution: AttributionView | None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class RelatedView:
    """A teaser of another story on the article's page, with who its lead quotes."""

    title: str
    lead: str | None
    item_date: date | None
    attribution: AttributionView | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its claims (reading order) and related items."""

    article_id: int
    title: str | None
    publisher: str | None
    language: str | None
    url: str | None
    provenance: str | None
    published_at: datetime | None
    input_name: str | None
    body: str
    claims: tuple[ClaimItem, ...]
    related: tuple[RelatedView, ...]


@dataclass(frozen=True, slots=True)
class BodyPiece:
    """A stretch of the body: the text of one claim, or the text between claims."""

    start: int
    end: int
    text: str
    claim: ClaimItem | None


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with the sentences around it in its article."""

    claim: ClaimItem
    article_title: str | None
    context_before: str
    context_after: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result of the desk's fuzzy filter: a claim or a source."""

    kind: Literal["claim", "source"]
    item_id: int
    label: str
    score: float


def _attribution_view(payload: dict[str, Any] | None) -> AttributionView | None:
    if not payload:
        return None
    chain = tuple(
        ChainLink(
            name=str(link.get("name", "")),
            source_id=link.get("source_id"),
            kind=str(link.get("kind", "")),
            anonymous=bool(link.get("anonymous", False)),
            role=link.get("role"),
        )
        for link in payload.get("chain", [])
    )
    return AttributionView(cue=payload.get("cue"), quote_type=payload.get("quote"), chain=chain)


def _claim_item(claim: Claim, attribution: dict[str, Any] | None) -> ClaimItem:
    assert claim.id is not None
    return ClaimItem(
        claim_id=claim.id,
        article_id=claim.article_id,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        kind=claim.kind,
        status=claim.status,
        checkworthiness=claim.checkworthiness,
        version=claim.version,
        dismiss_reason=claim.dismiss_reason,
        attribution=_attribution_view(attribution),
        language=claim.language,
    )


def desk_overview(*, database: Database, limit: int = 200) -> DeskOverview:
    """Claim counts per status and the newest articles with their claim counts."""
    with database.session() as session:
        # Counted by the database: reading every claim's status into Python held the
        # interpreter for a quarter of a second at 100,000 claims, stalling the screen's workers.
        counts = dict(
            session.exec(select(Claim.status, func.count()).group_by(col(Claim.status))).all()
        )
        articles = article_store.list_articles(session=session, limit=limit)
    statuses = tuple(
        StatusCount(status.value, counts.get(status.value, 0)) for status in ClaimStatus
    )
    rows = tuple(
        ArticleRow(
            article_id=article.id or 0,
            title=article.title or article.input_name or f"article {article.id}",
            publisher=article.publisher,
            language=article.language,
            claims=count,
        )
        for article, count in articles
    )
    return DeskOverview(statuses=statuses, articles=rows)


def claims_in_status(*, database: Database, status: str, limit: int = 500) -> list[ClaimItem]:
    """The claims in one workflow status, in article and reading order."""
    with database.session() as session:
        claims = claim_store.list_claims(session=session, statuses=[status], limit=limit)
        chains = attributions_of(session=session, claim_ids=[c.id for c in claims if c.id])
    return [_claim_item(claim, chains.get(claim.id or 0)) for claim in claims]


def article_view(*, database: Database, article_id: int) -> ArticleView:
    """The article, its claims with their attributions, and its related items.

    Raises:
        DeskError: there is no such article.
    """
    with database.session() as session:
        article = article_store.get_article(session=session, article_id=article_id)
        if article is None:
            raise DeskError(f"no article with id {article_id}")
        claims = claim_store.claims_of_article(session=session, article_id=article_id)
        chains = attributions_of(session=session, claim_ids=[c.id for c in claims if c.id])
        related = article_store.related_items(session=session, article_id=article_id)
    return ArticleView(
        article_id=article_id,
        title=article.title,
        publisher=article.publisher,
        language=article.language,
        url=article.url,
        provenance=article.provenance,
        published_at=article.published_at,
        input_name=article.input_name,
        body=article.body,
        claims=tuple(_claim_item(claim, chains.get(claim.id or 0)) for claim in claims),
        related=tuple(
            RelatedView(
                title=item.title,
                lead=item.lead,
                item_date=item.item_date,
                attribution=_attribution_view(item.attribution),
            )
            for item in related
        ),
    )


def body_pieces(view: ArticleView) -> list[BodyPiece]:
    """The body cut into claim and between-claim pieces; live claims win over dismissed ones."""
    anchored = [
        claim
        for claim in view.claims
        if claim.start is not None and claim.end is not None and claim.kind != "headline"
    ]
    # Live claims first, so a split's parts win over the dismissed claim they came from.
    anchored.sort(key=lambda claim: (claim.status == ClaimStatus.DISMISSED, claim.start or 0))
    chosen: list[ClaimItem] = []
    for claim in anchored:
        start, end = claim.start or 0, claim.end or 0
        if all(end <= (other.start or 0) or start >= (other.end or 0) for other in chosen):
            chosen.append(claim)
    chosen.sort(key=lambda claim: claim.start or 0)
    pieces: list[BodyPiece] = []
    position = 0
    for claim in chosen:
        start, end = claim.start or 0, claim.end or 0
        if start > position and view.body[position:start].strip():
            pieces.append(BodyPiece(position, start, view.body[position:start], None))
        pieces.append(BodyPiece(start, end, view.body[start:end], claim))
        position = end
    if view.body[position:].strip():
        pieces.append(BodyPiece(position, len(view.body), view.body[position:], None))
    return pieces


def claim_view(*, database: Database, claim_id: int, sentences_around: int = 2) -> ClaimView:
    """A claim with up to `sentences_around` sentences before and after it in the body.

    Raises:
        DeskError: there is no such claim.
    """
    with database.session() as session:
        claim = claim_store.get_claim(session=session, claim_id=claim_id)
        if claim is None:
            raise DeskError(f"no claim with id {claim_id}")
        chains = attributions_of(session=session, claim_ids=[claim_id])
        article = (
            article_store.get_article(session=session, article_id=claim.article_id)
            if claim.article_id is not None
            else None
        )
    before = after = ""
    if article is not None and claim.start is not None and claim.end is not None:
        sentences = split_sentences(article.body).sentences
        earlier = [s.text for s in sentences if s.end <= claim.start]
        later = [s.text for s in sentences if s.start >= claim.end]
        before = " ".join(earlier[-sentences_around:]) if sentences_around else ""
        after = " ".join(later[:sentences_around])
    return ClaimView(
        claim=_claim_item(claim, chains.get(claim_id)),
        article_title=article.title if article is not None else None,
        context_before=before,
        context_after=after,
    )


@dataclass(frozen=True, slots=True)
class _SearchChoices:
    """What the filter searches, normalised once for one state of the database."""

    state: tuple[Any, ...]
    keys: list[tuple[str, int, str]]
    texts: list[str]


_choices_cache: dict[str, _SearchChoices] = {}
"""The last choices built per database URL: typing in the filter reuses them until data change."""


def _search_state(session: Any) -> tuple[Any, ...]:
    claims = session.exec(
        select(func.count(), func.max(Claim.id), func.max(Claim.updated_at))
    ).one()
    sources = session.exec(select(func.count(), func.max(Source.id))).one()
    aliases = session.exec(select(func.count(), func.max(SourceAlias.id))).one()
    merged = session.exec(select(func.count()).where(col(Source.merged_into_id).is_not(None))).one()
    return (*claims, *sources, *aliases, merged)


def _search_choices(database: Database) -> _SearchChoices:
    key = database.display_url
    with database.session() as session:
        state = _search_state(session)
        held = _choices_cache.get(key)
        if held is not None and held.state == state:
            return held
        claims = session.exec(
            select(Claim.id, Claim.text).where(Claim.status != ClaimStatus.DISMISSED.value)
        ).all()
        sources = session.exec(
            select(Source.id, Source.name).where(col(Source.merged_into_id).is_(None))
        ).all()
        aliases = session.exec(select(SourceAlias.source_id, SourceAlias.alias)).all()
    keys: list[tuple[str, int, str]] = []
    texts: list[str] = []
    for claim_id, text in claims:
        if claim_id is not None:
            keys.append(("claim", claim_id, text))
            texts.append(normalise(text))
    source_names = {source_id: name for source_id, name in sources if source_id is not None}
    for source_id, name in source_names.items():
        keys.append(("source", source_id, name))
        texts.append(normalise(name))
    for source_id, alias in aliases:
        if source_id in source_names:
            keys.append(("source", source_id, f"{source_names[source_id]} · {alias}"))
            texts.append(normalise(alias))
    built = _SearchChoices(state=state, keys=keys, texts=texts)
    _choices_cache.clear()
    _choices_cache[key] = built
    return built


def fuzzy_search(*, database: Database, query: str, limit: int = 30) -> list[SearchHit]:
    """Claims and sources whose text or names resemble the query, best first.

    The searched texts are normalised once and kept until the claims or sources change, so
    typing in the filter only pays for the comparison.
    """
    wanted = normalise(query)
    if not wanted:
        return []
    choices = _search_choices(database)
    found = process.extract(
        wanted,
        choices.texts,
        scorer=fuzz.WRatio,
        processor=None,
        limit=limit * 2,
        score_cutoff=SEARCH_CUTOFF,
    )
    hits: dict[tuple[str, int], SearchHit] = {}
    for _choice, score, index in found:
        kind, item_id, label = choices.keys[index]
        key = (kind, item_id)
        if key not in hits or hits[key].score < score:
            hits[key] = SearchHit(kind=kind, item_id=item_id, label=label, score=float(score))  # type: ignore[arg-type]
    return sorted(hits.values(), key=lambda hit: -hit.score)[:limit]
