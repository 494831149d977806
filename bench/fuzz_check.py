"""Coverage-guided fuzzing of the loader and `dossier check` (not a test; `make test` has the
hypothesis properties in tests/test_robustness.py).

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_check.py -max_total_time=300 [-runs=N] [CORPUS_DIR]

Each input is split in two at its first NUL-free half: the bytes of one annotation file and of
its source text, written into a copy of tests/fixtures/mini (replacing one source). `check` must
return a result or diagnostics; any exception escaping it is a crash, reported by atheris with the
input that caused it. The seed corpus is every .yml and .txt of the fixtures and tests/broken/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from build_dossier import load

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
shutil.copytree(ROOT / "tests" / "fixtures" / "mini" / "sources", WORK / "sources")
TARGET = "alpha-2019-advisers"


def one_input(data: bytes) -> None:
    cut = data.find(b"\n---8<---\n")
    yml, txt = (data, (WORK / "sources" / f"{TARGET}.txt").read_bytes()) if cut < 0 else (data[:cut], data[cut + 10:])
    (WORK / "sources" / f"{TARGET}.yml").write_bytes(yml)
    (WORK / "sources" / f"{TARGET}.txt").write_bytes(txt)
    dossier, diagnostics = load.check(WORK)
    assert dossier is not None or any(d.is_error for d in diagnostics)
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message, d


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "tests/fixtures/mini/sources" / f"{TARGET}.txt").read_bytes()
    for path in sorted({*ROOT.glob("tests/fixtures/*/sources/*.yml"), *ROOT.glob("tests/broken/*.yml")}):
        (folder / path.name).write_bytes(path.read_bytes() + b"\n---8<---\n" + text)


if __name__ == "__main__":
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not corpus:
        default = WORK / "corpus"
        seed_corpus(default)
        sys.argv.append(str(default))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
