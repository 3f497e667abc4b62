"""Save Page Now 2 client and evidence fetching against a real local server acting as the service."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import parse_qs

import pytest

from tests.support.http_server import LocalHTTPServer, Route, unused_port
from workbench.web.fetch import FetchError
from workbench.web.wayback import (
    ArchiveError,
    ArchivePending,
    ArchiveResult,
    RateLimited,
    fetch_evidence,
    save_page,
)

EVIDENCE_URL = "https://example.org/statement?id=1"
TIMESTAMP = "20251204180000"


def _json(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Route:
    return Route(
        status=status,
        body=json.dumps(data).encode("utf-8"),
        headers=dict(headers or {}),
        content_type="application/json",
    )


class _Sleeps:
    """Records the waits the client asks for instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _serve_job(server: LocalHTTPServer, *statuses: Route) -> None:
    server.route_sequence("/save/", [_json({"url": EVIDENCE_URL, "job_id": "spn2-abc"})])
    server.route_sequence("/save/status/spn2-abc", list(statuses))


def _success() -> Route:
    return _json({"status": "success", "timestamp": TIMESTAMP, "original_url": EVIDENCE_URL})


def test_a_capture_is_submitted_polled_until_success_and_gives_the_archive_url(
    http_server: LocalHTTPServer,
) -> None:
    _serve_job(http_server, _json({"status": "pending"}), _json({"status": "pending"}), _success())
    sleeps = _Sleeps()

    result = save_page(EVIDENCE_URL, base_url=http_server.url(""), poll_interval=2.5, sleep=sleeps)

    assert result == ArchiveResult(
        archive_url=f"{http_server.url('')}/web/{TIMESTAMP}/{EVIDENCE_URL}",
        timestamp=TIMESTAMP,
        original_url=EVIDENCE_URL,
    )
    assert sleeps.waits == [2.5, 2.5, 2.5]
    methods_and_paths = [(request.method, request.path) for request in http_server.requests]
    assert methods_and_paths == [
        ("POST", "/save/"),
        ("GET", "/save/status/spn2-abc"),
        ("GET", "/save/status/spn2-abc"),
        ("GET", "/save/status/spn2-abc"),
    ]


def test_the_form_carries_the_url_and_options_and_asks_for_json(
    http_server: LocalHTTPServer,
) -> None:
    _serve_job(http_server, _success())

    save_page(EVIDENCE_URL, base_url=http_server.url(""), sleep=_Sleeps())

    submitted = http_server.requests[0]
    form = parse_qs(submitted.body.decode("ascii"))
    assert form == {"url": [EVIDENCE_URL], "if_not_archived_within": ["1d"]}
    assert submitted.headers["accept"] == "application/json"
    assert "authorization" not in submitted.headers


def test_keys_are_sent_as_a_low_authorization_header(http_server: LocalHTTPServer) -> None:
    _serve_job(http_server, _success())

    save_page(
        EVIDENCE_URL,
        access_key="ACCESS123",
        secret_key="SECRET456",
        base_url=http_server.url(""),
        sleep=_Sleeps(),
    )

    assert all(
        request.headers["authorization"] == "LOW ACCESS123:SECRET456"
        for request in http_server.requests
    )


def test_a_failed_capture_raises_with_the_services_message(http_server: LocalHTTPServer) -> None:
    failure = _json(
        {
            "status": "error",
            "status_ext": "error:not-found",
            "message": "The server cannot find the requested resource.",
        }
    )
    _serve_job(http_server, _json({"status": "pending"}), failure)

    with pytest.raises(ArchiveError) as caught:
        save_page(EVIDENCE_URL, base_url=http_server.url(""), sleep=_Sleeps())

    assert str(caught.value) == (
        f"the Wayback Machine could not save {EVIDENCE_URL}: "
        "The server cannot find the requested resource."
    )


def test_a_capture_still_pending_after_the_last_poll_can_be_checked_later(
    http_server: LocalHTTPServer,
) -> None:
    _serve_job(http_server, _json({"status": "pending"}))
    sleeps = _Sleeps()

    with pytest.raises(ArchivePending) as caught:
        save_page(EVIDENCE_URL, base_url=http_server.url(""), max_polls=4, sleep=sleeps)

    assert isinstance(caught.value, ArchiveError)
    assert caught.value.job_id == "spn2-abc"
    assert "still pending after 4 checks" in str(caught.value)
    assert len(sleeps.waits) == 4


def test_a_429_is_retried_after_the_wait_the_service_asked_for(
    http_server: LocalHTTPServer,
) -> None:
    http_server.route_sequence(
        "/save/",
        [
            _json({"message": "Too many captures"}, status=429, headers={"Retry-After": "17"}),
            _json({"url": EVIDENCE_URL, "job_id": "spn2-abc"}),
        ],
    )
    http_server.route_sequence("/save/status/spn2-abc", [_success()])
    sleeps = _Sleeps()

    result = save_page(EVIDENCE_URL, base_url=http_server.url(""), poll_interval=3, sleep=sleeps)

    assert result.timestamp == TIMESTAMP
    assert sleeps.waits == [17.0, 3.0]
    assert [request.method for request in http_server.requests] == ["POST", "POST", "GET"]


def test_a_huge_retry_after_is_capped(http_server: LocalHTTPServer) -> None:
    http_server.route_sequence(
        "/save/",
        [
            _json({}, status=429, headers={"Retry-After": "86400"}),
            _json({"url": EVIDENCE_URL, "job_id": "spn2-abc"}),
        ],
    )
    http_server.route_sequence("/save/status/spn2-abc", [_success()])
    sleeps = _Sleeps()

    save_page(EVIDENCE_URL, base_url=http_server.url(""), poll_interval=1, sleep=sleeps)

    assert sleeps.waits[0] == 120.0


def test_rate_limiting_that_does_not_end_raises_rate_limited_with_the_wait(
    http_server: LocalHTTPServer,
) -> None:
    http_server.route_sequence("/save/", [_json({}, status=429, headers={"Retry-After": "30"})])
    sleeps = _Sleeps()

    with pytest.raises(RateLimited) as caught:
        save_page(EVIDENCE_URL, base_url=http_server.url(""), max_retries=2, sleep=sleeps)

    assert caught.value.retry_after == 30.0
    assert sleeps.waits == [30.0, 30.0]
    assert len(http_server.requests) == 3


def test_a_rate_limited_status_poll_is_retried_too(http_server: LocalHTTPServer) -> None:
    _serve_job(
        http_server,
        _json({}, status=429, headers={"Retry-After": "5"}),
        _success(),
    )
    sleeps = _Sleeps()

    result = save_page(EVIDENCE_URL, base_url=http_server.url(""), poll_interval=2, sleep=sleeps)

    assert result.timestamp == TIMESTAMP
    assert sleeps.waits == [2.0, 5.0]


def test_refused_keys_give_a_hint_and_never_show_the_keys(http_server: LocalHTTPServer) -> None:
    http_server.route_sequence(
        "/save/",
        [_json({"message": "Bad key SECRET456 for ACCESS123"}, status=401)],
    )

    with pytest.raises(ArchiveError) as caught:
        save_page(
            EVIDENCE_URL,
            access_key="ACCESS123",
            secret_key="SECRET456",
            base_url=http_server.url(""),
            sleep=_Sleeps(),
        )

    message = str(caught.value)
    assert "HTTP 401" in message
    assert "check the archive keys" in message
    assert "SECRET456" not in message
    assert "ACCESS123" not in message


def test_a_submission_without_a_job_id_raises_the_services_message(
    http_server: LocalHTTPServer,
) -> None:
    http_server.route_sequence(
        "/save/", [_json({"status": "error", "message": "Invalid URL syntax"})]
    )

    with pytest.raises(ArchiveError, match=r"did not accept .*: Invalid URL syntax"):
        save_page(EVIDENCE_URL, base_url=http_server.url(""), sleep=_Sleeps())


def test_an_unreachable_service_is_one_line_without_keys() -> None:
    base = f"http://127.0.0.1:{unused_port()}"

    with pytest.raises(ArchiveError) as caught:
        save_page(
            EVIDENCE_URL,
            access_key="ACCESS123",
            secret_key="SECRET456",
            base_url=base,
            timeout=2,
            sleep=_Sleeps(),
        )

    message = str(caught.value)
    assert message.startswith("could not connect to the Wayback Machine")
    assert "\n" not in message
    assert "SECRET456" not in message


def test_only_web_urls_are_archived_and_keys_come_in_pairs() -> None:
    with pytest.raises(ArchiveError, match="only http and https"):
        save_page("file:///etc/passwd", sleep=_Sleeps())
    with pytest.raises(ArchiveError, match="both the access key and the secret key"):
        save_page(EVIDENCE_URL, access_key="ACCESS123", sleep=_Sleeps())


# ---------------------------------------------------------------------------------------------
# Evidence snapshots


def test_an_evidence_page_is_fingerprinted_and_its_title_read(
    http_server: LocalHTTPServer,
) -> None:
    page = "<html><head><title> بيان  الخارجية &amp; Ministry </title></head><body>نص</body></html>"
    url = http_server.route("/statement", body=page)

    snapshot = fetch_evidence(url)

    assert snapshot.url == url
    assert snapshot.final_url == url
    assert snapshot.title == "بيان الخارجية & Ministry"
    assert snapshot.sha256 == hashlib.sha256(page.encode("utf-8")).hexdigest()
    assert snapshot.content_type == "text/html"
    assert snapshot.byte_count == len(page.encode("utf-8"))
    assert snapshot.retrieved_at.tzinfo is not None


def test_a_pdf_is_evidence_too_without_a_title(http_server: LocalHTTPServer) -> None:
    pdf = b"%PDF-1.7\n<title>not html</title>\n%%EOF"
    url = http_server.route("/report.pdf", body=pdf, content_type="application/pdf")

    snapshot = fetch_evidence(url)

    assert snapshot.title is None
    assert snapshot.sha256 == hashlib.sha256(pdf).hexdigest()
    assert snapshot.content_type == "application/pdf"


def test_a_title_in_a_declared_arabic_code_page_is_decoded(http_server: LocalHTTPServer) -> None:
    page = "<html><head><title>بيان وزارة الخارجية</title></head></html>".encode("cp1256")
    url = http_server.route("/cp1256", body=page, content_type="text/html; charset=windows-1256")

    assert fetch_evidence(url).title == "بيان وزارة الخارجية"


def test_redirects_are_followed_and_the_final_url_kept(http_server: LocalHTTPServer) -> None:
    final = http_server.route("/final", body="<title>Final</title>")
    start = http_server.redirect("/old", final, status=301)

    snapshot = fetch_evidence(start)

    assert snapshot.url == start
    assert snapshot.final_url == final
    assert snapshot.title == "Final"


def test_an_oversized_evidence_page_is_refused(http_server: LocalHTTPServer) -> None:
    url = http_server.route(
        "/huge", streamed_bytes=300_000, send_length=False, content_type="application/pdf"
    )

    with pytest.raises(FetchError, match="larger than"):
        fetch_evidence(url, max_bytes=100_000)


def test_an_evidence_page_that_is_gone_raises_fetch_error(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/gone", status=404, body="gone")

    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_evidence(url)


def test_evidence_urls_must_be_web_addresses() -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_evidence("javascript:alert(1)")
