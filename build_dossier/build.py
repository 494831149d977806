"""``dossier build``: validate, build the site with MkDocs (strict), the PDF and the offline copy in a
scratch folder, swap it in.

The offline copy is a second MkDocs build with Material's ``offline`` plugin enabled (``mkdocs.yml``
reads ``DOSSIER_OFFLINE``): file URLs instead of directory URLs, no search index; the PDF is put
beside its pages, and the folder is zipped with fixed timestamps and sorted entries.

The settings are ``mkdocs.yml``'s (``settings.py``): the sources folder, the PDF's path in the site.
The two MkDocs builds run at once, each in a worker process (``parallel.py``; ``DOSSIER_WORKERS=1``:
one after the other, in this process), and the plugin is given the ``Checker`` that has just
validated, so it parses nothing again; the PDF runs in a child process, so that WeasyPrint's
memory is returned when it ends.  A failing build (bad annotation, a warning, a crash, a kill)
never touches the previous site.  The site folder must be new or a previous build (``output.py``);
builds of one folder hold its lock, so a second one fails at once instead of mixing with the first.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .load import Checker
from .output import check_output_folder, mark, output_lock, swap_into_place
from .parallel import map_in_processes
from .pdfcheck import PdfUnavailable, require_packages
from .settings import Project

OFFLINE_NAME = "dossier-offline.zip"
OFFLINE_FOLDER = "dossier"  # what unzipping it gives
OFFLINE_LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")  # of no use from file:// (and gzip stamps its own time)


def run_pdf(project: Project, out: Path, site_url: str | None) -> int:
    """Write the PDF in a child process, so WeasyPrint's memory is returned when it ends."""
    command = [sys.executable, "-m", "build_dossier.pdf", str(project.root), str(out)]
    command += ["--sources-dir", project.sources_dir]
    if site_url:
        command += ["--site-url", site_url]
    code = subprocess.run(command, cwd=project.root).returncode
    if code == 0:
        print(f"dossier pdf: wrote {out}", file=sys.stderr)
    return code


def run_mkdocs(
    root: Path, site_dir: Path, pdf: bool = False, offline_zip: bool = False, checker: Checker | None = None
) -> bool:
    """``mkdocs build --strict`` of ``root/mkdocs.yml`` into ``site_dir``, in this process; MkDocs'
    warnings and errors go to standard error as its command line prints them.  With ``pdf`` (the
    build writes the PDF beside the pages) the dossier plugin links it from the navigation; the
    plugin validates with ``checker``, which remembers what it has parsed."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs 1.6 prints a banner otherwise
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    here = os.getcwd()
    try:
        os.chdir(root)  # as `mkdocs build` run from the project: relative paths in mkdocs.yml
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
        plugin = config.plugins.get("dossier")
        if plugin is not None:
            plugin.pdf_built = pdf
            plugin.offline_zip = offline_zip  # the build writes OFFLINE_NAME beside the pages: the home page links it
            plugin.checker = checker or plugin.checker
        build(config)
    except Abort as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        return False
    except MkDocsException as exc:  # a configuration or plugin error, e.g. the annotations' report
        print(f"mkdocs: error: {exc}", file=sys.stderr)
        return False
    finally:
        os.chdir(here)
        logger.removeHandler(handler)
    return True


@dataclass(frozen=True)
class SiteJob:
    """One of the MkDocs builds of ``dossier build``: the site, or (``offline``) the offline copy."""

    root: Path
    site_dir: Path
    pdf: bool
    offline_zip: bool
    offline: bool
    checker: Checker


def build_one(job: SiteJob) -> bool:
    """``run_mkdocs`` for ``job``; the offline copy sets ``DOSSIER_OFFLINE``, which ``mkdocs.yml`` reads."""
    before = os.environ.get("DOSSIER_OFFLINE")
    if job.offline:
        os.environ["DOSSIER_OFFLINE"] = "true"
    try:
        return run_mkdocs(job.root, job.site_dir, pdf=job.pdf, offline_zip=job.offline_zip, checker=job.checker)
    finally:
        if before is None:
            os.environ.pop("DOSSIER_OFFLINE", None)
        else:
            os.environ["DOSSIER_OFFLINE"] = before


def pack_offline(project: Project, site: Path, scratch: Path, pdf: bool) -> None:
    """Zip the offline copy built in ``scratch`` as ``site/OFFLINE_NAME``, with the PDF if built."""
    if pdf:
        (scratch / project.pdf).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / project.pdf, scratch / project.pdf)
    write_zip(scratch, site / OFFLINE_NAME, OFFLINE_FOLDER)


def write_zip(folder: Path, out: Path, top: str) -> None:
    """Zip ``folder`` as ``top/…``: sorted entries, one fixed timestamp (SOURCE_DATE_EPOCH, else
    1980-01-01), fixed permissions, so that the same files give the same bytes."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w") as archive:
        for name in files:
            if name in OFFLINE_LEFT_OUT:
                continue
            info = zipfile.ZipInfo(f"{top}/{name}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / name).read_bytes(), compresslevel=9)


def build_site(project: Project, site_dir: Path, pdf: bool = True, offline: bool = True) -> int:
    """Check, then build the site, the PDF (at the plugin's ``pdf:`` path) and the offline copy in a
    scratch folder, and swap it into place; the exit status."""
    from .report import report_check

    root = project.root
    pdf = pdf and bool(project.pdf)  # pdf: '' in mkdocs.yml: the site has none
    checker = Checker()  # the check's parsed files, given to the plugin
    if pdf:  # WeasyPrint's system libraries are checked by the PDF's process, before it starts
        try:
            require_packages()
        except PdfUnavailable as exc:
            print(f"dossier build: {exc}", file=sys.stderr)
            return 1
    site = site_dir if site_dir.is_absolute() else root / site_dir
    check_output_folder(site, root, "--site-dir")
    site.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(site):  # a second build of this folder fails here at once
        failed = report_check(project, strict=False, github=False, out=sys.stderr, checker=checker)[1]
        if failed:  # the report is printed; stop before writing
            print("dossier build: the sources have errors; the previous site is unchanged", file=sys.stderr)
            return 1
        tmp = site.with_name(f".{site.name}.tmp-{os.getpid()}")
        scratch = site.with_name(f".{site.name}.tmp-{os.getpid()}-offline")
        jobs = [SiteJob(root, tmp, pdf, offline, False, checker)]
        if offline:
            jobs.append(SiteJob(root, scratch, pdf, False, True, checker))
        try:
            try:  # both at once: 30% less wall time at 1,000 sources, 18% more memory (README)
                built = map_in_processes(build_one, jobs, processes=len(jobs))
            except BrokenProcessPool:
                print(
                    "dossier build: a build process ended abruptly (out of memory?); the previous site is unchanged",
                    file=sys.stderr,
                )
                return 1
            if not built[0]:
                print("dossier build: mkdocs build failed; the previous site is unchanged", file=sys.stderr)
                return 1
            if offline and not built[1]:
                print("dossier build: the offline copy failed; the previous site is unchanged", file=sys.stderr)
                return 1
            mark(tmp, "build")
            if pdf and run_pdf(project, tmp / project.pdf, project.public_url) != 0:
                print("dossier build: the PDF failed; the previous site is unchanged", file=sys.stderr)
                return 1
            if offline:
                pack_offline(project, tmp, scratch, pdf)
            swap_into_place(tmp, site)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"dossier build: site written to {site_dir}", file=sys.stderr)
    return 0
