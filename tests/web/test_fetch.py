"""Fetching pages with the real httpx client against a real local HTTP server."""

from __future__ import annotations

import httpx
import pytest

from tests.support.http_server import LocalHTTPServer, unused_port
from workbench import __version__
from workbench.web.fetch import FetchedPage, FetchError, fetch_url

ARABIC_PAGE = "<html lang='ar'><body><p>قال المتحدث إن اللقاء سيعقد.</p></body></html>"


def test_a_page_is_fetched_with_its_bytes_status_and_content_type(
    http_server: LocalHTTPServer,
) -> None:
    url = http_server.route("/article", body=ARABIC_PAGE)

    page = fetch_url(url)

    assert page == FetchedPage(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html",
        charset="utf-8",
        body=ARABIC_PAGE.encode("utf-8"),
    )


def test_the_charset_comes_from_the_content_type_header(http_server: LocalHTTPServer) -> None:
    body = "قال المتحدث".encode("cp1256")
    url = http_server.route("/cp1256", body=body, content_type='text/html; charset="Windows-1256"')

    page = fetch_url(url)

    assert page.charset == "windows-1256"
    assert page.body == body


def test_a_page_without_charset_has_none(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/plain", body="hello", content_type="text/plain")

    assert fetch_url(url).charset is None


def test_the_user_agent_names_the_workbench_and_its_version(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/ua", body="ok", content_type="text/plain")

    fetch_url(url)

    assert (
        http_server.requests[-1].headers["user-agent"].startswith(f"ClaimWorkbench/{__version__} ")
    )


def test_redirects_are_followed_and_the_final_url_is_kept(http_server: LocalHTTPServer) -> None:
    final = http_server.route("/final", body="<p>done</p>")
    http_server.redirect("/middle", final, status=301)
    start = http_server.redirect("/start", "/middle")

    page = fetch_url(start)

    assert page.url == start
    assert page.final_url == final
    assert page.body == b"<p>done</p>"


def test_too_many_redirects_is_an_error(http_server: LocalHTTPServer) -> None:
    for hop in range(4):
        http_server.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    http_server.route("/hop4", body="end")

    with pytest.raises(FetchError, match=r"too many redirects \(more than 2\)"):
        fetch_url(http_server.url("/hop0"), max_redirects=2)
    assert fetch_url(http_server.url("/hop0"), max_redirects=4).body == b"end"


def test_a_redirect_loop_ends_in_an_error(http_server: LocalHTTPServer) -> None:
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")

    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(http_server.url("/a"))


def test_a_redirect_to_a_file_url_is_refused(http_server: LocalHTTPServer) -> None:
    start = http_server.redirect("/sneaky", "file:///etc/passwd")

    with pytest.raises(FetchError, match="only http and https pages can be fetched, not file:"):
        fetch_url(start)


def test_not_found_names_the_status_and_the_url(http_server: LocalHTTPServer) -> None:
    url = http_server.url("/missing")

    with pytest.raises(FetchError) as caught:
        fetch_url(url)

    assert str(caught.value) == f"HTTP 404 Not Found for {url}"


def test_a_server_error_is_an_error(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/broken", status=500, body="boom", content_type="text/plain")

    with pytest.raises(FetchError, match=r"^HTTP 500 Internal Server Error for "):
        fetch_url(url)


def test_a_slow_server_times_out_with_a_clear_message(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/slow", body="late", delay_seconds=5)

    with pytest.raises(FetchError, match=r"no answer from 127\.0\.0\.1 within 0\.5 s"):
        fetch_url(url, timeout=0.5)


def test_a_body_larger_than_the_limit_is_refused(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/huge", streamed_bytes=3_000_000, send_length=False)

    with pytest.raises(FetchError, match=r"page larger than 1 MB"):
        fetch_url(url, max_bytes=1_000_000)


def test_a_declared_length_over_the_limit_is_refused_before_reading(
    http_server: LocalHTTPServer,
) -> None:
    url = http_server.route("/declared", streamed_bytes=2_000_000)

    with pytest.raises(FetchError, match=r"page larger than 0.5 MB"):
        fetch_url(url, max_bytes=500_000)


def test_a_body_within_the_limit_is_read_whole(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/big", streamed_bytes=300_000, send_length=False)

    assert len(fetch_url(url, max_bytes=1_000_000).body) == 300_000


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/pdf", "application/octet-stream"]
)
def test_a_non_text_content_type_is_refused(
    http_server: LocalHTTPServer, content_type: str
) -> None:
    url = http_server.route("/file", body=b"\x89PNG\r\n", content_type=content_type)

    with pytest.raises(FetchError, match=f"not a text page: {content_type}"):
        fetch_url(url)


@pytest.mark.parametrize(
    "content_type",
    ["application/xhtml+xml", "text/markdown", "application/ld+json", "TEXT/HTML; Charset=UTF-8"],
)
def test_text_content_types_are_accepted(http_server: LocalHTTPServer, content_type: str) -> None:
    url = http_server.route("/text", body="x", content_type=content_type)

    assert fetch_url(url).content_type == content_type.split(";", maxsplit=1)[0].lower()


def test_a_refused_connection_is_a_one_line_error() -> None:
    url = f"http://127.0.0.1:{unused_port()}/"

    with pytest.raises(FetchError) as caught:
        fetch_url(url, timeout=2)

    assert str(caught.value) == "could not connect to 127.0.0.1: connection refused"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file.txt", "not ftp:"),
        ("file:///etc/passwd", "not file:"),
        ("javascript:alert(1)", "not javascript:"),
        ("example.org/news", "not a web address"),
    ],
)
def test_only_http_and_https_addresses_are_fetched(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_url(url)


def test_a_given_client_is_used_and_left_open(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/shared", body="shared", content_type="text/plain")

    with httpx.Client() as client:
        assert fetch_url(url, client=client).body == b"shared"
        assert not client.is_closed


def test_fetch_errors_are_single_lines(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/gone", status=410, body="", content_type="text/plain")

    with pytest.raises(FetchError) as caught:
        fetch_url(url)

    assert "\n" not in str(caught.value)
    assert str(caught.value) == f"HTTP 410 Gone for {url}"
