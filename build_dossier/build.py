"""``dossier build``: validate, build the site with MkDocs (strict) and the PDF in a scratch folder, swap it in.

A failing build (bad annotation, a warning, a crash, a kill) never touches the previous site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .load import load
from .output import swap_into_place


PDF_NAME = "dossier.pdf"


def run_pdf(root: Path, out: Path, site_url: str | None) -> int:
    """Write the PDF in a child process, so WeasyPrint's memory is returned when it ends."""
    command = [sys.executable, "-m", "build_dossier.pdf", str(root), str(out)]
    if site_url:
        command += ["--site-url", site_url]
    code = subprocess.run(command, cwd=root).returncode
    if code == 0:
        print(f"dossier pdf: wrote {out}", file=sys.stderr)
    return code


def build_site(root: Path, site_dir: Path, pdf: bool = True) -> int:
    load(root)  # raises ValidationFailed before anything is written
    site = site_dir if site_dir.is_absolute() else root / site_dir
    for stale in site.parent.glob(f".{site.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = site.with_name(f".{site.name}.tmp-{os.getpid()}")
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
                   "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(tmp)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # MkDocs 1.6 prints a banner otherwise
        if subprocess.run(command, cwd=root, env=env).returncode != 0:
            print("dossier build: mkdocs build failed; the previous site is unchanged", file=sys.stderr)
            return 1
        if pdf and run_pdf(root, tmp / PDF_NAME, os.environ.get("SITE_URL")) != 0:
            print("dossier build: the PDF failed; the previous site is unchanged", file=sys.stderr)
            return 1
        swap_into_place(tmp, site)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"dossier build: site written to {site_dir}", file=sys.stderr)
    return 0
