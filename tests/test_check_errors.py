"""`dossier check` on broken annotations: exit 1, one precise message per mistake, no traceback.

Each file in tests/broken/ is the mini fixture's annotation with one mistake; its first line says
where the error must be reported and what it must say: ``# expect: LINE:COL message``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_dossier

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(BROKEN.glob("*.yml"))
MINI = FIXTURES / "mini" / "sources"


def project_with(tmp_path: Path, name: str, annotation: bytes, text: bytes | None = None) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    for reserved in ("dossier.yml", "topics.yml", "entities.yml"):
        shutil.copy(MINI / reserved, sources / reserved)
    (sources / f"{name}.yml").write_bytes(annotation)
    (sources / f"{name}.txt").write_bytes(text if text is not None else (MINI / "alpha-2019-advisers.txt").read_bytes())
    return tmp_path


def assert_reported(result, path: str, line: int, col: int, message: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [row for row in result.stdout.splitlines() if ": error: " in row]
    expected = f"{path}:{line}:{col}: error: "
    assert any(row.startswith(expected) and message in row for row in errors), (expected, message, errors)
    assert all(row.startswith(path + ":") for row in errors), errors


def test_corpus_is_large_and_distinct():
    assert len(CASES) >= 20
    assert len({c.read_text().split("\n", 1)[1] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_broken_annotation(case: Path, tmp_path: Path):
    expect = re.match(r"# expect: (\d+):(\d+) (.*)", case.read_text(encoding="utf-8").splitlines()[0])
    project = project_with(tmp_path, case.stem, case.read_bytes())
    result = run_dossier("check", cwd=project)
    assert_reported(result, f"sources/{case.stem}.yml", int(expect[1]), int(expect[2]), expect[3])


GOOD = (MINI / "alpha-2019-advisers.yml").read_bytes()
BYTE_CASES = {
    # name: (annotation bytes, text bytes or None, (file, line, col, message))
    "tab-indent": (GOOD.replace(b"  kind: news", b"\tkind: news"), None, ("yml", 7, 1, "tab character in indentation")),
    "bom": (b"\xef\xbb\xbf" + GOOD, None, ("yml", 1, 1, "byte-order mark")),
    "latin1": (GOOD.replace("“just".encode(), b"\x93just"), None, ("yml", 19, 67, "byte 0x93 is not valid UTF-8")),
    "binary-text": (GOOD, b"\x89PNG\r\n\x1a\n\x00\x00", ("txt", 3, 1, "NUL byte")),
    "latin1-text": (GOOD, b"Caf\xe9 Rostec", ("txt", 1, 4, "is not valid UTF-8")),
    "empty-text": (GOOD, b"\n\n", ("txt", 1, 1, "source text is empty")),
}


@pytest.mark.parametrize("name", sorted(BYTE_CASES))
def test_broken_bytes(name: str, tmp_path: Path):
    annotation, text, (ext, line, col, message) = BYTE_CASES[name]
    project = project_with(tmp_path, name, annotation, text)
    assert_reported(run_dossier("check", cwd=project), f"sources/{name}.{ext}", line, col, message)


def test_huge_text_is_refused_quickly(tmp_path: Path):
    project = project_with(tmp_path, "huge", GOOD, b"x" * 6_000_000)
    assert_reported(run_dossier("check", cwd=project), "sources/huge.txt", 1, 1, "over the 5,000,000-byte limit")


def test_crlf_is_a_warning_not_an_error(tmp_path: Path):
    project = project_with(tmp_path, "crlf", GOOD.replace(b"\n", b"\r\n"))
    result = run_dossier("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "sources/crlf.yml:1:1: warning: file uses Windows (CRLF) line endings" in result.stdout
    assert run_dossier("check", "--strict", cwd=project).returncode == 1


def test_every_problem_is_reported_at_once(tmp_path: Path):
    broken = (
        GOOD.replace(b"status: denied", b"status: denyed")
        .replace(b"topics: [personnel]\n    status: reported", b"topics: [persons]\n    status: reported", 1)
        .replace(b'published: "2019-06-03"', b'published: "2019-13"')
    )
    result = run_dossier("check", cwd=project_with(tmp_path, "many", broken))
    errors = [row for row in result.stdout.splitlines() if ": error: " in row]
    assert len(errors) == 3, errors


def test_usage_errors_exit_2(tmp_path: Path):
    assert run_dossier("frobnicate", cwd=tmp_path).returncode == 2
    assert run_dossier("generate", cwd=tmp_path).returncode == 2  # --out is required


def test_clean_dossier_exits_0():
    result = run_dossier("check", cwd=MINI.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_status_the_evidence_does_not_earn_is_an_error(tmp_path: Path):
    annotation = GOOD.replace(
        b"    status: reported\n    claimant: an unnamed source",
        b"    status: disputed\n    claimant: an unnamed source",
        1,
    )
    result = run_dossier("check", cwd=project_with(tmp_path, "status", annotation))
    assert_reported(
        result,
        "sources/status.yml",
        28,
        13,
        "claim 'alpha-contracts' is marked disputed, but nothing "
        "in the dossier earns that: disputed needs a claim that cannot be true at the same time",
    )


def test_a_slug_that_would_replace_a_generated_page_is_refused(tmp_path: Path):
    project = project_with(tmp_path, "index", GOOD)  # sources/index.md is the list of sources
    result = run_dossier("check", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "sources/index.yml:1:1: error: 'index' is reserved; give this source another slug" in result.stdout
