"""The site's search index: Pagefind (the ``pagefind[bin]`` wheel) over the built pages.

Pagefind reads the HTML MkDocs wrote and writes ``pagefind/`` beside it: a small entry, the
WebAssembly search and the index in chunks that a page downloads only as a query needs them (the
theme's search instead downloads the whole index on every page).  It indexes the elements marked
``data-pagefind-body`` (the plugin marks the content of every page not excluded from search),
leaves out those marked ``data-pagefind-ignore``, and weights headings above text, so a source's
title and a claim's sentence rank above the reading text.  Searches ignore case and accents.
The same pages give the same bytes.

Under ``mkdocs serve`` the index is made again after each build in the background
(``BackgroundIndexer``): the page reloads at once, and search catches up a few seconds later.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from .errors import DossierError

FOLDER = "pagefind"  # in the site; the header's search box loads FOLDER/pagefind.js
# read past, besides what the templates mark data-pagefind-ignore: the theme's heading permalinks (¶),
# the reading text's links from a quote to its claim ("claim 3"), the labels of the pages' facts
# ("Outlet", "Published"), which Pagefind would glue to their values in the excerpts
LEFT_OUT = (".headerlink", ".dossier-qref", "dt")


def index_site(site_dir: Path) -> None:
    """Write the search index of the pages in ``site_dir`` to ``site_dir/FOLDER``, replacing any
    previous one whole (its chunks are named by their content, so they would otherwise pile up), at
    once: a page searching meanwhile reads the old index or the new one."""
    fresh, old = site_dir / f".{FOLDER}-new", site_dir / f".{FOLDER}-old"
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-path",
        str(fresh.absolute()),
        "--silent",
    ]
    for selector in LEFT_OUT:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise DossierError(f"the search index (Pagefind) failed: {detail or f'exit {result.returncode}'}")
    if (site_dir / FOLDER).exists():
        (site_dir / FOLDER).rename(old)
    fresh.rename(site_dir / FOLDER)
    shutil.rmtree(old, ignore_errors=True)


class BackgroundIndexer:
    """``index_site`` in a thread, one run at a time: a build that ends during a run gets one more
    run after it (the run may have read pages the build was still writing)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        self._thread = threading.Thread(target=self._run, args=(site_dir,), name="dossier-search", daemon=True)
        self._thread.start()

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                index_site(site_dir)
            except DossierError as exc:
                logging.getLogger("mkdocs.plugins.dossier").error("dossier: %s", exc)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def wait(self) -> None:
        """Until the runs asked for are done."""
        while (thread := self._thread) is not None and thread.is_alive():
            thread.join()
