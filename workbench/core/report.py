"""Render verdict reports as Markdown or as one self-contained HTML file, safe for article text."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote, urlsplit

from workbench.core.report_model import (
    ReportArticle,
    ReportChainLink,
    ReportClaim,
    ReportEvidence,
    ReportMatch,
    ReportVerdict,
)
from workbench.core.scales import is_display_colour
from workbench.core.text.language import detect_language, is_rtl
from workbench.core.text.sanitize import clean_untrusted

__all__ = ["render_html", "render_markdown", "web_url"]

_CHAIN_ARROW = " → "
_NO_ARTICLE_TITLE = "Claims not from an article"
_FALLBACK_COLOUR = "#9e9e9e"
# Characters kept unencoded in a link target: the URL's own reserved characters and "%" so
# existing escapes survive. Everything else (spaces, quotes, <, >, backslash) is encoded.
_URL_SAFE_CHARACTERS = "!#$%&'()*+,/:;=?@[]~-._"
_FIRST_STRONG_ISOLATE = "\u2068"
_POP_DIRECTIONAL_ISOLATE = "\u2069"


# ---------------------------------------------------------------------------------------------
# Shared helpers


def web_url(url: str | None) -> str | None:
    """Return the URL fit for a link when it is http(s) with a host, else None."""
    if url is None:
        return None
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return quote(candidate, safe=_URL_SAFE_CHARACTERS)


def _inline(text: str | None) -> str:
    """Untrusted text on one line: controls and bidi overrides removed, spaces collapsed."""
    return " ".join(clean_untrusted(text or "").split())


def _paragraphs(text: str | None) -> list[str]:
    blocks = re.split(r"\n\s*\n", clean_untrusted(text or ""))
    return [paragraph for paragraph in (_inline(block) for block in blocks) if paragraph]


def _when(moment: date | datetime | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def _number(value: float) -> str:
    return f"{value:g}"


def _link_name(link: ReportChainLink) -> str:
    name = _inline(link.name)
    role = _inline(link.role)
    if role and role.casefold() not in name.casefold():
        return f"{name} ({role})"
    return name


def _position(verdict: ReportVerdict) -> str:
    scale = _inline(verdict.scale_name)
    if verdict.rating_value is None:
        return f"off the truth axis of scale {scale}"
    worst, best = _number(verdict.scale_worst), _number(verdict.scale_best)
    return f"{_number(verdict.rating_value)} on a scale of {worst} to {best} ({scale})"


def _verdict_details(verdict: ReportVerdict) -> list[str]:
    details = [f"state: {_inline(verdict.state)}"]
    if verdict.reviewer:
        details.append(f"reviewer: {_inline(verdict.reviewer)}")
    details.append(f"recorded {_when(verdict.created_at)}")
    return details


def _match_details(match: ReportMatch) -> list[str]:
    details = [f"score {match.score:.2f}", _inline(match.tier)]
    if match.flags:
        details.append("flags: " + ", ".join(_inline(flag) for flag in match.flags))
    return details


@dataclass(frozen=True, slots=True)
class _TextDirection:
    """The language tag and writing direction chosen for one block of text."""

    lang: str
    direction: str


def _direction_of(text: str, language_hint: str | None = None) -> _TextDirection:
    """Choose lang/dir from the content; the hint only decides text too short to tell."""
    detected = detect_language(text)
    if detected == "ar":
        return _TextDirection("ar", "rtl")
    if detected == "en":
        return _TextDirection("en", "ltr")
    hint = (language_hint or "").strip().lower()
    if hint:
        primary = hint.split("-")[0]
        rtl = primary == "ar" or (primary not in {"en", "und"} and is_rtl(text))
        return _TextDirection(hint, "rtl" if rtl else "ltr")
    if is_rtl(text):
        return _TextDirection("ar" if _has_arabic(text) else "und", "rtl")
    return _TextDirection("und", "ltr")


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _has_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Markdown

# Backslash-escaped: everything that starts emphasis, links, images, code, HTML, entities,
# tables and block syntax; ":" before "/" and "." after "www" so GFM autolinks do not form.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-!|<>~&@$\"]|:(?=/)|(?<=www)\.", re.IGNORECASE)
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])")


def _md(text: str | None, *, isolate: bool = True) -> str:
    """Escape untrusted text for Markdown.

    Inline values holding Arabic are wrapped in bidi isolates so they do not reorder the
    English line around them; whole blocks (``isolate=False``) keep their own direction.
    """
    cleaned = _inline(text)
    escaped = _MARKDOWN_SPECIAL.sub(lambda found: "\\" + found.group(), cleaned)
    escaped = _ORDERED_LIST_START.sub(r"\1\\\2", escaped)
    if isolate and escaped and _has_arabic(escaped):
        return f"{_FIRST_STRONG_ISOLATE}{escaped}{_POP_DIRECTIONAL_ISOLATE}"
    return escaped


def _md_link(text: str | None, url: str | None) -> str:
    """A Markdown link for http(s) URLs; any other URL is printed as inert, escaped text."""
    target = web_url(url)
    label = _md(text) or _md(url)
    if target is None:
        if not url:
            return label
        inert = _md(url)
        return label if label == inert else f"{label} ({inert})"
    return f"[{label}](<{target}>)"


def _md_chain(chain: Sequence[ReportChainLink]) -> str:
    return _CHAIN_ARROW.join(_md(_link_name(link)) for link in chain)


def render_markdown(articles: Sequence[ReportArticle], *, generated_at: datetime) -> str:
    """Render a verdict report per article as Markdown, with all article text escaped."""
    lines = ["# Verdict report", "", f"Generated {_when(generated_at)}", ""]
    for article in articles:
        lines.extend(_md_article(article))
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_article(article: ReportArticle) -> list[str]:
    title = _md(article.title, isolate=False) or (
        _NO_ARTICLE_TITLE if article.id is None else "Untitled article"
    )
    lines = [f"## {title}", ""]
    facts = [
        ("Publisher", _md(article.publisher)),
        ("Published", _when(article.published_at)),
        ("URL", _md_link(article.url, article.url) if article.url else ""),
        ("Provenance", _md(article.provenance)),
    ]
    lines.extend(f"- **{name}:** {value}" for name, value in facts if value)
    lines.append("")
    if not article.claims:
        lines.extend(["No claims in this report.", ""])
    for claim in article.claims:
        lines.extend(_md_claim(claim))
    return lines


def _md_claim(claim: ReportClaim) -> list[str]:
    lines = [f"### Claim {claim.id}", "", f"> {_md(claim.text, isolate=False)}", ""]
    if claim.chain:
        lines.append(f"- **Attribution:** {_md_chain(claim.chain)}")
    if claim.cue or claim.quote:
        cue = " · ".join(part for part in (_md(claim.cue), _md(claim.quote)) if part)
        lines.append(f"- **Cue:** {cue}")
    verdict = claim.verdict
    if verdict is None:
        lines.append("- **Verdict:** none recorded yet")
    else:
        details = "; ".join(_md(detail) for detail in _verdict_details(verdict))
        lines.append(
            f"- **Verdict:** **{_md(verdict.rating_label)}** — {_md(_position(verdict))}; {details}"
        )
    lines.append("")
    if verdict is not None and verdict.rationale:
        lines.extend(["**Rationale**", ""])
        for paragraph in _paragraphs(verdict.rationale):
            lines.extend([_md(paragraph, isolate=False), ""])
    if claim.evidence:
        lines.extend(["**Evidence**", ""])
        lines.extend(_md_evidence(item) for item in claim.evidence)
        lines.append("")
    if claim.matches:
        lines.extend(["**Earlier fact-checks**", ""])
        lines.extend(_md_match(match) for match in claim.matches)
        lines.append("")
    return lines


def _md_evidence(item: ReportEvidence) -> str:
    parts = [_md_link(item.title or item.url, item.url)]
    if item.archive_url:
        parts.append(f"archived copy: {_md_link(item.archive_url, item.archive_url)}")
    elif item.archive_state not in {"", "none", "archived"}:
        parts.append(f"archive {_md(item.archive_state)}")
    if item.retrieved_at is not None:
        parts.append(f"retrieved {_when(item.retrieved_at)}")
    line = "- " + " — ".join(parts)
    if item.excerpt:
        line += f"\n\n  > {_md(item.excerpt, isolate=False)}\n"
    return line


def _md_match(match: ReportMatch) -> str:
    parts = [_md_link(match.title or match.url or "untitled fact-check", match.url)]
    if match.publisher:
        parts.append(_md(match.publisher))
    if match.rating:
        parts.append(f"rated {_md(match.rating)}")
    parts.append(", ".join(_md(detail) for detail in _match_details(match)))
    return "- " + " — ".join(parts)


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", Tahoma, sans-serif;
  line-height: 1.55; color: #1a1a1a; background: #fff; max-width: 54rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.generated, .label, .details { color: #555; }
.article { border-top: 2px solid #333; margin-top: 2.5rem; padding-top: 1rem; }
.facts { margin: 0.5rem 0 1rem; padding: 0; list-style: none; }
.claim { border-inline-start: 6px solid var(--rating-colour, #9e9e9e); margin: 1.5rem 0;
  padding-inline-start: 0.9rem; }
.claim h3 { font-size: 1rem; margin: 0; color: #555; }
.claim-text { font-size: 1.15rem; font-weight: 600; margin: 0.3rem 0 0.6rem; }
.rating { color: var(--rating-colour, #333); border: 2px solid var(--rating-colour, #9e9e9e);
  border-radius: 4px; font-weight: 700; padding: 0 0.4rem; }
.rationale p { margin: 0.4rem 0; }
.excerpt { border-inline-start: 3px solid #ccc; color: #333; margin: 0.3rem 0;
  padding-inline-start: 0.7rem; }
.inert-url { font-family: ui-monospace, monospace; word-break: break-all; }
a { color: #0b57d0; overflow-wrap: anywhere; }
h4 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
@media print {
  body { margin: 0; max-width: none; }
  .article { break-before: page; border-top: none; margin-top: 0; }
  .article:first-of-type { break-before: auto; }
  .claim { break-inside: avoid; }
  a { color: inherit; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 0.8em; overflow-wrap: anywhere; }
}
"""


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _dir_attrs(text: str, language_hint: str | None = None) -> str:
    chosen = _direction_of(text, language_hint)
    return f'dir="{_attr(chosen.direction)}" lang="{_attr(chosen.lang)}"'


def _h_text(text: str, language_hint: str | None = None) -> str:
    """Untrusted inline text isolated in a <bdi> with its own direction and language."""
    return f"<bdi {_dir_attrs(text, language_hint)}>{_attr(text)}</bdi>"


def _h_block(tag: str, text: str, css_class: str, language_hint: str | None = None) -> str:
    return f'<{tag} class="{css_class}" {_dir_attrs(text, language_hint)}>{_attr(text)}</{tag}>'


def _h_link(text: str | None, url: str | None, language_hint: str | None = None) -> str:
    """An <a> for http(s) URLs only; any other URL becomes inert, escaped text."""
    label = _inline(text) or _inline(url)
    target = web_url(url)
    if target is None:
        shown = _h_text(label, language_hint)
        if url and _inline(url) != label:
            return f'{shown} <span class="inert-url">{_h_text(_inline(url))}</span>'
        return f'<span class="inert-url">{shown}</span>' if url else shown
    return (
        f'<a href="{_attr(target)}" rel="noopener noreferrer nofollow">'
        f"{_h_text(label, language_hint)}</a>"
    )


_LABEL_LINE = 'dir="ltr" lang="en"'


def _h_labelled(label: str, content_html: str, css_class: str = "") -> str:
    class_attr = f' class="{css_class}"' if css_class else ""
    return (
        f'<p{class_attr} {_LABEL_LINE}><span class="label">{_attr(label)}:</span> '
        f"{content_html}</p>"
    )


def render_html(
    articles: Sequence[ReportArticle], *, generated_at: datetime, title: str = "Verdict report"
) -> str:
    """Render one self-contained HTML file: inline CSS, no scripts, every text node escaped."""
    page_title = _inline(title) or "Verdict report"
    page = _direction_of(page_title, "en")
    body = [
        f"<header {_dir_attrs(page_title, 'en')}>",
        f"<h1 {_dir_attrs(page_title, 'en')}>{_attr(page_title)}</h1>",
        f'<p class="generated" {_LABEL_LINE}>Generated {_attr(_when(generated_at))}</p>',
        "</header>",
    ]
    for article in articles:
        body.extend(_h_article(article))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_attr(page.lang)}" dir="{_attr(page.direction)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{_attr(page_title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _h_article(article: ReportArticle) -> list[str]:
    title = _inline(article.title) or (
        _NO_ARTICLE_TITLE if article.id is None else "Untitled article"
    )
    hint = article.language
    lines = [
        f'<article class="article" {_dir_attrs(title, hint)}>',
        f"<h2 {_dir_attrs(title, hint)}>{_attr(title)}</h2>",
        f'<div class="facts" {_LABEL_LINE}>',
    ]
    if article.publisher:
        lines.append(_h_labelled("Publisher", _h_text(_inline(article.publisher))))
    if article.published_at is not None:
        lines.append(_h_labelled("Published", _attr(_when(article.published_at))))
    if article.url:
        lines.append(_h_labelled("URL", _h_link(article.url, article.url)))
    if article.provenance:
        lines.append(_h_labelled("Provenance", _h_text(_inline(article.provenance))))
    lines.append("</div>")
    if not article.claims:
        lines.append(f"<p {_LABEL_LINE}>No claims in this report.</p>")
    for claim in article.claims:
        lines.extend(_h_claim(claim))
    lines.append("</article>")
    return lines


def _rating_style(verdict: ReportVerdict | None) -> str:
    colour = verdict.rating_colour if verdict is not None else None
    if colour is None or not is_display_colour(colour):
        colour = _FALLBACK_COLOUR
    return f' style="--rating-colour: {_attr(colour)}"'


def _h_claim(claim: ReportClaim) -> list[str]:
    text = _inline(claim.text)
    verdict = claim.verdict
    lines = [
        f'<section class="claim" id="claim-{claim.id}"{_rating_style(verdict)} '
        f"{_dir_attrs(text, claim.language)}>",
        f"<h3 {_LABEL_LINE}>Claim {claim.id}</h3>",
        _h_block("p", text, "claim-text", claim.language),
    ]
    if claim.chain:
        chain_html = _attr(_CHAIN_ARROW).join(_h_text(_link_name(link)) for link in claim.chain)
        lines.append(_h_labelled("Attribution", chain_html, "attribution"))
    if claim.cue or claim.quote:
        cue_parts = [_h_text(_inline(part)) for part in (claim.cue, claim.quote) if part]
        lines.append(_h_labelled("Cue", " · ".join(cue_parts), "cue"))
    lines.extend(_h_verdict(verdict))
    if claim.evidence:
        lines.append(f"<h4 {_LABEL_LINE}>Evidence</h4>")
        lines.append(f'<ul class="evidence" {_LABEL_LINE}>')
        lines.extend(_h_evidence(item) for item in claim.evidence)
        lines.append("</ul>")
    if claim.matches:
        lines.append(f"<h4 {_LABEL_LINE}>Earlier fact-checks</h4>")
        lines.append(f'<ul class="matches" {_LABEL_LINE}>')
        lines.extend(_h_match(match) for match in claim.matches)
        lines.append("</ul>")
    lines.append("</section>")
    return lines


def _h_verdict(verdict: ReportVerdict | None) -> list[str]:
    if verdict is None:
        return [_h_labelled("Verdict", "none recorded yet", "verdict")]
    label = _inline(verdict.rating_label)
    details = " · ".join(_h_text(detail, "en") for detail in _verdict_details(verdict))
    lines = [
        _h_labelled(
            "Verdict",
            f'<span class="rating">{_h_text(label, "en")}</span> '
            f'<span class="details">{_h_text(_position(verdict), "en")} · {details}</span>',
            "verdict",
        )
    ]
    paragraphs = _paragraphs(verdict.rationale)
    if paragraphs:
        first = paragraphs[0]
        lines.append(f'<div class="rationale" {_dir_attrs(first)}>')
        lines.extend(_h_block("p", paragraph, "rationale-paragraph") for paragraph in paragraphs)
        lines.append("</div>")
    return lines


def _h_evidence(item: ReportEvidence) -> str:
    parts = [_h_link(item.title or item.url, item.url)]
    if item.archive_url:
        parts.append(_h_link("archived copy", item.archive_url, "en"))
    elif item.archive_state not in {"", "none", "archived"}:
        parts.append(f"archive {_h_text(_inline(item.archive_state))}")
    if item.retrieved_at is not None:
        parts.append(f"retrieved {_attr(_when(item.retrieved_at))}")
    excerpt = ""
    if item.excerpt:
        excerpt = _h_block("blockquote", _inline(item.excerpt), "excerpt")
    return f"<li {_LABEL_LINE}>{' — '.join(parts)}{excerpt}</li>"


def _h_match(match: ReportMatch) -> str:
    parts = [_h_link(match.title or match.url or "untitled fact-check", match.url)]
    if match.publisher:
        parts.append(_h_text(_inline(match.publisher)))
    if match.rating:
        parts.append(f'rated <span class="matched-rating">{_h_text(_inline(match.rating))}</span>')
    parts.append(f'<span class="details">{_attr(", ".join(_match_details(match)))}</span>')
    return f"<li {_LABEL_LINE}>{' — '.join(parts)}</li>"
