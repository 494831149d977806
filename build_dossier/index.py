"""Cross-references computed once from the model: relations both ways, claims by topic and entity."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import INVERSE, Claim, Dossier, PartialDate


@dataclass(frozen=True)
class Link:
    """A relation as seen from one claim: ``label`` reads "<this claim> <label> <other>"."""

    label: str
    type: str
    other: Claim
    note: str | None
    outgoing: bool


@dataclass(frozen=True)
class Index:
    dossier: Dossier
    relations: dict[str, tuple[Link, ...]]  # claim id -> links, outgoing first
    by_topic: dict[str, tuple[Claim, ...]]  # chronological by event date
    by_entity: dict[str, tuple[Claim, ...]]
    by_year: dict[int, tuple[Claim, ...]]  # dated claims, chronological, for the timeline
    contested: frozenset[str]  # claims in a contradicts/denies relation, either side

    def event_date(self, claim: Claim) -> PartialDate:
        return claim.event_date or self.dossier.source(claim.source).published


def build_index(dossier: Dossier) -> Index:
    claims = dossier.claims
    relations: dict[str, list[Link]] = defaultdict(list)
    incoming: dict[str, list[Link]] = defaultdict(list)
    contested: set[str] = set()
    for claim in claims.values():
        for rel in claim.relations:
            other = claims[rel.target]
            relations[claim.id].append(Link(rel.type, rel.type, other, rel.note, True))
            incoming[other.id].append(Link(INVERSE[rel.type], rel.type, claim, rel.note, False))
            if rel.type in ("contradicts", "denies"):
                contested.update((claim.id, other.id))
    published = {s.slug: s.published for s in dossier.sources}

    def when(claim: Claim):
        return (claim.event_date or published[claim.source], claim.source, claim.number)

    ordered = sorted(claims.values(), key=when)
    by_topic: dict[str, list[Claim]] = {t.id: [] for t in dossier.topics}
    by_entity: dict[str, list[Claim]] = {e.id: [] for e in dossier.entities}
    by_year: dict[int, list[Claim]] = defaultdict(list)
    for claim in ordered:
        for topic in claim.topics:
            by_topic[topic].append(claim)
        for entity in claim.entities:
            by_entity[entity].append(claim)
        by_year[when(claim)[0].year].append(claim)
    return Index(
        dossier=dossier,
        relations={cid: tuple(relations[cid] + incoming[cid]) for cid in claims},
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        by_entity={k: tuple(v) for k, v in by_entity.items()},
        by_year={y: tuple(by_year[y]) for y in sorted(by_year)},
        contested=frozenset(contested),
    )
