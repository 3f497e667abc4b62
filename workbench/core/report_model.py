"""Plain records the report renderers read; the workflows fill them from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "ReportArticle",
    "ReportChainLink",
    "ReportClaim",
    "ReportEvidence",
    "ReportMatch",
    "ReportVerdict",
]


@dataclass(frozen=True, slots=True)
class ReportChainLink:
    """One source in an attribution chain, from the relaying outlet to the original speaker."""

    name: str
    kind: str
    role: str | None = None
    anonymous: bool = False
    same_as: tuple[str, ...] = ()
    """Identity links such as a Wikidata URL (never given for anonymous sources)."""


@dataclass(frozen=True, slots=True)
class ReportEvidence:
    """A page that supports the verdict, with its archived copy when there is one."""

    url: str
    title: str | None = None
    excerpt: str | None = None
    archive_url: str | None = None
    archive_state: str = "none"
    """"archived", "pending", "failed" or "none"."""
    retrieved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReportMatch:
    """An earlier fact-check the claim matched."""

    title: str | None
    url: str | None
    publisher: str | None
    rating: str | None
    score: float
    tier: str
    """"confirmed" or "suggested" (or whatever tier the matcher gave)."""
    flags: tuple[str, ...] = ()
    """Warnings such as "number_mismatch" or "negation"."""


@dataclass(frozen=True, slots=True)
class ReportVerdict:
    """The verdict recorded on a claim, with its place on the scale it was given on."""

    rating_key: str
    rating_label: str
    rating_value: float | None
    scale_name: str
    scale_worst: float
    scale_best: float
    rationale: str | None
    reviewer: str | None
    state: str
    created_at: datetime
    rating_colour: str | None = None
    """The scale's display colour for the rating (a colour name or #hex)."""


@dataclass(frozen=True, slots=True)
class ReportClaim:
    """A claim with its attribution chain (relay first, original speaker last) and findings."""

    id: int
    text: str
    language: str | None
    kind: str
    cue: str | None = None
    quote: str | None = None
    chain: tuple[ReportChainLink, ...] = ()
    verdict: ReportVerdict | None = None
    evidence: tuple[ReportEvidence, ...] = ()
    matches: tuple[ReportMatch, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportArticle:
    """An article and its claims; id None groups claims typed in without an article."""

    id: int | None
    title: str | None
    publisher: str | None
    published_at: date | datetime | None
    url: str | None
    provenance: str | None
    language: str | None
    claims: tuple[ReportClaim, ...] = ()
