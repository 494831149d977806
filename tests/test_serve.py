"""`make serve` (`mkdocs serve --dirty`): after an edit, a rebuild renders and rebuilds only what
changed, and the site it leaves is the site a clean build of the edited project makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

# In a child process, as `mkdocs serve --dirty` does it: one startup, then a build per change
# (each with a freshly loaded config) into the same site folder.  Prints what each build rebuilt.
SERVE = textwrap.dedent(r"""
    import json, logging, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)
    root, site, edits = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])

    def get_config():
        return load_config(config_file=str(root / "mkdocs.yml"), site_dir=site)

    def stamps():
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in Path(site).rglob("*.html")}

    def settled(config):  # the search index is made in the background: wait for it before looking
        config.plugins["dossier"].indexer.wait()

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    settled(config)
    for path, old, new in edits:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        config, before = get_config(), stamps()
        build(config, dirty=True)
        settled(config)
        rebuilt = sorted(p.removesuffix("index.html") for p, t in stamps().items() if before.get(p) != t)
        print(json.dumps({"changed": sorted(config.plugins["dossier"].changed), "rebuilt": rebuilt}))
    config.plugins.on_shutdown()
""")


def serve(project: Path, site: Path, edits: list[tuple[str, str, str]]) -> list[dict]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(project), str(site), json.dumps(edits)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def clean_build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def tree(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    files.pop("sitemap.xml.gz", None)  # gzip stamps its own time
    return files


EDITS = {
    "claim sentence": [
        ("sources/alpha-2019-advisers.yml", "from 1,000 to a few dozen.", "from 1,000 to a few dozen, a source said.")
    ],
    "outlet, then entity name": [
        ("sources/beta-2025-air-defence.yml", "outlet: Beta Monitor", "outlet: Beta Watch"),
        ("sources/entities.yml", "name: Rostec", "name: Rostec Corporation"),
    ],
    "dates that reorder the claims": [
        ("sources/beta-2025-air-defence.yml", 'event_date: "2025-10-26"', 'event_date: "2018-10-26"'),
        ("sources/alpha-2019-advisers.yml", 'published: "2019-06-03"', 'published: "2009-06-03"'),
    ],
}


@pytest.mark.parametrize("edits", EDITS.values(), ids=EDITS.keys())
def test_a_dirty_rebuild_gives_the_clean_build(tmp_path: Path, edits):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    reports = serve(project, tmp_path / "served", edits)
    clean_build(project, tmp_path / "clean")
    served, clean = tree(tmp_path / "served"), tree(tmp_path / "clean")
    # what only `serve` adds: the sources' errors (none here), and where each page finds them
    assert json.loads(served.pop("assets/dossier/status.json")) == {"errors": []}
    served = {
        name: re.sub(rb'<meta name="dossier-status" content="[^"]*">', b"", data) for name, data in served.items()
    }
    assert served.keys() == clean.keys()  # the search index too: made again from the whole site, same bytes
    assert any(name.startswith("pagefind/fragment/") for name in served)
    assert [name for name in served if served[name] != clean[name]] == []
    assert all(report["changed"] for report in reports)


def test_an_edit_rebuilds_only_the_pages_it_touches(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    (report,) = serve(project, tmp_path / "served", EDITS["claim sentence"])
    changed = set(report["changed"])
    assert "sources/alpha-2019-advisers.md" in changed and "timeline/index.md" in changed
    assert "sources/beta-2025-air-defence.md" not in changed  # no relation to the edited claim
    assert "about/" not in report["rebuilt"] and "sources/alpha-2019-advisers/" in report["rebuilt"]
