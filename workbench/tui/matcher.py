"""Matching in a helper process, so that the terminal's interpreter is always free to draw.

Matching a claim against a large archive is mostly Python (candidate scoring, re-ranking,
difference flags) with many short database calls between. In a worker thread it shares one
interpreter with Textual: every database call gives the interpreter up and waits to get it
back while the screen lays out and draws, and a 30 ms match took 300-800 ms on a 2-core
machine. One helper process (`python -m workbench.tui.matcher`), started in the background
when the app starts, runs the same workflow (`claim_matches`) with its own connection and keeps
its caches warm between claims; the worker thread only waits for its answer. Requests and
answers are JSON lines on the helper's standard input and output; the database URL travels
there too, never on a command line. If the helper cannot start or dies, matching runs in the
thread as before.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from workbench.config import MatchingSettings
from workbench.core.data import register_extra_dir
from workbench.core.errors import WorkbenchError
from workbench.core.text.normalise import matching_key
from workbench.store.database import Database, open_database
from workbench.workflows.matching import claim_matches


class Matcher:
    """Runs `claim_matches` in one helper process; in the calling thread when it cannot."""

    def __init__(
        self,
        *,
        database: Database,
        database_url: str,
        settings: MatchingSettings,
        language_dir: Path | None,
        use_helper: bool,
    ) -> None:
        self._database = database
        self._database_url = database_url
        self._settings = settings
        self._language_dir = str(language_dir) if language_dir is not None else None
        self._use_helper = use_helper
        self._helper: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    @property
    def uses_helper(self) -> bool:
        """Whether matches are computed in the helper process."""
        return self._use_helper and self._helper is not None

    def start(self) -> None:
        """Start the helper process (it loads in the background; returns at once)."""
        with self._lock:
            if self._use_helper and self._helper is None:
                self._helper = self._start_helper()

    def _start_helper(self) -> subprocess.Popen[str] | None:
        try:
            helper = subprocess.Popen(
                [sys.executable, "-m", "workbench.tui.matcher"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
            )
            assert helper.stdin is not None
            _send(
                helper.stdin,
                {
                    "database_url": self._database_url,
                    "matching": self._settings.model_dump(mode="json"),
                    "language_dir": self._language_dir,
                },
            )
        except OSError:
            self._use_helper = False
            return None
        return helper

    def claim_matches(self, claim_id: int, *, rematch: bool, top: int = 5) -> list[dict[str, Any]]:
        """A claim's stored matches after matching it when needed (call from a worker thread);
        see `workflows.matching.claim_matches`."""
        with self._lock:
            helper = self._helper if self._use_helper else None
            if helper is not None:
                request = {"claim_id": claim_id, "rematch": rematch, "top": top}
                answer = self._ask(helper, request)
                if answer is not None:
                    if "error" in answer:
                        raise WorkbenchError(str(answer["error"]))
                    return list(answer["links"])
                # The helper died or answered nonsense: match here from now on.
                self._use_helper = False
                self._helper = None
                helper.kill()
        return claim_matches(
            database=self._database,
            claim_id=claim_id,
            settings=self._settings,
            rematch=rematch,
            top=top,
        )

    @staticmethod
    def _ask(helper: subprocess.Popen[str], request: dict[str, Any]) -> dict[str, Any] | None:
        if helper.stdin is None or helper.stdout is None:
            return None
        try:
            _send(helper.stdin, request)
            line = helper.stdout.readline()
            answer = json.loads(line) if line else None
        except (OSError, ValueError):
            return None
        return answer if isinstance(answer, dict) else None

    def close(self) -> None:
        """Stop the helper process (without waiting for a match in flight: its worker then
        reads the end of the helper's output and matches in its own thread, or is cancelled)."""
        helper, self._helper = self._helper, None
        if helper is not None:
            if helper.stdin is not None:
                with contextlib.suppress(OSError):
                    helper.stdin.close()  # the helper ends at the end of its input
            try:
                helper.wait(timeout=2)
            except subprocess.TimeoutExpired:
                helper.kill()


def _send(stream: IO[str], message: dict[str, Any]) -> None:
    stream.write(json.dumps(message, ensure_ascii=False) + "\n")
    stream.flush()


def _serve(requests: IO[str], answers: IO[str]) -> None:
    """The helper: read the configuration line, then answer one match request per line."""
    first = requests.readline()
    if not first:
        return
    configuration = json.loads(first)
    if configuration.get("language_dir"):
        register_extra_dir(Path(configuration["language_dir"]))
    settings = MatchingSettings.model_validate(configuration["matching"])
    database = open_database(configuration["database_url"])
    matching_key("warm up")  # builds the folding table before the first claim arrives
    try:
        for line in requests:
            request = json.loads(line)
            try:
                links = claim_matches(
                    database=database,
                    claim_id=int(request["claim_id"]),
                    settings=settings,
                    rematch=bool(request["rematch"]),
                    top=int(request.get("top", 5)),
                )
            except WorkbenchError as exc:
                _send(answers, {"error": exc.message})
                continue
            _send(answers, {"links": links})
    finally:
        database.dispose()


if __name__ == "__main__":
    _serve(sys.stdin, sys.stdout)
