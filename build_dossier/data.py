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
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time
from functools import partial
from html import escape
from typing import Any, NamedTuple
from urllib.parse import quote as url_quote

from .anchors import published_quotes
from .cache import BuildCache
from .errors import DossierError
from .evidence import OriginRef
from .history import History
from .index import Index
from .model import MONTHS, Claim, Dossier, PartialDate, Source
from .vocabulary import CHANNELS, STATUSES, spelled_out

SCHEMA_ORG_TYPES = {
    "news": "ReportageNewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "fact-check": "AnalysisNewsArticle",
    "reference": "CreativeWork",
}
CSL_TYPES = {"reference": "webpage"}  # CSL-JSON item type by kind; any other kind: article-newspaper
ZOTERO_TYPES = {"reference": "webpage"}  # DC.type (a Zotero item type) by kind; any other: newspaperArticle

Json = dict[str, Any]  # a JSON object as built here, before serialisation
Cell = str | int  # a cell of claims.csv


class Publication:
    """Where the site lives and when it was built: absolute URLs and dates for the data."""

    def __init__(
        self, dossier: Dossier, index: Index, site_url: str | None, built: date, cache: BuildCache | None = None
    ):
        self.dossier, self.index = dossier, index
        self.cache = cache or BuildCache()  # the previous build's records (``mkdocs serve``)
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.built = built
        self.entities = {e.id: e for e in dossier.entities}
        self.history: History | None = None  # git history of the project, where the builder knows it

    def url(self, path: str) -> str:
        return self.site_url + path

    def source_url(self, source: Source) -> str:
        return self.url(f"sources/{source.slug}/")

    def permalink(self, claim: Claim) -> str:
        return self.url(f"sources/{claim.source}/#claim-{claim.id}")

    # ---- datasets ---------------------------------------------------------------------------
    def claim_record(self, claim: Claim) -> Json:
        source = self.dossier.source(claim.source)
        start, end = claim.span.start, claim.span.end
        evidence = self.index.evidence[claim.id]
        return {
            "id": claim.id,
            "claim": claim.text,
            "quote": claim.quote,
            "position": {"start": start, "end": end, "exact": source.text[start:end]},
            "topics": list(claim.topics),
            "status": claim.status,
            "claimant": claim.claimant,
            "origin": {
                "channel": evidence.channel,
                "first_party": agent(evidence.origins[0]),
                "relays": [agent(ref) for ref in evidence.relays],
                "chain": [agent(ref) for ref in evidence.origins],
                "note": claim.origin.note if claim.origin else None,
            },
            "independent_sources": evidence.independent,
            "reports": evidence.reports,
            "event_date": claim.event_date.iso if claim.event_date else None,
            "event_note": claim.event_note,
            "published": source.published.iso,
            "relations": [
                {
                    "type": link.type,
                    "direction": "outgoing" if link.outgoing else "incoming",
                    "claim": link.other.id,
                    "note": link.note,
                }
                for link in self.index.relations[claim.id]
            ],
            "entities": list(claim.entities),
            "source": source.slug,
            "outlet": source.outlet,
            "permalink": self.permalink(claim),
            "annotation": self.web_annotation(claim, source),
            "original_url_with_quote": source.original_at(claim.quote),
            "archive_url": source.archive_url,
        }

    def web_annotation(self, claim: Claim, source: Source) -> Json:
        """The claim on its quote, as a W3C Web Annotation whose target is the source's page on this
        site: a TextQuoteSelector on the reading text as the page shows it (``anchors``).  No
        TextPositionSelector: offsets into a whole page's text depend on the theme around it."""
        target: Json = {"source": self.source_url(source), "format": "text/html", "language": source.language}
        # the quote in the published reading text (none if none of it is shown), found once per source text
        quotes = self.cache.get(("quotes", source.slug), source, lambda: published_quotes(source)[1])
        quote = quotes.get(claim.id)
        if quote is not None:
            target["selector"] = {
                "type": "TextQuoteSelector",
                "exact": quote.exact,
                "prefix": quote.prefix,
                "suffix": quote.suffix,
            }
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": self.permalink(claim),
            "type": "Annotation",
            "motivation": "describing",
            "body": {"type": "TextualBody", "value": claim.text, "format": "text/plain", "language": "en"},
            "target": target,
        }

    def source_record(self, source: Source) -> Json:
        return {
            "id": source.slug,
            "title": source.title,
            "outlet": source.outlet,
            "author": source.author,
            "published": source.published.iso,
            "published_precision": source.published.precision,
            "published_note": source.published_note,
            "url": source.url,
            "kind": source.kind,
            "language": source.language,
            "via": {"outlet": source.via.outlet, "url": source.via.url, "note": source.via.note}
            if source.via
            else None,
            "claims": [c.id for c in source.claims],
            "page": self.source_url(source),
            "text_sha256": hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
            "annotation_file": source.annotation_path,
        }

    def records(self) -> list[tuple[str, list[Cell]]]:
        """Every claim's record as one line of JSON, and its CSV row."""
        site = (self.site_url, self.built)
        return [
            self.cache.get(
                ("record", claim.id),
                (site, claim, source, self.index.relations[claim.id], self.index.evidence[claim.id]),
                partial(self._record, claim),
            )
            for claim in self.dossier.claims.values()
            for source in (self.dossier.source(claim.source),)
        ]

    def _record(self, claim: Claim) -> tuple[str, list[Cell]]:
        record = self.claim_record(claim)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return line, [column.cell(record) for column in CSV_FIELDS]

    def datasets(self) -> dict[str, str]:
        """claims.json, sources.json and claims.csv, by file name."""
        about = {
            "title": self.dossier.settings.title,
            "licence": self.dossier.settings.licence,
            "site": self.site_url or None,
            "built": self.built.isoformat(),
        }
        records = self.records()
        sources = [self.source_record(s) for s in sorted(self.dossier.sources, key=lambda s: s.slug)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([column.name for column in CSV_FIELDS])
        writer.writerows(
            [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row] for _, row in records
        )
        return {
            "claims.json": dump(
                {"$schema": "claims.schema.json", "dossier": about, "claims": Lines(line for line, _ in records)}
            ),
            "sources.json": dump({"$schema": "sources.schema.json", "dossier": about, "sources": sources}),
            "claims.csv": out.getvalue(),
            "datapackage.json": json.dumps(self.datapackage(about), ensure_ascii=False, indent=1) + "\n",
        }

    def datapackage(self, about: Json) -> Json:
        """A Frictionless Data Package describing claims.csv: its fields, their types and meaning."""
        fields: list[Json] = []
        for column in CSV_FIELDS:
            field: Json = {"name": column.name, "type": column.type, "description": column.description}
            if column.constraints:
                field["constraints"] = column.constraints
            fields.append(field)
        package = {
            "name": "dossier-claims",
            "title": about["title"],
            "resources": [
                {
                    "name": "claims",
                    "path": "claims.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                    "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]},
                }
            ],
        }
        if about["licence"]:
            package["description"] = about["licence"]
        if about["site"]:
            package["homepage"] = about["site"]
        return package

    # ---- citations --------------------------------------------------------------------------
    def csl(self, source: Source) -> Json:
        item: Json = {
            "id": source.slug,
            "type": CSL_TYPES.get(source.kind, "article-newspaper"),
            "title": source.title,
            "container-title": source.outlet,
            "publisher": source.outlet,
            "URL": source.url,
            "issued": {"date-parts": [date_parts(source.published)]},
            "language": source.language,
        }
        if source.author:
            item["author"] = [person_name(source.author)]
        return item

    def bibtex(self, source: Source) -> str:
        """A BibTeX entry: ``@article`` (journal: the outlet) for a signed piece in an outlet, else
        ``@misc`` (howpublished: the outlet), as BibTeX's standard styles define them; the title in
        double braces keeps its capitals; the month as BibTeX's macro; biblatex's ``date`` at the
        precision known.  Every value is escaped for LaTeX with balanced braces (``bibtex_escape``)."""
        signed = bool(source.author) and source.kind != "reference"
        fields = [("author", braced(bibtex_escape(source.author)))] if source.author else []
        fields += [
            ("title", braced(braced(bibtex_escape(source.title)))),
            ("journal" if signed else "howpublished", braced(bibtex_escape(source.outlet))),
            ("year", braced(str(source.published.year))),
        ]
        if source.published.month:
            fields.append(("month", MONTHS[source.published.month][:3].lower()))  # a macro: no braces
        fields += [
            ("date", braced(source.published.iso)),
            ("url", braced(bibtex_url(source.url))),
            ("language", braced(bibtex_escape(source.language))),
        ]
        via = f"; first published by {source.via.outlet}" if source.via else ""
        note = f"{source.kind.capitalize()}{via}; annotated in {self.dossier.settings.title}"
        fields.append(("note", braced(bibtex_escape(note))))
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@{'article' if signed else 'misc'}{{{source.slug},\n{body}\n}}\n"

    def reference(self, source: Source) -> str:
        """A ready reference in plain text: Author, "Title", Outlet, date, URL."""
        who = f"{source.author}, " if source.author else ""
        via = f" (first published by {source.via.outlet})" if source.via else ""
        return f"{who}\u201c{source.title}\u201d, {source.outlet}{via}, {source.published.label}. {source.url}"

    def citations(self) -> dict[str, str]:
        sources = sorted(self.dossier.sources, key=lambda s: s.slug)
        return {
            "sources.csl.json": dump([self.csl(s) for s in sources]),
            "sources.bib": "\n".join(self.bibtex(s) for s in sources),
        }

    # ---- feed -------------------------------------------------------------------------------
    def changed(self, paths: Iterable[str]) -> datetime:
        """When files of the dossier last changed: from git where there is a history, else the build date."""
        found = self.history.last_change(paths) if self.history is not None else None
        return found or datetime.combine(self.built, time(), UTC)

    def feed_content(self, source: Source) -> str:
        """An entry's content, as HTML built from escaped text: the publication date at its precision
        and the source's claims."""
        known = {"day": "", "month": " (day not known)", "year": " (month and day not known)"}[
            source.published.precision
        ]
        who = f"{escape(source.author)}, " if source.author else ""
        items = "".join(f"<li>{escape(claim.text)}</li>" for claim in source.claims)
        return (
            f"<p>{who}{escape(source.outlet)}, published {escape(source.published.label)}{known}. "
            f"{len(source.claims)} claim{'' if len(source.claims) == 1 else 's'} annotated:</p><ul>{items}</ul>"
        )

    def atom(self) -> str:
        """The Atom feed of the sources, newest first, written by feedgen.  Atom's dates are full
        date-times: ``updated`` is when the source last changed in the dossier (``changed``) and
        ``published`` is given only for a publication date known to the day; the date with its
        precision is in the content."""
        from feedgen.feed import FeedGenerator

        d = self.dossier
        feed = FeedGenerator()
        feed.id(self.site_url or "urn:dossier")
        feed.title(xml_text(f"{d.settings.title}: sources"))
        feed.author({"name": xml_text(d.settings.title)})
        feed.link(href=self.url("feed.xml"), rel="self", type="application/atom+xml")
        feed.link(href=self.url("") or "./", rel="alternate", type="text/html")
        feed.generator("dossier")
        updated = []
        for s in sorted(d.sources, key=lambda s: (s.published, s.slug), reverse=True):
            entry = feed.add_entry(order="append")
            entry.id(self.source_url(s) if self.site_url else f"urn:dossier:source:{s.slug}")
            entry.title(xml_text(s.title))
            entry.link(href=self.source_url(s), rel="alternate", type="text/html")
            entry.author({"name": xml_text(s.author or s.outlet)})
            when = self.changed(s.files)
            updated.append(when)
            entry.updated(when)
            if s.published.precision == "day":
                entry.published(datetime(s.published.year, s.published.month, s.published.day, tzinfo=UTC))
            entry.summary(xml_text(f"{s.outlet}, {s.published.label}: {len(s.claims)} claims annotated."))
            entry.content(xml_text(self.feed_content(s)), type="html")
        feed.updated(max(updated, default=self.changed(())))
        atom: bytes = feed.atom_str(pretty=True)  # feedgen is untyped
        return atom.decode("utf-8")

    # ---- the site's files -------------------------------------------------------------------
    def robots(self) -> str:
        """robots.txt: everything may be crawled; the sitemap where the site's address is known."""
        return "User-agent: *\nAllow: /\n" + (f"\nSitemap: {self.url('sitemap.xml')}\n" if self.site_url else "")

    # ---- structured data in pages -----------------------------------------------------------
    def site(self, kind: str) -> Json:
        """The dossier's site as a schema.org ``kind`` (Organization, WebSite), with its address if known."""
        return {"@type": kind, "name": self.dossier.settings.title, **({"url": self.site_url} if self.site_url else {})}

    def claim_jsonld(self, claim: Claim) -> Json:
        """A schema.org Claim: who makes it, where it appears and where it first came from. Statuses
        are not verdicts on truth, so there is no ClaimReview and no rating."""
        source = self.dossier.source(claim.source)
        appearance = {
            "@type": SCHEMA_ORG_TYPES[source.kind],
            "@id": source.url,
            "url": source.url,
            "headline": source.title[:110],
            "publisher": {"@type": "Organization", "name": source.outlet},
        }
        item = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "text": claim.text,
            "url": self.permalink(claim),
            "author": self.claimant(claim),
            "appearance": [appearance],
            "claimInterpreter": self.site("Organization"),
        }
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

    def claimant(self, claim: Claim) -> Json:
        """The claimant as a schema.org agent: a Person when a person entity of the claim is named in it."""
        for eid in claim.entities:
            entity = self.entities[eid]
            if entity.type == "person" and any(name in claim.claimant for name in entity.names):
                person = {"@type": "Person", "name": entity.name}
                if entity.wikidata:
                    person["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
                return person
        return {"@type": "Organization", "name": claim.claimant}

    def article_jsonld(self, source: Source) -> Json:
        """The outlet's document, at the outlet's address."""
        article = {
            "@type": SCHEMA_ORG_TYPES[source.kind],
            "@id": source.url,
            "url": source.url,
            "headline": source.title[:110],
            "name": source.title,
            "datePublished": source.published.iso,
            "inLanguage": source.language,
            "publisher": {"@type": "Organization", "name": source.outlet},
        }
        if source.author:
            article["author"] = {"@type": "Person", "name": source.author}
        if source.via:
            article["isBasedOn"] = {
                "@type": "CreativeWork",
                "publisher": {"@type": "Organization", "name": source.via.outlet},
                **({"url": source.via.url} if source.via.url else {}),
            }
        return article

    def source_jsonld(self, source: Source) -> Json:
        """The source's page on this site: a web page about the outlet's document, based on it."""
        page = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": f"{source.title} (annotated)",
            "description": f"{source.outlet}, {source.published.label}: annotated in {self.dossier.settings.title}",
            "inLanguage": source.language,
            "isPartOf": self.site("WebSite"),
            "about": self.article_jsonld(source),
            "isBasedOn": {"@id": source.url},
        }
        if self.site_url:
            page["url"] = page["@id"] = self.source_url(source)
        if self.dossier.settings.licence:
            page["license"] = self.dossier.settings.licence
        return page

    def citation_tags(self, source: Source) -> list[tuple[str, str]]:
        """Meta tags for reference managers, describing the outlet's document: Highwire ``citation_*``
        (Google Scholar, Zotero), the Zotero item type as ``DC.type`` and the outlet as PRISM's
        publication name (Zotero's publication or website title).  No ``citation_journal_title``
        (that would make it a journal article) and no author where none is known."""
        tags = [("citation_title", source.title)]
        if source.author:
            tags.append(("citation_author", source.author))
        tags += [
            ("citation_publication_date", source.published.iso.replace("-", "/")),
            ("citation_publisher", source.outlet),
            ("citation_public_url", source.url),
            ("citation_language", source.language),
            ("DC.type", ZOTERO_TYPES.get(source.kind, "newspaperArticle")),
            ("DC.title", source.title),
            ("DC.date", source.published.iso),
            ("DC.language", source.language),
            ("prism.publicationName", source.outlet),
        ]
        if source.author:
            tags.append(("DC.creator", source.author))
        return tags

    def source_head(self, source: Source) -> str:
        """Citation meta tags and JSON-LD for a source page's head."""
        meta = "".join(f'<meta name="{escape(n)}" content="{escape(v)}">' for n, v in self.citation_tags(source))
        graph = [self.source_jsonld(source)] + [self.claim_jsonld(c) for c in source.claims]
        return meta + "".join(script_jsonld(item) for item in graph)


class Column(NamedTuple):
    """A column of claims.csv: its Frictionless type, description and constraints, and its cell from the
    claim's record (by default the record's field of the same name: a list joined with ";", None empty)."""

    name: str
    type: str
    description: str
    constraints: Json | None = None
    value: Callable[[Json], Cell] | None = None

    def cell(self, record: Json) -> Cell:
        if self.value is not None:
            return self.value(record)
        found = record[self.name]
        return ";".join(found) if isinstance(found, list) else "" if found is None else found


_DATE = {"pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"}
# claims.csv's columns; lists are joined with ";" (ids never hold one); notes and names stay in claims.json's
# structure too
CSV_FIELDS = (
    Column("id", "string", "The claim's stable identifier; its permalink ends in #claim-<id>.", {"required": True}),
    Column("claim", "string", "One sentence stating what the source asserts.", {"required": True}),
    Column("quote", "string", "The quote as annotated.", {"required": True}),
    Column(
        "start",
        "integer",
        "Offset of the quote's first character in the source's text file (Unicode code points).",
        {"required": True, "minimum": 0},
        lambda c: c["position"]["start"],
    ),
    Column(
        "end",
        "integer",
        "Offset just after the quote's last character in the source's text file.",
        {"required": True, "minimum": 1},
        lambda c: c["position"]["end"],
    ),
    Column("topics", "string", "Topic ids, joined with ';'."),
    Column(
        "status",
        "string",
        f"{spelled_out(STATUSES)} (see the methodology).",
        {"required": True, "enum": list(STATUSES)},
    ),
    Column("claimant", "string", "Who makes the claim."),
    Column(
        "origin_channel",
        "string",
        "How the first party's information reached the record.",
        {"required": True, "enum": list(CHANNELS)},
        lambda c: c["origin"]["channel"],
    ),
    Column(
        "first_party",
        "string",
        "Where the information first came from (a speaker, a document's author, an outlet).",
        {"required": True},
        lambda c: c["origin"]["first_party"]["name"],
    ),
    Column(
        "first_party_entity",
        "string",
        "The first party's entity id, empty when it is not an entity of the dossier.",
        None,
        lambda c: c["origin"]["first_party"]["entity"] or "",
    ),
    Column(
        "relays",
        "string",
        "Entity ids of the parties that relayed the information, first to last, joined with ';'.",
        None,
        lambda c: ";".join(r["entity"] or r["name"] for r in c["origin"]["relays"]),
    ),
    Column("origin_note", "string", "How the origin was established.", None, lambda c: c["origin"]["note"] or ""),
    Column(
        "independent_sources",
        "integer",
        "Independent origins behind the claim: itself and its corroborations, those sharing an origin counted once.",
        {"required": True, "minimum": 1},
    ),
    Column(
        "reports",
        "integer",
        "Reports behind the claim: itself and its corroborations.",
        {"required": True, "minimum": 1},
    ),
    Column(
        "event_date",
        "string",
        "When the event happened (YYYY, YYYY-MM or YYYY-MM-DD), where it differs from publication.",
        _DATE,
    ),
    Column("event_note", "string", "How the event was dated."),
    Column(
        "published",
        "string",
        "The source's publication date (YYYY, YYYY-MM or YYYY-MM-DD: the precision known).",
        {"required": True, **_DATE},
    ),
    Column("source", "string", "The source's id (see sources.json).", {"required": True}),
    Column("outlet", "string", "The source's outlet.", {"required": True}),
    Column("entities", "string", "Entity ids named in the claim, joined with ';'."),
    Column(
        "relations",
        "string",
        "Relations with other claims, joined with ';', each type:direction:claim id (direction "
        "'outgoing': this claim -> the other; 'incoming': the other -> this claim).",
        None,
        lambda c: ";".join(f"{r['type']}:{r['direction']}:{r['claim']}" for r in c["relations"]),
    ),
    Column("permalink", "string", "The claim's address on the site.", {"required": True}),
    Column(
        "original_url_with_quote",
        "string",
        "The source's original address with a URL text fragment (#:~:text=...) "
        "built from the quote: browsers that support it open the page at the quote.",
        {"required": True},
    ),
    Column("archive_url", "string", "An archived copy of the source's page, empty when there is none."),
)


class Lines(list[str]):
    """Records already serialised, one JSON text each, for ``dump``."""


def dump(value: list[Any] | Json) -> str:
    """JSON with one record per line: readable and diffable, and written by the C encoder
    (``indent`` would use the pure-Python one).  Joined once: claims.json at 10,000 sources is
    200 MB, and each concatenation would copy it."""

    def compact(item: object) -> str:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"))

    def records(items: list[Any]) -> Iterator[str]:
        lines = items if isinstance(items, Lines) else [compact(item) for item in items]
        if not lines:
            yield "[]"
            return
        yield "[\n"
        for number, line in enumerate(lines):
            if number:
                yield ",\n"
            yield line
        yield "\n]"

    def pieces() -> Iterator[str]:
        if isinstance(value, list):
            yield from records(value)
            yield "\n"
            return
        yield "{\n"
        for number, (k, v) in enumerate(value.items()):
            if number:
                yield ",\n"
            yield compact(k) + ":"
            if isinstance(v, Lines) or (isinstance(v, list) and v and isinstance(v[0], dict)):
                yield from records(v)
            else:
                yield compact(v)
        yield "\n}\n"

    return "".join(pieces())


# characters XML 1.0 does not allow at all (control characters but tab, line feed and carriage return;
# surrogates; U+FFFE and U+FFFF): load() refuses control characters in annotations, this is a second guard
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text that XML can hold: characters it cannot replaced by U+FFFD (the XML library escapes the rest)."""
    return _NOT_XML.sub("\ufffd", text)


# a cell a spreadsheet would run as a formula (=, +, -, @) or whose first character it may drop or
# act on (tab, carriage return): written with a leading apostrophe, which spreadsheets show as text
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that cannot run as a formula when the file is opened in a spreadsheet."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def open_graph(title: str, description: str, kind: str, url: str | None, site_name: str) -> str:
    """Open Graph tags for link previews (``og:url`` only with an absolute address)."""
    tags = [("og:title", title), ("og:description", description), ("og:type", kind), ("og:site_name", site_name)]
    if url:
        tags.insert(3, ("og:url", url))
    return "".join(f'<meta property="{n}" content="{escape(xml_text(v))}">' for n, v in tags if v)


def script_jsonld(value: Json) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def agent(ref: OriginRef) -> dict[str, str | None]:
    """An origin as data: its name, and its entity id where it is an entity of the dossier."""
    return {"name": ref.name, "entity": ref.key.removeprefix("entity:") if ref.key.startswith("entity:") else None}


def date_parts(d: PartialDate) -> list[int]:
    return [d.year] + ([d.month] if d.month else []) + ([d.day] if d.day else [])


def person_name(name: str) -> dict[str, str]:
    parts = name.rsplit(" ", 1)
    return {"family": parts[-1], "given": parts[0]} if len(parts) == 2 else {"literal": name}


# LaTeX for BibTeX's special characters; braces as commands, so that every value keeps its braces
# balanced (BibTeX counts braces even after a backslash)
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def bibtex_escape(text: str) -> str:
    """Text for a braced BibTeX value, as LaTeX: special characters escaped, white space single."""
    return "".join(_BIBTEX.get(ch, ch) for ch in " ".join(_CONTROL.sub(" ", text).split()))


def braced(value: str) -> str:
    return "{" + value + "}"


def bibtex_url(url: str) -> str:
    """A URL for BibTeX's ``url`` field, which LaTeX reads verbatim: characters that would unbalance
    braces or end it percent-encoded, the rest as written."""
    return url_quote(url, safe="".join(chr(c) for c in range(33, 127) if chr(c) not in '{}\\"<>`'))


def build_moment() -> datetime:
    """When the build happens: SOURCE_DATE_EPOCH when set (reproducible builds: seconds since 1970,
    a non-negative integer; anything else is an error, never ignored), else now (UTC)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    if not (epoch.isascii() and epoch.isdigit()):
        raise DossierError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 (a "
            "non-negative integer); fix it, or unset it to use the current time"
        )
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (OverflowError, OSError, ValueError):
        raise DossierError(
            f"SOURCE_DATE_EPOCH={epoch!r} is out of range; give seconds since 1970-01-01, "
            "e.g. $(git log -1 --format=%ct)"
        ) from None


def build_date() -> date:
    """The build's date (``build_moment``)."""
    return build_moment().date()
