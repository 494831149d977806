"""Shared helpers: throwaway copies of a project, running the `dossier` command, parsing HTML."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_dossier.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, sources: Path = ROOT / "sources") -> Path:
    """A copy of this project's site configuration with the given sources folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "CONTRIBUTING.md", dest / "CONTRIBUTING.md")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(sources, dest / "sources")
    return dest


# Commands that read the project and print (or write one new file) run in the test's process, as
# `dossier` would run them: a quick loop (`pytest -m "not slow"`) without a Python start-up per
# call.  Those that build a site or a PDF start other processes anyway: they run in a child.
IN_PROCESS = {"check", "quote", "new", "diff"}


def run_dossier(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if args and args[0] in IN_PROCESS:
        return _run_here(list(args), cwd, full_env)
    return subprocess.run(
        [sys.executable, "-m", "build_dossier", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )


def _run_here(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``dossier ARGS`` in this process, in ``cwd`` with ``env``: its exit status and output."""
    out, err, saved = io.StringIO(), io.StringIO(), dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "build_dossier", *args], code, out.getvalue(), err.getvalue()
    )


class Page(HTMLParser):
    """The ids, links and highlighted passages of one HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict]] = []  # (href, attrs) of every <a href>
        self.marks: list[dict] = []
        self.scripts: list[dict] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs))
        if tag == "mark":
            self.marks.append(attrs)
        if tag == "script":
            self.scripts.append(attrs)

    def handle_data(self, data):
        self.text.append(data)


def read_page(site: Path, url_path: str) -> Page:
    path = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> tuple[Path, Path]:
    """The real dossier built once: (project folder, site folder)."""
    project = make_project(tmp_path_factory.mktemp("real") / "project")
    result = run_dossier("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("mini") / "project", FIXTURES / "mini" / "sources")
    result = run_dossier("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"
