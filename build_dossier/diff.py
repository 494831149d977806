"""``dossier diff BASE [HEAD]``: what a change does to the dossier's claims, as Markdown grouped by source.

Each commit's ``sources/`` is read with ``git archive`` into a scratch folder and loaded with the
core's ``check``, as ``dossier check`` would; the two dossiers are then compared claim by claim (by
id) and source by source (by slug; a source whose text is unchanged under a new slug is renamed).
A reviewer reads the change in claims, not in YAML.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import DossierError, UsageError
from .model import Claim, Dossier, Source


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise UsageError("git is not installed; dossier diff compares two commits of a git repository") from None


def _commit(top: Path, rev: str) -> str:
    """The full id of a commit; UsageError when it is not one."""
    result = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if rev.startswith("-") or result.returncode != 0:
        raise UsageError(
            f"unknown commit {rev!r}; give a branch, tag or commit id of this repository (git log --oneline lists them)"
        )
    return result.stdout.decode().strip()


def _snapshot(top: Path, prefix: str, sha: str, label: str, scratch: Path, sources_dir: str) -> Dossier | None:
    """The dossier as it is at a commit (None when the commit has no sources folder)."""
    tree = f"{sha}:{prefix}{sources_dir}"
    if _git(top, "cat-file", "-e", tree).returncode != 0:
        return None
    archive = _git(top, "archive", "--format=tar", tree)
    if archive.returncode != 0:
        raise DossierError(f"cannot read {sources_dir}/ at {label}: {archive.stderr.decode(errors='replace').strip()}")
    folder = scratch / sha
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder / sources_dir, filter="data")  # links and devices are refused by the check
    from .load import check

    dossier, diagnostics = check(folder, sources_dir)
    if dossier is None:
        first = next(d for d in diagnostics if d.is_error)
        raise DossierError(
            f"the dossier at {label} does not pass dossier check ({first.format()}); fix it, or compare other commits"
        )
    return dossier


def _origin(claim: Claim) -> str:
    origin = claim.origin
    if origin is None:
        return "the outlet's own reporting"
    text = origin.channel + (f" from {origin.party}" if origin.party else "")
    return text + (f", relayed by {', '.join(origin.relayed_by)}" if origin.relayed_by else "")


def claim_fields(claim: Claim) -> dict[str, str]:
    """What a reviewer compares, as text, in the order the report lists changes."""
    return {
        "sentence": claim.text,
        "quote": claim.quote,
        "status": claim.status,
        "relations": ", ".join(f"{r.type} {r.target}" for r in claim.relations) or "none",
        "topics": ", ".join(claim.topics) or "none",
        "origin": _origin(claim),
    }


def md(text: str) -> str:
    """Untrusted text on one Markdown line, shown literally (no links, emphasis, HTML or tables)."""
    return re.sub(r"([\\`*_\[\]<>|~&#!])", r"\\\1", " ".join(text.split()))


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    claim: Claim
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, before, after) for a changed claim


def _sources(dossier: Dossier | None) -> dict[str, Source]:
    return {s.slug: s for s in dossier.sources} if dossier else {}


def renames(before: dict[str, Source], after: dict[str, Source]) -> dict[str, str]:
    """Old slug -> new slug of sources whose text is the same under a new name."""
    gone = [s for slug, s in sorted(before.items()) if slug not in after]
    new = [s for slug, s in sorted(after.items()) if slug not in before]
    found: dict[str, str] = {}
    for old in gone:
        match = next((s for s in new if s.text == old.text and s.slug not in found.values()), None)
        if match:
            found[old.slug] = match.slug
    return found


def compare(base: Dossier | None, head: Dossier | None, base_label: str, head_label: str) -> str:
    """The Markdown report."""
    before, after = _sources(base), _sources(head)
    renamed = renames(before, after)
    old_claims, new_claims = (base.claims if base else {}), (head.claims if head else {})
    changes: dict[str, list[Change]] = {}
    for cid, claim in old_claims.items():
        if cid not in new_claims:
            changes.setdefault(renamed.get(claim.source, claim.source), []).append(Change("removed", claim))
    for cid, claim in new_claims.items():
        old = old_claims.get(cid)
        if old is None:
            changes.setdefault(claim.source, []).append(Change("added", claim))
            continue
        was, now = claim_fields(old), claim_fields(claim)
        fields = [(f, was[f], now[f]) for f in was if was[f] != now[f]]
        if renamed.get(old.source, old.source) != claim.source:
            fields.append(("source", old.source, claim.source))
        if fields:
            changes.setdefault(claim.source, []).append(Change("changed", claim, tuple(fields)))
    added = [s for s in after if s not in before and s not in renamed.values()]
    removed = [s for s in before if s not in after and s not in renamed]
    count = {k: sum(c.kind == k for cs in changes.values() for c in cs) for k in ("added", "removed", "changed")}
    lines = [f"## Claims and sources changed from {base_label} to {head_label}", ""]
    lines.append(
        f"Sources: {len(added)} added, {len(removed)} removed, {len(renamed)} renamed. Claims: "
        f"{count['added']} added, {count['removed']} removed, {count['changed']} changed."
    )
    slugs = sorted(set(changes) | set(added) | set(removed) | set(renamed.values()))
    if not slugs:
        lines += ["", "No claim or source changed."]
    for slug in slugs:
        source = after.get(slug) or before[slug]
        lines += ["", f"### `{slug}`: {md(source.outlet)}, {source.published.label}: {md(source.title)}", ""]
        if slug in added:
            lines.append("New source.")
        elif slug in removed:
            lines.append("Source removed.")
        elif slug in renamed.values():
            old_slug = next(o for o, n in renamed.items() if n == slug)
            lines.append(f"Renamed from `{old_slug}` (same text).")
        for change in sorted(changes.get(slug, ()), key=lambda c: ("added", "removed", "changed").index(c.kind)):
            claim = change.claim
            lines.append(f"- {change.kind.capitalize()} claim `{claim.id}` ({claim.status}): {md(claim.text)}")
            if change.kind == "added":
                lines.append(f"  - quote: “{md(claim.quote)}”")
            for name, before_value, after_value in change.fields:
                lines.append(
                    f"  - {name}: “{md(before_value)}” → “{md(after_value)}”"
                    if name in ("sentence", "quote")
                    else f"  - {name}: {md(before_value)} → {md(after_value)}"
                )
    return "\n".join(lines) + "\n"


def diff(root: Path, base: str, head: str = "HEAD", sources_dir: str = "sources") -> str:
    """The report comparing the dossier at two commits of the repository holding ``root``."""
    where = _git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if where.returncode != 0:
        raise UsageError(
            f"{root.resolve()} is not in a git repository; dossier diff compares two commits: run it "
            "in a clone of the dossier"
        )
    toplevel, prefix = (where.stdout.decode().splitlines() + [""])[:2]
    top = Path(toplevel)
    shas = _commit(top, base), _commit(top, head)
    labels = [
        f"`{rev.replace(chr(96), chr(39))}` ({sha[:10]})" if not sha.startswith(rev) else f"`{sha[:10]}`"
        for rev, sha in zip((base, head), shas)
    ]
    with tempfile.TemporaryDirectory(prefix="dossier-diff-") as scratch:
        before = _snapshot(top, prefix, shas[0], labels[0], Path(scratch), sources_dir)
        after = _snapshot(top, prefix, shas[1], labels[1], Path(scratch), sources_dir) if shas[1] != shas[0] else before
    return compare(before, after, *labels)
