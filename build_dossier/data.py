"""Open data from the model: datasets (JSON, CSV), citations (CSL-JSON, BibTeX), an Atom feed,
and the structured data (JSON-LD, citation meta tags) that pages carry in their head.

Every output is built from Python values and serialised by a library, so text is escaped by
construction; JSON embedded in HTML also escapes <, > and & so it can never close its script.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date, datetime, timezone
from html import escape
from xml.sax.saxutils import escape as _xml_escape

from .errors import DossierError
from .index import Index
from .model import Claim, Dossier, PartialDate, Source

SCHEMA_ORG_TYPES = {"news": "ReportageNewsArticle", "analysis": "AnalysisNewsArticle",
                    "opinion": "OpinionNewsArticle", "fact-check": "AnalysisNewsArticle", "reference": "CreativeWork"}
CONTEXT_CHARS = 32  # prefix/suffix length of the Web Annotation TextQuoteSelector


class Publication:
    """Where the site lives and when it was built: absolute URLs and dates for the data."""

    def __init__(self, dossier: Dossier, index: Index, site_url: str | None, built: date):
        self.dossier, self.index = dossier, index
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.built = built
        self.entities = {e.id: e for e in dossier.entities}
        self._records: dict[str, tuple] = {}  # claim id -> (inputs, JSON line, CSV row), see records()

    def reuse(self, previous: Publication) -> None:
        """Keep the records of an earlier build (``mkdocs serve``): unchanged claims are not serialised again."""
        if (previous.site_url, previous.built) == (self.site_url, self.built):
            self._records = previous._records

    def url(self, path: str) -> str:
        return self.site_url + path

    def source_url(self, source: Source) -> str:
        return self.url(f"sources/{source.slug}/")

    def permalink(self, claim: Claim) -> str:
        return self.url(f"sources/{claim.source}/#claim-{claim.id}")

    # ---- datasets ---------------------------------------------------------------------------
    def claim_record(self, claim: Claim) -> dict:
        source = self.dossier.source(claim.source)
        raw = source.text
        start, end = claim.span.start, claim.span.end
        links = self.index.relations[claim.id]
        evidence = self.index.evidence[claim.id]
        return {
            "id": claim.id,
            "claim": claim.text,
            "quote": claim.quote,
            "position": {"start": start, "end": end, "exact": raw[start:end]},
            "topics": list(claim.topics),
            "status": claim.status,
            "claimant": claim.claimant,
            "origin": {"channel": evidence.channel,
                       "chain": [{"name": ref.name, "entity": ref.key.removeprefix("entity:") if ref.key.startswith("entity:")
                                  else None} for ref in evidence.origins]},
            "independent_sources": evidence.independent,
            "event_date": claim.event_date.iso if claim.event_date else None,
            "event_note": claim.event_note,
            "published": source.published.iso,
            "relations": [{"type": l.type, "direction": "outgoing" if l.outgoing else "incoming", "claim": l.other.id}
                          for l in links],
            "entities": list(claim.entities),
            "source": source.slug,
            "outlet": source.outlet,
            "permalink": self.permalink(claim),
            "annotation": self.web_annotation(claim, source),
            "original_url_with_quote": source.original_at(claim.quote),
            "archive_url": source.archive_url,
        }

    def web_annotation(self, claim: Claim, source: Source) -> dict:
        raw, start, end = source.text, claim.span.start, claim.span.end
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": self.permalink(claim),
            "type": "Annotation",
            "motivation": "describing",
            "body": {"type": "TextualBody", "value": claim.text, "format": "text/plain", "language": "en"},
            "target": {
                "source": source.url,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": raw[start:end],
                     "prefix": raw[max(0, start - CONTEXT_CHARS):start], "suffix": raw[end:end + CONTEXT_CHARS]},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        }

    def source_record(self, source: Source) -> dict:
        return {
            "id": source.slug, "title": source.title, "outlet": source.outlet, "author": source.author,
            "published": source.published.iso, "published_precision": source.published.precision,
            "published_note": source.published_note, "url": source.url, "kind": source.kind,
            "language": source.language,
            "via": {"outlet": source.via.outlet, "url": source.via.url, "note": source.via.note} if source.via else None,
            "claims": [c.id for c in source.claims], "page": self.source_url(source),
            "text_sha256": hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
            "annotation_file": source.annotation_path,
        }

    def records(self) -> list[tuple[str, list]]:
        """Every claim's record as one line of JSON, and its CSV row."""
        out, cache = [], {}
        for claim in self.dossier.claims.values():
            source = self.dossier.source(claim.source)
            inputs = (claim, source, self.index.relations[claim.id], self.index.evidence[claim.id])
            known = self._records.get(claim.id)
            if known is None or known[0] != inputs:
                c = self.claim_record(claim)
                row = [c["id"], c["claim"], c["quote"], ";".join(c["topics"]), c["status"], c["claimant"],
                       c["event_date"] or "", c["published"], c["source"], c["outlet"], ";".join(c["entities"]),
                       ";".join(f"{r['type']}:{r['claim']}" for r in c["relations"] if r["direction"] == "outgoing"),
                       c["permalink"]]
                known = (inputs, json.dumps(c, ensure_ascii=False, separators=(",", ":")), row)
            cache[claim.id] = known
            out.append(known[1:])
        self._records = cache
        return out

    def datasets(self) -> dict[str, str]:
        """claims.json, sources.json and claims.csv, by file name."""
        about = {"title": self.dossier.settings.title, "licence": self.dossier.settings.licence,
                 "site": self.site_url or None, "built": self.built.isoformat()}
        records = self.records()
        sources = [self.source_record(s) for s in sorted(self.dossier.sources, key=lambda s: s.slug)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "claim", "quote", "topics", "status", "claimant", "event_date", "published", "source",
                         "outlet", "entities", "relations", "permalink"])
        writer.writerows([spreadsheet_safe(cell) for cell in row] for _, row in records)
        return {
            "claims.json": dump({"$schema": "claims.schema.json", "dossier": about,
                                 "claims": Lines(line for line, _ in records)}),
            "sources.json": dump({"$schema": "sources.schema.json", "dossier": about, "sources": sources}),
            "claims.csv": out.getvalue(),
        }

    # ---- citations --------------------------------------------------------------------------
    def csl(self, source: Source) -> dict:
        item = {"id": source.slug, "type": "article-newspaper" if source.kind != "reference" else "webpage",
                "title": source.title, "container-title": source.outlet, "URL": source.url,
                "issued": {"date-parts": [date_parts(source.published)]}, "language": source.language}
        if source.author:
            item["author"] = [person_name(source.author)]
        return item

    def bibtex(self, source: Source) -> str:
        fields = [("title", source.title), ("journal", source.outlet), ("year", str(source.published.year))]
        if source.author:
            fields.insert(0, ("author", source.author))
        if source.published.month:
            fields.append(("month", str(source.published.month)))
        fields += [("url", source.url), ("note", f"{source.kind}; annotated in {self.dossier.settings.title}")]
        body = ",\n".join(f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields)
        return f"@article{{{source.slug},\n{body}\n}}\n"

    def reference(self, source: Source) -> str:
        """A ready reference in plain text: Author, "Title", Outlet, date, URL."""
        who = f"{source.author}, " if source.author else ""
        via = f" (first published by {source.via.outlet})" if source.via else ""
        return f"{who}\u201c{source.title}\u201d, {source.outlet}{via}, {source.published.label}. {source.url}"

    def citations(self) -> dict[str, str]:
        sources = sorted(self.dossier.sources, key=lambda s: s.slug)
        return {"sources.csl.json": dump([self.csl(s) for s in sources]),
                "sources.bib": "\n".join(self.bibtex(s) for s in sources)}

    # ---- feed -------------------------------------------------------------------------------
    def atom(self) -> str:
        d = self.dossier
        stamp = lambda pd: f"{pd.year:04d}-{pd.month or 1:02d}-{pd.day or 1:02d}T00:00:00Z"  # noqa: E731
        updated = max((s.published for s in d.sources), default=PartialDate(self.built.year))
        entries = []
        for s in sorted(d.sources, key=lambda s: (s.published, s.slug), reverse=True):
            entries.append(
                "<entry>"
                f"<title>{xml_escape(s.title)}</title>"
                f'<link rel="alternate" type="text/html" href="{xml_escape(self.source_url(s), {chr(34): "&quot;"})}"/>'
                f"<id>{xml_escape(self.source_url(s) or 'urn:dossier:source:' + s.slug)}</id>"
                f"<published>{stamp(s.published)}</published><updated>{stamp(s.published)}</updated>"
                f"<author><name>{xml_escape(s.author or s.outlet)}</name></author>"
                f"<summary>{xml_escape(f'{s.outlet}, {s.published.label}: {len(s.claims)} claims annotated.')}</summary>"
                "</entry>")
        home = self.site_url or "urn:dossier"
        return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{xml_escape(d.settings.title)}: sources</title>"
                f'<link rel="self" href="{xml_escape(self.url("feed.xml"))}"/><link rel="alternate" href="{xml_escape(self.url(""))}"/>'
                f"<id>{xml_escape(home)}</id><updated>{stamp(updated)}</updated>" + "".join(entries) + "</feed>\n")

    # ---- structured data in pages -----------------------------------------------------------
    def organisation(self) -> dict:
        return {"@type": "Organization", "name": self.dossier.settings.title, **({"url": self.site_url} if self.site_url else {})}

    def claim_jsonld(self, claim: Claim) -> dict:
        """A schema.org Claim: who makes it, where it appears and where it first came from. Statuses
        are not verdicts on truth, so there is no ClaimReview and no rating."""
        source = self.dossier.source(claim.source)
        appearance = {"@type": SCHEMA_ORG_TYPES[source.kind], "url": source.url, "headline": source.title[:110],
                      "publisher": {"@type": "Organization", "name": source.outlet}}
        item = {"@context": "https://schema.org", "@type": "Claim", "text": claim.text, "url": self.permalink(claim),
                "author": self.claimant(claim), "appearance": [appearance], "claimInterpreter": self.organisation()}
        first = self.index.evidence[claim.id].origins[0]
        if first.name != source.outlet:  # it came from elsewhere: a speaker, a document, a relayed outlet
            entity = self.entities.get(first.key.removeprefix("entity:"))
            kind = "Person" if entity is not None and entity.type == "person" else "Organization"
            item["firstAppearance"] = {"@type": "CreativeWork", "author": {"@type": kind, "name": first.name}}
        else:
            item["firstAppearance"] = appearance
        if source.published.precision == "day":
            item["datePublished"] = source.published.iso
        return item

    def claimant(self, claim: Claim) -> dict:
        """The claimant as a schema.org agent: a Person when a person entity of the claim is named in it."""
        for eid in claim.entities:
            entity = self.entities[eid]
            if entity.type == "person" and any(name in claim.claimant for name in entity.names):
                person = {"@type": "Person", "name": entity.name}
                if entity.wikidata:
                    person["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
                return person
        return {"@type": "Organization", "name": claim.claimant}

    def source_jsonld(self, source: Source) -> dict:
        article = {"@context": "https://schema.org", "@type": SCHEMA_ORG_TYPES[source.kind],
                   "headline": source.title[:110], "name": source.title, "url": source.url,
                   "datePublished": source.published.iso, "inLanguage": source.language,
                   "publisher": {"@type": "Organization", "name": source.outlet},
                   "author": ({"@type": "Person", "name": source.author} if source.author
                              else {"@type": "Organization", "name": source.outlet})}
        if source.via:
            article["isBasedOn"] = {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": source.via.outlet},
                                    **({"url": source.via.url} if source.via.url else {})}
        return article

    def source_head(self, source: Source) -> str:
        """citation_* meta tags (Zotero, Google Scholar) and JSON-LD for a source page's head."""
        tags = [("citation_title", source.title), ("citation_publisher", source.outlet),
                ("citation_journal_title", source.outlet), ("citation_date", source.published.iso.replace("-", "/")),
                ("citation_public_url", source.url), ("citation_language", source.language)]
        if source.author:
            tags.insert(1, ("citation_author", source.author))
        meta = "".join(f'<meta name="{n}" content="{escape(v)}">' for n, v in tags)
        graph = [self.source_jsonld(source)] + [self.claim_jsonld(c) for c in source.claims]
        return meta + "".join(script_jsonld(item) for item in graph)


class Lines(list):
    """Records already serialised, one JSON text each, for ``dump``."""


def dump(value) -> str:
    """JSON with one record per line: readable and diffable, and written by the C encoder
    (``indent`` would use the pure-Python one)."""
    def compact(item) -> str:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"))

    def records(items: list) -> str:
        lines = items if isinstance(items, Lines) else [compact(item) for item in items]
        return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"

    if isinstance(value, list):
        return records(value) + "\n"
    fields = [f"{compact(k)}:" + (records(v) if isinstance(v, Lines) or (isinstance(v, list) and v and isinstance(v[0], dict))
                                  else compact(v))
              for k, v in value.items()]
    return "{\n" + ",\n".join(fields) + "\n}\n"


# characters XML 1.0 does not allow at all (control characters but tab, line feed and carriage return;
# surrogates; U+FFFE and U+FFFF): load() refuses control characters in annotations, this is a second guard
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_escape(text: str, entities: dict | None = None) -> str:
    """Text for XML character data or an attribute: escaped, and characters XML cannot hold replaced
    by U+FFFD, so that feed.xml is always well-formed."""
    return _xml_escape(_NOT_XML.sub("\ufffd", text), entities or {})


# a cell a spreadsheet would run as a formula (=, +, -, @) or whose first character it may drop or
# act on (tab, carriage return): written with a leading apostrophe, which spreadsheets show as text
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that cannot run as a formula when the file is opened in a spreadsheet."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def script_jsonld(value: dict) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def date_parts(d: PartialDate) -> list[int]:
    return [d.year] + ([d.month] if d.month else []) + ([d.day] if d.day else [])


def person_name(name: str) -> dict:
    parts = name.rsplit(" ", 1)
    return {"family": parts[-1], "given": parts[0]} if len(parts) == 2 else {"literal": name}


def bibtex_escape(text: str) -> str:
    out = []
    for ch in text:
        out.append("\\" + ch if ch in "&%$#_{}" else "\\textbackslash{}" if ch == "\\" else ch)
    return "".join(out)


def build_moment() -> datetime:
    """When the build happens: SOURCE_DATE_EPOCH when set (reproducible builds: seconds since 1970,
    a non-negative integer; anything else is an error, never ignored), else now (UTC)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(timezone.utc).replace(microsecond=0)
    if not (epoch.isascii() and epoch.isdigit()):
        raise DossierError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 (a "
                           "non-negative integer); fix it, or unset it to use the current time")
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise DossierError(f"SOURCE_DATE_EPOCH={epoch!r} is out of range; give seconds since 1970-01-01, "
                           "e.g. $(git log -1 --format=%ct)") from None


def build_date() -> date:
    """The build's date (``build_moment``)."""
    return build_moment().date()
