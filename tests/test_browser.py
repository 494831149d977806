"""The claims index in a real browser (Debian's Chromium, driven by playwright-core from tools/)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not (shutil.which("node") and Path(CHROMIUM).exists()
                                     and (ROOT / "tools/node_modules/playwright-core").is_dir()),
                                reason="needs node, Debian's chromium and tools/ (make test installs them)")


@pytest.fixture(scope="module")
def served(mini_site):
    _, site = mini_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def filter_claims(url: str, text: str) -> dict:
    result = subprocess.run(["node", "bench/claims_filter.js", url + "claims/", text], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "page error" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_typing_filters_the_claims_as_you_type(served):
    result = filter_claims(served, "Rostec")
    assert result["keystrokes"] == len("Rostec")  # the count updated after every keystroke
    assert result["status"] == "1 claim matches" and result["rows_after"] == 1


def test_a_filter_with_no_match_says_so(served):
    result = filter_claims(served, "zzzz-nothing")
    assert result["status"] == "0 claims match" and result["rows_after"] == 0
