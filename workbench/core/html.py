"""Turn the HTML of a news page into a parsed page: main text, metadata and JSON-LD."""

from __future__ import annotations

import html as html_entities
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from workbench.core.page import (
    ParsedPage,
    guess_language,
    parse_date,
    parse_page_lines,
)
from workbench.core.text.sanitize import clean_untrusted

_log = logging.getLogger(__name__)

_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenews",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "reportage",
        "liveblogposting",
        "socialmediaposting",
    }
)
_MAX_JSON_DEPTH = 40
_MAX_JSON_LD_CHARS = 2_000_000
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head"})
_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td"}
)
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_SPACES = re.compile(r"\s+")
_JSON_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


@dataclass(slots=True)
class _HeadMetadata:
    json_ld_scripts: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    html_lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _ArticleMetadata:
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published_at: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def parse_html(html: str, *, url: str | None = None) -> ParsedPage:
    """Parse a news page's HTML (never fetching anything) into a :class:`ParsedPage`."""
    # Escape sequences go first, whole: the parsers would drop ESC and leave the payload as text.
    html = clean_untrusted(html)
    head = _scan_html(html)
    extracted_text, extracted = _extract_main_text(html, url)
    if not extracted_text.strip():
        # trafilatura gives up on some short or odd pages; the page's own paragraphs remain.
        extracted_text = "\n\n".join(head.paragraphs)
    json_ld = _json_ld_article(head.json_ld_scripts)
    title = json_ld.title or extracted.title or head.meta.get("og:title") or head.title
    plain = parse_page_lines(
        "\n\n".join(line for line in extracted_text.split("\n") if line.strip()),
        title_hint=title,
        detect_header=False,
    )
    canonical = (
        _web_url(json_ld.canonical_url, url)
        or _web_url(head.canonical_url, url)
        or _web_url(head.meta.get("og:url"), url)
        or _web_url(extracted.canonical_url, url)
        or _web_url(url, None)
    )
    language = (
        json_ld.language
        or _language_code(head.html_lang)
        or extracted.language
        or guess_language(plain.body)
    )
    return ParsedPage(
        title=plain.title,
        site_name=json_ld.site_name or extracted.site_name or head.meta.get("og:site_name"),
        author=json_ld.author or extracted.author or plain.author,
        published_at=json_ld.published_at or extracted.published_at or plain.published_at,
        canonical_url=canonical,
        language=language,
        provenance=plain.provenance,
        body=plain.body,
        related=plain.related,
        excluded=plain.excluded,
    )


# --- main text ------------------------------------------------------------------------------


def _extract_main_text(html: str, url: str | None) -> tuple[str, _ArticleMetadata]:
    """Run trafilatura on the HTML string; it never fetches when handed a string."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,
            deduplicate=False,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        # Hostile or broken markup must not stop an import; fall back to the page's paragraphs.
        _log.warning("trafilatura could not read the page", exc_info=True)
        return "", _ArticleMetadata()
    if document is None:
        return "", _ArticleMetadata()
    fields = document if isinstance(document, dict) else document.as_dict()
    raw_text = fields.get("text")
    main_text = clean_untrusted(raw_text) if isinstance(raw_text, str) else ""
    return main_text, _ArticleMetadata(
        title=_text(fields.get("title")),
        site_name=_text(fields.get("sitename")),
        author=_text(fields.get("author")),
        published_at=_iso_date(_text(fields.get("date"))),
        canonical_url=_text(fields.get("url")),
        language=_language_code(_text(fields.get("language"))),
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = _SPACES.sub(" ", clean_untrusted(value)).strip()
    return cleaned or None


# --- the page's own markup: head metadata, JSON-LD, paragraphs --------------------------------


class _HeadScanner(HTMLParser):
    """Collect JSON-LD scripts, canonical link, language, meta tags and plain paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _HeadMetadata()
        self._skip_depth = 0
        self._in_json_ld = False
        self._in_title = False
        self._buffer: list[str] = []
        self._block_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "html" and self.found.html_lang is None:
            self.found.html_lang = values.get("lang") or values.get("xml:lang")
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.found.canonical_url = self.found.canonical_url or values.get("href")
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                self.found.meta.setdefault(key, values["content"])
        elif tag == "title" and self.found.title is None:
            self._in_title = True
            self._buffer = []
        if tag == "script" and values.get("type", "").lower().strip() == "application/ld+json":
            self._in_json_ld = True
            self._buffer = []
        if tag == "body":
            # An unclosed <head> must not hide the whole body.
            self._skip_depth = 0
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS and self._skip_depth == 0:
            self._close_block()
            self._block_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self.found.json_ld_scripts.append("".join(self._buffer))
            self._in_json_ld = False
        if tag == "title" and self._in_title:
            self.found.title = _text("".join(self._buffer))
            self._in_title = False
        if tag in _SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self._close_block()

    def handle_data(self, data: str) -> None:
        if self._in_json_ld or self._in_title:
            self._buffer.append(data)
        elif self._skip_depth == 0 and self._block_text is not None:
            self._block_text.append(data)

    def close(self) -> None:
        super().close()
        self._close_block()

    def _close_block(self) -> None:
        if self._block_text is not None:
            paragraph = _text("".join(self._block_text))
            if paragraph:
                self.found.paragraphs.append(paragraph)
        self._block_text = None


def _scan_html(html: str) -> _HeadMetadata:
    scanner = _HeadScanner()
    try:
        scanner.feed(html)
        scanner.close()
    except Exception:
        # html.parser is lenient, but a page must never be able to stop an import.
        _log.warning("the HTML scanner stopped early", exc_info=True)
    return scanner.found


def _json_ld_article(scripts: list[str]) -> _ArticleMetadata:
    """Return the metadata of the first article-typed JSON-LD node, ignoring broken scripts."""
    for script in scripts:
        if len(script) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(_JSON_WRAPPERS.sub("", script.strip()))
        except (ValueError, RecursionError):
            continue
        node = _find_article_node(data, depth=0)
        if node is not None:
            return _article_metadata(node)
    return _ArticleMetadata()


def _find_article_node(data: object, *, depth: int) -> dict[str, Any] | None:
    if depth > _MAX_JSON_DEPTH:
        return None
    if isinstance(data, list):
        for item in data:
            found = _find_article_node(item, depth=depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(data, dict):
        return None
    types = data.get("@type")
    type_names = types if isinstance(types, list) else [types]
    if any(isinstance(name, str) and name.lower() in _ARTICLE_TYPES for name in type_names):
        return data
    for key in ("@graph", "mainEntity", "itemListElement", "hasPart"):
        if key in data:
            found = _find_article_node(data[key], depth=depth + 1)
            if found is not None:
                return found
    return None


def _article_metadata(node: dict[str, Any]) -> _ArticleMetadata:
    publisher = node.get("publisher")
    main_entity = node.get("mainEntityOfPage")
    page_url = node.get("url")
    if not isinstance(page_url, str):
        page_url = main_entity if isinstance(main_entity, str) else None
        if isinstance(main_entity, dict):
            page_url = _json_string(main_entity.get("@id")) or _json_string(main_entity.get("url"))
    language = node.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    return _ArticleMetadata(
        title=_json_string(node.get("headline")) or _json_string(node.get("name")),
        site_name=_names(publisher),
        author=_names(node.get("author")),
        published_at=_iso_date(_json_string(node.get("datePublished"))),
        canonical_url=page_url,
        language=_language_code(_json_string(language)),
    )


def _json_string(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    # JSON-LD is often HTML-escaped twice ("&amp;amp;"); one unescape per layer seen in the wild.
    return _text(html_entities.unescape(value))


def _names(value: object) -> str | None:
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people[:20]:
        name = _json_string(person.get("name")) if isinstance(person, dict) else None
        if name is None:
            name = _json_string(person)
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _iso_date(value: str | None) -> str | None:
    """Keep an ISO 8601 date or datetime as given; read other date forms into YYYY-MM-DD."""
    if not value:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return parse_date(value)
    return value


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    match = _LANGUAGE_TAG.match(value.strip())
    return match.group(1).lower() if match else None


def _web_url(value: str | None, base: str | None) -> str | None:
    """Resolve a URL against the page address; only http and https addresses are kept."""
    if not value:
        return None
    candidate = value.strip()
    if base:
        candidate = urljoin(base, candidate)
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(char.isspace() or ord(char) < 0x20 for char in candidate):
        return None
    return candidate
