"""Which files make the dossier: the sources folder's ``<slug>.txt`` + ``<slug>.yml`` pairs and its
reserved files, each read only if it is a regular file inside the project, within its size limit."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from .errors import Collector, Diagnostic
from .safefiles import FileRefused, folder_problem, kind_of, read_regular, refusal

MAX_TEXT_BYTES = 5_000_000
# the files that are not sources, with their schemas (findings.yml is optional: read by findings.py)
RESERVED = {stem: f"{stem}.schema.json" for stem in ("dossier", "topics", "entities", "findings")}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always with fullmatch: "$" would match before a final newline
# names the site generates beside the pages of sources, topics and entities: sources/index.md, topics/index.md,
# entities/index.md (and claims/page-2.md... in the claims folder); no id whose page has a path may take them
RESERVED_NAMES = re.compile(r"index|page-[0-9]+")


def reserved_name(name: str) -> bool:
    """Whether an id that becomes a path (a source slug, a topic or entity id) would replace a generated page."""
    return RESERVED_NAMES.fullmatch(name) is not None


class Unreadable(Exception):
    """A file that is not read (a link, a pipe, a device), with the diagnostic that says so."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def read_bytes(path: Path, limit: int, shown: str) -> tuple[bytes | None, int]:
    """A regular file's bytes (None when over ``limit``: not read) and its size."""
    try:
        return read_regular(path, limit)
    except FileRefused as exc:
        raise Unreadable(Diagnostic(shown, 1, 1, str(exc))) from None


def content_key(raw: bytes | None, size: int) -> bytes | int:
    """What identifies a file's content: a hash of its bytes, or its size when it was too large to read."""
    return size if raw is None else hashlib.blake2b(raw, digest_size=16).digest()


def folder_error(root: Path, sources_dir: str) -> Diagnostic | None:
    """Why the sources folder cannot be read, if it cannot."""
    folder = root / sources_dir
    problem = folder_problem(folder, root)
    if problem:
        return Diagnostic(sources_dir, 1, 1, problem)
    if not folder.is_dir():
        return Diagnostic(sources_dir, 1, 1, f"no {sources_dir}/ folder here; run from the project root or pass --root")
    return None


def source_files(folder: Path, prefix: str, out: Collector) -> dict[str, tuple[Path, Path]]:
    """Each source's text and annotation file by slug; a file that is neither, or has no partner, is reported."""
    texts: dict[str, Path] = {}
    annotations: dict[str, Path] = {}
    refused: set[str] = set()
    with os.scandir(folder) as entries:
        listing = sorted(entries, key=lambda e: e.name)
    for entry in listing:
        if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
            continue
        path = folder / entry.name
        stem, suffix = path.stem, path.suffix
        if stem in RESERVED and suffix == ".yml":  # read (or refused) on their own
            continue
        if not entry.is_file(follow_symlinks=False):  # a link, a pipe, a device: refused, never opened
            try:
                kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
            except OSError:  # gone since the listing
                kind = "not a regular file"
            out.at(prefix + entry.name, refusal(kind))
            refused.add(stem)
            continue
        problem = _name_problem(stem, suffix)
        if problem:
            out.at(prefix + entry.name, *problem)
            continue
        (texts if suffix == ".txt" else annotations)[stem] = path
    for slug in sorted(texts.keys() - annotations.keys() - refused):
        out.at(
            prefix + texts[slug].name,
            f"no annotations for this text; create sources/{slug}.yml (dossier new scaffolds one)",
        )
    for slug in sorted(annotations.keys() - texts.keys() - refused):
        out.at(
            prefix + annotations[slug].name,
            f"no source text for these annotations; add the raw text as sources/{slug}.txt",
        )
    return {slug: (texts[slug], annotations[slug]) for slug in texts.keys() & annotations.keys()}


def _name_problem(stem: str, suffix: str) -> tuple[str] | tuple[str, str] | None:
    """Why a file's name is not that of a source's text or annotations: the message (and severity)."""
    if suffix == ".yaml":
        return (f"annotation files end in .yml; rename it to {stem}.yml",)
    if suffix not in (".txt", ".yml"):
        return (
            "unexpected file in sources/: only <slug>.txt, <slug>.yml "
            "and the dossier, topics and entities files belong here",
            "warning",
        )
    if stem in RESERVED or reserved_name(stem):
        return (f"{stem!r} is reserved; give this source another slug (the site generates a page of that name)",)
    if not SLUG.fullmatch(stem):
        return (
            f"slug {stem!r} is not valid; use lowercase words, digits and "
            "single hyphens (outlet-year-topic), e.g. moscow-times-2019-advisers",
        )
    return None
