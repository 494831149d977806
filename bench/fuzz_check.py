"""Coverage-guided fuzzing of the loader and `dossier check` (not a test; `make test` has the
hypothesis properties in tests/test_robustness.py).

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_check.py -max_total_time=300 [-runs=N] [CORPUS_DIR]

Each input is split at ``\\n---8<---\\n`` in two: the bytes of one annotation file and of its source
text, written into a copy of tests/fixtures/mini (replacing one source). An optional trailer after
``\\n---extra---\\n`` adds one more entry to sources/ and rewrites both files in a Unicode form: its
first byte picks the entry's kind (a regular file, a link to a file outside the project, a link to a
folder, a named pipe, a folder, a dangling link, a link to a source text), its second byte the form
(as is, NFC, NFD, NFKC, NFKD, zero-width spaces or soft hyphens inserted), the rest is the entry's
file name (any bytes but "/" and NUL). `check` must return a result or diagnostics; any exception
escaping it is a crash, and a check that hangs (on a pipe, say) a timeout, reported by atheris with
the input that caused it (run with -timeout=20). The seed corpus is every .yml of the fixtures and
tests/broken/ with the mini text, and each of them with a trailer of every kind and form.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from build_dossier import load

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
shutil.copytree(ROOT / "tests" / "fixtures" / "mini" / "sources", WORK / "sources")
TARGET = "alpha-2019-advisers"


SEP, EXTRA = b"\n---8<---\n", b"\n---extra---\n"
ORIGINAL_TEXT = (WORK / "sources" / f"{TARGET}.txt").read_bytes()
OUTSIDE = WORK / "outside-secret.txt"  # a file outside the dossier's folder: must never be read
OUTSIDE.write_bytes(b"SECRET outside the project\n")
KINDS = ("file", "link-outside", "link-folder", "fifo", "folder", "dangling-link", "link-inside")
FORMS = ("as-is", "NFC", "NFD", "NFKC", "NFKD", "zero-width", "soft-hyphen")


def unicode_form(raw: bytes, form: str) -> bytes:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    if form in ("NFC", "NFD", "NFKC", "NFKD"):
        text = unicodedata.normalize(form, text)
    elif form != "as-is":
        mark = "\u200b" if form == "zero-width" else "\u00ad"
        text = "".join(c + mark if i % 7 == 6 and c.isalpha() else c for i, c in enumerate(text))
    return text.encode("utf-8")


def add_entry(kind: str, name: bytes) -> Path | None:
    """One more entry in sources/ of the given kind; None when the name is not usable."""
    name = name.replace(b"/", b"_").replace(b"\0", b"_")[:200]
    if name in (b"", b".", b".."):
        return None
    path = WORK / "sources" / os.fsdecode(name)
    if os.path.lexists(path):
        return None
    try:
        if kind == "file":
            path.write_bytes(ORIGINAL_TEXT)
        elif kind == "link-outside":
            path.symlink_to(OUTSIDE)
        elif kind == "link-folder":
            path.symlink_to(WORK)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "dangling-link":
            path.symlink_to(WORK / "no-such-file")
        else:
            path.symlink_to(WORK / "sources" / f"{TARGET}.txt")
    except OSError:  # a name the file system refuses (too long in bytes, say)
        return None
    return path


def one_input(data: bytes) -> None:
    data, _, extra = data.partition(EXTRA)
    cut = data.find(SEP)
    yml, txt = (data, ORIGINAL_TEXT) if cut < 0 else (data[:cut], data[cut + len(SEP) :])
    added = None
    if len(extra) >= 2:
        form = FORMS[extra[1] % len(FORMS)]
        yml, txt = unicode_form(yml, form), unicode_form(txt, form)
        added = add_entry(KINDS[extra[0] % len(KINDS)], extra[2:])
    (WORK / "sources" / f"{TARGET}.yml").write_bytes(yml)
    (WORK / "sources" / f"{TARGET}.txt").write_bytes(txt)
    try:
        dossier, diagnostics = load.check(WORK)
        assert dossier is not None or any(d.is_error for d in diagnostics)
        for d in diagnostics:
            assert d.line >= 1 and d.col >= 1 and d.message, d
            assert "SECRET" not in d.message, d  # nothing outside the project is ever read
        if dossier is not None:
            assert all("SECRET" not in s.text for s in dossier.sources)
    finally:
        if added is not None:
            if added.is_dir() and not added.is_symlink():
                shutil.rmtree(added)
            else:
                added.unlink()


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "tests/fixtures/mini/sources" / f"{TARGET}.txt").read_bytes()
    for path in sorted({*ROOT.glob("tests/fixtures/*/sources/*.yml"), *ROOT.glob("tests/broken/*.yml")}):
        (folder / path.name).write_bytes(path.read_bytes() + SEP + text)
    good = (ROOT / "tests/fixtures/mini/sources" / f"{TARGET}.yml").read_bytes()
    names = (b"x.txt", b"x.yml", b"topics.yml", b"index.txt", "caf\u00e9.txt".encode(), b"\xff\xfe.txt", b"a" * 300)
    for k in range(len(KINDS)):
        for f in range(len(FORMS)):
            name = names[(k + f) % len(names)]
            (folder / f"extra-{k}-{f}").write_bytes(good + SEP + text + EXTRA + bytes([k, f]) + name)


if __name__ == "__main__":
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not corpus:
        default = WORK / "corpus"
        seed_corpus(default)
        sys.argv.append(str(default))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
