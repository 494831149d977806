"""One source of truth for settings: every command reads mkdocs.yml (the dossier plugin's options and
site_url) as MkDocs does, so moving the sources or the PDF there moves them for every command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, read_page, run_dossier

from build_dossier.settings import Project, SettingsError, read_project

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def configure(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """The mini dossier with its sources in annotations/ and its PDF at files/the-dossier.pdf."""
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    (project / "sources").rename(project / "annotations")
    configure(project, "      sources_dir: sources", "      sources_dir: annotations\n      pdf: files/the-dossier.pdf")
    return project


def test_the_settings_are_read_as_mkdocs_reads_them(moved: Path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/dossier")
    project = read_project(moved)
    assert (project.sources_dir, project.pdf, project.site_dir) == ("annotations", "files/the-dossier.pdf", "site")
    assert project.site_url == project.public_url == "https://example.org/dossier/"  # !ENV, and MkDocs' slash
    monkeypatch.delenv("SITE_URL")
    assert read_project(moved).site_url == "http://127.0.0.1:8000/"  # the default in mkdocs.yml ...
    assert read_project(moved).public_url is None  # ... a preview address, never printed on the PDF
    assert read_project(moved / "annotations") == Project((moved / "annotations").resolve())  # no mkdocs.yml


def test_check_quote_new_and_generate_follow_sources_dir(moved: Path):
    assert not (moved / "sources").exists()
    check = run_dossier("check", cwd=moved)
    assert check.returncode == 0, check.stdout + check.stderr
    quote = run_dossier("quote", "alpha-2019-advisers", "The pre-existing contracts remain.", cwd=moved)
    assert quote.returncode == 0 and quote.stdout == 'quote: "The pre-existing contracts remain."\n', quote.stderr
    text = moved / "note.txt"
    text.write_text("A short note about advisers.\n", encoding="utf-8")
    new = run_dossier(
        "new",
        str(text),
        *("--title", "A note", "--outlet", "Mini News", "--date", "2020-01-02"),
        *("--url", "https://mininews.example/note", "--kind", "news"),
        cwd=moved,
    )
    assert new.returncode == 0, new.stderr
    assert sorted(p.name for p in (moved / "annotations").glob("mini-news-2020-*")) == [
        "mini-news-2020-note.txt",
        "mini-news-2020-note.yml",
    ]
    assert not (moved / "sources").exists()
    (moved / "annotations/mini-news-2020-note.txt").unlink()
    (moved / "annotations/mini-news-2020-note.yml").unlink()
    generate = run_dossier("generate", "--out", "out", cwd=moved)
    assert generate.returncode == 0, generate.stderr
    assert (moved / "out/sources/alpha-2019-advisers.md").is_file()


def test_build_and_pdf_write_the_pdf_where_the_plugin_says_and_the_links_follow(moved: Path):
    result = run_dossier("build", "--site-dir", "site", "--no-offline", cwd=moved, env=EPOCH)
    assert result.returncode == 0, result.stderr
    site = moved / "site"
    assert (site / "files/the-dossier.pdf").read_bytes().startswith(b"%PDF") and not (site / "dossier.pdf").exists()
    home = read_page(site, "")
    pdf_links = [(href, attrs.get("class")) for href, attrs in home.links if href.endswith(".pdf")]
    assert {href for href, _ in pdf_links} == {"files/the-dossier.pdf"}
    assert any(cls and "md-nav__link" in cls for _, cls in pdf_links)  # the navigation's link
    assert any(not cls for _, cls in pdf_links)  # and the home page's downloads

    shutil.rmtree(site)
    pdf = run_dossier("pdf", cwd=moved, env=EPOCH)
    assert pdf.returncode == 0, pdf.stderr
    assert (site / "files/the-dossier.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "old, new, after, col, says",
    [  # the problem's line: ``after`` lines below the line of ``old`` in the project's mkdocs.yml
        ("  - dossier:\n", "  - dossier: [\n", 3, 20, "; fix the YAML"),
        ("      sources_dir: sources", "      sources_dir: [a, b]", 0, 7, "sources_dir"),
        ("      sources_dir: sources", "      sources_dir: sources\n      pfd: x.pdf", 1, 7, None),
    ],
)
def test_a_broken_mkdocs_yml_is_named_with_its_line_and_no_traceback(tmp_path: Path, old, new, after, col, says):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1 + after
    configure(project, old, new)
    for command in ("check", "generate --out out", "pdf", "build --no-pdf"):
        result = run_dossier(*command.split(), cwd=project, env=EPOCH)
        assert "Traceback" not in result.stderr
        if says is None:  # an unknown option: a warning, as MkDocs gives (mkdocs build --strict fails on it)
            assert f"mkdocs.yml:{line}:{col}: warning: dossier plugin option pfd: Unrecognised" in result.stderr, (
                command
            )
            continue
        where = f"mkdocs.yml:{line}:{col}: error:"
        assert result.returncode == 1 and where in result.stderr and says in result.stderr, (command, result.stderr)


def test_a_settings_error_is_a_dossier_error_with_exit_status_1(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - dossier: 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^mkdocs.yml:2:5: error: the dossier plugin's options must be a mapping"):
        read_project(tmp_path)
    assert SettingsError("x").exit_code == 1
