"""The real app in a real terminal (tmux): open the Reuters claim, see its chain and match, confirm."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

import pytest

from workbench.config import Settings
from workbench.store.database import open_database
from workbench.workflows.matching import links_of_claim

REUTERS_CLAIM = 6
"""The seed's Reuters claim ("13 جنديا"): the headline is claim 1, the body follows."""

pytestmark = pytest.mark.tmux


SOCKET = f"workbench-test-{uuid.uuid4().hex[:8]}"
"""A private tmux server, so the test neither sees nor disturbs anyone else's sessions."""


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout


def _wait_for(session: str, wanted: Callable[[str], bool], timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if wanted(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def test_the_reuters_claim_is_opened_and_its_strong_match_confirmed_in_tmux(
    settings: Settings, demo_url: str
) -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is required on CI")
        pytest.skip("tmux is not installed")
    session = f"workbench-{uuid.uuid4().hex[:8]}"
    command = " ".join(
        shlex.quote(part) for part in (sys.executable, "-m", "workbench", "--db", demo_url, "tui")
    )
    # COLUMNS/LINES inherited from the test run would override the pane's real size.
    environment = "-u COLUMNS -u LINES WORKBENCH_WAYBACK__ENABLED=false WORKBENCH_UI__RTL_MODE=app"
    _tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "45")
    # Without a client attached tmux may keep its default 80x24: fix the size, check it, and
    # only then start the app in the pane.
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "160", "-y", "45")
    size = _tmux("display-message", "-p", "-t", session, "#{pane_width}x#{pane_height}").strip()
    assert size == "160x45", size
    _tmux("respawn-pane", "-k", "-t", session, f"env {environment} {command}")
    try:
        # The desk's tables fill in from a worker: wait for the article row, not just the frame.
        _wait_for(session, lambda screen: "Queues" in screen and " ar " in screen)
        time.sleep(0.5)
        # Articles table (tab from the queues), Enter opens the seed; j walks to the Reuters
        # claim (the headline comes first, then the body's claims in order); Enter opens it.
        _tmux("send-keys", "-t", session, "Tab")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda screen: "#1 · new" in screen)
        time.sleep(0.5)
        moves = 5
        for _ in range(3):
            for _ in range(abs(moves)):
                _tmux("send-keys", "-t", session, "j" if moves > 0 else "k")
                time.sleep(0.15)
            _tmux("send-keys", "-t", session, "Enter")
            # A key that arrived before the reader had focus is lost: read which claim opened,
            # and walk again from the reader by the difference.
            opened = _wait_for(session, lambda s: "— claim " in s)
            number = int(opened.split("— claim ", 1)[1].split()[0])
            if number == REUTERS_CLAIM:
                break
            moves = REUTERS_CLAIM - number
            _tmux("send-keys", "-t", session, "Escape")
            _wait_for(session, lambda screen: "#1 · new" in screen)
            time.sleep(0.5)
        # The panels load in their own workers: wait until both the chain and the match show.
        screen = _wait_for(session, lambda s: "suggested · strong" in s and "[origin]" in s)
        assert "2-link chain" in screen and "[relay]" in screen
        _tmux("send-keys", "-t", session, "c")
        screen = _wait_for(session, lambda s: "confirmed · strong" in s)
        _tmux("send-keys", "-t", session, "C-q")
        time.sleep(0.5)
    finally:
        subprocess.run(
            ["tmux", "-L", SOCKET, "kill-server"], capture_output=True, check=False, timeout=10
        )
    database = open_database(demo_url)
    try:
        states = [
            link["state"] for link in links_of_claim(database=database, claim_id=REUTERS_CLAIM)
        ]
    finally:
        database.dispose()
    assert states[0] == "confirmed"
