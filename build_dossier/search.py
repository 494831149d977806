"""The site's search index: Pagefind (the ``pagefind[bin]`` wheel) over the built pages.

Pagefind reads the HTML MkDocs wrote and writes ``pagefind/`` beside it: a small entry, the
WebAssembly search and the index in chunks that a page downloads only as a query needs them (the
theme's search instead downloads the whole index on every page).  It indexes the elements marked
``data-pagefind-body`` (the plugin marks the content of every page not excluded from search),
leaves out those marked ``data-pagefind-ignore``, and weights headings above text, so a source's
title and a claim's sentence rank above the reading text.  Searches ignore case and accents.
The same pages give the same bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .errors import DossierError

FOLDER = "pagefind"  # in the site; the header's search box loads FOLDER/pagefind.js
# read past, besides what the templates mark data-pagefind-ignore: the theme's heading permalinks (¶),
# the reading text's links from a quote to its claim ("claim 3"), the labels of the pages' facts
# ("Outlet", "Published"), which Pagefind would glue to their values in the excerpts
LEFT_OUT = (".headerlink", ".dossier-qref", "dt")


def index_site(site_dir: Path) -> None:
    """Write the search index of the pages in ``site_dir`` to ``site_dir/FOLDER``, replacing any
    previous one (whose chunks are named by their content, so they would otherwise pile up)."""
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", FOLDER, "--silent"]
    for selector in LEFT_OUT:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise DossierError(f"the search index (Pagefind) failed: {detail or f'exit {result.returncode}'}")
