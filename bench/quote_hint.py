"""The check of a mistyped long quote against a large text: how long `dossier check` takes to answer
(not a test; the figure goes into the README).

    .venv/bin/python bench/quote_hint.py [--text-bytes 5000000] [--quote-chars 5000] [--repeat 3]

It writes a one-source dossier into a scratch folder: a seeded text of about --text-bytes bytes of
prose and an annotation whose one claim quotes --quote-chars characters of the text's middle with
one word in fifty mistyped, so the quote matches nowhere and the check looks for the closest
passage.  It runs `dossier check` in a fresh process each time and prints the wall time (median).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "sources"
WORDS = [
    "Russia",
    "Venezuela",
    "military",
    "advisers",
    "contract",
    "loan",
    "billion",
    "dollars",
    "Rostec",
    "delivered",
    "aircraft",
    "air",
    "defence",
    "systems",
    "Caracas",
    "Moscow",
    "oil",
    "debt",
    "restructured",
    "agreement",
    "signed",
    "officials",
    "said",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "reported",
    "according",
    "sources",
    "denied",
    "confirmed",
]


def make_project(folder: Path, text_bytes: int, quote_chars: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    lines, size = [], 0
    while size < text_bytes:
        line = " ".join(rng.choice(WORDS) for _ in range(12)) + "."
        lines.append(line)
        size += len(line) + 1
    text = "\n".join(lines)[:text_bytes]
    middle = len(text) // 2
    start = text.index(" ", middle) + 1
    words = text[start : start + quote_chars].replace("\n", " ").split(" ")
    quote = " ".join(w[::-1] if i % 50 == 25 else w for i, w in enumerate(words))  # one word in fifty mistyped
    sources = folder / "sources"
    sources.mkdir(parents=True)
    for name in ("dossier.yml", "topics.yml", "entities.yml"):
        shutil.copy(MINI / name, sources / name)
    (sources / "big-2020-text.txt").write_text(text, encoding="utf-8")
    (sources / "big-2020-text.yml").write_text(
        f"""source:
  title: A long text
  outlet: Big News
  published: "2020"
  url: https://bignews.example/text
  kind: news
  language: en
claims:
  - id: big-long-quote
    claim: A long quote with typos.
    quote: "{quote}"
    topics: [personnel]
    status: reported
    claimant: nobody
""",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text-bytes", type=int, default=5_000_000)
    parser.add_argument("--quote-chars", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-quote-hint-") as scratch:
        project = Path(scratch)
        make_project(project, args.text_bytes, args.quote_chars)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "build_dossier", "check"], cwd=project, capture_output=True, text=True
            )
            times.append(time.perf_counter() - start)
        line = next((row for row in result.stdout.splitlines() if "big-long-quote" in row), result.stdout)
        assert result.returncode == 1 and "closest passage" in line, result.stdout + result.stderr
        print(
            f"text {args.text_bytes:,} bytes, quote {args.quote_chars:,} characters: dossier check answered in "
            f"{statistics.median(times):.2f} s (median of {args.repeat}; runs: "
            f"{', '.join(f'{t:.2f}' for t in times)})"
        )
        print(f"message: {line[:300]}…")


if __name__ == "__main__":
    main()
