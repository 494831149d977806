"""`mkdocs serve` with a page open in Chromium: a broken annotation shows its error on the page, with
file and line; the fix shows the fixed page, with no manual reload, and no request hangs meanwhile."""

from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, make_project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (
            shutil.which("node") and Path(CHROMIUM).exists() and (ROOT / "tools/node_modules/playwright-core").is_dir()
        ),
        reason="needs node, Debian's chromium and tools/ (make test installs them)",
    ),
]
SLUG = "moscow-times-2019-advisers-withdrawn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


def lines_of(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def wait_for(states: queue.Queue, test, seconds: float = 90) -> dict:
    until = time.monotonic() + seconds
    seen = []
    while time.monotonic() < until:
        try:
            state = json.loads(states.get(timeout=1))
        except queue.Empty:
            continue
        seen.append(state)
        if test(state):
            return state
    raise AssertionError(f"the page never showed it; it showed: {seen[-3:]}")


def test_errors_show_in_the_browser_and_the_fix_reloads_by_itself(tmp_path):
    project = make_project(tmp_path / "project")
    port = free_port()
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - the server writes it until the finally below
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    watcher = None
    try:
        base = f"http://127.0.0.1:{port}/"
        until = time.monotonic() + 120
        while True:
            try:
                if get(base, timeout=2) == 200:
                    break
            except OSError:
                assert time.monotonic() < until and serve.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.5)
        watcher = subprocess.Popen(
            ["node", str(ROOT / "tests/browser/watch_page.js"), f"{base}sources/{SLUG}/"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
        )
        states: queue.Queue = queue.Queue()
        threading.Thread(target=lines_of, args=(watcher.stdout, states), daemon=True).start()
        first = wait_for(states, lambda s: s["heading"] and not s["errors"])

        # a contributor misspells a topic and saves
        yml = project / "sources" / f"{SLUG}.yml"
        good = yml.read_text(encoding="utf-8")
        broken = good.replace("topics: [personnel]", "topics: [personel]", 1)
        line = broken[: broken.index("[personel]")].count("\n") + 1
        yml.write_text(broken, encoding="utf-8")
        shown = wait_for(states, lambda s: s["errors"])
        assert shown["errors"][0].startswith(
            f"sources/{SLUG}.yml:{line}:14: unknown topic 'personel'; did you mean 'personnel'?"
        ), shown
        assert shown["heading"] == first["heading"]  # the last good version of the page, under the error
        assert get(f"{base}topics/personnel/") == 200 and get(f"{base}claims/") == 200  # nothing hangs

        # the fix, with a new sentence for the first claim: the page shows it without a manual reload
        fixed = good.replace("claim: Russia has slashed", "claim: Fixed. Russia has slashed", 1)
        assert fixed != good
        yml.write_text(fixed, encoding="utf-8")
        recovered = wait_for(states, lambda s: not s["errors"] and s["heading"].startswith("1 Fixed."))
        assert recovered["reloads"] > first["reloads"]
    finally:
        if watcher is not None:
            watcher.stdin.close()
            watcher.wait(timeout=30)
        serve.terminate()
        serve.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert output.count(f"sources/{SLUG}.yml:{line}:14: error: unknown topic 'personel'") == 1, output
    assert "not included in the" not in output and "Traceback" not in output
