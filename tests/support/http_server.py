"""A real HTTP server on 127.0.0.1 for tests: routes with status, headers, body, delays, redirects."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True, slots=True)
class Route:
    """What the server answers for one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay_seconds: float = 0.0
    redirect_to: str | None = None
    streamed_bytes: int = 0
    send_length: bool = True


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    """A request the server saw, for assertions about what the client sent."""

    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[ReceivedRequest] = []
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client drops a keep-alive connection; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests.append(
            ReceivedRequest(path=self.path, headers={k.lower(): v for k, v in self.headers.items()})
        )
        route = self.server.routes.get(path)
        if route is None:
            route = Route(status=404, body=b"not found", content_type="text/plain")
        if route.delay_seconds:
            # An event, not sleep, so stopping the server releases slow handlers at once.
            self.server.stopping.wait(route.delay_seconds)
        # The client may hang up on purpose (too large, too slow); that is the point of the test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    def _answer(self, route: Route) -> None:
        self.send_response(route.status)
        if route.content_type is not None:
            self.send_header("Content-Type", route.content_type)
        if route.redirect_to is not None:
            self.send_header("Location", route.redirect_to)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.streamed_bytes:
            self.send_header("Connection", "close")
            if route.send_length:
                self.send_header("Content-Length", str(route.streamed_bytes))
            self.end_headers()
            for chunk in _chunks(route.streamed_bytes):
                if self.server.stopping.is_set():
                    return
                self.wfile.write(chunk)
            return
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    block = b"a" * size
    sent = 0
    while sent < total:
        piece = block[: min(size, total - sent)]
        sent += len(piece)
        yield piece


class LocalHTTPServer:
    """A threading HTTP server on 127.0.0.1 with a free port; register routes, then request them."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def requests(self) -> list[ReceivedRequest]:
        """Requests received so far, in order."""
        return self._server.requests

    def url(self, path: str = "/") -> str:
        """The full http URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def route(
        self,
        path: str,
        *,
        status: int = 200,
        body: bytes | str = b"",
        headers: dict[str, str] | None = None,
        content_type: str | None = "text/html; charset=utf-8",
        delay_seconds: float = 0.0,
        streamed_bytes: int = 0,
        send_length: bool = True,
    ) -> str:
        """Answer GET ``path`` as described and return the path's URL."""
        self._server.routes[path] = Route(
            status=status,
            body=body.encode("utf-8") if isinstance(body, str) else body,
            headers=dict(headers or {}),
            content_type=content_type,
            delay_seconds=delay_seconds,
            streamed_bytes=streamed_bytes,
            send_length=send_length,
        )
        return self.url(path)

    def redirect(self, path: str, to: str, *, status: int = 302) -> str:
        """Answer GET ``path`` with a redirect to ``to`` and return the path's URL."""
        self._server.routes[path] = Route(status=status, redirect_to=to, content_type=None)
        return self.url(path)

    def start(self) -> LocalHTTPServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release slow handlers, stop serving and close the socket."""
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def unused_port() -> int:
    """A local port nothing listens on (bound, read and released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
