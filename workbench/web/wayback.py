"""Archive evidence with the Wayback Machine (Save Page Now 2) and fingerprint what we fetched."""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlsplit

import httpx

from workbench.core.text.decode import DecodeError, decode_bytes
from workbench.core.text.sanitize import clean_untrusted
from workbench.web.fetch import DEFAULT_USER_AGENT, FetchError, parse_content_type, too_large

__all__ = [
    "DEFAULT_SAVE_OPTIONS",
    "ArchiveError",
    "ArchivePending",
    "ArchiveResult",
    "EvidenceSnapshot",
    "RateLimited",
    "fetch_evidence",
    "save_page",
]

WAYBACK_BASE_URL = "https://web.archive.org"
# A page captured within the last day is not captured again: the service answers with the
# recent capture, which spares our small quota of captures per minute.
DEFAULT_SAVE_OPTIONS: Mapping[str, str] = {"if_not_archived_within": "1d"}
# Retry-After is the service's to choose, but a bad header must not park a worker for hours.
MAX_RETRY_AFTER_SECONDS = 120.0
_MESSAGE_LIMIT = 300
_TITLE_SCAN_BYTES = 512 * 1024
_TITLE_LIMIT = 500
_CHUNK_SIZE = 64 * 1024
_TOTAL_TIME_FACTOR = 4
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TITLE = re.compile(rb"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class ArchiveError(Exception):
    """A page could not be archived; the message is one line fit to show a user."""


class RateLimited(ArchiveError):
    """The service kept answering 429; ``retry_after`` is how long it asked us to wait."""

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ArchivePending(ArchiveError):
    """The capture was accepted but not finished in time; ``job_id`` can be checked later."""

    def __init__(self, message: str, *, job_id: str) -> None:
        super().__init__(message)
        self.job_id = job_id


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """A finished capture: where the archived copy lives and when it was taken."""

    archive_url: str
    timestamp: str
    original_url: str


@dataclass(frozen=True, slots=True)
class EvidenceSnapshot:
    """What was fetched from an evidence page: where it ended up, its title and fingerprint."""

    url: str
    final_url: str
    title: str | None
    sha256: str
    retrieved_at: datetime
    content_type: str = ""
    byte_count: int = 0


def _one_line(text: str, limit: int = _MESSAGE_LIMIT) -> str:
    line = " ".join(clean_untrusted(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def _retry_after_seconds(header: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not header:
        return None
    value = header.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _network_message(error: httpx.HTTPError, what: str, timeout: float) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"no answer from {what} within {timeout:g} s"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect to {what}: {_one_line(str(error)) or 'connection failed'}"
    return f"could not reach {what}: {_one_line(str(error)) or type(error).__name__}"


@dataclass(frozen=True, slots=True)
class _SaveSettings:
    """Everything one save_page call needs, so the helpers take one value."""

    base_url: str
    headers: dict[str, str]
    secrets: tuple[str, ...]
    timeout: float
    poll_interval: float
    max_polls: int
    max_retries: int
    sleep: Callable[[float], None]


class _SaveJob:
    """One capture: submit, then poll its status, backing off when rate limited."""

    def __init__(self, client: httpx.Client, settings: _SaveSettings, url: str) -> None:
        self._client = client
        self._settings = settings
        self._url = url

    def _scrub(self, text: str) -> str:
        for secret in self._settings.secrets:
            text = text.replace(secret, "***")
        return text

    def _fail(self, message: str) -> ArchiveError:
        return ArchiveError(self._scrub(message))

    def _send(self, method: str, endpoint: str, form: Mapping[str, str] | None) -> httpx.Response:
        settings = self._settings
        wait: float | None = None
        for attempt in range(settings.max_retries + 1):
            try:
                response = self._client.request(
                    method,
                    endpoint,
                    data=dict(form) if form is not None else None,
                    headers=settings.headers,
                    timeout=settings.timeout,
                )
            except httpx.HTTPError as error:
                message = _network_message(error, "the Wayback Machine", settings.timeout)
                raise self._fail(message) from None
            if response.status_code != 429:
                return response
            asked = _retry_after_seconds(response.headers.get("retry-after"))
            fallback = max(settings.poll_interval, 1.0) * 2**attempt
            wait = min(asked if asked is not None else fallback, MAX_RETRY_AFTER_SECONDS)
            if attempt < settings.max_retries:
                settings.sleep(wait)
        raise RateLimited(
            f"the Wayback Machine is limiting captures; try {self._url} again in {wait or 0:.0f} s",
            retry_after=wait,
        )

    def _json(self, response: httpx.Response) -> dict[str, object]:
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400:
            detail = _service_message(data) if isinstance(data, dict) else ""
            hint = " (check the archive keys)" if response.status_code in {401, 403} else ""
            raise self._fail(
                f"the Wayback Machine answered HTTP {response.status_code} for {self._url}"
                f"{hint}{': ' + detail if detail else ''}"
            )
        if not isinstance(data, dict):
            raise self._fail(f"the Wayback Machine gave an unexpected answer for {self._url}")
        return data

    def submit(self, options: Mapping[str, str]) -> str:
        """Ask for a capture and return the job id."""
        form = {"url": self._url, **options}
        data = self._json(self._send("POST", f"{self._settings.base_url}/save/", form))
        job_id = data.get("job_id")
        if not isinstance(job_id, str) or not job_id:
            detail = _service_message(data) or "no job id in the answer"
            raise self._fail(f"the Wayback Machine did not accept {self._url}: {detail}")
        return job_id

    def wait_for(self, job_id: str) -> ArchiveResult:
        """Poll the job until it succeeds, fails, or runs out of polls."""
        settings = self._settings
        status_url = f"{settings.base_url}/save/status/{quote(job_id, safe='')}"
        for _poll in range(settings.max_polls):
            settings.sleep(settings.poll_interval)
            data = self._json(self._send("GET", status_url, None))
            status = data.get("status")
            if status == "success":
                return self._result(data)
            if status == "error":
                detail = _service_message(data) or "no reason given"
                raise self._fail(f"the Wayback Machine could not save {self._url}: {detail}")
        raise ArchivePending(
            self._scrub(
                f"the capture of {self._url} is still pending after {settings.max_polls} "
                f"checks (job {job_id}); try again later"
            ),
            job_id=job_id,
        )

    def _result(self, data: Mapping[str, object]) -> ArchiveResult:
        timestamp = data.get("timestamp")
        if not isinstance(timestamp, str) or not timestamp.isdigit():
            raise self._fail(f"the Wayback Machine reported success without a time: {self._url}")
        original = data.get("original_url")
        original_url = original if isinstance(original, str) and original else self._url
        return ArchiveResult(
            archive_url=f"{self._settings.base_url}/web/{timestamp}/{original_url}",
            timestamp=timestamp,
            original_url=original_url,
        )


def _service_message(data: Mapping[str, object] | None) -> str:
    if not data:
        return ""
    for field_name in ("message", "status_ext", "exception"):
        value = data.get(field_name)
        if isinstance(value, str) and value.strip():
            return _one_line(value)
    return ""


def save_page(
    url: str,
    *,
    access_key: str | None = None,
    secret_key: str | None = None,
    base_url: str = WAYBACK_BASE_URL,
    client: httpx.Client | None = None,
    timeout: float = 30.0,
    poll_interval: float = 3.0,
    max_polls: int = 40,
    max_retries: int = 3,
    sleep: Callable[[float], None] = time.sleep,
    options: Mapping[str, str] = DEFAULT_SAVE_OPTIONS,
) -> ArchiveResult:
    """Capture ``url`` with Save Page Now 2 and wait for the archived copy.

    Raises RateLimited after ``max_retries`` answers of 429, ArchivePending when the job is still
    running after ``max_polls`` checks, and ArchiveError for anything else. Keys never appear in
    messages.
    """
    if not _is_web_url(url):
        raise ArchiveError(f"only http and https pages can be archived: {_one_line(url)}")
    if (access_key is None) != (secret_key is None):
        raise ArchiveError("archiving with keys needs both the access key and the secret key")
    headers = {"Accept": "application/json", "User-Agent": DEFAULT_USER_AGENT}
    secrets: tuple[str, ...] = ()
    if access_key is not None and secret_key is not None:
        headers["Authorization"] = f"LOW {access_key}:{secret_key}"
        secrets = tuple(secret for secret in (access_key, secret_key) if secret)
    settings = _SaveSettings(
        base_url=base_url.rstrip("/"),
        headers=headers,
        secrets=secrets,
        timeout=timeout,
        poll_interval=poll_interval,
        max_polls=max_polls,
        max_retries=max_retries,
        sleep=sleep,
    )
    if client is not None:
        job = _SaveJob(client, settings, url)
        return job.wait_for(job.submit(options))
    with httpx.Client(follow_redirects=False) as own_client:
        job = _SaveJob(own_client, settings, url)
        return job.wait_for(job.submit(options))


def fetch_evidence(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
) -> EvidenceSnapshot:
    """Fetch an evidence page of any type (HTML, PDF, image...) and fingerprint its bytes.

    Raises FetchError (from workbench.web.fetch) for non-web URLs, HTTP errors, network
    failures and bodies over ``max_bytes``.
    """
    if not _is_web_url(url):
        raise FetchError(f"only http and https pages can be fetched: {_one_line(url)}")
    if client is not None:
        return _fetch_evidence_with(client, url, timeout, max_bytes)
    with httpx.Client(follow_redirects=True, max_redirects=max_redirects) as own_client:
        return _fetch_evidence_with(own_client, url, timeout, max_bytes)


def _fetch_evidence_with(
    client: httpx.Client, url: str, timeout: float, max_bytes: int
) -> EvidenceSnapshot:
    deadline = time.monotonic() + timeout * _TOTAL_TIME_FACTOR
    headers = {"User-Agent": DEFAULT_USER_AGENT, "Accept": "*/*"}
    host = urlsplit(url).hostname or url
    try:
        with client.stream(
            "GET", url, headers=headers, timeout=timeout, follow_redirects=True
        ) as response:
            final_url = str(response.url)
            if response.status_code >= 400:
                reason = response.reason_phrase
                raise FetchError(f"HTTP {response.status_code} {reason} for {final_url}".strip())
            declared_length = response.headers.get("content-length", "")
            if declared_length.isdigit() and int(declared_length) > max_bytes:
                raise FetchError(too_large(max_bytes, final_url))
            digest = hashlib.sha256()
            head = bytearray()
            received = 0
            for chunk in response.iter_bytes(_CHUNK_SIZE):
                received += len(chunk)
                if received > max_bytes:
                    raise FetchError(too_large(max_bytes, final_url))
                if time.monotonic() > deadline:
                    raise FetchError(f"{final_url} took too long to download")
                digest.update(chunk)
                if len(head) < _TITLE_SCAN_BYTES:
                    head.extend(chunk[: _TITLE_SCAN_BYTES - len(head)])
            content_type, charset = parse_content_type(response.headers.get("content-type", ""))
    except httpx.HTTPError as error:
        raise FetchError(_network_message(error, host, timeout)) from None
    title = _html_title(bytes(head), charset) if _looks_html(content_type, bytes(head)) else None
    return EvidenceSnapshot(
        url=url,
        final_url=final_url,
        title=title,
        sha256=digest.hexdigest(),
        retrieved_at=datetime.now(UTC),
        content_type=content_type,
        byte_count=received,
    )


def _looks_html(content_type: str, head: bytes) -> bool:
    if content_type in _HTML_TYPES:
        return True
    # Servers often send HTML without a type; a PDF or image never starts with markup.
    return not content_type and head.lstrip()[:1] == b"<"


def _html_title(head: bytes, charset: str | None) -> str | None:
    found = _TITLE.search(head)
    if found is None or not found.group(1).strip():
        return None
    if charset is None:
        declared = _DECLARED_CHARSET.search(head)
        charset = declared.group(1).decode("ascii").lower() if declared else None
    try:
        text = decode_bytes(found.group(1), declared=charset).text
    except DecodeError:
        return None
    title = " ".join(clean_untrusted(html.unescape(text)).split())
    return title[:_TITLE_LIMIT] or None
