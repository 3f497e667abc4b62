"""Import an article: read or fetch it, decode, parse the page, extract claims, store once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from workbench.config import Settings
from workbench.core.claims import ArticleAnalysis, analyse_page
from workbench.core.errors import WorkbenchError
from workbench.core.html import parse_html
from workbench.core.page import ParsedPage, parse_plain_text
from workbench.core.text.decode import DecodeError, decode_bytes
from workbench.core.text.sanitize import clean_untrusted
from workbench.store import articles as article_store
from workbench.store import claims as claim_store
from workbench.store.database import Database
from workbench.store.models import Article, Claim, RelatedItem
from workbench.web.fetch import FetchError, fetch_url
from workbench.workflows.attribution import attribute_article
from workbench.workflows.payloads import article_payload, claim_payloads

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})


class ArticleImportError(WorkbenchError):
    """An article source could not be imported; nothing of it was stored."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the fact-checker says about the article, overriding what the page says."""

    language: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class RawArticle:
    """The bytes of one source and what is known of them before decoding."""

    name: str
    data: bytes
    url: str | None
    is_html: bool
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One imported source: the stored article, whether it was new, and its JSON payload."""

    source: str
    article_id: int
    created: bool
    claims: int
    payload: dict[str, Any]


def parse_published(value: str) -> datetime:
    """A --published value (ISO date or date-time) as a timezone-aware datetime.

    Raises:
        WorkbenchError: the value is not an ISO 8601 date or date-time.
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise WorkbenchError(f"not an ISO date or date-time: {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_source(source: str, *, settings: Settings, stdin_data: bytes | None = None) -> RawArticle:
    """Read a file, standard input ('-') or an http(s) URL into bytes, within the size limits."""
    limit = settings.imports.max_article_bytes
    if source == "-":
        data = stdin_data if stdin_data is not None else b""
        if len(data) > limit:
            raise ArticleImportError(f"standard input is larger than {_megabytes(limit)}")
        return RawArticle(name="-", data=data, url=None, is_html=_looks_like_html(data))
    if source.startswith(("http://", "https://")) or "://" in source:
        try:
            page = fetch_url(
                source,
                timeout=settings.http.timeout,
                max_bytes=min(settings.http.max_bytes, limit),
                max_redirects=settings.http.max_redirects,
            )
        except FetchError as exc:
            raise ArticleImportError(str(exc)) from exc
        is_html = "html" in page.content_type or _looks_like_html(page.body)
        return RawArticle(
            name=source, data=page.body, url=page.final_url, is_html=is_html, charset=page.charset
        )
    return _read_file(Path(source).expanduser(), limit)


def _read_file(path: Path, limit: int) -> RawArticle:
    if not path.exists():
        raise ArticleImportError(f"no such file: {path}")
    if path.is_dir():
        raise ArticleImportError(f"{path} is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleImportError(
                f"{path} is larger than {_megabytes(limit)} ({_megabytes(size)}); "
                "is it really one article?"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data))
    return RawArticle(name=str(path), data=data, url=None, is_html=is_html)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size} bytes"


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")) or (
        b"<body" in head and b"</" in head
    )


def analyse_raw(raw: RawArticle, options: ImportOptions) -> ArticleAnalysis:
    """Decode and parse one source into its article and claim candidates (no storage).

    Raises:
        ArticleImportError: the bytes are binary, empty or undecodable, or hold no article text.
    """
    try:
        decoded = decode_bytes(raw.data, declared=raw.charset)
    except DecodeError as exc:
        raise ArticleImportError(f"{raw.name}: {exc}") from exc
    text = clean_untrusted(decoded.text)
    page: ParsedPage
    page = parse_html(text, url=raw.url) if raw.is_html else parse_plain_text(text)
    if not page.body.strip() and not (page.title or "").strip():
        raise ArticleImportError(f"{raw.name}: no article text found")
    return analyse_page(page, language=options.language)


def content_hash(page: ParsedPage) -> str:
    """The article's identity by content: SHA-256 of its body (or title) with spacing folded."""
    basis = " ".join((page.body or page.title or "").split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _published_at(page: ParsedPage, options: ImportOptions) -> datetime | None:
    if options.published is not None:
        return options.published
    if not page.published_at:
        return None
    try:
        parsed = datetime.fromisoformat(page.published_at)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _item_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def import_article(
    raw: RawArticle, *, database: Database, options: ImportOptions, author: str | None = None
) -> ImportResult:
    """Import one source: analyse it and store the article and its claims, once.

    Importing the same article again (same canonical URL or same content hash) stores nothing
    and returns the stored one.
    """
    analysis = analyse_raw(raw, options)
    page = analysis.page
    canonical_url = options.url or page.canonical_url or raw.url
    identity = content_hash(page)
    input_hash = hashlib.sha256(raw.data).hexdigest()
    with database.writing() as session:
        existing = article_store.find_article(
            session=session, canonical_url=canonical_url, content_hash=identity
        )
        if existing is not None:
            assert existing.id is not None
            payload = _stored_payload(session, existing, analysis=analysis)
            return ImportResult(raw.name, existing.id, False, len(payload["claims"]), payload)
        article = Article(
            url=options.url or raw.url or page.canonical_url,
            canonical_url=canonical_url,
            title=page.title,
            publisher=options.publisher or page.site_name,
            language=analysis.language,
            author=page.author,
            published_at=_published_at(page, options),
            body=page.body,
            content_hash=identity,
            input_hash=input_hash,
            input_name=raw.name,
            provenance=page.provenance,
        )
        related = [(item.title, item.lead, _item_date(item.date)) for item in page.related]
        article_store.add_article(session=session, article=article, related=related)
        assert article.id is not None
        for draft in analysis.claims:
            claim_store.add_claim(
                session=session, draft=draft, article_id=article.id, author=author
            )
        attribute_article(session=session, article=article)
        payload = _stored_payload(session, article, analysis=analysis)
        return ImportResult(raw.name, article.id, True, len(payload["claims"]), payload)


def _stored_payload(
    session: Session, article: Article, *, analysis: ArticleAnalysis
) -> dict[str, Any]:
    assert article.id is not None
    related: list[RelatedItem] = article_store.related_items(session=session, article_id=article.id)
    claims: list[Claim] = claim_store.claims_of_article(session=session, article_id=article.id)
    return {
        "article": article_payload(article, related),
        "claims": claim_payloads(session, claims),
        "excluded": [{"text": item.text, "reason": item.reason} for item in analysis.excluded],
    }
