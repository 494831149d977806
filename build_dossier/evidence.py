"""Independence and statuses, as the methodology defines them.

A claim's *origins* are where its information came from: its ``origin.party`` (or, for the outlet's
own reporting, the outlet — the ``via`` outlet where the document relays one), every outlet that
relayed it, and the outlets of any source its source republishes; each counts with the bodies it
is part of (a minister with the ministry and the government).  Two claims are independent only
when their origins share nothing, neither source republishes the other, and they do not both
rest on unnamed sources.  From that and the relations, ``earned_status`` gives the status
the evidence supports; ``dossier check`` requires the typed status to be that one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Claim, Entity, Source


@dataclass(frozen=True)
class OriginRef:
    """One origin of a claim: ``key`` says when two are the same, ``name`` is what readers see."""

    key: str
    name: str


@dataclass(frozen=True)
class Related:
    """Another claim bearing on this one, whichever side declared the relation."""

    type: str
    other: Claim
    outgoing: bool  # declared on this claim


class Provenance:
    """The origins of claims and the independence of two claims, for one dossier."""

    def __init__(self, sources: Mapping[str, Source], entities: Mapping[str, Entity]):
        self.sources, self.entities = sources, entities
        self._by_name: dict[str, Entity] = {}
        for entity in entities.values():
            for name in entity.names:
                self._by_name.setdefault(name.casefold(), entity)
        self._origins: dict[str, tuple[OriginRef, ...]] = {}
        self._shared_keys: dict[str, dict[str, OriginRef]] = {}

    def entity(self, eid: str) -> OriginRef:
        entity = self.entities.get(eid)
        return OriginRef(f"entity:{eid}", entity.name if entity else eid)

    def outlet(self, name: str) -> OriginRef:
        """An outlet named in a source: the entity of that name or alias, where there is one."""
        entity = self._by_name.get(name.casefold())
        return self.entity(entity.id) if entity else OriginRef(f"outlet:{name.casefold()}", name)

    def publisher(self, source: Source) -> OriginRef:
        """Whose reporting a document is: that of the document it republishes, else the outlet it
        relays or first appeared in, else its own."""
        chain = self.republished(source.slug)
        first = self.sources[chain[-1]] if chain else source
        return self.outlet(first.via.outlet if first.via else first.outlet)

    def republished(self, slug: str) -> tuple[str, ...]:
        """The sources that ``slug`` republishes, directly or through others (cycles are cut)."""
        chain: list[str] = []
        current = self.sources[slug].republishes if slug in self.sources else None
        while current is not None and current in self.sources and current != slug and current not in chain:
            chain.append(current)
            current = self.sources[current].republishes
        return tuple(chain)

    def origins(self, claim: Claim) -> tuple[OriginRef, ...]:
        """Every origin of a claim: the first party first, then what it passed through on its way to
        this source (the outlets that relayed it, and those of the documents its source republishes)."""
        if claim.id in self._origins:
            return self._origins[claim.id]
        source, origin = self.sources[claim.source], claim.origin
        publisher = self.publisher(source)
        if origin is not None and origin.party is not None:
            refs = [self.entity(origin.party)]
        elif origin is not None and origin.channel == "unnamed":
            refs = [OriginRef(f"unnamed:{publisher.key}", f"unnamed sources of {publisher.name}")]
        else:
            refs = [publisher]
        refs += [self.entity(eid) for eid in (origin.relayed_by if origin else ())]
        if refs[0] == self.outlet(source.outlet):  # the publishing outlet's own line: nothing relayed it
            return self._keep(claim, refs)
        for slug in reversed((source.slug, *self.republished(source.slug))):  # the earliest document first
            via = self.sources[slug].via
            if via:
                refs.append(self.outlet(via.outlet))
            if slug != source.slug:
                refs.append(self.outlet(self.sources[slug].outlet))
        return self._keep(claim, refs)

    def _keep(self, claim: Claim, refs: list[OriginRef]) -> tuple[OriginRef, ...]:
        unique = tuple({ref.key: ref for ref in reversed(refs)}.values())[::-1]  # first occurrence wins
        self._origins[claim.id] = unique
        return unique

    def bodies(self, claim: Claim) -> dict[str, OriginRef]:
        """A claim's origins with the bodies each is part of (``Entity.part_of``), by key."""
        if claim.id not in self._shared_keys:
            found: dict[str, OriginRef] = {}
            for ref in self.origins(claim):
                while ref.key not in found:
                    found[ref.key] = ref
                    entity = self.entities.get(ref.key.removeprefix("entity:"))
                    if entity is None or entity.part_of is None:
                        break
                    ref = self.entity(entity.part_of)
            self._shared_keys[claim.id] = found
        return self._shared_keys[claim.id]

    def shared(self, a: Claim, b: Claim) -> str | None:
        """Why two claims are not independent, in words; None when they are independent."""
        for one, two in ((a, b), (b, a)):
            if two.source in self.republished(one.source):
                return (
                    f"{self.sources[one.source].outlet}'s “{self.sources[one.source].title}” republishes "
                    f"“{self.sources[two.source].title}”"
                )
        theirs = self.bodies(b)
        for key, ref in self.bodies(a).items():
            if key in theirs:
                return f"both come from {ref.name}"
        if _unnamed(a) and _unnamed(b):
            return "both rest on unnamed sources, which never corroborate each other"
        return None


def _unnamed(claim: Claim) -> bool:
    return claim.origin is not None and claim.origin.channel == "unnamed"


def related(claims: Mapping[str, Claim]) -> dict[str, list[Related]]:
    """Each claim's relations, declared on it or on the other claim (unknown targets skipped)."""
    out: dict[str, list[Related]] = {cid: [] for cid in claims}
    for claim in claims.values():
        for relation in claim.relations:
            other = claims.get(relation.target)
            if other is not None and other.id != claim.id:
                out[claim.id].append(Related(relation.type, other, True))
                out[other.id].append(Related(relation.type, claim, False))
    return out


@dataclass(frozen=True)
class Earned:
    """The status the evidence earns a claim, and the claim that earns it (None for reported)."""

    status: str
    by: Claim | None = None
    shared: str | None = None  # for reported: why the nearest corroboration does not count


def earned_status(claim: Claim, links: list[Related], provenance: Provenance) -> Earned:
    """The status the evidence earns, tried in this order: disputed, then denied, then corroborated, else
    reported; an assessment stays one."""
    if claim.status == "assessment":
        return Earned("assessment")
    factual = [link for link in links if link.other.status != "assessment"]
    for link in factual:
        if link.type == "contradicts":
            return Earned("disputed", link.other)
    for link in links:
        if link.type == "denies" and not link.outgoing:
            return Earned("denied", link.other)
    dependent = None
    for link in factual:
        if link.type == "corroborates":
            why = provenance.shared(claim, link.other)
            if why is None:
                return Earned("corroborated", link.other)
            dependent = dependent or Earned("reported", link.other, why)
    return dependent or Earned("reported")


def independent_sources(claim: Claim, links: list[Related], provenance: Provenance) -> tuple[int, int]:
    """(independent origins, reports) behind a claim: itself and what corroborates it, grouped
    so that reports which are not independent of each other count once."""
    reports = list({c.id: c for c in [claim] + [link.other for link in links if link.type == "corroborates"]}.values())
    group = list(range(len(reports)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(reports)):
        for j in range(i):
            if provenance.shared(reports[i], reports[j]) is not None:
                group[root(i)] = root(j)
    return len({root(i) for i in range(len(reports))}), len(reports)
