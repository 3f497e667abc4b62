"""Fetch a web page's bytes over HTTP(S), with limits on time, size, redirects and content type."""

from __future__ import annotations

import time
from dataclasses import dataclass
from http import HTTPStatus

import httpx

from workbench import __version__

DEFAULT_USER_AGENT = f"ClaimWorkbench/{__version__} (+fact-checking workbench)"

TEXT_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/json",
        "application/ld+json",
    }
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_SIZE = 64 * 1024
# A server that trickles bytes never trips the read timeout; the whole fetch has a ceiling too.
_TOTAL_TIME_FACTOR = 4


class FetchError(Exception):
    """A page could not be fetched; the message is one line fit to show a user."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The bytes of a fetched page with where they came from and how the server described them."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


def fetch_url(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
    user_agent: str = DEFAULT_USER_AGENT,
    client: httpx.Client | None = None,
) -> FetchedPage:
    """Fetch one text page, following at most ``max_redirects`` redirects; raise FetchError."""
    _check_scheme(url, url)
    limits = _Limits(timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects)
    if client is not None:
        return _fetch_with(client, url, limits, user_agent=user_agent)
    with httpx.Client(follow_redirects=False) as own_client:
        return _fetch_with(own_client, url, limits, user_agent=user_agent)


@dataclass(frozen=True, slots=True)
class _Limits:
    timeout: float
    max_bytes: int
    max_redirects: int


def _fetch_with(client: httpx.Client, url: str, limits: _Limits, *, user_agent: str) -> FetchedPage:
    timeout, max_redirects = limits.timeout, limits.max_redirects
    deadline = time.monotonic() + timeout * _TOTAL_TIME_FACTOR
    current_url = url
    headers = {
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    }
    for _hop in range(max_redirects + 1):
        try:
            request = client.build_request(
                "GET", current_url, headers=headers, timeout=httpx.Timeout(timeout)
            )
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.HTTPError as error:
            raise FetchError(_network_message(error, current_url, timeout)) from error
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_STATUSES and location:
                current_url = str(response.url.join(location))
                _check_scheme(current_url, url)
                continue
            return _read_page(response, url, limits, deadline)
        finally:
            response.close()
    raise FetchError(f"too many redirects (more than {max_redirects}) for {url}")


def _read_page(response: httpx.Response, url: str, limits: _Limits, deadline: float) -> FetchedPage:
    max_bytes, timeout = limits.max_bytes, limits.timeout
    final_url = str(response.url)
    if response.status_code >= 400:
        reason = response.reason_phrase or _standard_reason(response.status_code)
        raise FetchError(f"HTTP {response.status_code} {reason} for {final_url}".strip())
    content_type, charset = parse_content_type(response.headers.get("content-type", ""))
    if content_type and content_type not in TEXT_CONTENT_TYPES:
        raise FetchError(f"not a text page: {content_type} at {final_url}")
    declared_length = response.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise FetchError(too_large(max_bytes, final_url))
    chunks: list[bytes] = []
    received = 0
    try:
        for chunk in response.iter_bytes(_CHUNK_SIZE):
            received += len(chunk)
            if received > max_bytes:
                raise FetchError(too_large(max_bytes, final_url))
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{final_url} took longer than {timeout * _TOTAL_TIME_FACTOR:g} s to download"
                )
            chunks.append(chunk)
    except httpx.HTTPError as error:
        raise FetchError(_network_message(error, final_url, timeout)) from error
    return FetchedPage(
        url=url,
        final_url=final_url,
        status=response.status_code,
        content_type=content_type,
        charset=charset,
        body=b"".join(chunks),
    )


def _check_scheme(candidate: str, original: str) -> None:
    scheme, separator, _rest = candidate.partition(":")
    if not separator or not scheme.isascii() or not scheme.replace("+", "").isalnum():
        raise FetchError(f"not a web address: {_one_line(original)}")
    if scheme.lower() not in {"http", "https"}:
        where = "" if candidate == original else f" (redirected from {_one_line(original)})"
        raise FetchError(f"only http and https pages can be fetched, not {scheme.lower()}:{where}")


def parse_content_type(header: str) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header, lower-cased."""
    media_type, *parameters = header.split(";")
    charset: str | None = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media_type.strip().lower(), charset


def too_large(max_bytes: int, url: str) -> str:
    """The message for a body over the size cap."""
    return f"page larger than {max_bytes / 1_000_000:g} MB: {url}"


def _standard_reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _network_message(error: httpx.HTTPError, url: str, timeout: float) -> str:
    host = httpx.URL(url).host if _parses(url) else url
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting to {host} after {timeout:g} s"
    if isinstance(error, httpx.TimeoutException):
        return f"no answer from {host} within {timeout:g} s"
    if isinstance(error, httpx.TooManyRedirects):
        return f"too many redirects for {url}"
    detail = _one_line(str(error)) or type(error).__name__
    lowered = detail.lower()
    if isinstance(error, httpx.ConnectError):
        if "refused" in lowered:
            return f"could not connect to {host}: connection refused"
        if any(
            hint in lowered
            for hint in ("name or service not known", "nodename nor servname", "getaddrinfo")
        ):
            return f"could not find the server {host} (DNS lookup failed)"
        return f"could not connect to {host}: {detail}"
    if isinstance(error, httpx.UnsupportedProtocol):
        return f"only http and https pages can be fetched: {_one_line(url)}"
    return f"could not fetch {_one_line(url)}: {detail}"


def _parses(url: str) -> bool:
    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    return True


def _one_line(text: str) -> str:
    return " ".join(text.split())
