"""Findings: the dossier's editorial layer, in ``sources/findings.yml`` (optional).

Each finding is a few sentences that cite claims inline as ``[claim-id]``.  ``read`` checks the
file and every citation (an unknown id is an error at its own line and column, with a
did-you-mean); ``Read.concerns`` warns when a finding leans on a disputed, denied or single-origin
claim without a caveat; ``strength`` grades a finding's evidence from the claims it cites, on the
scale of ``vocabulary.STRENGTHS`` (defined in the methodology).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import evidence, schema
from .errors import Collector, Diagnostic
from .model import Dossier, Finding
from .reserved import read_valid

if TYPE_CHECKING:
    from .index import Index

FILE = "findings.yml"
CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
CONTESTED = ("disputed", "denied")


def parts(text: str) -> list[tuple[str, str | None]]:
    """The text as (words, None) and (claim id, id) pieces, in order."""
    # split() keeps the citation's group: words and claim ids alternate, the ids at odd positions
    return [(piece, piece if i % 2 else None) for i, piece in enumerate(CITATION.split(text)) if piece]


@dataclass
class Read:
    """The findings of ``findings.yml`` and where each citation is written."""

    path: str = FILE
    findings: tuple[Finding, ...] = ()
    cited_at: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (finding, claim) -> line, col

    def concerns(self, dossier: Dossier) -> list[Diagnostic]:
        """Warnings for findings that cite a disputed, denied or single-origin claim without a caveat."""
        if not self.findings:
            return []
        claims = dossier.claims
        provenance = evidence.Provenance({s.slug: s for s in dossier.sources}, {e.id: e for e in dossier.entities})
        related = evidence.related(claims)
        out = []
        for finding in self.findings:
            if finding.caveat:
                continue
            for cid in finding.cites:
                claim = claims[cid]
                if claim.status in CONTESTED:
                    why = f"is {claim.status}"
                elif (
                    claim.status != "assessment"
                    and evidence.independent_sources(claim, related[cid], provenance)[0] == 1
                ):
                    why = "rests on a single origin"
                else:
                    continue
                out.append(
                    Diagnostic(
                        self.path,
                        *self.cited_at[finding.id, cid],
                        f"finding {finding.id!r} cites claim {cid!r}, which {why}, without a caveat; "
                        "add a caveat saying so (see the methodology)",
                        "warning",
                    )
                )
        return out


def read(folder: Path, shown: str, claim_ids: Collection[str], out: Collector) -> Read:
    """The findings file's findings (none if it is absent or has errors); problems go to ``out``.
    Citations are checked against ``claim_ids``, every claim id of the dossier."""
    path = folder / FILE
    if not path.is_file():
        return Read(shown)
    raw = path.read_bytes()
    doc = read_valid(path, shown, raw, out, f"{FILE} is empty; add findings or remove the file")
    if doc is None:
        return Read(shown)
    lines = raw.decode("utf-8").splitlines()
    result, failed = Read(shown), False
    seen: dict[str, int] = {}
    found = []
    listed: list[dict[str, Any]] = doc.data["findings"]
    for i, item in enumerate(listed):
        if item["id"] in seen:
            first = seen[item["id"]]
            duplicate = f"duplicate finding id {item['id']!r} (first at line {first}); give each a different id"
            out.add(doc, ("findings", i, "id"), duplicate)
            failed = True
            continue
        seen[item["id"]] = doc.where(("findings", i, "id"))[0]
        cites: list[str] = []
        for key in ("text", "caveat"):
            if item.get(key) is None:
                continue
            at = doc.where(("findings", i, key))
            for cid, (line, col) in _citations(item[key], lines, at):
                if cid not in claim_ids:
                    unknown = f"unknown claim id {cid!r}{schema.did_you_mean(cid, claim_ids)}"
                    message = f"finding {item['id']!r} cites {unknown}; cite a claim of any source as [claim-id]"
                    out.at(shown, message, where=(line, col))
                    failed = True
                elif cid not in cites:
                    cites.append(cid)
                    result.cited_at[item["id"], cid] = (line, col)
        if not CITATION.search(item["text"]):
            uncited = f"finding {item['id']!r} cites no claim; cite the claims it rests on as [claim-id]"
            out.add(doc, ("findings", i, "text"), uncited, "warning")
        found.append(Finding(item["id"], item["title"], item["text"], item.get("caveat"), tuple(cites)))
    if not failed:
        result.findings = tuple(found)
    return result


def _citations(value: str, lines: list[str], at: tuple[int, int]) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each citation of ``value`` with its position: the literal ``[id]`` searched for in the file's
    lines from the value's own position onwards (the value's start where it is not found as written)."""
    line, col = at
    for m in CITATION.finditer(value):
        literal = m[0]
        for n in range(line - 1, len(lines)):
            hit = lines[n].find(literal, col - 1 if n == line - 1 else 0)
            if hit >= 0:
                line, col = n + 1, hit + 1
                yield m[1], (line, col)
                col += len(literal)
                break
        else:
            yield m[1], at


@dataclass(frozen=True)
class Strength:
    """How strong a finding's evidence is, from the claims it cites."""

    level: str  # a key of vocabulary.STRENGTHS
    claims: int
    corroborated: int  # factual claims with two or more independent sources
    single: int  # factual claims resting on one origin (not contested)
    contested: int  # disputed or denied
    assessments: int
    sources: int  # documents of the dossier the cited claims come from


def strength(finding: Finding, index: Index) -> Strength:
    """Contested if a cited claim is disputed or denied; else corroborated if every cited factual
    claim has two or more independent sources, partly corroborated if some have, single-source if
    none has; analysis if it cites only assessments."""
    claims = [index.dossier.claims[cid] for cid in finding.cites]
    contested = sum(c.status in CONTESTED for c in claims)
    assessments = sum(c.status == "assessment" for c in claims)
    factual = [c for c in claims if c.status not in CONTESTED and c.status != "assessment"]
    strong = sum(index.evidence[c.id].independent >= 2 for c in factual)
    if contested:
        level = "contested"
    elif not factual:
        level = "analysis"
    elif strong == len(factual):
        level = "corroborated"
    elif strong:
        level = "partly-corroborated"
    else:
        level = "single-source"
    return Strength(
        level, len(claims), strong, len(factual) - strong, contested, assessments, len({c.source for c in claims})
    )
