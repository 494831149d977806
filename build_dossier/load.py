"""Load everything under ``sources/``, validate it, and build the model.

``check(root)`` returns the model (or None) and every diagnostic, all problems at once;
``load(root)`` returns the model or raises ``ValidationFailed``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from . import schema
from .errors import Diagnostic, ValidationFailed
from .model import (Claim, Correction, Dossier, Entity, Omission, PartialDate, Relation, Settings, Source, Span,
                    Topic, Via)
from .textmatch import FoldedText, closest_passage, fold, locate
from .yamlfile import YamlDocument, decode_text, read_yaml

MAX_TEXT_BYTES = 5_000_000
RESERVED = {"dossier": "dossier.schema.json", "topics": "topics.schema.json", "entities": "entities.schema.json"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'\]\[)({}|\\^`]+[^\s<>\"'\]\[)(.,;:!?{}|\\^`]")


class _Collector:
    """Diagnostics of one run, with the project root for display paths."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[Diagnostic] = []

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, doc: YamlDocument, path, message: str, severity: str = "error", key: bool = False) -> None:
        self.items.append(Diagnostic(doc.path, *doc.where(path, key=key), message, severity))

    def extend(self, items) -> None:
        self.items.extend(items)

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.items)


def load(root: Path, sources_dir: str = "sources") -> Dossier:
    dossier, diagnostics = check(root, sources_dir)
    if dossier is None or any(d.is_error for d in diagnostics):
        raise ValidationFailed(diagnostics)
    return dossier


def check(root: Path, sources_dir: str = "sources") -> tuple[Dossier | None, list[Diagnostic]]:
    root = Path(root).resolve()
    folder = root / sources_dir
    out = _Collector(root)
    if not folder.is_dir():
        out.items.append(Diagnostic(sources_dir, 1, 1, f"no {sources_dir}/ folder here; run from the project root "
                                    "or pass --root"))
        return None, out.items

    settings_doc = _read_reserved(folder / "dossier.yml", out)
    topics_doc = _read_reserved(folder / "topics.yml", out)
    entities_doc = _read_reserved(folder / "entities.yml", out)
    settings = _settings(settings_doc)
    topics = _topics(topics_doc, out)
    entities = _entities(entities_doc, out)

    pairs = _source_files(folder, out)
    sources: list[Source] = []
    claim_sites: dict[str, tuple[YamlDocument, tuple]] = {}
    for slug, (txt, yml) in sorted(pairs.items()):
        source = _source(slug, txt, yml, topics, entities, claim_sites, out)
        if source is not None:
            sources.append(source)

    claims = {c.id: c for s in sources for c in s.claims}
    _check_relations(claims, claim_sites, out)
    _check_statuses(claims, claim_sites, out)
    if not out.failed and len(claims) != len(claim_sites):  # every dropped claim must have said why
        lost = sorted(claim_sites.keys() - claims.keys())
        raise AssertionError(f"claims dropped without a diagnostic: {lost}")
    if settings is None or topics is None or entities is None or out.failed:
        return None, sorted(out.items)
    sources.sort(key=lambda s: (s.published, s.slug), reverse=True)
    dossier = Dossier(settings, tuple(topics.values()), tuple(entities.values()), tuple(sources),
                      {c.id: c for s in sorted(sources, key=lambda s: s.slug) for c in s.claims})
    return dossier, sorted(out.items)


# ---- files ----------------------------------------------------------------------------------

def _read_reserved(path: Path, out: _Collector) -> YamlDocument | None:
    shown = out.shown(path)
    if not path.is_file():
        out.items.append(Diagnostic(shown, 1, 1, f"{path.name} is missing; every dossier needs it "
                                    f"(see CONTRIBUTING.md)"))
        return None
    doc, problems = read_yaml(path, shown)
    out.extend(problems)
    if doc is None:
        return None
    if doc.data is None:
        out.items.append(Diagnostic(shown, 1, 1, f"{path.name} is empty"))
        return None
    errors = schema.validate(doc, RESERVED[path.stem])
    out.extend(errors)
    return None if errors else doc


def _source_files(folder: Path, out: _Collector) -> dict[str, tuple[Path, Path]]:
    texts, annotations = {}, {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        stem, suffix = path.stem, path.suffix
        if stem in RESERVED and suffix == ".yml":
            continue
        shown = out.shown(path)
        if suffix == ".yaml":
            out.items.append(Diagnostic(shown, 1, 1, f"annotation files end in .yml; rename it to {stem}.yml"))
            continue
        if suffix not in (".txt", ".yml"):
            out.items.append(Diagnostic(shown, 1, 1, "unexpected file in sources/: only <slug>.txt, <slug>.yml "
                                        "and the dossier, topics and entities files belong here", "warning"))
            continue
        if stem in RESERVED:
            out.items.append(Diagnostic(shown, 1, 1, f"{stem!r} is reserved; give this source another slug"))
            continue
        if not SLUG.match(stem):
            out.items.append(Diagnostic(shown, 1, 1, f"slug {stem!r} is not valid; use lowercase words, digits and "
                                        "single hyphens (outlet-year-topic), e.g. moscow-times-2019-advisers"))
            continue
        (texts if suffix == ".txt" else annotations)[stem] = path
    for slug in sorted(texts.keys() - annotations.keys()):
        out.items.append(Diagnostic(out.shown(texts[slug]), 1, 1, f"no annotations for this text; create "
                                    f"sources/{slug}.yml (dossier new scaffolds one)"))
    for slug in sorted(annotations.keys() - texts.keys()):
        out.items.append(Diagnostic(out.shown(annotations[slug]), 1, 1, f"no source text for these annotations; "
                                    f"add the raw text as sources/{slug}.txt"))
    return {slug: (texts[slug], annotations[slug]) for slug in texts.keys() & annotations.keys()}


def _read_text(path: Path, out: _Collector) -> str | None:
    shown = out.shown(path)
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        out.items.append(Diagnostic(shown, 1, 1, f"text is {size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit "
                                    "for one source; split it into several sources"))
        return None
    text, problems = decode_text(path.read_bytes(), shown, "source text")
    out.extend(problems)
    if text is not None and not text.strip():
        out.items.append(Diagnostic(shown, 1, 1, "source text is empty; paste the document's text"))
        return None
    return text


# ---- settings, topics, entities ---------------------------------------------------------------

def _settings(doc: YamlDocument | None) -> Settings | None:
    if doc is None:
        return None
    d = doc.data
    return Settings(d["title"], d["description"], d.get("licence"))


def _unique(doc: YamlDocument, items: list, what: str, out: _Collector) -> dict[str, dict]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item["id"] in seen:
            first = doc.where((what, seen[item["id"]], "id"))[0]
            out.add(doc, (what, i, "id"), f"duplicate {what[:-1]} id {item['id']!r} (first at line {first}); "
                    "give each a different id")
        else:
            seen[item["id"]] = i
    return {item["id"]: item for item in items}


def _topics(doc: YamlDocument | None, out: _Collector) -> dict[str, Topic] | None:
    if doc is None:
        return None
    items = _unique(doc, doc.data["topics"], "topics", out)
    return {k: Topic(v["id"], v["title"], v["description"]) for k, v in items.items()}


def _entities(doc: YamlDocument | None, out: _Collector) -> dict[str, Entity] | None:
    if doc is None:
        return None
    items = _unique(doc, doc.data["entities"], "entities", out)
    return {k: Entity(v["id"], v["name"], v["type"], v["description"], tuple(v.get("aliases") or ()),
                      v.get("wikidata")) for k, v in items.items()}


# ---- one source -------------------------------------------------------------------------------

def _date(doc: YamlDocument, path, value: str | None, out: _Collector) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        out.add(doc, path, f"{path[-1]} {value!r} is not a real date: {exc}; write \"YYYY\", \"YYYY-MM\" or "
                "\"YYYY-MM-DD\" with only the precision you know")
        return None


def _url(doc: YamlDocument, path, value: str | None, out: _Collector) -> None:
    if value is None or not value.startswith(("http://", "https://")):  # the schema reports those
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        out.add(doc, path, f"{path[-1]} {value!r} is not a web address; give a full http:// or https:// URL")


def outlet_matches_url(outlet: str, url: str) -> bool:
    """Whether a URL's host plausibly belongs to the outlet (name, squashed name or initials)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = [l for l in host.split(".") if len(l) >= 3][:-1] or host.split(".")[:1]
    words = [w for w in re.findall(r"[a-z0-9]+", outlet.lower()) if w != "the"]
    squashed, initials = "".join(words), "".join(w[0] for w in words)
    return any(l in squashed or squashed in l or (len(initials) > 1 and initials in l) for l in labels)


def _anchor(doc, path, item, key, raw, folded, out, what) -> Span | None:
    """Locate a quote-like passage (``item[key]`` with optional prefix/suffix) in the text."""
    matches = locate(folded, item[key], item.get("prefix"), item.get("suffix"))
    label = f"{what} {item['id']!r}" if "id" in item else what
    if len(matches) == 1:
        return Span(matches[0].start, matches[0].end)
    if not matches and (item.get("prefix") or item.get("suffix")) and locate(folded, item[key]):
        count = len(locate(folded, item[key]))
        out.add(doc, path + (key,), f"{key} of {label} occurs {count} time(s) in the text, but never with the "
                "given prefix:/suffix:; copy the words just before or after it exactly, or remove them")
    elif not matches:
        near = closest_passage(raw, folded, item[key])
        hint = f'; the closest passage in the text is "{near}"' if near else ""
        out.add(doc, path + (key,), f"{key} of {label} is not in the source text{hint}; "
                "copy the passage exactly from the .txt")
    else:
        lines = ", ".join(str(raw.count("\n", 0, m.start) + 1) for m in matches[:5])
        out.add(doc, path + (key,), f"{key} of {label} occurs {len(matches)} times in the text (lines {lines}); "
                "add a prefix: or suffix: with the words just before or after the one you mean")
    return None


def _source(slug, txt, yml, topics, entities, claim_sites, out: _Collector) -> Source | None:
    raw = _read_text(txt, out)
    doc, problems = read_yaml(yml, out.shown(yml))
    out.extend(problems)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        out.add(doc, (), "annotation file must be a mapping with source: and claims: (see CONTRIBUTING.md)")
        return None
    errors = schema.validate(doc, "annotation.schema.json")
    out.extend(errors)
    data = doc.data
    meta = data.get("source") if isinstance(data.get("source"), dict) else None
    published = _date(doc, ("source", "published"), meta.get("published"), out) if meta and not errors.within(("source",)) else None
    if meta:
        _url(doc, ("source", "url"), meta.get("url") if isinstance(meta.get("url"), str) else None, out)
        if isinstance(meta.get("url"), str) and isinstance(meta.get("outlet"), str) and \
                not outlet_matches_url(meta["outlet"], meta["url"]):
            out.add(doc, ("source", "url"), f"the address's domain does not look like outlet {meta['outlet']!r}; "
                    "check the url, or give the relaying outlet under via:", "warning")
        via = meta.get("via")
        if isinstance(via, dict) and isinstance(via.get("url"), str):
            _url(doc, ("source", "via", "url"), via["url"], out)
    if raw is None:
        return None
    folded = fold(raw)

    text = data.get("text") if isinstance(data.get("text"), dict) else {}
    boilerplate, corrections = [], []
    for i, item in enumerate(text.get("boilerplate") or []):
        if isinstance(item, dict) and isinstance(item.get("passage"), str) and not errors.within(("text", "boilerplate", i)):
            span = _anchor(doc, ("text", "boilerplate", i), item, "passage", raw, folded, out, "boilerplate passage")
            if span:
                boilerplate.append(Omission(span, item["reason"]))
    for i, item in enumerate(text.get("corrections") or []):
        if isinstance(item, dict) and isinstance(item.get("passage"), str) and not errors.within(("text", "corrections", i)):
            span = _anchor(doc, ("text", "corrections", i), item, "passage", raw, folded, out, "correction")
            if span:
                corrections.append(Correction(span, item["reading"], item.get("note")))

    claims = []
    for i, item in enumerate(data.get("claims") or [] if isinstance(data.get("claims"), list) else []):
        if not isinstance(item, dict) or errors.within(("claims", i)):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                claim_sites.setdefault(item["id"], (doc, ("claims", i)))  # relations to it still resolve
            continue
        claim = _claim(doc, ("claims", i), item, slug, len(claims) + 1, raw, folded, topics, entities, claim_sites, out)
        if claim:
            claims.append(claim)
    _check_overlaps(doc, boilerplate, claims, claim_sites, out)
    if not data.get("claims"):
        out.add(doc, ("claims",), "this source has no claims yet; add one entry per substantive factual claim",
                "warning", key=True)
    if errors or meta is None or published is None:
        return None
    via = meta.get("via")
    return Source(
        slug=slug, title=meta["title"], outlet=meta["outlet"], published=published, url=meta["url"],
        kind=meta["kind"], language=meta["language"], text=raw, author=meta.get("author"),
        published_note=meta.get("published_note"),
        via=Via(via["outlet"], via.get("url"), via.get("note")) if via else None,
        wrapped=bool(text.get("wrapped")), boilerplate=tuple(sorted(boilerplate, key=lambda b: b.span.start)),
        corrections=tuple(sorted(corrections, key=lambda c: c.span.start)), claims=tuple(claims),
        references=tuple(dict.fromkeys(URL_IN_TEXT.findall(raw))), annotation_path=doc.path)


def _claim(doc, path, item, slug, number, raw, folded: FoldedText, topics, entities, claim_sites, out) -> Claim | None:
    cid = item["id"]
    ok = True
    if cid in claim_sites:
        other, other_path = claim_sites[cid]
        line = other.where(other_path + ("id",))[0]
        out.add(doc, path + ("id",), f"duplicate claim id {cid!r} (first in {other.path}:{line}); claim ids are "
                "unique across the whole dossier — choose another")
        ok = False
    else:
        claim_sites[cid] = (doc, path)
    if topics is not None:
        for j, topic in enumerate(item["topics"]):
            if topic not in topics:
                out.add(doc, path + ("topics", j), f"unknown topic {topic!r}{schema.did_you_mean(topic, topics)} "
                        f"(topics are defined in sources/topics.yml: {', '.join(topics)})")
                ok = False
    if not item["topics"]:
        out.add(doc, path + ("topics",), f"claim {cid!r} has no topic; add at least one so it appears on a topic "
                "page", "warning")
    if entities is not None:
        for j, entity in enumerate(item.get("entities") or []):
            if entity not in entities:
                out.add(doc, path + ("entities", j), f"unknown entity {entity!r}{schema.did_you_mean(entity, entities)}; "
                        "declare it in sources/entities.yml or fix the id")
                ok = False
    event = _date(doc, path + ("event_date",), item.get("event_date"), out)
    if item.get("event_date") and event is None:
        ok = False
    span = _anchor(doc, path, item, "quote", raw, folded, out, "claim")
    if span is None or not ok:
        return None
    relations = tuple(Relation(r["type"], r["claim"], r.get("note")) for r in item.get("relations") or [])
    return Claim(id=cid, source=slug, number=number, text=item["claim"], quote=item["quote"], span=span,
                 topics=tuple(item["topics"]), status=item["status"], claimant=item["claimant"], event_date=event,
                 event_note=item.get("event_note"), entities=tuple(item.get("entities") or ()), relations=relations,
                 prefix=item.get("prefix"), suffix=item.get("suffix"))


def _check_overlaps(doc, boilerplate, claims, claim_sites, out) -> None:
    for omitted in boilerplate:
        for claim in claims:
            if claim.span.start < omitted.span.end and omitted.span.start < claim.span.end:
                out.add(doc, claim_sites[claim.id][1] + ("quote",), f"the quote of claim {claim.id!r} lies in a passage declared as boilerplate "
                        f"({omitted.reason!r}); quote the text elsewhere or narrow the boilerplate passage")


# a status that says another claim bears on this one, and the relation that must show it
_STATUS_EVIDENCE = {"corroborated": "corroborates", "disputed": "contradicts", "denied": "denies"}


def _check_statuses(claims: dict[str, Claim], sites, out: _Collector) -> None:
    incoming: dict[str, set[str]] = {}
    for claim in claims.values():
        for relation in claim.relations:
            incoming.setdefault(relation.target, set()).add(relation.type)
    for claim in claims.values():
        needed = _STATUS_EVIDENCE.get(claim.status)
        outgoing = {r.type for r in claim.relations}
        if needed and needed not in incoming.get(claim.id, set()) and not (
                needed == "corroborates" and "corroborates" in outgoing):
            doc, path = sites[claim.id]
            out.add(doc, path + ("status",), f"claim {claim.id!r} is {claim.status} but no claim {needed} it; add "
                    f"a '{needed}' relation on the claim that does (see the methodology), or change the status",
                    "warning")


def _check_relations(claims: dict[str, Claim], sites, out: _Collector) -> None:
    for claim in claims.values():
        doc, path = sites[claim.id]
        for j, relation in enumerate(claim.relations):
            where = path + ("relations", j, "claim")
            if relation.target == claim.id:
                out.add(doc, where, f"claim {claim.id!r} cannot relate to itself; name another claim's id")
            elif relation.target not in claims and relation.target not in sites:
                out.add(doc, where, f"unknown claim id {relation.target!r}{schema.did_you_mean(relation.target, sites)}; "
                        "relations name the id of a claim in any source")
