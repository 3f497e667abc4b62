"""ClaimReview JSON-LD in feeds, pages and @graph and Fact Check Tools API answers, as records."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from workbench.core.archive import (
    ArchiveItem,
    FactCheckRecord,
    ParsedArchive,
    RecordError,
    collect_archive,
    parse_archive_date,
    parse_rating_number,
)

# Longest first, so "//]]>" is removed whole rather than leaving "//" behind.
_OPENING_WRAPPERS = ("/*<![CDATA[*/", "//<![CDATA[", "<![CDATA[", "<!--")
_CLOSING_WRAPPERS = ("/*]]>*/", "//]]>", "]]>", "//-->", "-->")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_DEPTH = 64
_TYPE_PREFIX = re.compile(r"[/#:]")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True, slots=True)
class _Pending:
    """A JSON value still to visit, where it sits, and the feed item URL it may inherit."""

    value: object
    position: str
    inherited_url: str | None
    depth: int


def iter_claimreview(data: object, *, page_url: str | None = None) -> Iterator[ArchiveItem]:
    """Yield a record or an error for every ClaimReview found anywhere in parsed JSON-LD.

    Finds reviews alone, in arrays, in ``@graph`` (nested too), in DataFeed/DataFeedItem
    wrappers and under other objects. Positions are JSON paths with 0-based indexes
    ("dataFeedElement[3].item[0]"). A review without ``url`` takes its DataFeedItem's url, else
    ``page_url`` (the page it was embedded in).
    """
    stack = [_Pending(data, "", page_url, 0)]
    while stack:
        pending = stack.pop()
        value = pending.value
        if pending.depth > _MAX_DEPTH:
            continue
        if isinstance(value, list):
            children = [
                _Pending(
                    item, f"{pending.position}[{index}]", pending.inherited_url, pending.depth + 1
                )
                for index, item in enumerate(value)
            ]
            stack.extend(reversed(children))
            continue
        if not isinstance(value, dict):
            continue
        types = _types(value)
        if "ClaimReview" in types:
            yield _review_item(value, pending.position or "top level", pending.inherited_url)
            continue
        inherited_url = pending.inherited_url
        if "DataFeedItem" in types:
            inherited_url = _text(value.get("url")) or inherited_url
        children = [
            _Pending(child, _join(pending.position, key), inherited_url, pending.depth + 1)
            for key, child in value.items()
            if isinstance(child, dict | list) and key != "@context"
        ]
        stack.extend(reversed(children))


def read_claimreview(data: object, *, page_url: str | None = None) -> ParsedArchive:
    """Collect every ClaimReview of parsed JSON-LD into records and errors."""
    return collect_archive(iter_claimreview(data, page_url=page_url))


def claimreview_from_html(html_text: str) -> list[object]:
    """Return the parsed JSON of every ``<script type="application/ld+json">`` block, in order.

    Blocks that are not valid JSON are skipped; nothing in the page is executed.
    """
    collector = _JsonLdCollector()
    collector.feed(html_text)
    collector.close()
    documents: list[object] = []
    for block in collector.blocks:
        text = _unwrap(block)
        if not text:
            continue
        try:
            documents.append(json.loads(text, strict=False))
        except (json.JSONDecodeError, RecursionError):
            continue
    return documents


def iter_claimreview_html(html_text: str, *, page_url: str | None = None) -> Iterator[ArchiveItem]:
    """Yield a record or an error for every ClaimReview in a page's JSON-LD blocks."""
    for block_number, document in enumerate(claimreview_from_html(html_text), start=1):
        for item in iter_claimreview(document, page_url=page_url):
            if isinstance(item, RecordError):
                yield RecordError(f"script {block_number}: {item.position}", item.message)
            else:
                yield item


def iter_fact_check_api(response: Mapping[str, Any]) -> Iterator[ArchiveItem]:
    """Yield one record per claimReview of a Fact Check Tools ``claims:search`` answer."""
    claims = response.get("claims", [])
    if not isinstance(claims, list):
        yield RecordError("claims", "expected a list of claims")
        return
    for claim_index, claim in enumerate(claims):
        position = f"claims[{claim_index}]"
        if not isinstance(claim, dict):
            yield RecordError(position, "expected a claim object")
            continue
        claim_text = _text(claim.get("text"))
        if claim_text is None:
            yield RecordError(position, "no claim text")
            continue
        reviews = claim.get("claimReview")
        if not isinstance(reviews, list) or not reviews:
            yield RecordError(position, "no claimReview")
            continue
        for review_index, review in enumerate(reviews):
            review_position = f"{position}.claimReview[{review_index}]"
            if not isinstance(review, dict):
                yield RecordError(review_position, "expected a review object")
                continue
            url = _text(review.get("url"))
            if url is None:
                yield RecordError(review_position, "no url")
                continue
            publisher = review.get("publisher")
            publisher_name = (
                _text(publisher.get("name")) or _text(publisher.get("site"))
                if isinstance(publisher, dict)
                else None
            )
            yield FactCheckRecord(
                external_id=url,
                url=url,
                claim_text=claim_text,
                title=_text(review.get("title")),
                rating_label=_text(review.get("textualRating")),
                rating_value=None,
                rating_worst=None,
                rating_best=None,
                publisher=publisher_name,
                claimant=_text(claim.get("claimant")),
                claim_date=parse_archive_date(claim.get("claimDate")),
                review_date=parse_archive_date(review.get("reviewDate")),
                language=_text(review.get("languageCode")),
            )


def read_fact_check_api(response: Mapping[str, Any]) -> ParsedArchive:
    """Collect a Fact Check Tools answer into records and errors."""
    return collect_archive(iter_fact_check_api(response))


def iter_json_archive(data: object) -> Iterator[ArchiveItem]:
    """Yield records from a JSON file that is either a Fact Check Tools answer or JSON-LD."""
    if isinstance(data, dict) and "claims" in data and "@type" not in data:
        return iter_fact_check_api(data)
    return iter_claimreview(data)


# --- one ClaimReview --------------------------------------------------------------------------


def _review_item(review: dict[str, Any], position: str, fallback_url: str | None) -> ArchiveItem:
    claim_text = _text(review.get("claimReviewed"))
    url = _text(review.get("url")) or fallback_url
    missing = [name for name, value in (("claimReviewed", claim_text), ("url", url)) if not value]
    if claim_text is None or url is None:
        return RecordError(position, f"ClaimReview without {' or '.join(missing)}")
    rating = _first_object(review.get("reviewRating"))
    claim = _first_object(review.get("itemReviewed"))
    return FactCheckRecord(
        external_id=_stable_id(review.get("@id")) or url,
        url=url,
        claim_text=claim_text,
        title=_text(review.get("headline")) or _text(review.get("name")),
        rating_label=_text(rating.get("alternateName")) or _text(rating.get("name")),
        rating_value=parse_rating_number(_scalar(rating.get("ratingValue"))),
        rating_worst=parse_rating_number(_scalar(rating.get("worstRating"))),
        rating_best=parse_rating_number(_scalar(rating.get("bestRating"))),
        publisher=_name(review.get("author")) or _name(review.get("publisher")),
        claimant=_name(claim.get("author")),
        claim_date=parse_archive_date(_scalar(claim.get("datePublished"))),
        review_date=parse_archive_date(_scalar(review.get("datePublished"))),
        language=_language(review.get("inLanguage")),
    )


def _stable_id(value: object) -> str | None:
    """An @id that names the review across files: absolute, not a blank node ("_:b0")."""
    text = _text(value)
    if text is None or text.startswith("_:") or not _ABSOLUTE_IRI.match(text):
        return None
    return text


def _types(node: Mapping[str, Any]) -> set[str]:
    """Short type names, so "http://schema.org/ClaimReview" and "schema:ClaimReview" match."""
    raw = node.get("@type", node.get("type"))
    names = raw if isinstance(raw, list) else [raw]
    return {_TYPE_PREFIX.split(name.strip())[-1] for name in names if isinstance(name, str)}


def _join(position: str, key: str) -> str:
    return f"{position}.{key}" if position else key


def _first_object(value: object) -> dict[str, Any]:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), None)
    return value if isinstance(value, dict) else {}


def _scalar(value: object) -> object:
    if isinstance(value, list):
        return value[0] if value else None
    if isinstance(value, dict):
        return value.get("@value")
    return value


def _text(value: object) -> str | None:
    """A JSON-LD text value with HTML entities decoded; CMSs often escape JSON-LD strings."""
    value = _scalar(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    if "&" in value and _ENTITY.search(value):
        value = html.unescape(value)
    return value.strip() or None


def _name(value: object) -> str | None:
    """The name of a Person/Organization given as an object, a list of them, or plain text."""
    if isinstance(value, list):
        for item in value:
            found = _name(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName"))
    return _text(value)


def _language(value: object) -> str | None:
    """A language code or name; a Language object's alternateName is usually the code."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


def _unwrap(block: str) -> str:
    """Script text without the HTML comment or CDATA wrapper old pages put around it."""
    text = block.strip()
    for opening in _OPENING_WRAPPERS:
        if text.startswith(opening):
            text = text.removeprefix(opening).lstrip()
            break
    for closing in _CLOSING_WRAPPERS:
        if text.endswith(closing):
            text = text.removesuffix(closing).rstrip()
            break
    return text


class _JsonLdCollector(HTMLParser):
    """Collects the raw text of JSON-LD script elements; the parser never runs scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        script_type = next((value or "" for name, value in attrs if name == "type"), "")
        if script_type.split(";", 1)[0].strip().lower() == "application/ld+json":
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def close(self) -> None:
        """Finish parsing; a script cut off by the end of the page still counts."""
        super().close()
        if self._current is not None:
            # Python 3.11's parser keeps an unterminated script's text in rawdata unreported.
            self.blocks.append("".join(self._current) + self.rawdata)
            self.rawdata = ""
            self._current = None
