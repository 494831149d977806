"""Builds are deterministic and atomic."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, run_dossier

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path):
    """In two folders (no path may leak into the output); the first builds the site and its offline
    copy at once in two worker processes, the second one after the other in its own process."""
    sites = []
    for name, workers in (("first", "2"), ("second", "1")):
        project = make_project(tmp_path / name, FIXTURES / "mini" / "sources")
        result = run_dossier("build", "--site-dir", "site", cwd=project, env={**EPOCH, "DOSSIER_WORKERS": workers})
        assert result.returncode == 0, result.stderr
        sites.append(tree(project / "site"))
    assert "dossier.pdf" in sites[0] and "data/claims.json" in sites[0] and "sitemap.xml" in sites[0]
    assert "dossier-offline.zip" in sites[0] and "pagefind/pagefind.js" in sites[0]
    different = sorted(k for k in sites[0].keys() | sites[1].keys() if sites[0].get(k) != sites[1].get(k))
    assert not different


def test_a_build_killed_mid_way_leaves_the_previous_site(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    assert run_dossier("build", "--site-dir", "site", cwd=project, env=EPOCH).returncode == 0
    before = tree(project / "site")
    child = subprocess.Popen(
        [sys.executable, "-m", "build_dossier", "build", "--site-dir", "site"],
        cwd=project,
        env={**os.environ, **EPOCH, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(project.glob(".site.tmp-*/*")) and time.monotonic() < deadline:  # MkDocs is writing
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert list(project.glob(".site.tmp-*")), "the build was not caught mid-way"
    assert tree(project / "site") == before
    # the next build clears the scratch folder the killed one left
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0
    assert [p.name for p in project.glob(".site.*")] == [".site.lock"]


def _children() -> dict[int, list[int]]:
    """Every process's children, by parent id (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_build_worker_killed_fails_the_build_cleanly(tmp_path: Path):
    """A worker process of the site's builds killed (as the out-of-memory killer would): the build
    says so and fails, without a traceback, and the previous site stays as it was."""
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0
    before = tree(project / "site")
    child = subprocess.Popen(
        [sys.executable, "-m", "build_dossier", "build", "--site-dir", "site", "--no-pdf"],
        cwd=project,
        env={**os.environ, **EPOCH, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_WORKERS": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline, killed = time.monotonic() + 60, None
    while killed is None and time.monotonic() < deadline and child.poll() is None:
        children = _children()
        workers = [w for server in children.get(child.pid, []) for w in children.get(server, [])]
        if workers:  # the build's child is the fork server; its children are the workers
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.01)
    stderr = child.communicate(timeout=120)[1]
    assert killed is not None, "no worker was caught running"
    assert child.returncode == 1, stderr
    assert "ended abruptly" in stderr and "Traceback" not in stderr
    assert tree(project / "site") == before
