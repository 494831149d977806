"""Benchmark: the dossier build against a plain mkdocs-material build of the same pages, side by side.

    python bench/run.py                 # N = 100 and 1,000
    python bench/run.py --sizes 100     # quicker
    python bench/run.py --big           # also N = 10,000
    python bench/run.py --pdf           # also time the PDF

For each N it generates the synthetic dossier (bench/synth.py) and a plain site with one page per
source of the same text, then measures in the same run: `dossier check`, the dossier build
(`dossier build --no-pdf`: MkDocs strict build with the plugin, as `make site` runs it) and the
plain build (`mkdocs build --strict`), wall time and peak RSS of each, their ratio, a rebuild after
editing one YAML file (what `mkdocs serve` does on a change), and the sizes readers download
(claims index HTML, search index). Results: a table on stdout and bench/out/results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    start = time.perf_counter()
    code = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
    print(json.dumps({"seconds": time.perf_counter() - start, "code": code,
                      "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
""")
REBUILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    root = Path(sys.argv[1])
    def once():
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site-serve"))
        start = time.perf_counter(); build(config); return time.perf_counter() - start
    first = once()
    annotation = sorted((root / "sources").glob("*-*.yml"))[0]
    annotation.write_text(annotation.read_text().replace("claim: \\"Synthetic claim:", "claim: \\"Edited claim:", 1))
    print(json.dumps({"first": first, "after_edit": once()}))
""")


def measure(cwd: Path, *command: str) -> dict:
    out = subprocess.run([PY, "-c", MEASURE, str(cwd), *command], capture_output=True, text=True, env=ENV)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"failed in {cwd}: {' '.join(command)}\n{out.stderr}")
    return result


def plain_site(dossier: Path, out: Path) -> None:
    """One Markdown page per source, same text, same theme and search, a small nav."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    texts = sorted((dossier / "sources").glob("*.txt"))
    for i, path in enumerate(texts):
        (docs / f"page-{i}.md").write_text(f"# Page {i}\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "index.md").write_text("# Plain site\n\n" + "".join(f"- [Page {i}](page-{i}.md)\n" for i in range(len(texts))))
    (out / "mkdocs.yml").write_text("site_name: Plain\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n"
                                    "  font: false\nplugins:\n  - search\nnav:\n  - Home: index.md\n"
                                    "validation:\n  nav:\n    omitted_files: info\n")


def sizes(site: Path) -> dict:
    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 9))
    index = site / "search/search_index.json"
    claims = site / "claims/index.html"
    return {"claims_html_bytes": claims.stat().st_size, "claims_html_gzip": gz(claims),
            "claims_rows_json_gzip": gz(site / "claims/rows.json"),
            "search_index_bytes": index.stat().st_size, "search_index_gzip": gz(index)}


def run(n: int, work: Path, repeat: int, pdf: bool) -> dict:
    dossier, plain = work / f"dossier-{n}", work / f"plain-{n}"
    generate(n, dossier, seed=0)
    plain_site(dossier, plain)
    runs = {"check": [], "dossier": [], "plain": []}
    for _ in range(repeat):  # interleaved, so both see the same machine state
        runs["check"].append(measure(dossier, PY, "-m", "build_dossier", "check"))
        runs["dossier"].append(measure(dossier, PY, "-m", "build_dossier", "build", "--no-pdf", "--site-dir", "site"))
        runs["plain"].append(measure(plain, PY, "-m", "mkdocs", "build", "--strict", "--quiet"))
    med = {k: {"seconds": statistics.median(r["seconds"] for r in v), "peak_mb": max(r["peak_mb"] for r in v)}
           for k, v in runs.items()}
    result = {"sources": n, "claims": sum(1 for _ in dossier.glob("sources/*.yml")) and None, **med,
              "ratio": med["dossier"]["seconds"] / med["plain"]["seconds"], **sizes(dossier / "site")}
    result["claims"] = len(json.loads((dossier / "site/claims/rows.json").read_text()))
    rebuild = subprocess.run([PY, "-c", REBUILD, str(dossier)], capture_output=True, text=True, env=ENV)
    result["serve_rebuild"] = json.loads(rebuild.stdout.strip().splitlines()[-1]) if rebuild.returncode == 0 else None
    if pdf:
        result["pdf"] = measure(dossier, PY, "-m", "build_dossier.pdf", str(dossier), str(dossier / "dossier.pdf"))
        result["pdf"]["pages"] = int(subprocess.run(["pdfinfo", str(dossier / "dossier.pdf")], capture_output=True,
                                                    text=True).stdout.split("Pages:")[1].split()[0])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--big", action="store_true", help="also 10,000 sources")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes + ([10_000] if args.big else []):
        r = run(n, args.work, args.repeat, args.pdf)
        results.append(r)
        serve = r["serve_rebuild"] or {}
        print(f"N={n:>6} claims={r['claims']:>6}  check {r['check']['seconds']:6.2f}s  "
              f"dossier {r['dossier']['seconds']:6.2f}s ({r['dossier']['peak_mb']:.0f} MB)  "
              f"plain {r['plain']['seconds']:6.2f}s ({r['plain']['peak_mb']:.0f} MB)  ratio {r['ratio']:.2f}  "
              f"rebuild after edit {serve.get('after_edit', float('nan')):.2f}s  "
              f"claims page {r['claims_html_gzip'] / 1024:.0f} KB gz  search index {r['search_index_gzip'] / 1024:.0f} KB gz"
              + (f"  pdf {r['pdf']['seconds']:.1f}s {r['pdf']['peak_mb']:.0f} MB {r['pdf']['pages']} pages" if args.pdf else ""),
              flush=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
