"""Cross-references computed once from the model: relations both ways, each claim's evidence
(origins, independent sources), claims by topic and entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import evidence
from .evidence import OriginRef, Provenance, independent_sources
from .model import Claim, Dossier, PartialDate, Source
from .vocabulary import CHANNELS, INVERSE, STATUSES


@dataclass(frozen=True)
class Link:
    """A relation as seen from one claim: ``label`` reads "<this claim> <label> <other>"."""

    label: str
    type: str
    other: Claim
    note: str | None
    outgoing: bool
    shared: str | None = None  # for a corroboration that is not independent: why (a shared origin)


@dataclass(frozen=True)
class Evidence:
    """Who says so, and how many independent sources stand behind a claim."""

    origins: tuple[OriginRef, ...]  # the first party first, then all it passed through (for independence)
    channel: str  # how the first party's information reached the record (vocabulary.CHANNELS)
    relays: tuple[OriginRef, ...]  # what the claim itself says relayed it (origin.relayed_by)
    carrier: str  # the source that carries it: "The Moscow Times, relaying The Wall Street Journal"
    independent: int  # independent origins among the claim and its corroborations
    reports: int  # the claim and its corroborations

    @property
    def origin_text(self) -> str:
        """ "The Minister (statement), relayed by The Daily X"."""
        first, relays = self.origins[0], self.relays
        if self.channel == "unnamed":  # "unnamed sources of X", or "unnamed sources, relayed by X"
            text = "unnamed sources" if relays else first.name
        else:
            text = f"{first.name} ({CHANNELS[self.channel]})"
        return text + (f", relayed by {', '.join(ref.name for ref in relays)}" if relays else "")

    @property
    def trail_text(self) -> str:
        """Who says so: "Vladimir Zayemsky (statement); in The Moscow Times, relaying …", or for an
        outlet's own reporting, just "Factually (own reporting)"."""
        own = self.channel == "reporting" and not self.relays and self.carrier == self.origins[0].name
        return self.origin_text if own else f"{self.origin_text}; in {self.carrier}"

    @property
    def sources_text(self) -> str:
        """ "2 independent sources (3 reports)"."""
        count = self.independent
        text = f"{count} independent source{'' if count == 1 else 's'}"
        return text + (f" ({self.reports} reports)" if self.reports > count else "")


@dataclass(frozen=True)
class Dated:
    """The date a claim is listed at: its event's, or else its source's publication date."""

    date: PartialDate
    kind: str  # "event" or "published"


@dataclass(frozen=True)
class Pair:
    """A contest between two claims: ``first`` contradicts or denies ``second`` (as declared)."""

    type: str  # "contradicts" or "denies"
    first: Claim
    second: Claim
    note: str | None


@dataclass(frozen=True)
class Index:
    dossier: Dossier
    relations: dict[str, tuple[Link, ...]]  # claim id -> links, outgoing first
    by_topic: dict[str, tuple[Claim, ...]]  # chronological by event date
    by_entity: dict[str, tuple[Claim, ...]]
    by_origin: dict[str, tuple[Claim, ...]]  # entity id -> claims that come from it (first party or relay)
    by_year: dict[int, tuple[Claim, ...]]  # dated claims, chronological, for the timeline
    contested: frozenset[str]  # claims in a contradicts/denies relation, either side
    evidence: dict[str, Evidence]  # claim id -> its evidence
    pairs: tuple[Pair, ...] = ()  # every contradicts/denies relation, in claim order

    def event_date(self, claim: Claim) -> PartialDate:
        """The date a claim is listed at: its event's, or else its source's publication date."""
        return claim.event_date or self.dossier.source(claim.source).published

    def dated(self, claim: Claim) -> Dated:
        return Dated(self.event_date(claim), "event" if claim.event_date else "published")

    def newest_first(self, claims: Iterable[Claim]) -> list[Claim]:
        """Claims in the order of the claims index (the site's and the PDF's): newest event first."""
        return sorted(claims, key=lambda c: (self.event_date(c), c.source, -c.number), reverse=True)

    def covering(self, claims: Iterable[Claim]) -> list[tuple[Source, int]]:
        """The sources of ``claims``, in the dossier's order, each with how many of them it holds."""
        counts = Counter(claim.source for claim in claims)
        return [(s, counts[s.slug]) for s in self.dossier.sources if s.slug in counts]


def status_counts(claims: Iterable[Claim]) -> dict[str, int]:
    """Claims by status, in the vocabulary's order (statuses with none left out)."""
    counts = Counter(claim.status for claim in claims)
    return {key: counts[key] for key in STATUSES if counts[key]}


def _carrier(source: Source, dossier: Dossier) -> str:
    """The outlet that published a source, and what it relays or republishes."""
    if source.republishes:
        original = dossier.source(source.republishes)
        return f"{source.outlet}, republishing “{original.title}” ({original.outlet})"
    return f"{source.outlet}, relaying {source.via.outlet}" if source.via else source.outlet


def build_index(dossier: Dossier) -> Index:
    claims = dossier.claims
    provenance = Provenance({s.slug: s for s in dossier.sources}, {e.id: e for e in dossier.entities})
    relations: dict[str, list[Link]] = defaultdict(list)
    incoming: dict[str, list[Link]] = defaultdict(list)
    pairs: list[Pair] = []
    for claim in claims.values():
        for rel in claim.relations:
            other = claims[rel.target]
            shared = provenance.shared(claim, other) if rel.type == "corroborates" else None
            relations[claim.id].append(Link(rel.type, rel.type, other, rel.note, True, shared))
            incoming[other.id].append(Link(INVERSE[rel.type], rel.type, claim, rel.note, False, shared))
            if rel.type in ("contradicts", "denies"):
                pairs.append(Pair(rel.type, claim, other, rel.note))
    related = evidence.related(claims)
    carriers = {source.slug: _carrier(source, dossier) for source in dossier.sources}
    found = {}
    for claim in claims.values():
        independent, reports = independent_sources(claim, related[claim.id], provenance)
        channel = claim.origin.channel if claim.origin else "reporting"
        relays = tuple(provenance.entity(eid) for eid in (claim.origin.relayed_by if claim.origin else ()))
        found[claim.id] = Evidence(
            provenance.origins(claim), channel, relays, carriers[claim.source], independent, reports
        )

    def when(claim: Claim) -> tuple[PartialDate, str, int]:
        return (claim.event_date or dossier.source(claim.source).published, claim.source, claim.number)

    ordered = sorted(claims.values(), key=when)
    by_topic: dict[str, list[Claim]] = {t.id: [] for t in dossier.topics}
    by_entity: dict[str, list[Claim]] = {e.id: [] for e in dossier.entities}
    by_origin: dict[str, list[Claim]] = {e.id: [] for e in dossier.entities}
    by_year: dict[int, list[Claim]] = defaultdict(list)
    for claim in ordered:
        for topic in claim.topics:
            by_topic[topic].append(claim)
        for entity in claim.entities:
            by_entity[entity].append(claim)
        for ref in found[claim.id].origins:
            if ref.key.startswith("entity:"):
                by_origin[ref.key[len("entity:") :]].append(claim)
        by_year[when(claim)[0].year].append(claim)
    return Index(
        dossier=dossier,
        relations={cid: tuple(relations[cid] + incoming[cid]) for cid in claims},
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        by_entity={k: tuple(v) for k, v in by_entity.items()},
        by_origin={k: tuple(v) for k, v in by_origin.items()},
        by_year={y: tuple(by_year[y]) for y in sorted(by_year)},
        contested=frozenset(claim.id for pair in pairs for claim in (pair.first, pair.second)),
        evidence=found,
        pairs=tuple(pairs),
    )
