"""The Fact Check Tools API client against a real local HTTP server: pages, retries, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.http_server import LocalHTTPServer, Route, unused_port
from workbench.web.factcheck_api import FactCheckApiError, search_claims

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "claimreview"
API_PATH = "/v1alpha1/claims:search"
SECRET_KEY = "AIzaTEST-secret-key-123"
JSON = "application/json; charset=utf-8"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _query(request_path: str) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlsplit(request_path).query).items()}


def _search(server: LocalHTTPServer, sleeps: list[float] | None = None, **options: Any) -> Any:
    arguments: dict[str, Any] = {
        "query": "bridge",
        "api_key": SECRET_KEY,
        "base_url": server.url(API_PATH),
        "sleep": (sleeps if sleeps is not None else []).append,
    }
    arguments.update(options)
    return search_claims(**arguments)


def _error_body(message: str, status: str = "PERMISSION_DENIED") -> str:
    return json.dumps({"error": {"code": 403, "message": message, "status": status}})


# --- pages ---------------------------------------------------------------------------------


def test_pages_are_followed_through_next_page_token(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body=_fixture("api_page1.json"), content_type=JSON)
    http_server.route(
        API_PATH,
        body=_fixture("api_page2.json"),
        content_type=JSON,
        query={"pageToken": "CAE-page-two"},
    )

    pages = list(_search(http_server))

    assert pages == [json.loads(_fixture("api_page1.json")), json.loads(_fixture("api_page2.json"))]
    assert "pageToken" not in _query(http_server.requests[0].path)
    assert _query(http_server.requests[1].path)["pageToken"] == "CAE-page-two"


def test_search_options_become_api_parameters(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="{}", content_type=JSON)

    list(
        _search(
            http_server,
            query="  القمح  ",
            language="ar",
            max_age_days=30,
            publisher_site="demo-fact-desk.example.org",
            page_size=25,
        )
    )

    assert _query(http_server.requests[0].path) == {
        "query": "القمح",
        "languageCode": "ar",
        "maxAgeDays": "30",
        "reviewPublisherSiteFilter": "demo-fact-desk.example.org",
        "pageSize": "25",
    }


def test_the_key_travels_in_a_header_and_never_in_the_url(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="{}", content_type=JSON)

    list(_search(http_server))

    request = http_server.requests[0]
    assert request.headers["x-goog-api-key"] == SECRET_KEY
    assert SECRET_KEY not in request.path
    assert request.headers["user-agent"].startswith("ClaimWorkbench/")


def test_a_publisher_site_alone_is_enough_to_search(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="{}", content_type=JSON)

    pages = list(_search(http_server, query=None, publisher_site="demo-fact-desk.example.org"))

    assert pages == [{}]
    assert "query" not in _query(http_server.requests[0].path)


def test_paging_stops_at_max_pages(http_server: LocalHTTPServer) -> None:
    endless = json.dumps({"claims": [], "nextPageToken": "more"})
    http_server.route(API_PATH, body=endless, content_type=JSON)
    http_server.route(
        API_PATH,
        body=json.dumps({"claims": [], "nextPageToken": "even-more"}),
        content_type=JSON,
        query={"pageToken": "more"},
    )
    http_server.route(
        API_PATH,
        body=json.dumps({"claims": [], "nextPageToken": "and-more"}),
        content_type=JSON,
        query={"pageToken": "even-more"},
    )

    pages = list(_search(http_server, max_pages=2))

    assert len(pages) == 2
    assert len(http_server.requests) == 2


def test_a_repeated_page_token_ends_paging(http_server: LocalHTTPServer) -> None:
    http_server.route(
        API_PATH, body=json.dumps({"nextPageToken": "same"}), content_type=JSON, query={}
    )

    pages = list(_search(http_server, max_pages=10))

    assert len(pages) == 2


def test_pages_are_requested_only_as_they_are_read(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body=_fixture("api_page1.json"), content_type=JSON)

    pages = _search(http_server)
    assert http_server.requests == []
    next(pages)

    assert len(http_server.requests) == 1


def test_a_caller_supplied_client_is_used_and_left_open(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="{}", content_type=JSON)

    with httpx.Client() as client:
        list(_search(http_server, client=client))
        assert not client.is_closed


# --- retries -------------------------------------------------------------------------------


def test_429_is_retried_after_the_servers_retry_after(http_server: LocalHTTPServer) -> None:
    http_server.route_sequence(
        API_PATH,
        [
            Route(status=429, headers={"Retry-After": "7"}, content_type=JSON),
            Route(status=200, body=b'{"claims": []}', content_type=JSON),
        ],
    )
    sleeps: list[float] = []

    pages = list(_search(http_server, sleeps))

    assert pages == [{"claims": []}]
    assert sleeps == [7.0]
    assert len(http_server.requests) == 2


def test_a_very_long_retry_after_is_capped(http_server: LocalHTTPServer) -> None:
    http_server.route_sequence(
        API_PATH,
        [
            Route(status=503, headers={"Retry-After": "86400"}),
            Route(status=200, body=b"{}", content_type=JSON),
        ],
    )
    sleeps: list[float] = []

    list(_search(http_server, sleeps))

    assert sleeps == [60.0]


def test_500_is_retried_with_growing_pauses_then_succeeds(http_server: LocalHTTPServer) -> None:
    http_server.route_sequence(
        API_PATH,
        [
            Route(status=500),
            Route(status=500),
            Route(status=200, body=b"{}", content_type=JSON),
        ],
    )
    sleeps: list[float] = []

    assert list(_search(http_server, sleeps)) == [{}]
    assert sleeps == [1.0, 2.0]


def test_rate_limiting_that_never_ends_is_an_error_after_max_retries(
    http_server: LocalHTTPServer,
) -> None:
    http_server.route(API_PATH, status=429, body=_error_body("Quota exceeded"), content_type=JSON)
    sleeps: list[float] = []

    with pytest.raises(FactCheckApiError, match=r"rate-limiting requests \(HTTP 429\)") as raised:
        list(_search(http_server, sleeps, max_retries=3))

    assert sleeps == [1.0, 2.0, 4.0]
    assert len(http_server.requests) == 4
    assert "after 3 retries" in str(raised.value)
    assert "Quota exceeded" in str(raised.value)


def test_a_failing_server_is_an_error_after_max_retries(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, status=503, body="down", content_type="text/plain")

    with pytest.raises(FactCheckApiError, match=r"failing \(HTTP 503\).*after 1 retries"):
        list(_search(http_server, max_retries=1))
    assert len(http_server.requests) == 2


# --- errors --------------------------------------------------------------------------------


def test_403_is_a_refused_key_without_retry_and_without_the_key(
    http_server: LocalHTTPServer,
) -> None:
    http_server.route(
        API_PATH,
        status=403,
        body=_error_body(f"The key {SECRET_KEY} is not allowed for this API."),
        content_type=JSON,
    )
    sleeps: list[float] = []

    with pytest.raises(FactCheckApiError) as raised:
        list(_search(http_server, sleeps))

    message = str(raised.value)
    assert message.startswith("the API refused the key (HTTP 403)")
    assert SECRET_KEY not in message
    assert "The key *** is not allowed" in message
    assert sleeps == []
    assert len(http_server.requests) == 1


def test_an_invalid_key_answered_with_400_is_a_refused_key(http_server: LocalHTTPServer) -> None:
    body = _error_body("API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT")
    http_server.route(API_PATH, status=400, body=body, content_type=JSON)

    with pytest.raises(FactCheckApiError, match=r"^the API refused the key \(HTTP 400\)"):
        list(_search(http_server))


def test_another_400_is_a_rejected_request_with_the_apis_reason(
    http_server: LocalHTTPServer,
) -> None:
    body = _error_body("Request contains an invalid argument.", "INVALID_ARGUMENT")
    http_server.route(API_PATH, status=400, body=body, content_type=JSON)

    with pytest.raises(
        FactCheckApiError,
        match=r"^the API rejected the request \(HTTP 400\): Request contains an invalid argument",
    ):
        list(_search(http_server))


def test_a_long_error_message_is_shortened_after_the_key_is_removed(
    http_server: LocalHTTPServer,
) -> None:
    # The key straddles the 200-character cut; shortening first would leave part of it.
    message = "x" * 190 + SECRET_KEY + " tail"
    http_server.route(API_PATH, status=403, body=_error_body(message), content_type=JSON)

    with pytest.raises(FactCheckApiError) as raised:
        list(_search(http_server))

    assert "AIzaTEST" not in str(raised.value)
    assert "\n" not in str(raised.value)


def test_an_answer_that_is_not_json_is_an_error(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="<html>captive portal</html>")

    with pytest.raises(FactCheckApiError) as raised:
        list(_search(http_server))

    assert str(raised.value) == "the API answered with something that is not JSON"


def test_json_that_is_not_an_object_is_an_error(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="[1, 2]", content_type=JSON)

    with pytest.raises(FactCheckApiError, match="not an object"):
        list(_search(http_server))


def test_a_wrong_address_is_an_error_that_hides_a_key_in_the_url(
    http_server: LocalHTTPServer,
) -> None:
    base_url = http_server.url(f"/nowhere?key={SECRET_KEY}")

    with pytest.raises(FactCheckApiError, match=r"not found \(HTTP 404\)") as raised:
        list(_search(http_server, base_url=base_url))

    assert SECRET_KEY not in str(raised.value)


def test_a_refused_connection_is_one_line_without_the_key() -> None:
    base_url = f"http://127.0.0.1:{unused_port()}{API_PATH}?key={SECRET_KEY}"
    sleeps: list[float] = []

    with pytest.raises(FactCheckApiError) as raised:
        list(search_claims(query="x", api_key=SECRET_KEY, base_url=base_url, sleep=sleeps.append))

    message = str(raised.value)
    assert message == "could not connect to 127.0.0.1: connection refused"
    # Nothing chained either, so a printed traceback cannot show the request.
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_a_server_that_does_not_answer_in_time_is_a_timeout(http_server: LocalHTTPServer) -> None:
    http_server.route(API_PATH, body="{}", content_type=JSON, delay_seconds=3)

    with pytest.raises(FactCheckApiError, match=r"no answer from 127\.0\.0\.1 within 0\.2 s"):
        list(_search(http_server, timeout=0.2))


def test_searching_without_query_or_site_is_refused_before_any_request(
    http_server: LocalHTTPServer,
) -> None:
    with pytest.raises(FactCheckApiError, match="give a search query or a publisher site"):
        _search(http_server, query="  ")
    assert http_server.requests == []


def test_searching_without_a_key_is_refused(http_server: LocalHTTPServer) -> None:
    with pytest.raises(FactCheckApiError, match="no Fact Check Tools API key"):
        _search(http_server, api_key="")
