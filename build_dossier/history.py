"""When the files of a dossier last changed, from git: for the feed's ``updated`` dates and the
sitemap's ``lastmod``.

One ``git log`` over the project gives the last commit of every tracked file; a file with changes
not committed yet (or not tracked) changed now, at the build.  Outside a git work tree, or without
git, nothing is known: callers then fall back (the feed) or leave the date out (the sitemap).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import Index
    from .model import Claim, Dossier

_TIMEOUT = 60


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            timeout=_TIMEOUT,
            env={"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


class History:
    """Last changes of the files under ``root`` (paths relative to it, with ``/``)."""

    def __init__(self, root: Path, now: datetime):
        self.changed: dict[str, datetime] = {}
        self.known = False
        if _git(root, "rev-parse", "--show-toplevel") is None:
            return
        prefix = _git(root, "rev-parse", "--show-prefix")
        log = _git(root, "log", "--format=%x00%cI", "--name-only", "--no-renames", "-z", "--relative", "--", ".")
        if prefix is None or log is None:
            return
        self.known = True
        when = None
        for field in log.split("\0"):  # "\0<date>\0\n<path>\0<path>\0..." per commit, newest first
            field = field.strip("\n")
            if _is_date(field):
                when = datetime.fromisoformat(field)
            elif field and when is not None:
                self.changed.setdefault(field, when)
        status = _git(root, "status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", ".")
        for entry in (status or "").split("\0"):
            if len(entry) > 3 and entry[2] == " ":
                self.changed[entry[3:].removeprefix(prefix)] = now

    def last_change(self, paths: Iterable[str]) -> datetime | None:
        """The latest change among ``paths``; None where git knows none of them (or there is no git)."""
        if not self.known:
            return None
        found = [self.changed[p] for p in paths if p in self.changed]
        return max(found) if found else None


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return len(text) >= 20 and text[4] == "-" and text[10] == "T"


def page_inputs(dossier: Dossier, index: Index, sources_dir: str) -> dict[str, tuple[str, ...]]:
    """The files of the dossier each generated page is made from (paths relative to the project):
    the dossier, topics and entities files, and the sources whose claims the page shows or relates
    to.  A generated page not listed here (the claims index and its pages) shows every source."""
    shared = tuple(f"{sources_dir}/{name}" for name in ("dossier.yml", "topics.yml", "entities.yml"))
    files = {s.slug: s.files for s in dossier.sources}

    def made_from(claims: Iterable[Claim], *slugs: str) -> tuple[str, ...]:
        wanted = set(slugs)
        for claim in claims:
            wanted.add(claim.source)
            wanted.update(link.other.source for link in index.relations[claim.id])
        return shared + tuple(path for slug in sorted(wanted) for path in files.get(slug, ()))

    every = made_from((), *files)
    out = dict.fromkeys(
        ("sources/index.md", "topics/index.md", "entities/index.md", "timeline/index.md", "claims/index.md"), every
    )
    for source in dossier.sources:
        out[f"sources/{source.slug}.md"] = made_from(source.claims, source.slug)
    for topic in dossier.topics:
        out[f"topics/{topic.id}.md"] = made_from(index.by_topic[topic.id])
    for entity in dossier.entities:
        out[f"entities/{entity.id}.md"] = made_from(index.by_entity[entity.id] + index.by_origin[entity.id])
    out[""] = every
    return out


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(site: Path, lastmods: dict[str, str]) -> None:
    """Set the ``lastmod`` of each page in the site's sitemap.xml (and .gz) from ``lastmods`` (page
    address -> date), leaving it out where the date is not known; MkDocs writes the build date."""
    import gzip
    import xml.etree.ElementTree as ET

    path = site / "sitemap.xml"
    if not path.is_file():
        return
    ET.register_namespace("", SITEMAP_NS)
    tree = ET.parse(path)
    for url in tree.getroot().iter(f"{{{SITEMAP_NS}}}url"):
        for old in url.findall(f"{{{SITEMAP_NS}}}lastmod"):
            url.remove(old)
        when = lastmods.get((url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip())
        if when:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = when
    ET.indent(tree)
    data = ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True) + b"\n"
    path.write_bytes(data)
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile("sitemap.xml", "wb", fileobj=raw, mtime=0) as gz:
        gz.write(data)
