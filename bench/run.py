"""Benchmark: the dossier build beside a plain mkdocs-material build of the same pages, in one run.

    .venv/bin/python bench/run.py                     # N = 100 and 1,000
    .venv/bin/python bench/run.py --sizes 100         # quicker
    .venv/bin/python bench/run.py --big               # also N = 10,000
    .venv/bin/python bench/run.py --repeat 3          # medians of 3 runs
    .venv/bin/python bench/run.py --pdf               # the dossier build includes the PDF, as `make site` does
    .venv/bin/python bench/run.py --browser           # also the claims filter and the search in headless Chromium
    .venv/bin/python bench/run.py --profile           # also a py-spy profile of each dossier build

For each N: a synthetic dossier (bench/synth.py) and a plain site of N Markdown pages with the same
bytes; then, interleaved, `dossier check`, `dossier build` (what `make site` runs) and
`mkdocs build --strict` of the plain site, each in a fresh child process, with wall time, CPU time
and peak RSS; a rebuild after editing one annotation, done the way `mkdocs serve` does it; and the
bytes a reader downloads. A table goes to stdout, everything to bench/out/results.json.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

VENV_PY = ROOT / ".venv/bin/python"
PY = os.environ.get("BENCH_PYTHON") or (str(VENV_PY) if VENV_PY.exists() else sys.executable)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
ENV.pop("SITE_URL", None)
TARGETS = {"ratio": 2.0, "check": 2.0, "rebuild": 2.0}  # at N = 1,000
PAGE_GZ_MAX = 300 * 1024  # issue 16: every page at most 300 KB gzipped (at 10,000 sources)
MEMORY_MAX_MB = 1536  # issue 16: peak at most 1.5 GB at 10,000 sources, and at most twice the plain build's at 1,000
SEARCH_BYTES_MAX = 300 * 1024  # issue 16: search downloads at most 300 KB (gzipped) before the reader types
SEARCH_RESULTS_MAX_MS = 1000  # issue 16: first results within 1 s of typing, on a cold page
SEARCH_TARGETS = {"before_typing_kb": SEARCH_BYTES_MAX // 1024, "first_results_ms": SEARCH_RESULTS_MAX_MS}  # per N
# what a page loads for search before the reader types (Pagefind's own files are gzipped already)
SEARCH_FIRST = ("pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json",
                "pagefind/*.pf_meta", "pagefind/wasm.*.pagefind", "assets/dossier/search.js")  # fmt: skip
SERVE_URL = "http://127.0.0.1:8000/"
MARKER = "Edited while serving"  # put into one file before the second build, then looked for in the page

# Runs one command in a fresh process: wall time, CPU time and peak RSS of its process tree.
# peak_mb is the largest single process: ru_maxrss of RUSAGE_CHILDREN (the descendants waited for),
# or, if larger, the largest one sampled in the tree (worker processes of a fork server are not
# waited for by the command, so rusage does not see them; nor does cpu_seconds, which is the
# waited processes' CPU only); tree_peak_mb samples the sum over the live tree every 0.2 s.
MEASURE = textwrap.dedent(r"""
    import json, os, resource, subprocess, sys, threading, time

    def tree_rss(root):
        parents = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as f:
                        parents.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(name))
                except (OSError, IndexError, ValueError):
                    pass
        total, largest, todo = 0, 0, [root]
        while todo:
            pid = todo.pop()
            todo.extend(parents.get(pid, ()))
            try:
                with open(f"/proc/{pid}/statm") as f:
                    rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
            total, largest = total + rss, max(largest, rss)
        return total, largest

    start = time.perf_counter()
    proc = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]
    def sample():
        while proc.poll() is None:
            total, largest = tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.2)
    threading.Thread(target=sample, daemon=True).start()
    stderr = proc.communicate()[1]
    wall = time.perf_counter() - start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": wall, "cpu_seconds": ru.ru_utime + ru.ru_stime,
                      "peak_mb": max(ru.ru_maxrss / 1024, peak[1] / 2**20),
                      "tree_peak_mb": peak[0] / 2**20, "code": proc.returncode,
                      "stderr": stderr.decode("utf-8", "replace")[-3000:]}))
""")

# What `mkdocs serve` does (mkdocs/commands/serve.py, 1.6): load the config afresh, build the
# whole site into a temporary folder; on a change, load the config again and build again.
REBUILD = textwrap.dedent(r"""
    import json, logging, shutil, sys, tempfile, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)  # serve prints INFO lines; only the timing matters here
    root, edit, old, new = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    check_page, marker, serve_url = sys.argv[5], sys.argv[6], sys.argv[7]
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = serve_url
        return config

    dirty = sys.argv[8] == "dirty"

    def once(config):
        start = time.perf_counter()
        build(config, serve_url=serve_url, dirty=dirty)
        return time.perf_counter() - start

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=dirty)
    original = edit.read_text(encoding="utf-8")
    try:
        first = once(config)
        assert old in original, old
        edit.write_text(original.replace(old, new, 1), encoding="utf-8")
        second = once(get_config())
        seen = marker in Path(site_dir, check_page).read_text(encoding="utf-8")
    finally:
        edit.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps({"first_build": first, "after_edit": second, "edit_visible": seen}))
""")


def measure(cwd: Path, *command: str) -> dict:
    out = subprocess.run([PY, "-c", MEASURE, str(cwd), *command], capture_output=True, text=True, env=ENV)
    if out.returncode != 0:
        raise SystemExit(f"measuring failed: {' '.join(command)}\n{out.stderr}")
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"failed in {cwd}: {' '.join(command)} (exit {result['code']})\n{result['stderr']}")
    del result["stderr"], result["code"]
    return result


# ---- the plain site -------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads the project's mkdocs.yml: !ENV [NAME, default] gives the default (variables are ignored)."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node):
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env_default)


def plain_config() -> str:
    """The project's theme, Markdown extensions and validation; the search plugin only; a small nav."""
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config = {
        "site_name": "Plain mkdocs-material site",
        "site_url": "http://127.0.0.1:8000/",
        "theme": project["theme"],
        "plugins": ["search"],
        "markdown_extensions": project.get("markdown_extensions", []),
        "nav": [{"Home": "index.md"}, {"Pages": "pages/index.md"}],
        "validation": project.get("validation", {}),
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def plain_page(raw: str, title: str) -> str:
    """The source text as plain Markdown paragraphs, exactly as many UTF-8 bytes as the .txt."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in raw.split("\n\n")]
    page = f"# {title}\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"
    target = len(raw.encode("utf-8"))
    data = page.encode("utf-8")
    if len(data) > target:
        page = data[: target - 1].decode("utf-8", "ignore").rstrip() + "\n"
    missing = target - len(page.encode("utf-8"))
    if missing > 0:
        page = page[:-1] + " " * missing + "\n"
    assert len(page.encode("utf-8")) == target
    return page


def plain_site(dossier: Path, out: Path) -> None:
    """N pages, each the size of one synthetic source; an index page links them all (like the
    dossier's sources index); the nav lists only the home page and that index."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs" / "pages"
    docs.mkdir(parents=True)
    links = []
    for path in sorted((dossier / "sources").glob("*.txt")):
        slug = path.stem
        (docs / f"{slug}.md").write_text(
            plain_page(path.read_text(encoding="utf-8"), slug.replace("-", " ")), encoding="utf-8"
        )
        links.append(f"- [{slug}]({slug}.md)\n")
    (docs / "index.md").write_text("# Pages\n\n" + "".join(links), encoding="utf-8")
    (out / "docs" / "index.md").write_text(
        "# Plain site\n\nThe same number of pages and bytes as the synthetic "
        "dossier, without the dossier. [All pages](pages/index.md).\n"
    )
    (out / "mkdocs.yml").write_text(plain_config(), encoding="utf-8")


# ---- sizes ------------------------------------------------------------------------------------


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))  # what a web server typically sends


def site_stats(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "files": len(files),
        "html_pages": sum(p.suffix == ".html" for p in files),
        "bytes": sum(p.stat().st_size for p in files),
    }


def largest_pages(site: Path, count: int = 5) -> list[dict]:
    """The HTML pages largest once gzip-compressed (what a reader downloads for the page itself)."""
    sizes = sorted(((gz(p), p) for p in site.rglob("*.html")), key=lambda item: (-item[0], str(item[1])))
    return [{"page": str(p.relative_to(site)), "gzip": n, "bytes": p.stat().st_size} for n, p in sizes[:count]]


def download_sizes(site: Path) -> dict:
    out = {}
    for key, rel in (
        ("claims_html", "claims/index.html"),
        ("claims_rows_json", "claims/rows.json"),
    ):
        path = site / rel
        if path.is_file():
            out[key] = {"bytes": path.stat().st_size, "gzip": gz(path)}
    if (site / "pagefind").is_dir():  # the whole index on disk, and what a page loads before typing
        first = [p for pattern in SEARCH_FIRST for p in site.glob(pattern) if "wasm.unknown" not in p.name]
        out["search_index"] = {
            "bytes": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()),
            "gzip": sum(gz(p) for p in first),
        }
    return out


# ---- serve rebuild ------------------------------------------------------------------------------


def serve_rebuild(dossier: Path, plain: Path) -> dict:
    """A rebuild after editing one claim sentence (dossier, as `make serve` = `mkdocs serve --dirty` does)
    and one page (plain: `mkdocs serve`, which rebuilds every page, and `mkdocs serve --dirty`)."""
    result = {}
    annotations = sorted((dossier / "sources").glob("*-*.yml"))
    yml = annotations[len(annotations) // 2]
    text = yml.read_text(encoding="utf-8")
    start = text.index("    claim: ") + len("    claim: ")
    old = text[start : text.index("\n", start)]
    new = json.dumps(f"{MARKER}: " + json.loads(old), ensure_ascii=False)
    runs = {"dossier": (dossier, yml, old, new, f"sources/{yml.stem}/index.html", "dirty")}
    page = sorted((plain / "docs/pages").glob("*.md"))[0]
    runs["plain"] = (plain, page, "\n\n", f"\n\n{MARKER}.\n\n", f"pages/{page.stem}/index.html", "full")
    runs["plain_dirty"] = runs["plain"][:-1] + ("dirty",)
    for name, (root, edit, old_text, new_text, check_page, mode) in runs.items():
        out = subprocess.run(
            [PY, "-c", REBUILD, str(root), str(edit), old_text, new_text, check_page, MARKER, SERVE_URL, mode],
            capture_output=True,
            text=True,
            env=ENV,
            cwd=root,
        )
        if out.returncode != 0:
            result[name] = {"error": out.stderr[-2000:]}
            continue
        result[name] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---- browser ----------------------------------------------------------------------------------


def node(script: str, site: Path) -> dict:
    """The JSON line printed last by `node bench/SCRIPT SITE`, or {"error": ...}."""
    try:
        out = subprocess.run(["node", str(HERE / script), str(site)], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": str(exc)}
    if out.returncode != 0:
        return {"error": out.stderr[-2000:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def browser(site: Path) -> dict:
    """The claims filter (claims_filter.js), and under "search" the site's search (search.js, Pagefind)."""
    result = node("claims_filter.js", site)
    result["search"] = node("search.js", site)
    return result


# ---- profile ----------------------------------------------------------------------------------

# self time: a sample counts for the innermost frame from one of these packages
BUCKETS = [
    ("markdown/", "Python-Markdown"),
    ("material/plugins/search", "search plugin"),
    ("material/", "mkdocs-material"),
    ("jinja2/", "Jinja2"),
    ("markupsafe/", "markupsafe"),
    ("build_dossier/", "build_dossier"),
    ("yaml/", "PyYAML"),
    ("mkdocs/", "mkdocs"),
    ("weasyprint/", "WeasyPrint"),
]  # other frames (stdlib) count for their caller
# inclusive time: a sample counts for every phase one of its frames belongs to
PHASES = [
    ("dossier check/load (all calls)", "check (build_dossier/load.py:"),
    ("dossier Renderer.pages", "Renderer.pages (build_dossier/render.py:"),
    ("dossier Renderer.files (data, feed)", "Renderer.files (build_dossier/render.py:"),
    ("mkdocs Markdown -> HTML (_populate_page)", "_populate_page (mkdocs/commands/build.py:"),
    ("mkdocs page templates (_build_page)", "_build_page (mkdocs/commands/build.py:"),
    ("search plugin", "material/plugins/search"),
    ("imports", "_find_and_load (<frozen importlib._bootstrap>"),
    ("rmtree (--clean, swap)", "rmtree (shutil.py:"),
]


def profile(dossier: Path, n: int, work: Path) -> dict:
    """py-spy over `dossier build --no-pdf` and its mkdocs child: inclusive time by phase, self time
    by package, and the functions with the most samples of their own (percent of all samples)."""
    spy = Path(PY).with_name("py-spy")
    if not spy.exists():
        return {"error": f"py-spy not found next to {PY}; .venv/bin/pip install py-spy"}
    raw = work / f"profile-{n}.txt"
    subprocess.run(
        [
            str(spy),
            "record",
            "--subprocesses",
            "--rate",
            "50",
            "--format",
            "raw",
            "-o",
            str(raw),
            "--",
            PY,
            "-m",
            "build_dossier",
            "build",
            "--no-pdf",
            "--site-dir",
            "site",
        ],
        cwd=dossier,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if not raw.is_file():
        return {"error": "py-spy wrote nothing"}
    return summarise_profile(raw)


def summarise_profile(raw: Path) -> dict:
    """Percentages of py-spy's raw (collapsed stacks) output."""
    by_package, by_function, by_phase, total = Counter(), Counter(), Counter(), 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames, count = [f for f in stack.split(";") if not f.startswith("process ")], int(count)
        total += count
        if not frames:
            continue
        by_function[frames[-1]] += count
        for label, key in PHASES:
            if any(key in frame for frame in frames):
                by_phase[label] += count
        for frame in reversed(frames):
            bucket = next((label for key, label in BUCKETS if key in frame), None)
            if bucket:
                by_package[bucket] += count
                break
        else:
            by_package["other"] += count
    share = lambda c: round(100 * c / total, 1) if total else 0.0  # noqa: E731
    return {
        "samples": total,
        "raw": str(raw),
        "by_phase_percent": {k: share(by_phase[k]) for k, _ in PHASES},
        "by_package_percent": {k: share(v) for k, v in by_package.most_common()},
        "top_self_percent": {k: share(v) for k, v in by_function.most_common(15)},
    }


# ---- one size ---------------------------------------------------------------------------------


def run(n: int, args) -> dict:
    dossier, plain = args.work / f"dossier-{n}", args.work / f"plain-{n}"
    start = time.perf_counter()
    generate(n, dossier, seed=args.seed)
    synth_seconds = time.perf_counter() - start
    plain_site(dossier, plain)
    build = [PY, "-m", "build_dossier", "build", "--site-dir", "site"] + ([] if args.pdf else ["--no-pdf"])
    runs: dict[str, list[dict]] = {"check": [], "build": [], "plain": []}
    load_before = os.getloadavg()
    for i in range(args.repeat):  # interleaved, so each side sees the same machine
        steps = [
            ("check", dossier, [PY, "-m", "build_dossier", "check"]),
            ("build", dossier, build),
            ("plain", plain, [PY, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet"]),
        ]
        if i % 2:
            steps.reverse()
        for name, cwd, command in steps:
            runs[name].append(measure(cwd, *command))
    runs["make_site"] = runs["build"]  # `make site` is `dossier build`, which validates first
    med = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in runs.items()}
    site = dossier / "site"
    result = {
        "sources": n,
        "claims": len(json.loads((site / "claims/rows.json").read_text(encoding="utf-8"))),
        "source_text_bytes": sum(p.stat().st_size for p in (dossier / "sources").glob("*.txt")),
        "synth_seconds": synth_seconds,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "check": med["check"],
        "build": med["build"],
        "make_site": med["make_site"],
        "plain": med["plain"],
        "ratio": med["make_site"]["seconds"] / med["plain"]["seconds"],
        "ratio_cpu": med["make_site"]["cpu_seconds"] / med["plain"]["cpu_seconds"],
        "downloads": download_sizes(site),
        "largest_pages": largest_pages(site),
        "dossier_site": site_stats(site),
        "plain_site": site_stats(plain / "site"),
        "runs": runs,
    }
    if args.pdf and (site / "dossier.pdf").is_file():
        result["pdf_bytes"] = (site / "dossier.pdf").stat().st_size
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(site / "dossier.pdf")], capture_output=True, text=True).stdout
            pages = [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")]
            result["pdf_pages"] = int(pages[0]) if pages else None
    if n <= args.rebuild_max:
        result["serve_rebuild"] = serve_rebuild(dossier, plain)
    if args.browser:
        result["browser"] = browser(site)
    if args.profile:
        result["profile"] = profile(dossier, n, args.work)
    return result


# ---- report -----------------------------------------------------------------------------------


def table(results: list[dict], pdf: bool) -> str:
    def mark(ok: bool | None) -> str:
        return "" if ok is None else (" ok" if ok else " !!")

    head = [
        "N",
        "claims",
        "check s",
        f"dossier s{' +pdf' if pdf else ''}",
        "plain s",
        "ratio",
        "ratio cpu",
        "dossier MB",
        "plain MB",
        "rebuild s",
        "plain rebuild s (--dirty)",
        "claims html gz",
        "search idx",
        "search first gz",
    ]
    rows = []
    for r in results:
        at_target = r["sources"] == 1000
        rb = (r.get("serve_rebuild") or {}).get("dossier", {}).get("after_edit")
        prb = (r.get("serve_rebuild") or {}).get("plain", {}).get("after_edit")
        pdb = (r.get("serve_rebuild") or {}).get("plain_dirty", {}).get("after_edit")
        d = r["downloads"]
        rows.append(
            [
                f"{r['sources']:,}",
                f"{r['claims']:,}",
                f"{r['check']['seconds']:.2f}" + mark(r["check"]["seconds"] < TARGETS["check"] if at_target else None),
                f"{r['make_site']['seconds']:.2f}",
                f"{r['plain']['seconds']:.2f}",
                f"{r['ratio']:.2f}" + mark(r["ratio"] <= TARGETS["ratio"] if at_target else None),
                f"{r['ratio_cpu']:.2f}",
                f"{r['make_site']['peak_mb']:.0f} ({r['make_site']['tree_peak_mb']:.0f})",
                f"{r['plain']['peak_mb']:.0f}",
                "-" if rb is None else f"{rb:.2f}" + mark(rb < TARGETS["rebuild"] if at_target else None),
                "-" if prb is None else f"{prb:.2f}" + ("" if pdb is None else f" ({pdb:.2f})"),
                f"{d['claims_html']['gzip'] / 1024:.0f} KB" if "claims_html" in d else "-",
                f"{d['search_index']['bytes'] / 2**20:.1f} MB" if "search_index" in d else "-",
                f"{d['search_index']['gzip'] / 1024:.0f} KB" if "search_index" in d else "-",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    lines.append(
        f"targets at N=1,000: ratio <= {TARGETS['ratio']}, check < {TARGETS['check']} s, "
        f"rebuild < {TARGETS['rebuild']} s (ok / !!); dossier = `dossier build` (validates, then mkdocs), as `make site`; "
        "MB = peak RSS of the largest process (of the whole tree)"
    )
    for r in results:
        b = r.get("browser")
        if b and "error" not in b:
            lines.append(
                f"N={r['sources']:,} claims filter: ready {b['ready_ms']:.0f} ms after navigation, keystroke -> "
                f"count median {b['median_ms']:.1f} ms, max {b['max_ms']:.1f} ms; -> next frame median "
                f"{b['paint_median_ms']:.1f} ms, max {b['paint_max_ms']:.1f} ms ({b['keystrokes']} keystrokes)"
            )
        elif b:
            lines.append(f"N={r['sources']:,} claims filter: failed: {b['error'][:300]}")
        s = (b or {}).get("search")
        if s and "error" not in s:
            before, cold = s["before_typing"]["gzip_bytes"], max(q["after_last_key_ms"] for q in s["cold"])
            lines.append(
                f"N={r['sources']:,} search (Pagefind): {before / 1024:.0f} KB gz before typing"
                f"{mark(before <= SEARCH_TARGETS['before_typing_kb'] * 1024)}; cold page, last key -> results "
                + ", ".join(
                    f"{q['query']!r} {q['after_last_key_ms']:.0f} ms ({q['results']} results)" for q in s["cold"]
                )
                + mark(cold <= SEARCH_TARGETS["first_results_ms"])
                + "; warm "
                + ", ".join(f"{q['median_ms']:.0f} ms" for q in s["warm"])
            )
        elif s:
            lines.append(f"N={r['sources']:,} search: failed: {s['error'][:300]}")
        p = r.get("profile")
        if p and "error" not in p:
            lines.append(
                f"N={r['sources']:,} dossier build, inclusive: "
                + ", ".join(f"{k} {v}%" for k, v in p["by_phase_percent"].items())
            )
            lines.append(
                f"N={r['sources']:,} dossier build, self time: "
                + ", ".join(f"{k} {v}%" for k, v in list(p["by_package_percent"].items())[:9])
            )
    return "\n".join(lines)


# ---- the targets of issue 16 ---------------------------------------------------------------------

# what the one-concurrency-mechanism target forbids outside build_dossier/parallel.py
FORBIDDEN = ("os.fork", "/proc/", "gc.disable", "_blake2", "import multiprocessing", "multiprocessing.", "Pool(")


def concurrency_findings() -> list[str]:
    """Lines of build_dossier/ (but parallel.py) with another way to run in parallel, or a
    garbage-collector switch, /proc or a private import."""
    found = []
    for path in sorted((ROOT / "build_dossier").glob("*.py")):
        if path.name == "parallel.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if any(word in code for word in FORBIDDEN):
                found.append(f"{path.name}:{number}")
    return found


def search_figures(result: dict) -> tuple[float | None, float | None, str]:
    """(gzipped bytes of search downloaded before typing, ms from the last key to the results on a
    cold page, the slowest query, how measured) from bench/search.js's line (Pagefind)."""
    s = (result.get("browser") or {}).get("search") or {}
    if not s or "error" in s:
        return None, None, "not measured" + (f" (search.js failed: {s['error'][:120]})" if s else " (no --browser)")
    slowest = max(s["cold"], key=lambda q: q["after_last_key_ms"])
    return s["before_typing"]["gzip_bytes"], slowest["after_last_key_ms"], f"search.js, slowest: {slowest['query']!r}"


def targets(results: list[dict]) -> list[str]:
    """Every target of issue 16, ok or not (or not measured), from this run."""
    by_n = {r["sources"]: r for r in results}
    small, big = by_n.get(1000), by_n.get(10_000)
    lines = ["targets (issue 16):"]

    def line(what: str, value: str, ok: bool | None) -> None:
        lines.append(f"  {what}: {value}" + ("" if ok is None else ("  ok" if ok else "  NOT MET")))

    for n, r in sorted(by_n.items()):
        page = r["largest_pages"][0] if r.get("largest_pages") else None
        if page:
            line(
                f"every page <= {PAGE_GZ_MAX // 1024} KB gzipped, N={n:,}",
                f"largest {page['page']} {page['gzip'] / 1024:.0f} KB",
                page["gzip"] <= PAGE_GZ_MAX if n == 10_000 else None,
            )
    missing = "not measured (run --sizes 1000 10000)"
    if big:
        peak = big["make_site"]["tree_peak_mb"]
        line(f"peak memory (process tree) <= {MEMORY_MAX_MB} MB, N=10,000", f"{peak:.0f} MB", peak <= MEMORY_MAX_MB)
    else:
        line(f"peak memory <= {MEMORY_MAX_MB} MB, N=10,000", missing, None)
    if small:
        peak, plain = small["make_site"]["tree_peak_mb"], small["plain"]["tree_peak_mb"]
        line(
            "peak memory (process tree) <= 2x the plain build's, N=1,000",
            f"{peak:.0f} MB vs {plain:.0f} MB",
            peak <= 2 * plain,
        )
        line(
            f"build <= {TARGETS['ratio']}x the plain build (wall), N=1,000",
            f"{small['ratio']:.2f} (CPU {small['ratio_cpu']:.2f})",
            small["ratio"] <= TARGETS["ratio"],
        )
    else:
        line("peak memory and build time against the plain build, N=1,000", missing, None)
    if small and big:
        line(
            "ratio at N=10,000 no higher than at N=1,000",
            f"{big['ratio']:.2f} vs {small['ratio']:.2f} (CPU {big['ratio_cpu']:.2f} vs {small['ratio_cpu']:.2f})",
            big["ratio"] <= small["ratio"],
        )
    else:
        line("ratio at N=10,000 no higher than at N=1,000", missing, None)
    if big:
        size, after, how = search_figures(big)
        line(
            f"search downloaded before typing <= {SEARCH_BYTES_MAX // 1024} KB gzipped, N=10,000",
            how if size is None else f"{size / 1024:.0f} KB ({how})",
            None if size is None else size <= SEARCH_BYTES_MAX,
        )
        line(
            f"search: first results <= {SEARCH_RESULTS_MAX_MS} ms after typing, cold page, N=10,000",
            how if after is None else f"{after:.0f} ms ({how})",
            None if after is None else after <= SEARCH_RESULTS_MAX_MS,
        )
    else:
        line("search at N=10,000", missing, None)
    found = concurrency_findings()
    line(
        "one concurrency mechanism (parallel.py); no os.fork, /proc, gc switch or private import elsewhere",
        "none found" if not found else "found in " + ", ".join(found),
        not found,
    )
    return lines


def git_state() -> dict:
    def git(*a):
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--", "build_dossier")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000], help="numbers of sources (default 100 1000)"
    )
    parser.add_argument("--big", action="store_true", help="also 10,000 sources")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median is reported")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf", action="store_true", help="build the PDF too, as `make site` does")
    parser.add_argument(
        "--browser", action="store_true", help="time the claims filter and the search in headless Chromium"
    )
    parser.add_argument("--profile", action="store_true", help="py-spy profile of each dossier build")
    parser.add_argument(
        "--rebuild-max", type=int, default=1000, help="measure the serve rebuild up to this N (default 1000)"
    )
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where sites and results go (bench/out)")
    args = parser.parse_args()
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = args.sizes + ([10_000] if args.big and 10_000 not in args.sizes else [])
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "host": socket.gethostname(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "interpreter": PY,
        "repeat": args.repeat,
        "seed": args.seed,
        "pdf": args.pdf,
        **git_state(),
    }
    print(
        f"bench: {meta['cpus']} CPUs, load {os.getloadavg()[0]:.2f}, commit {meta['commit']}"
        f"{' (build_dossier modified)' if meta['dirty'] else ''}, repeat {args.repeat}",
        file=sys.stderr,
        flush=True,
    )
    results = []
    for n in sizes:
        print(f"bench: N={n:,} ...", file=sys.stderr, flush=True)
        results.append(run(n, args))
        (args.work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")
    print(table(results, args.pdf))
    print("\n".join(targets(results)))


if __name__ == "__main__":
    main()
