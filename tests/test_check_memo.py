"""A `Checker` remembers each file's result between checks (for `mkdocs serve` and `dossier build`):
a second check reparses only the files that changed, and gives exactly what a first check would,
whatever changed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from build_dossier import load, source_check
from build_dossier.discovery import RESERVED

MINI = FIXTURES / "mini" / "sources"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "sources")
    return tmp_path


CHECKER = load.Checker()  # one for the whole module: every test's checks follow the previous test's


def fresh_check(root: Path, sources_dir: str = "sources"):
    """A check with nothing remembered: what a new process would say."""
    return load.Checker().check(root, sources_dir)


def check_as_fresh(root: Path, sources_dir: str = "sources"):
    """A check by the remembering checker, asserted equal to a fresh check."""
    dossier, diagnostics = CHECKER.check(root, sources_dir)
    expected_dossier, expected = fresh_check(root, sources_dir)
    assert [d.format() for d in diagnostics] == [d.format() for d in expected]
    assert repr(dossier) == repr(expected_dossier)
    return dossier, diagnostics


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(diagnostics) -> list[str]:
    return [d.format() for d in diagnostics if d.is_error]


def test_unchanged_files_give_the_same_result(project: Path):
    first = check_as_fresh(project)
    assert first[0] is not None and not errors(first[1])
    assert len(CHECKER.reparsed) == 3 + 3  # three sources and the three reserved files: all new here
    second = check_as_fresh(project)
    assert repr(second) == repr(first)
    assert CHECKER.reparsed == []


def test_a_second_check_parses_only_the_changed_file(project: Path, monkeypatch):
    parsed: list[str] = []
    real = source_check.read_yaml
    monkeypatch.setattr(source_check, "read_yaml", lambda path, *a: parsed.append(path.name) or real(path, *a))
    checker = load.Checker()
    checker.check(project)
    assert sorted(parsed) == ["alpha-2019-advisers.yml", "beta-2025-air-defence.yml", "gamma-2020-hostile.yml"]

    parsed.clear()
    assert checker.check(project)[0] is not None and parsed == [] and checker.reparsed == []

    txt = project / "sources/alpha-2019-advisers.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "\nA line added at the end.\n", encoding="utf-8")
    assert checker.check(project)[0] is not None
    assert parsed == ["alpha-2019-advisers.yml"]  # the source whose text changed, and no other
    assert checker.reparsed == ["sources/alpha-2019-advisers.yml"]

    parsed.clear()
    edit(project / "sources/topics.yml", "id: personnel", "id: staff")  # every source names topics: all again
    checker.check(project)
    assert len(parsed) == 3 and checker.reparsed[0] == "sources/topics.yml"


def test_checkers_remember_nothing_of_each_other(project: Path):
    first, second = load.Checker(), load.Checker()
    first.check(project)
    second.check(project)
    assert len(first.reparsed) == len(second.reparsed) == 6


def test_edits_to_annotations_and_texts_are_seen(project: Path):
    yml, txt = project / "sources/alpha-2019-advisers.yml", project / "sources/alpha-2019-advisers.txt"
    check_as_fresh(project)

    edit(yml, "claim: Pre-existing contracts remain.", "claim: Pre-existing contracts are still in force.")
    dossier, _ = check_as_fresh(project)
    assert dossier.claims["alpha-contracts"].text == "Pre-existing contracts are still in force."

    edit(yml, "quote: The pre-existing contracts remain.", "quote: The pre-existing contracts were cancelled.")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None
    assert any("quote of claim 'alpha-contracts' is not in the source text" in e for e in errors(diagnostics))

    edit(yml, "quote: The pre-existing contracts were cancelled.", "quote: The pre-existing contracts remain.")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is not None and not errors(diagnostics)

    text = txt.read_text(encoding="utf-8")
    edit(txt, "contracts remain", "contracts lapse")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None and any(e.startswith("sources/alpha-2019-advisers.yml:") for e in errors(diagnostics))

    txt.write_text(text, encoding="utf-8")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is not None and not errors(diagnostics)


def test_a_yaml_error_and_its_fix(project: Path):
    yml = project / "sources/beta-2025-air-defence.yml"
    good = yml.read_bytes()
    check_as_fresh(project)
    yml.write_bytes(good.replace(b"claims:", b"claims: [", 1))
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None and any("YAML syntax error" in e for e in errors(diagnostics))
    yml.write_bytes(good)
    assert check_as_fresh(project)[0] is not None


def test_topics_and_entities_changes_reach_unchanged_sources(project: Path):
    check_as_fresh(project)
    edit(project / "sources/topics.yml", "id: personnel", "id: staff")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None
    assert any(
        "sources/alpha-2019-advisers.yml:" in e and "unknown topic 'personnel'" in e for e in errors(diagnostics)
    )

    edit(project / "sources/topics.yml", "id: staff", "id: personnel")
    assert check_as_fresh(project)[0] is not None

    edit(project / "sources/entities.yml", "id: rostec", "id: rostec-corp")
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None and any("unknown entity 'rostec'" in e for e in errors(diagnostics))


def test_checks_across_sources_always_rerun(project: Path):
    alpha, beta = project / "sources/alpha-2019-advisers.yml", project / "sources/beta-2025-air-defence.yml"
    dossier = check_as_fresh(project)[0]
    beta_id = next(c.id for c in dossier.claims.values() if c.source == "beta-2025-air-defence")
    beta_text = beta.read_text(encoding="utf-8")

    edit(beta, f"id: {beta_id}", "id: alpha-contracts")  # now taken by an unchanged file
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None and any("duplicate claim id 'alpha-contracts'" in e for e in errors(diagnostics))

    beta.write_text(beta_text, encoding="utf-8")
    assert check_as_fresh(project)[0] is not None

    related = [c for c in check_as_fresh(project)[0].claims.values() if c.relations]
    assert related, "the mini fixture has a relation"
    target = related[0].relations[0].target
    owner = next(
        p
        for p in (alpha, beta, project / "sources/gamma-2020-hostile.yml")
        if f"id: {target}\n" in p.read_text(encoding="utf-8")
    )
    edit(owner, f"id: {target}\n", f"id: {target}-renamed\n")  # the unchanged relating file now points nowhere
    dossier, diagnostics = check_as_fresh(project)
    assert dossier is None and any(f"unknown claim id {target!r}" in e for e in errors(diagnostics))


def test_files_added_and_removed(project: Path):
    check_as_fresh(project)
    (project / "sources/gamma-2020-hostile.yml").rename(project / "gamma.yml.bak")
    _dossier, diagnostics = check_as_fresh(project)
    assert any("no annotations for this text" in e for e in errors(diagnostics))
    (project / "gamma.yml.bak").rename(project / "sources/gamma-2020-hostile.yml")
    assert check_as_fresh(project)[0] is not None
    (project / "sources/dossier.yml").unlink()
    assert any("dossier.yml is missing" in e for e in errors(check_as_fresh(project)[1]))


def test_same_files_elsewhere_are_shown_with_their_own_paths(project: Path, tmp_path: Path):
    check_as_fresh(project)
    other = tmp_path / "other"
    shutil.copytree(project / "sources", other / "annotations")
    dossier, _ = check_as_fresh(other, "annotations")
    assert {s.annotation_path for s in dossier.sources} == {
        f"annotations/{p.name}" for p in (other / "annotations").glob("*.yml") if p.stem not in RESERVED
    }
    edit(
        other / "annotations/alpha-2019-advisers.yml",
        "quote: The pre-existing contracts remain.",
        "quote: Not in the text.",
    )
    _, diagnostics = check_as_fresh(other, "annotations")
    assert errors(diagnostics) and all(e.startswith("annotations/") for e in errors(diagnostics))


def test_the_whitespace_textmatch_spells_out_is_what_python_calls_whitespace():
    from build_dossier.textmatch import WHITESPACE

    assert set(WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
