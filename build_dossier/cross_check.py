"""The checks across sources, rerun on every check: claim ids unique in the whole dossier, relations
naming real claims, republishing, and statuses the relations and origins must earn (``evidence``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import evidence, schema
from .errors import Collector
from .model import Claim, Entity, Source
from .source_check import ClaimEntry, SourceResult


def accepted_claims(results: Iterable[SourceResult], out: Collector) -> tuple[dict[str, Claim], dict[str, ClaimEntry]]:
    """The claims accepted (those of usable sources whose id is not taken) and the first entry of
    every claim id; a duplicate id is reported at its second use."""
    claims: dict[str, Claim] = {}
    sites: dict[str, ClaimEntry] = {}
    for result in results:
        out.extend(result.diagnostics)
        for entry in result.entries:
            if not entry.valid:
                sites.setdefault(entry.id, entry)  # relations to it still resolve
            elif entry.id in sites:
                first = sites[entry.id]
                out.at(
                    entry.path,
                    f"duplicate claim id {entry.id!r} (first in {first.path}:{first.id_at[0]}); "
                    "claim ids are unique across the whole dossier — choose another",
                    where=entry.id_at,
                )
            else:
                sites[entry.id] = entry
                if entry.claim is not None:
                    out.extend(entry.overlaps)
                    if result.source is not None:
                        claims[entry.id] = entry.claim
    return claims, sites


def check_relations(claims: Mapping[str, Claim], sites: Mapping[str, ClaimEntry], out: Collector) -> None:
    """Every relation names another claim of the dossier."""
    for claim in claims.values():
        entry = sites[claim.id]
        for relation, where in zip(claim.relations, entry.relations_at):
            if relation.target == claim.id:
                message = f"claim {claim.id!r} cannot relate to itself; name another claim's id"
            elif relation.target not in claims and relation.target not in sites:
                message = (
                    f"unknown claim id {relation.target!r}{schema.did_you_mean(relation.target, sites)}; "
                    "relations name the id of a claim in any source"
                )
            else:
                continue
            out.at(entry.path, message, where=where)


def check_republishing(results: Mapping[str, SourceResult], out: Collector) -> None:
    """``republishes:`` names another source, and never leads back to the first."""
    sources = {slug: result.source for slug, result in results.items() if result.source is not None}
    for slug, source in sources.items():
        target, at = source.republishes, results[slug].republishes_at
        if target is None or at is None:
            continue
        if target == slug:
            message = (
                "a source cannot republish itself; give the slug of the source it republishes, or remove republishes:"
            )
        elif target not in sources:
            message = (
                f"republishes names {target!r}, which is not a source of this "
                f"dossier{schema.did_you_mean(target, sources)}; give the slug of the "
                "republished source (its .yml name without .yml)"
            )
        elif cycle := _republishing_cycle(slug, sources):
            message = (
                f"republishing goes round in a circle ({' → '.join(cycle)}); only the "
                "later document republishes the earlier: remove one republishes:"
            )
        else:
            continue
        out.at(source.annotation_path, message, where=at)


def _republishing_cycle(slug: str, sources: Mapping[str, Source]) -> list[str]:
    """The chain of republishing from ``slug`` back to it, or [] if it never comes back."""
    chain, current = [slug], sources[slug].republishes
    while current is not None and current not in chain and current in sources:
        chain.append(current)
        current = sources[current].republishes
    return chain + [slug] if current == slug else []


def check_statuses(
    claims: Mapping[str, Claim],
    sites: Mapping[str, ClaimEntry],
    sources: Mapping[str, Source],
    entities: Mapping[str, Entity],
    out: Collector,
) -> None:
    """Corroboration and contradiction link facts with facts; each status is the one the evidence earns."""
    provenance = evidence.Provenance(sources, entities)
    links = evidence.related(claims)
    complete = claims.keys() == sites.keys()  # with a claim left out by another error, statuses wait for its fix
    for claim in claims.values():
        entry = sites[claim.id]
        for relation, where in zip(claim.relations, entry.relations_at):
            other = claims.get(relation.target)
            if (
                other is not None
                and relation.type in ("corroborates", "contradicts")
                and (claim.status == "assessment") != (other.status == "assessment")
            ):
                which = claim.id if claim.status == "assessment" else other.id
                out.at(
                    entry.path,
                    f"{relation.type} links an assessment ({which!r}) with a factual claim; an estimate or "
                    "interpretation is not evidence for or against a fact: use 'qualifies'",
                    where=where,
                )
        earned = evidence.earned_status(claim, links[claim.id], provenance)
        if earned.status != claim.status and complete and entry.status_at is not None:
            out.at(entry.path, _status_message(claim, earned, sites), where=entry.status_at)


def _status_message(claim: Claim, earned: evidence.Earned, sites: Mapping[str, ClaimEntry]) -> str:
    """Why a typed status is not the one the evidence earns, and the fix."""

    def at(other: Claim | None) -> str:
        assert other is not None  # an earned status other than the typed one names the claim that earns it
        entry = sites[other.id]
        return f"{other.id!r} ({entry.path}:{entry.id_at[0]})"

    head = f"claim {claim.id!r} is marked {claim.status}"
    if earned.status == "disputed":
        return (
            f"{head}, but {at(earned.by)} contradicts it, so it is disputed; set status: disputed — or, if both "
            "can be true (tension, context, another group or period), make that relation 'qualifies'"
        )
    if earned.status == "denied":
        return f"{head}, but {at(earned.by)} denies it, a denial by a party concerned; set status: denied"
    if earned.status == "corroborated":
        return (
            f"{head}, but {at(earned.by)}, from an independent origin, corroborates it; set status: "
            "corroborated (or, if it supports only part of the claim, split the claim)"
        )
    if claim.status == "corroborated" and earned.by is not None:
        return (
            f"{head}, but its only corroboration, {at(earned.by)}, is not independent: {earned.shared}; "
            "reports of one origin are one source: set status: reported, or relate an independent report"
        )
    needed = {
        "corroborated": "a claim from an independent origin that corroborates it ('corroborates')",
        "disputed": "a claim that cannot be true at the same time ('contradicts'); for tension or context use "
        "'qualifies' and keep the status reported",
        "denied": "a denial by a party concerned ('denies', declared on the denial)",
    }.get(claim.status, "")
    return (
        f"{head}, but nothing in the dossier earns that: {claim.status} needs {needed}; add it, or set status: reported"
    )
