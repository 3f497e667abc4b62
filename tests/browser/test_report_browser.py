"""The HTML verdict report in a real browser: Arabic blocks render right-to-left; a screenshot."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.cli.test_exports import checked_seed
from tests.support.http_server import LocalHTTPServer

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The harness (not the report: the report has no scripts) reads the report's computed styles
# from a same-origin iframe and writes them into its own DOM for --dump-dom.
HARNESS = """<!DOCTYPE html><html><body><pre id="out">waiting</pre>
<iframe id="report" src="/report.html" width="1200" height="900"></iframe>
<script>
document.getElementById('report').addEventListener('load', function () {
  var doc = this.contentDocument, win = this.contentWindow, found = [];
  doc.querySelectorAll('[lang="ar"]').forEach(function (node) {
    found.push({tag: node.tagName, lang: 'ar', direction: win.getComputedStyle(node).direction,
                align: win.getComputedStyle(node).textAlign, text: node.textContent.slice(0, 30)});
  });
  doc.querySelectorAll('[lang="en"]').forEach(function (node) {
    found.push({tag: node.tagName, lang: 'en', direction: win.getComputedStyle(node).direction,
                text: node.textContent.slice(0, 30)});
  });
  document.getElementById('out').textContent = 'RESULT' + JSON.stringify(found) + 'END';
});
</script></body></html>"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def test_arabic_blocks_render_right_to_left_in_chromium(
    sqlite_url: str, seed_path: Path, http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    chromium = _chromium()
    ids = checked_seed(sqlite_url, seed_path)
    html = run_cli(
        "--db", sqlite_url, "export", "--format", "html", "--article", str(ids["article"])
    ).stdout
    http_server.route("/report.html", body=html)
    http_server.route("/harness.html", body=HARNESS)
    profile = tmp_path / "profile"
    dumped = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            http_server.url("/harness.html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "RESULT" in dumped.stdout, dumped.stderr[-2000:]
    blocks = json.loads(
        dumped.stdout.split("RESULT", 1)[1]
        .split("END", 1)[0]
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    arabic = [block for block in blocks if block["lang"] == "ar"]
    english = [block for block in blocks if block["lang"] == "en"]
    assert len(arabic) >= 5
    assert all(block["direction"] == "rtl" for block in arabic), arabic
    assert english and all(block["direction"] == "ltr" for block in english), english

    screenshot = tmp_path / "report.png"
    shot = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={screenshot}",
            "--window-size=1200,1600",
            http_server.url("/report.html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert screenshot.exists() and screenshot.stat().st_size > 10_000, shot.stderr[-2000:]
    keep = os.environ.get("REPORT_SCREENSHOT_DIR")
    if keep:
        shutil.copy(screenshot, Path(keep) / "report.png")
