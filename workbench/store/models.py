"""SQLModel tables of the workbench: articles, claims, sources, attributions, archive, verdicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.core.vocabulary import (
    ArchiveState,
    ClaimStatus,
    MatchState,
    VerdictState,
)
from workbench.store.types import JsonColumn, UTCDateTime, utcnow

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JsonColumn, nullable=False))


def _json_dict() -> Any:
    return Field(default_factory=dict, sa_column=Column(JsonColumn, nullable=False))


def _text(nullable: bool = False) -> Any:
    return Field(default=None if nullable else "", sa_column=Column(Text, nullable=nullable))


class Article(SQLModel, table=True):
    """A news article as imported: its body stored exactly as written, and its page chrome."""

    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, max_length=2048)
    canonical_url: str | None = Field(default=None, max_length=2048, unique=True)
    title: str | None = _text(nullable=True)
    publisher: str | None = Field(default=None, max_length=300)
    language: str | None = Field(default=None, max_length=16)
    author: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    retrieved_at: datetime = _created()
    body: str = _text()
    content_hash: str = Field(max_length=64, unique=True)
    """SHA-256 of the stored title and body; the same article imported twice is stored once."""
    input_hash: str | None = Field(default=None, max_length=64)
    """SHA-256 of the original input bytes, before decoding and cleaning."""
    input_name: str | None = Field(default=None, max_length=2048)
    """Where the article was imported from: a file path, a URL or '-'."""
    provenance: str | None = _text(nullable=True)
    created_at: datetime = _created()


class RelatedItem(SQLModel, table=True):
    """A teaser of another story found on the article's page (never one of its claims)."""

    __tablename__ = "related_item"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    position: int
    title: str = _text()
    lead: str | None = _text(nullable=True)
    item_date: date | None = None
    attribution: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JsonColumn, nullable=True)
    )
    """Who the teaser's lead quotes, shaped like a claim's attribution (with source ids)."""


class Claim(SQLModel, table=True):
    """A checkable statement: from an article (with its span) or typed in by a fact-checker."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="CASCADE"
    )
    text: str = _text()
    start: int | None = None
    end: int | None = None
    kind: str = Field(max_length=16)
    language: str | None = Field(default=None, max_length=16)
    checkworthiness: float | None = None
    features: dict[str, Any] = _json_dict()
    numbers: list[dict[str, Any]] = _json_list()
    matching_key: str = _text()
    """Normalised, stemmed text used for matching; never shown."""
    status: str = Field(default=ClaimStatus.NEW.value, max_length=16, index=True)
    assignee: str | None = Field(default=None, max_length=200)
    parent_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="SET NULL")
    """The claim this one was split from or merged out of; its span is kept there."""
    original_text: str | None = _text(nullable=True)
    """The text as extracted, when a fact-checker has edited it."""
    dismiss_reason: str | None = _text(nullable=True)
    """Why the claim was dismissed, split or merged away."""
    version: int = Field(default=1)
    """Bumped on every change; a write against an older version is refused."""
    updated_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Source(SQLModel, table=True):
    """Someone or something that says things: a person, a body, an agency, an anonymous source."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32, index=True)
    name: str = Field(max_length=500)
    role: str | None = Field(default=None, max_length=500)
    affiliation: str | None = Field(default=None, max_length=500)
    country: str | None = Field(default=None, max_length=100)
    descriptors: dict[str, Any] = _json_dict()
    same_as: list[str] = _json_list()
    """Identity links such as a Wikidata URL."""
    merged_into_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")
    created_at: datetime = _created()


class SourceAlias(SQLModel, table=True):
    """A name a source goes by, in any script: Peskov, بيسكوف, Песков."""

    __tablename__ = "source_alias"
    __table_args__ = (UniqueConstraint("source_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    alias: str = Field(max_length=500)
    normalised: str = Field(max_length=500, index=True)
    skeleton: str = Field(max_length=500, index=True)


class SourceMerge(SQLModel, table=True):
    """A recorded merge of one source into another, with what moved, so it can be undone.

    The merged source keeps its own aliases; lookups follow `Source.merged_into_id`.
    """

    __tablename__ = "source_merge"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    into_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    moved_link_ids: list[int] = _json_list()
    """Attribution links that pointed at the merged source; undo points them back."""
    merged_by: str | None = Field(default=None, max_length=200)
    merged_at: datetime = _created()
    undone_by: str | None = Field(default=None, max_length=200)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SourceSuggestion(SQLModel, table=True):
    """A new source that may be the same as an existing one: the fact-checker decides."""

    __tablename__ = "source_suggestion"
    __table_args__ = (UniqueConstraint("source_id", "candidate_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    candidate_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    score: float
    state: str = Field(default="open", max_length=16)
    """open, merged or rejected."""
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _created()


class Attribution(SQLModel, table=True):
    """Who stands behind a claim: the cue, the quote type and the quoted content's span."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", unique=True, ondelete="CASCADE")
    cue: str | None = Field(default=None, max_length=200)
    quote_type: str | None = Field(default=None, max_length=16)
    content_start: int | None = None
    content_end: int | None = None


class AttributionLink(SQLModel, table=True):
    """One link of an attribution chain, outermost relay first (position 0)."""

    __tablename__ = "attribution_link"
    __table_args__ = (UniqueConstraint("attribution_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    attribution_id: int = Field(foreign_key="attribution.id", index=True, ondelete="CASCADE")
    position: int
    source_id: int | None = Field(
        default=None, foreign_key="source.id", index=True, ondelete="SET NULL"
    )
    name: str = Field(max_length=500)
    """The name as written in the text."""
    kind: str = Field(max_length=32)
    anonymous: bool = False
    role: str | None = Field(default=None, max_length=500)
    descriptors: dict[str, Any] = _json_dict()


class FactCheck(SQLModel, table=True):
    """An earlier fact-check in the archive, ours or imported."""

    __tablename__ = "factcheck"

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, max_length=500, unique=True)
    url: str | None = Field(default=None, max_length=2048, index=True)
    claim_text: str = _text()
    title: str | None = _text(nullable=True)
    rating_label: str | None = Field(default=None, max_length=200)
    rating_value: float | None = None
    publisher: str | None = Field(default=None, max_length=300)
    claimant: str | None = Field(default=None, max_length=500)
    claim_date: date | None = None
    review_date: date | None = None
    language: str | None = Field(default=None, max_length=16)
    matching_key: str = _text()
    """Normalised, stemmed claim text: what full-text search indexes and re-ranking compares."""
    title_key: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    """Normalised, stemmed title, indexed with a higher weight than the claim."""
    rating_key: str | None = Field(default=None, max_length=100)
    """The rating mapped onto the local scale, when the mapping table knows the label."""
    claim_id: int | None = Field(
        default=None, foreign_key="claim.id", ondelete="SET NULL", index=True
    )
    """Set when the fact-check is one of ours: the claim whose published verdict it is."""
    created_at: datetime = _created()
    updated_at: datetime = _created()


class MatchLink(SQLModel, table=True):
    """A claim paired with an earlier fact-check: suggested by the matcher, decided by a person."""

    __tablename__ = "match_link"
    __table_args__ = (UniqueConstraint("claim_id", "factcheck_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    factcheck_id: int = Field(foreign_key="factcheck.id", index=True, ondelete="CASCADE")
    score: float
    method: str = Field(max_length=50)
    tier: str = Field(max_length=16)
    flags: list[dict[str, Any]] = _json_list()
    state: str = Field(default=MatchState.SUGGESTED.value, max_length=16)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _created()


class RatingScale(SQLModel, table=True):
    """A named, ordered set of verdict labels with numeric positions for ClaimReview."""

    __tablename__ = "rating_scale"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    worst: float
    best: float
    labels: list[dict[str, Any]] = _json_list()
    """Ordered labels: key, value (None for labels off the truth axis) and names per language."""
    created_at: datetime = _created()


class Verdict(SQLModel, table=True):
    """One entry of a claim's append-only verdict history; the current verdict is the newest."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    sequence: int
    """1 for the first verdict of a claim, then 2, 3...: a stale write collides on it."""
    rating_key: str = Field(max_length=100)
    rating_label: str = Field(max_length=200)
    rating_value: float | None = None
    scale_name: str = Field(max_length=100)
    scale_worst: float | None = None
    scale_best: float | None = None
    rationale: str = _text()
    reviewer: str = Field(max_length=200)
    state: str = Field(default=VerdictState.DRAFT.value, max_length=16)
    no_evidence_reason: str | None = _text(nullable=True)
    created_at: datetime = _created()

    __table_args__ = (UniqueConstraint("claim_id", "sequence"),)


class Evidence(SQLModel, table=True):
    """A piece of evidence for a claim's check, with its archived copy."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    url: str = Field(max_length=2048)
    title: str | None = _text(nullable=True)
    excerpt: str | None = _text(nullable=True)
    retrieved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    content_sha256: str | None = Field(default=None, max_length=64)
    archive_url: str | None = Field(default=None, max_length=2048)
    archive_state: str = Field(default=ArchiveState.NONE.value, max_length=16, index=True)
    archive_error: str | None = _text(nullable=True)
    added_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = _created()
