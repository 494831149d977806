"""Issue 13: what an attacker or a careless user can do with files, folders and text, and the clear
answer each gets. Every case checks the exit status, the message, that nothing outside the project
is read or written, and that the sources and any previous site are unchanged."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import os
import shutil
import subprocess
import sys
import unicodedata
import xml.dom.minidom
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, run_dossier

from build_dossier import cli
from build_dossier.data import spreadsheet_safe, xml_text
from build_dossier.load import check
from build_dossier.textmatch import fold, locate

MINI = FIXTURES / "mini" / "sources"
GOOD = (MINI / "alpha-2019-advisers.yml").read_text(encoding="utf-8")
TEXT = (MINI / "alpha-2019-advisers.txt").read_text(encoding="utf-8")
SECRET = "SECRET-OUTSIDE-THE-PROJECT"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def sources_only(tmp: Path) -> Path:
    """A project with the mini fixture's sources only (enough for `dossier check`)."""
    project = tmp / "project"
    shutil.copytree(MINI, project / "sources")
    return project


def full_project(tmp: Path) -> Path:
    return make_project(tmp / "project", MINI)


def outside_secret(tmp: Path) -> Path:
    secret = tmp / "outside.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) with a hash of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = "-> " + os.readlink(path)
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr


def assert_nothing_leaked(project: Path) -> None:
    for path in project.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.suffix in (".html", ".json", ".xml", ".md", ".csv"):
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


# ---- the dossier is read only from regular files inside the project ------------------------


@pytest.mark.slow
def test_a_link_to_a_file_outside_is_refused_and_never_published(tmp_path: Path):
    project = full_project(tmp_path)
    (project / "sources/leak.txt").symlink_to(outside_secret(tmp_path))
    shutil.copy(project / "sources/alpha-2019-advisers.yml", project / "sources/leak.yml")
    before = tree(project / "sources")
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert "sources/leak.txt:1:1: error: this is a symbolic link;" in result.stdout
    assert "replace the link with a copy of the file itself" in result.stdout
    assert SECRET not in result.stdout + result.stderr
    build = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project)
    assert build.returncode == 1 and not (project / "site").exists()
    assert tree(project / "sources") == before
    assert_nothing_leaked(project)


@pytest.mark.parametrize("name", ["alpha-2019-advisers.yml", "topics.yml", "dossier.yml"])
def test_links_inside_the_project_are_refused_too(tmp_path: Path, name: str):
    """A link to ../.git/config or to another file of the project is refused like any link."""
    project = sources_only(tmp_path)
    (project / "config").write_text(f"[credential]\n  token = {SECRET}\n")
    target = project / "sources" / name
    shutil.move(target, project / name)
    target.symlink_to(Path("..") / name)
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert f"sources/{name}:1:1: error: this is a symbolic link;" in result.stdout


def test_a_linked_sources_folder_is_refused(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(MINI, tmp_path / "elsewhere")
    (project / "sources").symlink_to(tmp_path / "elsewhere")
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert "sources:1:1: error: this folder is a symbolic link;" in result.stdout


def test_a_fifo_is_refused_without_hanging(tmp_path: Path):
    project = sources_only(tmp_path)
    os.mkfifo(project / "sources/pipe.txt")
    shutil.copy(project / "sources/alpha-2019-advisers.yml", project / "sources/pipe.yml")
    os.mkfifo(project / "sources/topics.yml.fifo.yml")
    result = subprocess.run(
        [sys.executable, "-m", "build_dossier", "check"], cwd=project, capture_output=True, text=True, timeout=60
    )  # a read of the pipe would block for ever
    no_traceback(result)
    assert result.returncode == 1
    assert "sources/pipe.txt:1:1: error: this is a named pipe (FIFO), not a regular file" in result.stdout
    assert "sources/topics.yml.fifo.yml:1:1: error: this is a named pipe (FIFO)" in result.stdout
    assert "pipe.yml" not in result.stdout  # its text is refused, not missing


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path):
    project = sources_only(tmp_path)
    (project / "sources/zero.txt").symlink_to("/dev/zero")  # unbounded: reading it would fill memory
    shutil.copy(project / "sources/alpha-2019-advisers.yml", project / "sources/zero.yml")
    result = subprocess.run(
        [sys.executable, "-m", "build_dossier", "check"], cwd=project, capture_output=True, text=True, timeout=60
    )
    no_traceback(result)
    assert result.returncode == 1 and "sources/zero.txt:1:1: error: this is a symbolic link;" in result.stdout


def test_a_file_swapped_for_a_pipe_after_listing_is_refused_on_open(tmp_path: Path):
    """The listing's lstat is not trusted alone: the open itself refuses a pipe or a link."""
    from build_dossier.safefiles import FileRefused, read_regular

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(FileRefused, match="named pipe"):
        read_regular(tmp_path / "pipe", 1000)
    (tmp_path / "link").symlink_to(outside_secret(tmp_path))
    with pytest.raises(FileRefused, match="symbolic link"):
        read_regular(tmp_path / "link", 1000)


@pytest.mark.slow
def test_links_in_docs_are_not_published(tmp_path: Path):
    project = full_project(tmp_path)
    (project / "docs/leak.md").symlink_to(outside_secret(tmp_path))
    result = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH)
    no_traceback(result)
    assert result.returncode == 1
    assert "docs/leak.md:1:1: error: this is a symbolic link" in result.stderr
    assert not (project / "site").exists()
    assert_nothing_leaked(project)


# ---- output folders -------------------------------------------------------------------------


@pytest.mark.parametrize("site_dir", ["sources", ".", "docs", "..", "docs/site", "sources/site"])
def test_build_never_replaces_the_project_or_an_input_folder(tmp_path: Path, site_dir: str):
    project = full_project(tmp_path)
    before = tree(tmp_path)
    result = run_dossier("build", "--site-dir", site_dir, "--no-pdf", cwd=project)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert f"dossier: --site-dir {site_dir}" not in result.stderr or "choose a new folder" in result.stderr
    assert "choose a new folder such as site" in result.stderr
    assert tree(tmp_path) == before  # nothing written, nothing deleted


def test_build_never_replaces_a_folder_holding_other_files(tmp_path: Path):
    project = full_project(tmp_path)
    (project / "notes").mkdir()
    (project / "notes/todo.txt").write_text("mine")
    result = run_dossier("build", "--site-dir", "notes", "--no-pdf", cwd=project)
    no_traceback(result)
    assert result.returncode == 2
    assert "this folder holds files that no dossier command wrote" in result.stderr
    assert (project / "notes/todo.txt").read_text() == "mine"


@pytest.mark.slow
def test_a_build_marks_its_output_and_replaces_only_that(tmp_path: Path):
    project = full_project(tmp_path)
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0
    assert (project / "site/.dossier-generated").is_file()
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0


@pytest.mark.parametrize("out", ["README.md", "sources", "docs", "."])
def test_generate_refuses_files_and_input_folders(tmp_path: Path, out: str):
    project = full_project(tmp_path)
    (project / "README.md").write_text("# mine\n")
    before = tree(project)
    result = run_dossier("generate", "--out", out, cwd=project)
    no_traceback(result)
    assert result.returncode == 2
    assert f"--out {out}: this is" in result.stderr
    assert tree(project) == before


@pytest.mark.parametrize(
    "out, message",
    [
        ("sources/dossier.pdf", "input folder sources/"),
        ("dossier.pdf", "this is the project folder"),
        ("docs", "this is a folder; give the PDF's file name"),
    ],
)
def test_pdf_refuses_input_folders(tmp_path: Path, out: str, message: str):
    project = full_project(tmp_path)
    before = tree(project)
    result = run_dossier("pdf", "--out", out, cwd=project)
    no_traceback(result)
    assert result.returncode == 2 and message in result.stderr
    assert tree(project) == before


# ---- one build of a folder at a time ------------------------------------------------------------


@pytest.mark.slow
def test_a_second_build_of_a_folder_fails_at_once_and_deletes_nothing(tmp_path: Path):
    project = full_project(tmp_path)
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0
    before = tree(project / "site")
    scratch = project / ".site.tmp-999999"  # the live first build's scratch folder
    (scratch / "sources").mkdir(parents=True)
    (scratch / "index.html").write_text("being written")
    with open(project / ".site.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the first build holds it
        result = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH)
    no_traceback(result)
    assert result.returncode == 1
    assert "another dossier command is writing it now" in result.stderr and ".site.lock" in result.stderr
    assert (scratch / "index.html").read_text() == "being written"
    assert tree(project / "site") == before
    # once the lock is released, the next build clears the stale scratch folder
    assert run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env=EPOCH).returncode == 0
    assert not scratch.exists()


# ---- text values ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "escape, shown",
    [
        ("\\0", "U+0000 (NUL)"),
        ("\\e", "U+001B (ESC)"),
        ("\\x7f", "U+007F (DEL)"),
        ("\\x85", "U+0085 (a C1 control)"),
        ("\\r", "U+000D (CR)"),
    ],
)
def test_control_characters_are_refused_in_text(tmp_path: Path, escape: str, shown: str):
    project = sources_only(tmp_path)
    annotation = GOOD.replace("  title: Rostec cuts advisers", f'  title: "Rostec{escape} cuts advisers"')
    annotation = annotation.replace(
        "    claim: Pre-existing contracts remain.", f'    claim: "Pre-existing{escape} contracts remain."'
    )
    (project / "sources/alpha-2019-advisers.yml").write_text(annotation)
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert (
        f"sources/alpha-2019-advisers.yml:3:10: error: title contains the control character {shown} at "
        "character 7; remove it"
    ) in result.stdout
    assert f"error: claim contains the control character {shown} at character 13" in result.stdout


def test_tabs_and_line_breaks_are_allowed_in_text(tmp_path: Path):
    project = sources_only(tmp_path)
    annotation = GOOD.replace(
        "    claim: Pre-existing contracts remain.", '    claim: "Pre-existing\\tcontracts\\nremain."'
    )
    (project / "sources/alpha-2019-advisers.yml").write_text(annotation)
    dossier, diagnostics = check(project)
    assert dossier is not None, diagnostics


def test_control_characters_in_topics_entities_and_settings(tmp_path: Path):
    project = sources_only(tmp_path)
    for name, old, new in (
        ("topics.yml", "title: Personnel", 'title: "Per\\esonnel"'),
        ("entities.yml", "name: Rostec", 'name: "Ros\\0tec"'),
        ("dossier.yml", "title: A mini dossier for tests", 'title: "A mini\\x9b dossier"'),
    ):
        path = project / "sources" / name
        path.write_text(path.read_text().replace(old, new, 1))
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert "sources/topics.yml:6:12: error: title contains the control character U+001B (ESC)" in result.stdout
    assert "sources/entities.yml:7:11: error: name contains the control character U+0000 (NUL)" in result.stdout
    assert "sources/dossier.yml:1:8: error: title contains the control character U+009B" in result.stdout


def test_feed_xml_stays_well_formed_whatever_the_text():
    from xml.sax.saxutils import escape

    text = xml_text("a\x00b\x1b<c>&\ud800\ufffe")
    xml.dom.minidom.parseString(f"<t>{escape(text)}</t>")  # raises if ill-formed
    assert text == "a\ufffdb\ufffd<c>&\ufffd\ufffd"


@pytest.mark.parametrize(
    "where, old, new",
    [
        ("alpha-2019-advisers.yml", "  - id: alpha-contracts", '  - id: "alpha-contracts\\n"'),
        (
            "alpha-2019-advisers.yml",
            "topics: [personnel]\n    status: reported\n    claimant: an unnamed",
            'topics: ["personnel\\n"]\n    status: reported\n    claimant: an unnamed',
        ),
        ("topics.yml", "  - id: personnel", '  - id: "personnel\\n"'),
        ("entities.yml", "  - id: rostec", '  - id: "rostec\\n"'),
    ],
)
def test_ids_ending_in_a_newline_are_refused(tmp_path: Path, where: str, old: str, new: str):
    project = sources_only(tmp_path)
    path = project / "sources" / where
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert f"sources/{where}:" in result.stdout and "\\n' is not valid" in result.stdout


@pytest.mark.parametrize(
    "where, old, new, message",
    [
        ("topics.yml", "  - id: air-defence", "  - id: index", "topic id 'index' is reserved"),
        ("entities.yml", "  - id: pantsir-s1", "  - id: index", "entity id 'index' is reserved"),
        ("entities.yml", "  - id: pantsir-s1", "  - id: page-2", "entity id 'page-2' is reserved"),
    ],
)
def test_reserved_names_are_refused_for_topics_and_entities(tmp_path: Path, where, old, new, message):
    project = sources_only(tmp_path)
    path = project / "sources" / where
    path.write_text(path.read_text().replace(old, new, 1))
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1 and f"sources/{where}:" in result.stdout and message in result.stdout


def test_reserved_names_are_refused_for_slugs(tmp_path: Path):
    project = sources_only(tmp_path)
    for ext in ("txt", "yml"):
        shutil.move(project / f"sources/alpha-2019-advisers.{ext}", project / f"sources/page-2.{ext}")
    result = run_dossier("check", cwd=project)
    assert result.returncode == 1 and "sources/page-2.txt:1:1: error: 'page-2' is reserved" in result.stdout


# ---- corrections ------------------------------------------------------------------------------


def with_corrections(tmp: Path, corrections: str) -> Path:
    project = sources_only(tmp)
    annotation = GOOD.replace(
        "      reason: related-article link\n", "      reason: related-article link\n  corrections:\n" + corrections
    )
    (project / "sources/alpha-2019-advisers.yml").write_text(annotation)
    return project


def test_overlapping_corrections_are_refused_at_the_second(tmp_path: Path):
    project = with_corrections(
        tmp_path,
        "    - passage: 1,000 to\n      reading: 1,500 to\n"
        '    - passage: to "just a few\n      reading: to "just some\n',
    )
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert (
        "sources/alpha-2019-advisers.yml:19:16: error: this correction overlaps the correction at line 17; "
        "corrections may not overlap"
    ) in result.stdout


def test_a_correction_overlapping_boilerplate_is_refused(tmp_path: Path):
    project = with_corrections(tmp_path, "    - passage: Mini\n      reading: Maxi\n")
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert (
        "sources/alpha-2019-advisers.yml:17:16: error: this correction overlaps the boilerplate passage at line 12"
    ) in result.stdout


def test_corrections_apart_are_fine(tmp_path: Path):
    project = with_corrections(
        tmp_path,
        "    - passage: 1,000 to\n      reading: 1,500 to\n"
        "    - passage: a source said\n      reading: one source said\n",
    )
    dossier, diagnostics = check(project)
    assert dossier is not None, diagnostics


# ---- Unicode --------------------------------------------------------------------------------


def test_quotes_match_across_normalisation_and_invisible_characters():
    raw = "Caf\u0065\u0301 con\u200bcrete of\ufb01ce pre\u00adexisting \ufeffdeal."
    text = fold(raw)
    for quote, exact in (
        ("Café concrete", "Cafe\u0301 con\u200bcrete"),
        ("office preexisting", "of\ufb01ce pre\u00adexisting"),
        ("Cafe\u0301", "Cafe\u0301"),
        ("deal.", "deal."),
        ("concrete", "con\u200bcrete"),
    ):
        [match] = locate(text, quote)
        assert raw[match.start : match.end] == exact, quote


def test_an_nfd_text_with_nfc_quotes_checks_and_highlights_raw_spans(tmp_path: Path):
    project = sources_only(tmp_path)
    raw = unicodedata.normalize("NFD", TEXT.replace("Rostec", "Rostéc")).replace("few dozen", "few\u200b doz\u00aden")
    (project / "sources/alpha-2019-advisers.txt").write_bytes(raw.encode())
    (project / "sources/alpha-2019-advisers.yml").write_text(GOOD.replace("Rostec has cut", "Rostéc has cut"))
    dossier, diagnostics = check(project)
    assert dossier is not None, diagnostics
    [source] = [s for s in dossier.sources if s.slug == "alpha-2019-advisers"]
    assert source.text == raw  # byte for byte
    claim = dossier.claims["alpha-advisers-cut"]
    assert raw[claim.span.start : claim.span.end].startswith("Roste\u0301c has cut")
    assert raw[claim.span.start : claim.span.end].endswith('few\u200b doz\u00aden"')


def test_a_look_alike_character_is_named_when_a_quote_fails(tmp_path: Path):
    project = sources_only(tmp_path)
    cyrillic = GOOD.replace(
        "quote: The pre-existing contracts remain.", "quote: The pre-existing contr\u0430cts remain."
    )
    (project / "sources/alpha-2019-advisers.yml").write_text(cyrillic)
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert (
        "the quote has U+0430 CYRILLIC SMALL LETTER A where the text has U+0061 LATIN SMALL LETTER A" in result.stdout
    )


def test_the_closest_passage_is_shown_as_it_stands_in_the_text(tmp_path: Path):
    project = sources_only(tmp_path)
    typo = GOOD.replace("to “just a few dozen”", "to “just a few dozens”")
    (project / "sources/alpha-2019-advisers.yml").write_text(typo)
    result = run_dossier("check", cwd=project)
    no_traceback(result)
    line = next(row for row in result.stdout.splitlines() if "alpha-advisers-cut" in row)
    assert line.endswith(
        "the closest passage in the text, at line 3, is: Rostec has cut its advisers in Venezuela "
        'from 1,000 to "just a few dozen",'
    ), line  # the .txt's straight quotes, the quote's curly ones
    assert '""' not in line


def test_the_hint_for_a_long_mistyped_quote_finds_its_place_in_a_large_text(tmp_path: Path):
    """The bounded hint (three probes) still points at the right line; bench/quote_hint.py times it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import quote_hint

    quote_hint.make_project(tmp_path, 1_000_000, 3_000)
    text = (tmp_path / "sources/big-2020-text.txt").read_text()
    expected = text.count("\n", 0, text.index(" ", len(text) // 2) + 1) + 1
    result = run_dossier("check", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and f"the closest passage in the text, at line {expected}, is: " in result.stdout


# ---- data ---------------------------------------------------------------------------------------


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path):
    project = full_project(tmp_path)
    annotation = GOOD.replace(
        "    claim: Pre-existing contracts remain.", '    claim: "=HYPERLINK(\\"http://evil.example\\", \\"x\\")"'
    )
    annotation = annotation.replace("    claimant: the ambassador", "    claimant: '@SUM(1+1)'")
    (project / "sources/alpha-2019-advisers.yml").write_text(annotation)
    result = run_dossier("generate", "--out", "out", cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((project / "out/data/claims.csv").read_text()))}
    assert rows["alpha-contracts"]["claim"] == '\'=HYPERLINK("http://evil.example", "x")'
    assert rows["alpha-denial"]["claimant"] == "'@SUM(1+1)"
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    assert [spreadsheet_safe(c) for c in ("-1", "+x", "\tx", "\rx", "ok")] == ["'-1", "'+x", "'\tx", "'\rx", "ok"]


# ---- OS errors, environment, scaffolding --------------------------------------------------------------


def test_a_file_where_a_folder_is_expected_names_the_path(tmp_path: Path):
    project = full_project(tmp_path)
    (project / "blocker").write_text("a file")
    result = run_dossier("build", "--site-dir", "blocker/site", "--no-pdf", cwd=project)
    no_traceback(result)
    assert result.returncode == 1
    assert "dossier: error: cannot write or read" in result.stderr and "blocker" in result.stderr
    assert "Not a directory" in result.stderr or "File exists" in result.stderr


def test_a_name_too_long_names_the_path(tmp_path: Path):
    project = full_project(tmp_path)
    result = run_dossier("build", "--site-dir", "s" * 300, "--no-pdf", cwd=project)
    no_traceback(result)
    assert result.returncode == 1 and "File name too long" in result.stderr


@pytest.mark.parametrize(
    "error",
    [
        OSError(28, "No space left on device", "out/data/claims.json"),
        PermissionError(13, "Permission denied", "out/feed.xml"),
    ],
)
def test_disk_full_or_permission_denied_is_not_an_internal_error(tmp_path: Path, monkeypatch, capsys, error):
    project = full_project(tmp_path)
    monkeypatch.setattr(Path, "write_text", lambda *a, **k: (_ for _ in ()).throw(error))
    assert cli.main(["--root", str(project), "generate", "--out", str(project / "out")]) == 1
    err = capsys.readouterr().err
    assert f"dossier: error: cannot write or read {error.filename}: {error.strerror}" in err
    assert "internal error" not in err


@pytest.mark.parametrize("epoch", ["yesterday", "-5", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_an_error(tmp_path: Path, epoch: str):
    project = full_project(tmp_path)
    result = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project, env={"SOURCE_DATE_EPOCH": epoch})
    no_traceback(result)
    assert result.returncode == 1 and f"SOURCE_DATE_EPOCH={epoch!r}" in result.stderr
    assert not (project / "site").exists()


def test_one_parser_of_source_date_epoch():
    from build_dossier import data, pdf

    assert pdf.build_moment is data.build_moment


@pytest.mark.parametrize("title", ["x" * 300, " ".join(["Verylongword" * 3] * 10)])
def test_new_with_a_300_character_title(tmp_path: Path, title: str):
    project = sources_only(tmp_path)
    (tmp_path / "text.txt").write_text("Some text.\n")
    result = run_dossier(
        "new",
        str(tmp_path / "text.txt"),
        "--title",
        title,
        "--outlet",
        "Mini News",
        "--date",
        "2020",
        "--url",
        "https://mininews.example/x",
        "--kind",
        "news",
        cwd=project,
    )
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    [made] = list((project / "sources").glob("mini-news-2020*.txt"))
    assert len(made.stem) <= 80


def test_new_with_a_300_character_slug_is_a_clear_error(tmp_path: Path):
    project = sources_only(tmp_path)
    (tmp_path / "text.txt").write_text("Some text.\n")
    result = run_dossier(
        "new",
        str(tmp_path / "text.txt"),
        "--title",
        "T",
        "--outlet",
        "Mini News",
        "--date",
        "2020",
        "--url",
        "https://mininews.example/x",
        "--kind",
        "news",
        "--slug",
        "a" * 300,
        cwd=project,
    )
    no_traceback(result)
    assert result.returncode == 1 and "over the limit of 80; give a shorter --slug" in result.stderr
