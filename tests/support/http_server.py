"""A real HTTP server on 127.0.0.1 for tests: routes with status, headers, body, delays, redirects.

Routes can also answer differently on successive requests (``route_sequence``) or by query
string (``route(..., query={"pageToken": "abc"})``). POST is answered by the same routes as
GET, and its body is kept in ``requests`` for assertions.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs


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
class QueryRoute:
    """A route that applies only when the query string holds all these parameter values."""

    path: str
    query: dict[str, str]
    route: Route


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    """A request the server saw, for assertions about what the client sent."""

    path: str
    headers: dict[str, str]
    method: str = "GET"
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.query_routes: list[QueryRoute] = []
        self.sequences: dict[str, list[Route]] = {}
        self.lock = threading.Lock()
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
        self._handle("GET", b"")

    def do_POST(self) -> None:
        """Answer POST like GET (routes are per path, whatever the method); the body is kept."""
        length = self.headers.get("Content-Length", "")
        body = self.rfile.read(int(length)) if length.isdigit() else b""
        self._handle("POST", body)

    def _handle(self, method: str, body: bytes) -> None:
        path, _, query_string = self.path.partition("?")
        self.server.requests.append(
            ReceivedRequest(
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                method=method,
                body=body,
            )
        )
        route = self._pick_route(path, query_string)
        if route is None:
            route = Route(status=404, body=b"not found", content_type="text/plain")
        if route.delay_seconds:
            # An event, not sleep, so stopping the server releases slow handlers at once.
            self.server.stopping.wait(route.delay_seconds)
        # The client may hang up on purpose (too large, too slow); that is the point of the test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    def _pick_route(self, path: str, query_string: str) -> Route | None:
        query = {name: values[-1] for name, values in parse_qs(query_string).items()}
        for candidate in reversed(self.server.query_routes):
            if candidate.path == path and all(
                query.get(name) == value for name, value in candidate.query.items()
            ):
                return candidate.route
        with self.server.lock:
            answers = self.server.sequences.get(path)
            if answers:
                # The last answer repeats once the sequence is used up.
                return answers.pop(0) if len(answers) > 1 else answers[0]
        return self.server.routes.get(path)

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
        query: dict[str, str] | None = None,
    ) -> str:
        """Answer GET ``path`` as described and return the path's URL.

        With ``query``, the route applies only to requests whose query string holds those
        values; such routes are tried first, the latest registered first.
        """
        answer = Route(
            status=status,
            body=body.encode("utf-8") if isinstance(body, str) else body,
            headers=dict(headers or {}),
            content_type=content_type,
            delay_seconds=delay_seconds,
            streamed_bytes=streamed_bytes,
            send_length=send_length,
        )
        if query is not None:
            self._server.query_routes.append(QueryRoute(path=path, query=dict(query), route=answer))
        else:
            self._server.routes[path] = answer
        return self.url(path)

    def route_sequence(self, path: str, answers: Sequence[Route]) -> str:
        """Answer successive GETs of ``path`` with ``answers`` in turn, repeating the last."""
        if not answers:
            raise ValueError("route_sequence needs at least one answer")
        with self._server.lock:
            self._server.sequences[path] = list(answers)
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
