"""Time and peak memory of the PDF export (not a test).

    .venv/bin/python bench/pdf_bench.py sources/                      # a sources folder
    .venv/bin/python bench/pdf_bench.py . tests/fixtures/mini         # project folders (with sources/)
    .venv/bin/python bench/pdf_bench.py --synth 25 --synth 100        # synthetic dossiers (bench/synth.py)
    .venv/bin/python bench/pdf_bench.py sources/ --repeat 3 --keep /tmp/pdfs
    .venv/bin/python bench/pdf_bench.py --synth 100 --code /tmp/before   # another copy of build_dossier/

Each run is ``python -m build_dossier.pdf ROOT OUT``, the child process ``dossier build`` starts,
launched from a fresh helper process that reports the child's wall time, CPU time (its worker
processes included) and two peaks: the largest single process
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the PDF process or one of its workers) and the
whole process tree, its proportional set sizes (PSS: pages shared between processes counted once)
summed every 0.5 s. A sources folder given directly is used through a
scratch project that also has this project's ``docs/methodology.md``, as the real build has.

Prints one line per run and the median per dossier; writes ``bench/out/pdf.json``
(``bench/out/`` is not committed). The machine may be shared: compare runs made together.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RESERVED = {"dossier.yml", "topics.yml", "entities.yml"}
EPOCH = "1767225600"


def tree_pss_kb(pid: int) -> int:
    """The summed PSS of ``pid`` and its descendants (0 for what has gone meanwhile)."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as file:
            total += int(re.search(r"^Pss:\s+(\d+)", file.read(), re.M)[1])
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as file:
                total += sum(tree_pss_kb(int(child)) for child in file.read().split())
    except (OSError, TypeError):
        pass
    return total


def measure_child(root: str, out: str, site_url: str | None, code: str | None) -> dict:
    """In the helper process: run the PDF export once and report on it."""
    command = [PY, "-m", "build_dossier.pdf", root, out] + (["--site-url", site_url] if site_url else [])
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", EPOCH)}
    if code:
        env["PYTHONPATH"] = code
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stderr:
        child = subprocess.Popen(
            command, cwd=code or ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True
        )
        tree_peak = 0
        while child.poll() is None:
            tree_peak = max(tree_peak, tree_pss_kb(child.pid))
            time.sleep(0.5)
        stderr.seek(0)
        errors = stderr.read()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "tree_peak_mb": round(tree_peak / 1024, 1),
        "returncode": child.returncode,
        "stderr": errors.strip()[-2000:],
        "load": os.getloadavg()[0],
    }


def project_for(path: Path, scratch: Path) -> Path:
    """A project folder for ``path``: itself if it has sources/, else a scratch project around it."""
    path = path.resolve()
    if (path / "sources").is_dir():
        return path
    if not (path / "dossier.yml").is_file():
        raise SystemExit(f"{path}: neither a project folder (with sources/) nor a sources folder (with dossier.yml)")
    project = scratch / f"project-{path.name}"
    project.mkdir(parents=True)
    (project / "sources").symlink_to(path, target_is_directory=True)
    if (ROOT / "docs" / "methodology.md").is_file():
        (project / "docs").mkdir()
        shutil.copy(ROOT / "docs" / "methodology.md", project / "docs" / "methodology.md")
    return project


def describe(project: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from build_dossier.load import load

    dossier = load(project)
    return {
        "sources": len(dossier.sources),
        "claims": len(dossier.claims),
        "text_kb": round(sum(len(s.text.encode()) for s in dossier.sources) / 1024),
    }


def pdf_facts(pdf: Path) -> dict:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), None)
    return {"pages": pages, "size_mb": round(pdf.stat().st_size / 2**20, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="sources folders or project folders")
    parser.add_argument(
        "--synth",
        type=int,
        action="append",
        default=[],
        metavar="N",
        help="also a synthetic dossier of N sources (bench/synth.py; repeatable)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--site-url", default="https://dossier.example.org/")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "pdf.json")
    parser.add_argument(
        "--code",
        type=Path,
        help="a folder holding another build_dossier/ to measure (e.g. a "
        "copy from before a change); default: this project's",
    )
    parser.add_argument("--_measure", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._measure:  # the helper process
        print(json.dumps(measure_child(*args._measure, args.site_url, args.code and str(args.code.resolve()))))
        return 0
    if not args.paths and not args.synth:
        parser.error("give a sources folder, a project folder or --synth N")

    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        scratch = Path(tmp)
        cases = [(str(p), project_for(p, scratch)) for p in args.paths]
        for n in args.synth:
            sys.path.insert(0, str(ROOT / "bench"))
            try:
                from synth import generate
            except ImportError:
                raise SystemExit("bench/synth.py is not there (or has no generate()); --synth needs it") from None
            out = scratch / f"synth-{n}"
            generate(n, out, seed=args.seed)
            cases.append((f"synth-{n}", out))

        results = []
        for label, project in cases:
            facts = describe(project)
            runs = []
            for attempt in range(args.repeat):
                pdf = scratch / f"{Path(label).name or 'dossier'}-{attempt}.pdf"
                helper = subprocess.run(
                    [PY, __file__, "--_measure", str(project), str(pdf), "--site-url", args.site_url]
                    + (["--code", str(args.code)] if args.code else []),
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                )
                run = json.loads(helper.stdout.strip().splitlines()[-1])
                if run["returncode"] != 0:
                    print(f"{label}: the PDF failed: {run['stderr']}", file=sys.stderr)
                    return 1
                run.update(pdf_facts(pdf))
                runs.append(run)
                print(
                    f"{label}: {facts['sources']} sources, {facts['claims']} claims, {run['pages']} pages, "
                    f"{run['size_mb']} MB: {run['seconds']} s wall, {run['cpu_seconds']} s CPU, "
                    f"peak {run['peak_mb']:.0f} MB (process tree {run['tree_peak_mb']:.0f} MB), "
                    f"load {run['load']:.2f} at the end",
                    flush=True,
                )
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(pdf, args.keep / f"{Path(label).name or 'dossier'}.pdf")
            median = {
                key: statistics.median(r[key] for r in runs)
                for key in ("seconds", "cpu_seconds", "peak_mb", "tree_peak_mb")
            }
            pages = runs[0]["pages"] or 1
            results.append(
                {
                    "dossier": label,
                    **facts,
                    "pages": runs[0]["pages"],
                    "size_mb": runs[0]["size_mb"],
                    **median,
                    "seconds_per_page": round(median["seconds"] / pages, 3),
                    "mb_per_page": round(median["peak_mb"] / pages, 2),
                    "runs": runs,
                }
            )
            if args.repeat > 1:
                print(
                    f"{label}: median {median['seconds']} s wall, {median['cpu_seconds']} s CPU, "
                    f"peak {median['peak_mb']:.0f} MB"
                )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
