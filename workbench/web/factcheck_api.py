"""A client for the Google Fact Check Tools API ``claims:search``: pages, retries, clean errors."""

from __future__ import annotations

import email.utils
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx

from workbench.web.fetch import DEFAULT_USER_AGENT

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_SECONDS = 60.0
"""A server asking for a longer pause than this gets this; an import should not hang for hours."""
_FIRST_BACKOFF_SECONDS = 1.0
_MAX_BACKOFF_SECONDS = 30.0
_MESSAGE_LIMIT = 200
_KEY_IN_URL = re.compile(r"([?&](?:key|api_key)=)[^&#\s]*", re.IGNORECASE)


class FactCheckApiError(Exception):
    """The API could not be searched; the message is one line and never holds the API key."""


def search_claims(
    *,
    query: str | None,
    api_key: str,
    language: str | None = None,
    max_age_days: int | None = None,
    publisher_site: str | None = None,
    page_size: int = 100,
    max_pages: int = 10,
    base_url: str = DEFAULT_BASE_URL,
    client: httpx.Client | None = None,
    timeout: float = 15.0,
    max_retries: int = 4,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[dict[str, Any]]:
    """Yield each page of a ``claims:search`` answer as parsed JSON, following nextPageToken.

    The key travels in the ``X-Goog-Api-Key`` header, not the URL. 429, 500, 502, 503 and
    504 are retried up to ``max_retries`` times with exponential backoff, honouring
    Retry-After up to MAX_RETRY_AFTER_SECONDS. Arguments are checked at once; requests start
    when the first page is asked for.

    Raises:
        FactCheckApiError: bad arguments, a refused key or request, exhausted retries, a
            network failure or an answer that is not a JSON object.
    """
    if not api_key.strip():
        raise FactCheckApiError("no Fact Check Tools API key was given")
    if not (query and query.strip()) and not (publisher_site and publisher_site.strip()):
        raise FactCheckApiError("give a search query or a publisher site to search the API")
    if page_size < 1 or max_pages < 1 or max_retries < 0:
        raise FactCheckApiError("page size and page count must be at least 1, retries at least 0")
    params: dict[str, str] = {"pageSize": str(page_size)}
    if query and query.strip():
        params["query"] = query.strip()
    if language:
        params["languageCode"] = language
    if max_age_days is not None:
        params["maxAgeDays"] = str(max_age_days)
    if publisher_site:
        params["reviewPublisherSiteFilter"] = publisher_site
    session = _Session(
        base_url=base_url,
        api_key=api_key,
        timeout=timeout,
        max_retries=max_retries,
        sleep=sleep,
    )
    return _pages(session, params, max_pages=max_pages, client=client)


def _pages(
    session: _Session, params: dict[str, str], *, max_pages: int, client: httpx.Client | None
) -> Iterator[dict[str, Any]]:
    if client is None:
        with httpx.Client(follow_redirects=False) as own_client:
            yield from _pages_with(own_client, session, params, max_pages=max_pages)
    else:
        yield from _pages_with(client, session, params, max_pages=max_pages)


def _pages_with(
    client: httpx.Client, session: _Session, params: dict[str, str], *, max_pages: int
) -> Iterator[dict[str, Any]]:
    seen_tokens: set[str] = set()
    page_params = dict(params)
    for _page in range(max_pages):
        page = session.get_page(client, page_params)
        yield page
        token = page.get("nextPageToken")
        # A token seen before would loop forever on a misbehaving server.
        if not isinstance(token, str) or not token or token in seen_tokens:
            return
        seen_tokens.add(token)
        page_params = {**params, "pageToken": token}


class _Session:
    """What every request of one search shares: where, the key, and how to retry."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        timeout: float,
        max_retries: int,
        sleep: Callable[[float], None],
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.sleep = sleep
        self._api_key = api_key

    def get_page(self, client: httpx.Client, params: dict[str, str]) -> dict[str, Any]:
        headers = {
            "User-Agent": DEFAULT_USER_AGENT,
            "Accept": "application/json",
            "X-Goog-Api-Key": self._api_key,
        }
        for attempt in range(self.max_retries + 1):
            try:
                response = client.get(
                    self.base_url,
                    params=params,
                    headers=headers,
                    timeout=httpx.Timeout(self.timeout),
                )
            except httpx.HTTPError as error:
                # "from None": the chained httpx error would carry the request into tracebacks.
                raise FactCheckApiError(self._network_message(error)) from None
            if response.status_code in RETRYABLE_STATUSES and attempt < self.max_retries:
                self.sleep(_retry_delay(response, attempt))
                continue
            return self._page_from(response)
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _page_from(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if status >= 300:
            raise FactCheckApiError(self._status_message(response))
        try:
            page = json.loads(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise FactCheckApiError("the API answered with something that is not JSON") from None
        if not isinstance(page, dict):
            raise FactCheckApiError("the API answered with JSON that is not an object")
        return page

    def _status_message(self, response: httpx.Response) -> str:
        status = response.status_code
        # Scrub before shortening: a cut could leave part of the key where replace misses it.
        detail = _shorten(self.scrub(_error_detail(response)))
        suffix = f": {detail}" if detail else ""
        if status in {401, 403} or (status == 400 and "api key" in detail.lower()):
            return f"the API refused the key (HTTP {status}){suffix}"
        if status == 429:
            return (
                f"the API is rate-limiting requests (HTTP 429) and still was after "
                f"{self.max_retries} retries; try again later{suffix}"
            )
        if status in RETRYABLE_STATUSES:
            return (
                f"the API is failing (HTTP {status}) and still was after "
                f"{self.max_retries} retries; try again later{suffix}"
            )
        if status == 400:
            return f"the API rejected the request (HTTP 400){suffix}"
        if status == 404:
            return f"the API address was not found (HTTP 404): {_without_query(self.base_url)}"
        return f"the API answered HTTP {status}{suffix}"

    def _network_message(self, error: httpx.HTTPError) -> str:
        host = _host(self.base_url)
        if isinstance(error, httpx.ConnectTimeout):
            message = f"timed out connecting to {host} after {self.timeout:g} s"
        elif isinstance(error, httpx.TimeoutException):
            message = f"no answer from {host} within {self.timeout:g} s"
        elif isinstance(error, httpx.ConnectError):
            detail = _one_line(str(error)).lower()
            if "refused" in detail:
                message = f"could not connect to {host}: connection refused"
            else:
                message = f"could not connect to {host}: {_one_line(str(error))}"
        elif isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
            message = f"not a usable API address: {_without_query(self.base_url)}"
        else:
            detail = _one_line(str(error)) or type(error).__name__
            message = f"the request to {host} failed: {detail}"
        return self.scrub(message)

    def scrub(self, text: str) -> str:
        """The text on one line, without the API key in any form."""
        cleaned = _KEY_IN_URL.sub(r"\1***", _one_line(text))
        return cleaned.replace(self._api_key, "***")


def _retry_delay(response: httpx.Response, attempt: int) -> float:
    """Retry-After when the server gives one (capped), else 1, 2, 4... seconds."""
    backoff = min(_FIRST_BACKOFF_SECONDS * 2.0**attempt, _MAX_BACKOFF_SECONDS)
    retry_after = _parse_retry_after(response.headers.get("retry-after", ""))
    if retry_after is None or not math.isfinite(retry_after):
        return backoff
    return min(max(retry_after, 0.0), MAX_RETRY_AFTER_SECONDS)


def _parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


def _error_detail(response: httpx.Response) -> str:
    """The message of a Google API error body (``{"error": {"message"}}``), or ""."""
    try:
        body = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return ""
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return message if isinstance(message, str) else ""


def _shorten(text: str) -> str:
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or _without_query(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        return _without_query(url)


def _without_query(url: str) -> str:
    return _one_line(url.split("?", 1)[0])


def _one_line(text: str) -> str:
    return " ".join(text.split())
