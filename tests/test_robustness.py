"""Any bytes a pull request can bring give a clean result or a clean error: no traceback, no hang,
no crash, no object built from a YAML tag."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, run_dossier
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_dossier.load import check
from build_dossier.yamlfile import read_yaml

MINI = FIXTURES / "mini" / "sources"
GOOD_YAML = (MINI / "alpha-2019-advisers.yml").read_text(encoding="utf-8")


def one_file_project(tmp: Path, annotation: bytes, text: bytes | None = None) -> Path:
    sources = tmp / "sources"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir(parents=True)
    for reserved in ("dossier.yml", "topics.yml", "entities.yml"):
        shutil.copy(MINI / reserved, sources / reserved)
    (sources / "fuzz.yml").write_bytes(annotation)
    (sources / "fuzz.txt").write_bytes(text if text is not None else (MINI / "alpha-2019-advisers.txt").read_bytes())
    return tmp


def mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_as_yaml_read_cleanly(tmp_path: Path, data: bytes):
    path = tmp_path / "any.yml"
    path.write_bytes(data)
    doc, diagnostics = read_yaml(path, "any.yml")
    assert doc is not None or any(d.is_error for d in diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_annotations_check_cleanly(tmp_path: Path, edits):
    project = one_file_project(tmp_path, mutate(GOOD_YAML.encode(), edits))
    dossier, diagnostics = check(project)  # must not raise
    assert (dossier is None) == any(d.is_error for d in diagnostics)
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_any_bytes_as_source_text_check_cleanly(tmp_path: Path, data: bytes):
    project = one_file_project(tmp_path, GOOD_YAML.encode(), data)
    dossier, diagnostics = check(project)
    assert (dossier is None) == any(d.is_error for d in diagnostics)


HOSTILE_YAML = {
    "alias-bomb": "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
    "deep-flow": "a: " + "[" * 100_000 + "]" * 100_000,
    "deep-flow-mapping": "a: " + "{a: " * 50_000 + "1" + "}" * 50_000,
    "deep-block": "".join(" " * i + "a:\n" for i in range(1000)),
    "deep-dashes": "- " * 50_000 + "x\n",
    "python-object": "source: !!python/object/apply:os.system ['echo pwned > /tmp/dossier-pwned']\n",
    "python-name": "source: !!python/name:os.system\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_refused_quickly(tmp_path: Path, name: str):
    project = one_file_project(tmp_path, HOSTILE_YAML[name].encode())
    start = time.monotonic()
    result = run_dossier("check", cwd=project)
    assert time.monotonic() - start < 20
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "sources/fuzz.yml:" in result.stdout
    assert not Path("/tmp/dossier-pwned").exists()


def test_fifty_megabyte_files_are_refused_without_reading_them(tmp_path: Path):
    big = b"a" * 50_000_000
    project = one_file_project(tmp_path, GOOD_YAML.encode(), big)
    (project / "sources/huge.yml").write_bytes(b"x: " + big)
    (project / "sources/huge.txt").write_bytes(b"text")
    start = time.monotonic()
    result = run_dossier("check", cwd=project)
    assert time.monotonic() - start < 20
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "sources/fuzz.txt:1:1: error: text is 50,000,000 bytes" in result.stdout
    assert "sources/huge.yml:1:1: error: file is 50,000,003 bytes" in result.stdout


@pytest.mark.parametrize("url", ["https://[abc/x", "http://[::1", "https://example.org:99999/"])
def test_urls_that_cannot_be_split_are_errors_not_crashes(tmp_path: Path, url: str):
    """Found by bench/fuzz_check.py: urlsplit raises on an unclosed IPv6 bracket."""
    annotation = GOOD_YAML.replace("  url: https://mininews.example/alpha", f'  url: "{url}"', 1)
    assert annotation != GOOD_YAML
    dossier, diagnostics = check(one_file_project(tmp_path, annotation.encode()))
    if "[" in url:
        assert dossier is None and any("is not a web address" in d.message for d in diagnostics)
    result = run_dossier("check", cwd=tmp_path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr + result.stdout
