"""A pytest fixture that serves routes from a real local HTTP server for the duration of a test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.http_server import LocalHTTPServer


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A started LocalHTTPServer on 127.0.0.1, stopped after the test."""
    with LocalHTTPServer() as server:
        yield server
