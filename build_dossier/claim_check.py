"""One claim checked within its source: its topics and entities are known and named, its origin can
assert it, its quote is in the text exactly once (with the closest passage as a hint when it is not)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import schema, textmatch
from .errors import Collector
from .model import Claim, Entity, Origin, PartialDate, Relation, Span, Topic
from .textmatch import FoldedText, locate
from .vocabulary import DENIAL_CHANNELS, ORIGIN_TYPES, spelled_out
from .yamlfile import DocPath, YamlDocument

CLOSEST_SHOWN = 600  # characters of the closest passage a message shows
ORIGINS = spelled_out(ORIGIN_TYPES, "or")  # "person, organisation, … or tracker"


@dataclass(frozen=True)
class Annotations:
    """One source's annotation file as its checks read it: the document, what the schema rejected,
    the source text (and its folded form, to find quotes), the known topics and entities, and
    where problems go."""

    doc: YamlDocument  # its data: a mapping
    errors: schema.Problems
    raw: str
    folded: FoldedText
    topics: Mapping[str, Topic] | None
    entities: Mapping[str, Entity] | None
    out: Collector

    def add(self, path: DocPath, message: str, severity: str = "error", key: bool = False) -> None:
        """A problem at ``path`` in the annotation file."""
        self.out.add(self.doc, path, message, severity, key)


def parse_date(doc: YamlDocument, path: DocPath, item: Mapping[str, Any], out: Collector) -> PartialDate | None:
    """``item``'s date at ``path`` (keyed by its last part), None when absent or not a real date (reported)."""
    value = item.get(str(path[-1]))
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        out.add(
            doc,
            path,
            f'{path[-1]} {value!r} is not a real date: {exc}; write "YYYY", "YYYY-MM" or '
            '"YYYY-MM-DD" with only the precision you know',
        )
        return None


def check_claim(ann: Annotations, path: DocPath, item: dict[str, Any], slug: str, number: int) -> Claim | None:
    """The claim at ``path`` (None when a check fails; each failure is reported)."""
    ok = _topics_known(ann, path, item)
    ok = _entities_known(ann, path, item) and ok
    event = parse_date(ann.doc, path + ("event_date",), item, ann.out)
    origin = _origin(ann, path, item)
    span = anchor(ann, path, item, "quote", "claim")
    if not ok or span is None or (item.get("event_date") and event is None) or (item.get("origin") and origin is None):
        return None
    return Claim(
        id=item["id"],
        source=slug,
        number=number,
        text=item["claim"],
        quote=item["quote"],
        span=span,
        topics=tuple(item["topics"]),
        status=item["status"],
        claimant=item["claimant"],
        event_date=event,
        event_note=item.get("event_note"),
        entities=tuple(item.get("entities") or ()),
        relations=tuple(Relation(r["type"], r["claim"], r.get("note")) for r in item.get("relations") or []),
        prefix=item.get("prefix"),
        suffix=item.get("suffix"),
        origin=origin,
    )


def _topics_known(ann: Annotations, path: DocPath, item: dict[str, Any]) -> bool:
    """Whether every topic of the claim is defined (unknown when topics.yml is unusable); none is a warning."""
    if ann.topics is not None:
        for j, topic in enumerate(item["topics"]):
            if topic not in ann.topics:
                ann.add(
                    path + ("topics", j),
                    f"unknown topic {topic!r}{schema.did_you_mean(topic, ann.topics)} "
                    f"(topics are defined in sources/topics.yml: {', '.join(ann.topics)})",
                )
    if not item["topics"]:
        ann.add(
            path + ("topics",),
            f"claim {item['id']!r} has no topic; add at least one so it appears on a topic page",
            "warning",
        )
    return ann.topics is None or all(topic in ann.topics for topic in item["topics"])


def _entities_known(ann: Annotations, path: DocPath, item: dict[str, Any]) -> bool:
    """Whether every listed entity is declared; one the sentence does not name is a warning."""
    entities = ann.entities
    if entities is None:
        return True
    listed = item.get("entities") or []
    names = {name: eid for eid in listed if eid in entities for name in entities[eid].names}
    linked = textmatch.mentions(item["claim"], names)
    for j, entity in enumerate(listed):
        if entity not in entities:
            ann.add(
                path + ("entities", j),
                f"unknown entity {entity!r}{schema.did_you_mean(entity, entities)}; "
                "declare it in sources/entities.yml or fix the id",
            )
        elif entity not in linked:
            ann.add(path + ("entities", j), _unnamed_entity(entities[entity], item["claim"]), "warning")
    return all(entity in entities for entity in listed)


def _unnamed_entity(entity: Entity, sentence: str) -> str:
    """Why an entity listed on a claim gets no link in its sentence, and the fix."""
    spelled = " or ".join(repr(name) for name in entity.names)
    seen = textmatch.near_spelling(sentence, entity.names)
    fix = (
        f"add {seen!r} to its aliases in sources/entities.yml"
        if seen
        else "name it in the sentence as the entity is spelled, add the spelling you use to its aliases in "
        "sources/entities.yml, or remove it from entities:"
    )
    return f"entity {entity.id!r} is listed, but the claim sentence does not name it ({spelled}), so it gets no link; {fix}"


def _origin(ann: Annotations, path: DocPath, item: dict[str, Any]) -> Origin | None:
    """A claim's ``origin:``, its parties checked against the entities; denials need one."""
    given = item.get("origin")
    origin = (
        None
        if given is None
        else Origin(given["channel"], given.get("party"), tuple(given.get("relayed_by") or ()), given.get("note"))
    )
    for j, relation in enumerate(item.get("relations") or []):
        if relation["type"] == "denies" and (
            origin is None or origin.party is None or origin.channel not in DENIAL_CHANNELS
        ):
            ann.add(
                path + ("relations", j, "type"),
                f"claim {item['id']!r} denies another claim, but a denial "
                "comes from a party concerned: give it an origin naming that party (origin: party: <entity id>, "
                "channel: statement or document)",
            )
    if origin is None:
        return None
    ok = True
    if origin.party is None and origin.channel != "unnamed":
        ann.add(
            path + ("origin",),
            f"origin of claim {item['id']!r} has no party; name who first asserted it "
            "(party: <entity id>), or use channel: unnamed for unnamed sources",
            key=True,
        )
        ok = False
    named: list[tuple[DocPath, str]] = [(("party",), origin.party)] if origin.party else []
    named += [(("relayed_by", j), eid) for j, eid in enumerate(origin.relayed_by)]
    entities = ann.entities or {}
    for where, eid in named if ann.entities is not None else ():
        at = path + ("origin",) + where
        entity = entities.get(eid)
        if entity is None:
            ann.add(
                at,
                f"origin {eid!r} is not an entity{schema.did_you_mean(eid, entities)}; declare it in "
                f"sources/entities.yml (type {ORIGINS}) or fix the id",
            )
            ok = False
        elif entity.type not in ORIGIN_TYPES:
            ann.add(
                at,
                f"origin {eid!r} is an entity of type {entity.type}, which cannot assert "
                f"anything; an origin is a {ORIGINS}",
            )
            ok = False
    return origin if ok else None


def anchor(ann: Annotations, path: DocPath, item: dict[str, Any], key: str, what: str) -> Span | None:
    """Where a quote-like passage (``item[key]`` with optional prefix/suffix) is in the text, if it
    is there exactly once; otherwise why not (reported)."""
    folded, raw = ann.folded, ann.raw
    matches = locate(folded, item[key], item.get("prefix"), item.get("suffix"))
    label = f"{what} {item['id']!r}" if "id" in item else what
    if len(matches) == 1:
        return Span(matches[0].start, matches[0].end)
    if not matches and (item.get("prefix") or item.get("suffix")) and locate(folded, item[key]):
        message = (
            f"{key} of {label} occurs {len(locate(folded, item[key]))} time(s) in the text, but never with the "
            "given prefix:/suffix:; copy the words just before or after it exactly, or remove them"
        )
    elif not matches:
        message = (
            f"{key} of {label} is not in the source text; copy the passage exactly from "
            f"the .txt{_closest_hint(raw, folded, item[key])}"
        )
    else:
        lines = ", ".join(str(raw.count("\n", 0, m.start) + 1) for m in matches[:5])
        message = (
            f"{key} of {label} occurs {len(matches)} times in the text (lines {lines}); "
            "add a prefix: or suffix: with the words just before or after the one you mean"
        )
    ann.add(path + (key,), message)
    return None


def _closest_hint(raw: str, folded: FoldedText, quote: str) -> str:
    """Where the passage most like a quote is, what invisible difference remains, and the passage as
    it stands in the .txt (line breaks joined), last, so that it can be copied back."""
    span = textmatch.closest_passage(raw, folded, quote)
    if span is None:
        return ""
    passage = raw[span[0] : span[1]]
    line = raw.count("\n", 0, span[0]) + 1
    unusual = textmatch.unusual_difference(quote, passage) or textmatch.visible_difference(quote, passage)
    shown = textmatch.on_one_line(passage)
    if len(shown) > CLOSEST_SHOWN:
        shown = shown[:CLOSEST_SHOWN] + f"… ({len(shown) - CLOSEST_SHOWN:,} more characters)"
    return f"{'; ' + unusual if unusual else ''}; the closest passage in the text, at line {line}, is: {shown}"
