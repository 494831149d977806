"""Two versions of the code side by side: `dossier build --no-pdf` of one synthetic dossier with
each, and the plain mkdocs-material build of the same pages, alternating, in one run.

    git archive f4c6380 | tar -x -C /tmp/before          # any earlier commit, unpacked
    .venv/bin/python bench/compare.py /tmp/before .       # N = 1,000, three rounds
    .venv/bin/python bench/compare.py /tmp/before . --size 100 --rounds 5

Each build runs in a fresh child process with ``PYTHONPATH`` set to that copy, so it imports that
copy's ``build_dossier``; wall time, CPU time of the process (not its worker processes) and the
peak memory of its process tree are measured as ``run.py`` measures them.  Medians go to stdout.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", nargs=2, type=Path, help="two folders, each holding a build_dossier/ package")
    parser.add_argument("--size", type=int, default=1000, help="sources in the synthetic dossier (1000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "compare")
    args = parser.parse_args()
    dossier, plain = args.work / f"dossier-{args.size}", args.work / f"plain-{args.size}"
    bench.generate(args.size, dossier, seed=args.seed)
    bench.plain_site(dossier, plain)
    builds = {str(code.resolve()): dossier for code in args.code}
    builds["plain"] = plain
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    for number in range(args.rounds):
        for name, folder in builds.items():
            shutil.rmtree(folder / "site", ignore_errors=True)
            if name == "plain":
                bench.ENV.pop("PYTHONPATH", None)
                command = [bench.PY, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet"]
            else:
                bench.ENV["PYTHONPATH"] = name
                command = [bench.PY, "-m", "build_dossier", "build", "--no-pdf", "--site-dir", "site"]
            result = bench.measure(folder, *command)  # stops the run if the build fails
            runs[name].append(result)
            print(f"round {number + 1}: {name}: {result['seconds']:.1f} s, tree {result['tree_peak_mb']:.0f} MB")
    plain_wall = statistics.median(r["seconds"] for r in runs["plain"])
    print(f"\nN = {args.size}, medians of {args.rounds}:")
    for name, results in runs.items():
        wall = statistics.median(r["seconds"] for r in results)
        tree = max(r["tree_peak_mb"] for r in results)
        print(f"  {name}: {wall:.1f} s wall, ratio to plain {wall / plain_wall:.2f}, process tree peak {tree:.0f} MB")


if __name__ == "__main__":
    main()
