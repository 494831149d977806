"""One source checked on its own: its metadata, the edits of its reading text (boilerplate left out,
corrections) and its claims (``claim_check``).  Claim ids taken by other sources, relations and
statuses are checked across sources (``cross_check``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from . import schema
from .claim_check import Annotations, anchor, check_claim, parse_date
from .discovery import MAX_TEXT_BYTES
from .errors import Collector, Diagnostic
from .links import is_web_url, outlet_matches_url
from .model import Claim, Correction, Entity, Omission, Source, Span, Topic, Via
from .textmatch import fold
from .yamlfile import DocPath, YamlDocument, decode_text, read_yaml

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'\]\[)({}|\\^`]+[^\s<>\"'\]\[)(.,;:!?{}|\\^`]")


@dataclass(frozen=True)
class SourceJob:
    """What checking one source reads: its files' bytes, and the topics and entities it may name."""

    slug: str
    prefix: str  # the sources folder as shown, e.g. "sources/"
    yml: Path
    yml_raw: bytes | None  # None: over the size limit, not read
    txt_raw: bytes | None
    txt_size: int
    topics: Mapping[str, Topic] | None  # None: topics.yml is unusable
    entities: Mapping[str, Entity] | None


class ClaimEntry(NamedTuple):
    """A claim entry with a string id, as the checks across sources need it."""

    id: str
    path: str  # its annotation file, as shown
    id_at: tuple[int, int]
    valid: bool  # passed the schema, so its id must not be taken yet
    claim: Claim | None  # passed every check within its source
    # only with a claim:
    status_at: tuple[int, int] | None = None
    relations_at: tuple[tuple[int, int], ...] = ()  # each relation's claim:
    overlaps: tuple[Diagnostic, ...] = ()  # its quote lies in boilerplate (reported unless its id is taken)


class SourceResult(NamedTuple):
    """Everything one source contributes to the check: a function of its ``SourceJob`` alone."""

    source: Source | None  # its claims as if no id were taken by another entry
    diagnostics: tuple[Diagnostic, ...]
    entries: tuple[ClaimEntry, ...]
    republishes_at: tuple[int, int] | None = None


def check_source(job: SourceJob) -> SourceResult:
    """One source on its own: the model's ``Source`` (None if unusable), its problems and its claim entries."""
    out = Collector()
    text = _read_text(f"{job.prefix}{job.slug}.txt", job.txt_raw, job.txt_size, out)
    doc, problems = read_yaml(job.yml, job.prefix + job.yml.name, job.yml_raw)
    out.extend(problems)
    if doc is None:
        return SourceResult(None, tuple(out.items), ())
    if not isinstance(doc.data, dict):
        out.add(doc, (), "annotation file must be a mapping with source: and claims: (see CONTRIBUTING.md)")
        return SourceResult(None, tuple(out.items), ())
    errors = schema.validate(doc, "annotation.schema.json", {"topics": job.topics, "entities": job.entities})
    out.extend(errors)
    meta = _metadata(doc, errors, out)
    if text is None:
        return SourceResult(None, tuple(out.items), ())
    ann = Annotations(doc, errors, text, fold(text), job.topics, job.entities, out)
    boilerplate, corrections = _edits(ann)
    claims, entries = _claims(ann, job.slug, boilerplate)
    if not doc.data.get("claims"):
        ann.add(
            ("claims",),
            "this source has no claims yet; add one entry per substantive factual claim",
            "warning",
            key=True,
        )
    if errors or meta is None:
        return SourceResult(None, tuple(out.items), entries)
    source = _source(job.slug, meta, ann, boilerplate, corrections, claims)
    republishes_at = doc.where(("source", "republishes")) if source.republishes else None
    return SourceResult(source, tuple(out.items), entries, republishes_at)


def _read_text(shown: str, raw: bytes | None, size: int, out: Collector) -> str | None:
    if raw is None:
        out.at(
            shown,
            f"text is {size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit for one source; split it into several sources",
        )
        return None
    text, problems = decode_text(raw, shown, "source text")
    out.extend(problems)
    if text is not None and not text.strip():
        out.at(shown, "source text is empty; paste the document's text")
        return None
    return text


def _metadata(doc: YamlDocument, errors: schema.Problems, out: Collector) -> dict[str, Any] | None:
    """``source:`` with its date parsed (None if unusable); addresses that are not web pages are reported."""
    meta = doc.data.get("source") if isinstance(doc.data.get("source"), dict) else None
    if not meta:
        return None
    published = None if errors.within(("source",)) else parse_date(doc, ("source", "published"), meta, out)
    url = meta.get("url")
    _web_address(doc, errors, ("source", "url"), url, out)
    if isinstance(url, str) and isinstance(meta.get("outlet"), str) and not outlet_matches_url(meta["outlet"], url):
        out.add(
            doc,
            ("source", "url"),
            f"the address's domain does not look like outlet {meta['outlet']!r}; "
            "check the url, or give the relaying outlet under via:",
            "warning",
        )
    _web_address(doc, errors, ("source", "archive_url"), meta.get("archive_url"), out)
    via = meta.get("via")
    if isinstance(via, dict):
        _web_address(doc, errors, ("source", "via", "url"), via.get("url"), out)
    return None if published is None else {**meta, "published": published}


def _web_address(doc: YamlDocument, errors: schema.Problems, path: DocPath, value: object, out: Collector) -> None:
    """An address the schema accepts that is not a web page's (the schema reports what is not http(s) at all)."""
    if isinstance(value, str) and not errors.within(path) and not is_web_url(value):
        out.add(doc, path, f"{path[-1]} {value!r} is not a web address; give a full http:// or https:// URL")


def _valid_items(ann: Annotations, key: str) -> Iterator[tuple[DocPath, dict[str, Any]]]:
    """The entries of ``text: <key>:`` with a passage, that the schema accepted, and where they are."""
    text = ann.doc.data.get("text")
    for i, item in enumerate((text.get(key) or []) if isinstance(text, dict) else []):
        path = ("text", key, i)
        if isinstance(item, dict) and isinstance(item.get("passage"), str) and not ann.errors.within(path):
            yield path, item


def _edits(ann: Annotations) -> tuple[list[Omission], list[Correction]]:
    """The passages the reading text leaves out (boilerplate, which may overlap) and the corrections
    (which may not overlap any other edit)."""
    boilerplate, corrections = [], []
    placed: list[tuple[Span, DocPath]] = []  # every edit of the reading text
    for path, item in _valid_items(ann, "boilerplate"):
        span = anchor(ann, path, item, "passage", "boilerplate passage")
        if span:
            boilerplate.append(Omission(span, item["reason"]))
            placed.append((span, path))
    for path, item in _valid_items(ann, "corrections"):
        span = anchor(ann, path, item, "passage", "correction")
        if span and not _overlapping_edit(ann, path, span, placed):
            corrections.append(Correction(span, item["reading"], item.get("note")))
            placed.append((span, path))
    return boilerplate, corrections


def _overlapping_edit(ann: Annotations, path: DocPath, span: Span, placed: list[tuple[Span, DocPath]]) -> bool:
    """Whether a correction at ``span`` overlaps an edit already placed (reported at the correction).

    Boilerplate passages may overlap one another (their union is left out), but a correction
    replaces its passage: two corrections of one passage would both be shown, and a correction in
    a passage left out would be lost or cut in two.
    """
    for other, other_path in placed:
        if span.start < other.end and other.start < span.end:
            line = ann.doc.where(other_path + ("passage",))[0]
            if other_path[1] == "corrections":
                message = (
                    f"this correction overlaps the correction at line {line}; corrections may not overlap: "
                    "merge them into one correction of the whole passage"
                )
            else:
                message = (
                    f"this correction overlaps the boilerplate passage at line {line}, which the reading text "
                    "leaves out; remove the correction, or narrow the boilerplate passage so they do not meet"
                )
            ann.add(path + ("passage",), message)
            return True
    return False


def _claims(ann: Annotations, slug: str, boilerplate: list[Omission]) -> tuple[list[Claim], tuple[ClaimEntry, ...]]:
    """The claims that pass every check here, and an entry for each claim with an id (for the checks across sources)."""
    doc = ann.doc
    listed = ann.doc.data.get("claims")
    claims: list[Claim] = []
    entries: list[ClaimEntry] = []
    for i, item in enumerate(listed if isinstance(listed, list) else []):
        path: DocPath = ("claims", i)
        id_at = doc.where(path + ("id",))
        if not isinstance(item, dict) or ann.errors.within(path):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                entries.append(ClaimEntry(item["id"], doc.path, id_at, False, None))
            continue
        claim = check_claim(ann, path, item, slug, len(claims) + 1)
        if claim is None:
            entries.append(ClaimEntry(item["id"], doc.path, id_at, True, None))
            continue
        claims.append(claim)
        relations_at = tuple(doc.where(path + ("relations", j, "claim")) for j in range(len(claim.relations)))
        overlaps = tuple(_in_boilerplate(ann, path, boilerplate, claim))
        entries.append(
            ClaimEntry(claim.id, doc.path, id_at, True, claim, doc.where(path + ("status",)), relations_at, overlaps)
        )
    return claims, tuple(entries)


def _in_boilerplate(ann: Annotations, path: DocPath, boilerplate: list[Omission], claim: Claim) -> Iterator[Diagnostic]:
    for omitted in boilerplate:
        if claim.span.start < omitted.span.end and omitted.span.start < claim.span.end:
            yield Diagnostic(
                ann.doc.path,
                *ann.doc.where(path + ("quote",)),
                f"the quote of claim {claim.id!r} lies in a "
                f"passage declared as boilerplate ({omitted.reason!r}); quote the text elsewhere or "
                "narrow the boilerplate passage",
            )


def _source(
    slug: str,
    meta: dict[str, Any],
    ann: Annotations,
    boilerplate: list[Omission],
    corrections: list[Correction],
    claims: list[Claim],
) -> Source:
    via = meta.get("via")
    text: dict[str, Any] = ann.doc.data["text"] if isinstance(ann.doc.data.get("text"), dict) else {}
    return Source(
        slug=slug,
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
        url=meta["url"],
        kind=meta["kind"],
        language=meta["language"],
        text=ann.raw,
        author=meta.get("author"),
        published_note=meta.get("published_note"),
        via=Via(via["outlet"], via.get("url"), via.get("note")) if via else None,
        republishes=meta.get("republishes"),
        wrapped=bool(text.get("wrapped")),
        boilerplate=tuple(sorted(boilerplate, key=lambda b: b.span.start)),
        corrections=tuple(sorted(corrections, key=lambda c: c.span.start)),
        claims=tuple(claims),
        references=tuple(dict.fromkeys(URL_IN_TEXT.findall(ann.raw))),
        annotation_path=ann.doc.path,
        archive_url=meta.get("archive_url"),
    )
