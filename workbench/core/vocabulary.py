"""The closed vocabularies of the domain: kinds and states of claims, sources, matches, verdicts."""

from __future__ import annotations

from enum import StrEnum


class ClaimKind(StrEnum):
    """Where a claim came from."""

    HEADLINE = "headline"
    SENTENCE = "sentence"
    MANUAL = "manual"


class ClaimStatus(StrEnum):
    """Where a claim is in the desk's workflow."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    CHECKED = "checked"
    PUBLISHED = "published"
    DISMISSED = "dismissed"


class SourceKind(StrEnum):
    """What kind of speaker or relay a source is."""

    PERSON = "person"
    GOVERNMENT_BODY = "government_body"
    MILITARY = "military"
    NEWS_AGENCY = "news_agency"
    OUTLET = "outlet"
    COMPANY = "company"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"


class QuoteType(StrEnum):
    """How the claim's content is reported."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class MatchState(StrEnum):
    """A fact-checker's decision on a suggested match."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class MatchTier(StrEnum):
    """How close a match is, by the configured thresholds."""

    STRONG = "strong"
    SUGGEST = "suggest"
    WEAK = "weak"


class VerdictState(StrEnum):
    """The workflow state of a verdict."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


class ArchiveState(StrEnum):
    """Whether an evidence item has an archived copy."""

    NONE = "none"
    PENDING = "pending"
    ARCHIVED = "archived"
    FAILED = "failed"
