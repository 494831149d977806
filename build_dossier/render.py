"""Render the model into Markdown pages (front matter + escaped HTML blocks) with Jinja2.

Every value from sources and annotations reaches a page only through an autoescaping template,
inside an HTML block that Markdown never parses (see ``Page``), so Markdown and HTML characters
in the data appear literally.  Links between generated pages are computed here for directory
URLs ("sources/x/").
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from html import escape
from importlib import resources

import jinja2
import yaml
from markupsafe import Markup

from . import findings
from .data import Publication, build_date
from .findings import parts as finding_parts
from .index import Index, build_index
from .model import Claim, Dossier, Entity, Finding, Source
from .reading import reading_html
from .textmatch import mentions
from .vocabulary import ENTITY_TYPES, STATUS_LABELS, STATUSES, STRENGTHS
from .vocabulary import KINDS as KIND_LABELS

# what a hand-written page (docs/index.md) can ask for: its marker becomes the template's block
HOME_BLOCKS = {
    "<!-- dossier:findings -->": "home_findings.html.j2",
    "<!-- dossier:contested -->": "home_contested.html.j2",
    "<!-- dossier:figures -->": "home_figures.html.j2",
    "<!-- dossier:downloads -->": "home_downloads.html.j2",
    "<!-- dossier:sources -->": "sources_table.html.j2",
}
HOME_MARKER = "<!-- dossier:"  # every marker starts so
BLOCK = re.compile(r"<p>(DOSSIERBLOCK\d+X)</p>")
CLAIMS_PER_PAGE = 500  # rows of the plain claims table per page (the filter loads all rows as JSON)


def page_url(src: str, files: bool = False) -> str:
    """The URL MkDocs gives a page: with directory URLs 'sources/x.md' -> 'sources/x/', 'index.md'
    -> ''; with ``files`` (``use_directory_urls: false``, the offline copy) 'sources/x.html', 'index.html'."""
    stem = src[: -len(".md")]
    if files:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_src: str, to_src: str, anchor: str = "", files: bool = False) -> str:
    """The shortest relative URL from one page to another (or to an anchor on it)."""
    if from_src == to_src and anchor:
        return f"#{anchor}"
    here = page_url(from_src, files).split("/")[:-1]
    *there, name = page_url(to_src, files).split("/")  # name: '' for a directory URL
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "../" * (len(here) - common) + "".join(part + "/" for part in there[common:]) + name
    return (rel or "./") + (f"#{anchor}" if anchor else "")


ROOT = "\x00"  # stands for root_prefix() in shared fragments; inputs cannot hold NUL (load refuses it)


def root_prefix(src: str, files: bool = False) -> str:
    """What leads from a page back to the site root: '../../' from 'sources/x.md', '' from 'index.md'."""
    return "../" * page_url(src, files).count("/")


def relative_file(from_src: str, path: str, files: bool = False) -> str:
    """A link from a page to a generated file such as 'data/claims.json'."""
    return posixpath.relpath(
        path, (posixpath.dirname(page_url(from_src, files)) if files else page_url(from_src)) or "."
    )


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 claim', '2 claims' ('1 analysis', '2 analyses' with ``words``)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


class Page:
    """A generated page: front matter, and Markdown whose large HTML blocks are stashed behind
    marker lines so that Python-Markdown never parses them.

    ``markdown()`` is the complete page (YAML front matter, blocks inline): what ``dossier
    generate`` writes.  The MkDocs plugin hands Markdown only ``body`` and sets ``meta`` itself;
    ``fill(html)`` puts the blocks back into the converted page, in one pass.
    """

    __slots__ = ("blocks", "body", "head", "meta")

    def __init__(self, meta: dict, body: str, blocks: dict[str, str]):
        self.meta, self.body, self.blocks = meta, body, blocks
        self.head: str | None = None  # extra <head> markup, for pages that have their own (sources)

    def inline(self) -> str:
        """The body with its blocks inline."""
        return re.sub(r"^(DOSSIERBLOCK\d+X)$", lambda m: self.blocks[m[1]], self.body, flags=re.M)

    def markdown(self) -> str:
        if not self.meta:
            return self.inline()
        return (
            "---\n"
            + yaml.dump(self.meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
            + "---\n"
            + self.inline()
        )

    def fill(self, html: str) -> str:
        return BLOCK.sub(lambda m: self.blocks.get(m[1], m[0]), html)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


PARALLEL_FROM = 400  # pages to render from which the source pages are shared with a second process
_FORKED: Renderer | None = None  # the renderer a forked child process renders with
_SHARED = None  # [next from the front, end of the front] of the source pages both processes take from


def _take(from_front: bool) -> int | None:
    """The next source page for one of the two processes: the child takes them from the front,
    the parent from the back once its other pages are done; None when they meet."""
    with _SHARED.get_lock():
        if _SHARED[0] >= _SHARED[1]:
            return None
        if from_front:
            _SHARED[0] += 1
            return _SHARED[0] - 1
        _SHARED[1] -= 1
        return _SHARED[1]


def _render_in_child(paths: list[str]) -> dict[str, Page]:
    wanted, pages = set(paths), {}
    specs = {src: (template, context) for src, _, template, context in _FORKED._page_specs() if src in wanted}
    while (i := _take(from_front=True)) is not None:
        template, context = specs[paths[i]]
        pages[paths[i]] = _FORKED._source_page(paths[i], template, context())
    return pages


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The page templates, compiled once per process (``mkdocs serve`` renders again and again)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def link_entities(claim: Claim, entities: Mapping[str, Entity], entity_url: Callable[[str], str]) -> Markup:
    """The claim's sentence, escaped, with the names of its entities linked (``entity_url(id)``)."""
    names: dict[str, str] = {}
    for eid in claim.entities:
        for name in entities[eid].names:
            names.setdefault(name, eid)
    out, last = [], 0
    for eid, m in sorted(mentions(claim.text, names).items(), key=lambda item: item[1].start()):
        out.append(escape(claim.text[last : m.start()]))
        out.append(f'<a class="dossier-entity" href="{escape(entity_url(eid))}">{escape(m[1])}</a>')
        last = m.end()
    out.append(escape(claim.text[last:]))
    return Markup("".join(out))


def source_src(slug: str) -> str:
    return f"sources/{slug}.md"


class Renderer:
    """Renders every generated page of a dossier; ``pages()`` maps a page path to its Markdown."""

    def __init__(
        self,
        dossier: Dossier,
        index: Index | None = None,
        site_url: str | None = None,
        built=None,
        files: bool = False,
        offline: bool = False,
        downloads: tuple[bool, bool] = (False, False),
    ):
        self.dossier = dossier
        self.files_urls = files  # use_directory_urls: false: links to 'x.html'
        self.offline = offline  # the offline copy: the claims' rows as a script, no link to the copy itself
        pdf, zipped = downloads  # what the build writes beside the pages: the PDF, the offline copy's zip
        self.index = index or build_index(dossier)
        self.publication = Publication(dossier, self.index, site_url, built or build_date())
        self.source_pages = {source_src(s.slug): s for s in dossier.sources}
        self.env = _environment()
        self.globals = dict(
            status_labels=STATUS_LABELS,
            kind_labels=KIND_LABELS,
            dossier=dossier,
            index=self.index,
            status_definitions={key: text for key, (_, text) in STATUSES.items()},
            entity_types=ENTITY_TYPES,
            topic_titles={t.id: t.title for t in dossier.topics},
            entity_names={e.id: e.name for e in dossier.entities},
            pub=self.publication,
            strength_labels={k: label for k, (label, _) in STRENGTHS.items()},
            strength_definitions={k: text for k, (_, text) in STRENGTHS.items()},
            plural=plural,
            finding_parts=finding_parts,
            strength=self.strength,
            offline=offline,
            status_counts=self.status_counts,
            chart=self.chart,
            pdf_built=pdf,
            offline_zip=zipped and not offline,
        )
        self._strengths: dict = {}
        self._entries: dict[str, tuple] = {}  # claim id -> (_entry_key, HTML)
        self._events: dict[str, tuple] = {}  # claim id -> (_entry_key, timeline item HTML)
        self._keys: dict[str, tuple] = {}  # claim id -> _entry_key
        self._macros: dict = {}  # template -> its macro, bound to this dossier
        self._rows: list[dict] | None = None
        self._row_cache: dict[str, tuple] = {}  # claim id -> (_entry_key, sort key, row), for the next build
        self._files: dict[str, str] | None = None
        self._rendered: dict[str, tuple] = {}  # page path -> (inputs, Page), for the next build
        # what every page may show: a change here renders everything again
        self._global = (
            dossier.settings,
            dossier.topics,
            dossier.entities,
            self.publication.site_url,
            self.publication.built,
            files,
            offline,
            downloads,
        )
        self.entities = {e.id: e for e in dossier.entities}

    # -- helpers available to templates
    def strength(self, finding: Finding) -> findings.Strength:
        if finding.id not in self._strengths:
            self._strengths[finding.id] = findings.strength(finding, self.index)
        return self._strengths[finding.id]

    def link_helpers(self, here: str | None) -> dict:
        """Link helpers for a page; for ``here=None``, links from the site root behind ``ROOT``,
        for fragments shared by many pages (``entry``)."""
        files = self.files_urls
        if here is None:

            def link(to: str, anchor: str = "") -> str:
                return ROOT + page_url(to, files) + (f"#{anchor}" if anchor else "")

            def file(path: str) -> str:
                return ROOT + path
        else:

            def link(to: str, anchor: str = "") -> str:
                return relative(here, to, anchor, files)

            def file(path: str) -> str:
                return relative_file(here, path, files)

        def claim_sentence(claim: Claim) -> Markup:
            return link_entities(claim, self.entities, lambda eid: link(f"entities/{eid}.md"))

        return dict(
            claim_url=lambda claim: link(source_src(claim.source), f"claim-{claim.id}"),
            quote_url=lambda claim: link(source_src(claim.source), f"quote-{claim.id}"),
            source_url=lambda source: link(source_src(source.slug)),
            page=link,
            file=file,
            root=ROOT if here is None else root_prefix(here, files),
            dated=self.index.dated,
            claim_sentence=claim_sentence,
            source_of=lambda claim: self.dossier.source(claim.source),
            entry=lambda claim: self.entry(claim, here),
            event=lambda claim: self.event(claim, here),
        )

    def event(self, claim: Claim, here: str) -> Markup:
        """A claim's item on the timeline, rendered once per claim."""
        return self._shared(self._events, "timeline_event.html.j2", "event", claim, here)

    def entry(self, claim: Claim, here: str) -> Markup:
        """A claim listed away from its source (topic and entity pages), rendered once per claim."""
        return self._shared(self._entries, "claim_entry.html.j2", "entry", claim, here)

    def _shared(self, cache: dict, template: str, macro: str, claim: Claim, here: str) -> Markup:
        """A fragment many pages show: the template's macro, called once per claim with links
        from the site root (behind ``ROOT``), which each page then makes relative to itself."""
        cached = cache.get(claim.id)
        if cached is None:
            render = self._macros.get(template)
            if render is None:
                module = self.env.get_template(template).make_module({**self.globals, **self.link_helpers(None)})
                render = self._macros[template] = getattr(module, macro)
            cached = cache[claim.id] = (self._entry_key(claim), str(render(claim)))
        return Markup(cached[1].replace(ROOT, root_prefix(here, self.files_urls)))

    def render(self, template: str, here: str, **context) -> Page:
        blocks: dict[str, str] = {}
        meta: dict = {}

        def stash(caller) -> Markup:
            key = f"DOSSIERBLOCK{len(blocks):04d}X"
            blocks[key] = str(caller()).strip()
            return Markup(f"\n{key}\n")

        def front_matter(values: dict) -> str:
            meta.update(
                (k, escape(v) if isinstance(v, str) and k in ("title", "description") else v) for k, v in values.items()
            )
            return ""

        text = self.env.get_template(template).render(
            **self.globals, here=here, stash=stash, front_matter=front_matter, **self.link_helpers(here), **context
        )
        return Page(meta, text.lstrip("\n") if meta else text, blocks)

    # -- pages
    def pages(self, previous: Renderer | None = None) -> dict[str, Page]:
        """Every generated Markdown page, by its path under docs/.

        With ``previous`` (the renderer of an earlier build, as ``mkdocs serve`` keeps it), a page
        whose inputs are unchanged is that build's page object, not rendered again: ``pages()[src]
        is previous.pages()[src]`` tells an unchanged page.
        """
        reuse = previous is not None and previous._global == self._global
        if previous is not None:
            self.publication.reuse(previous.publication)
        if reuse:
            self._row_cache = previous._row_cache
            for mine, theirs in ((self._entries, previous._entries), (self._events, previous._events)):
                mine.update(
                    (cid, item)
                    for cid, item in theirs.items()
                    if item[0] == self._entry_key(self.dossier.claims.get(cid))
                )
        specs = list(self._page_specs())
        pages: dict[str, Page] = {}
        for src, key, _, _ in specs:
            old = previous._rendered.get(src) if reuse else None
            if old is not None and old[0] == key:
                pages[src] = old[1]
        todo = [spec for spec in specs if spec[0] not in pages]
        source_pages = [spec[0] for spec in todo if spec[0] in self.source_pages]
        helper = self._render_elsewhere(source_pages) if len(todo) >= PARALLEL_FROM else None
        if helper is not None:  # the source pages in a second process, the rest here meanwhile
            shared = {spec[0]: spec for spec in todo if spec[0] in self.source_pages}
            todo = [spec for spec in todo if spec[0] not in self.source_pages]
        for src, _, template, context in todo:
            if src in self.source_pages:
                pages[src] = self._source_page(src, template, context())
            else:
                pages[src] = self.render(template, src, **context())
        if helper is not None:
            self.files()  # while the other process renders
            while (i := _take(from_front=False)) is not None:  # then help it from the other end
                src, _, template, context = shared[source_pages[i]]
                pages[src] = self._source_page(src, template, context())
            pages.update(helper.get())
        for src, key, _, _ in specs:
            self._rendered[src] = (key, pages[src])
        return {src: pages[src] for src, _, _, _ in specs}

    def _source_page(self, src: str, template: str, context: dict) -> Page:
        page = self.render(template, src, **context)
        page.head = self.head(src)
        return page

    def _render_elsewhere(self, paths: list[str]):
        """Render source pages ``paths`` in a forked child process, which takes them from the front
        while this one takes them from the back (``_take``) once its other pages are done; None
        where fork is not available or not safe.  The result's ``get()`` returns {path: Page} of
        the pages the child rendered."""
        import multiprocessing
        import threading

        # forking a process with threads (mkdocs serve's server) could deadlock the child
        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return None
        global _FORKED, _SHARED
        context = multiprocessing.get_context("fork")
        _FORKED, _SHARED = self, context.Array("l", [0, len(paths)])
        pool = context.Pool(1)
        result = pool.apply_async(_render_in_child, (paths,))
        pool.close()
        _FORKED = None

        class Pending:
            def get(self):
                try:
                    return result.get()
                finally:
                    pool.join()

        return Pending()

    def _page_specs(self):
        """(path, inputs, template, context) of every page: ``inputs`` holds everything the page
        shows beyond ``_global``, so equal inputs mean an equal page."""
        d, ix = self.dossier, self.index
        claims = self._claims_key
        yield "sources/index.md", d.sources, "sources_index.md.j2", dict
        for source in d.sources:
            related = tuple(ix.relations[c.id] for c in source.claims)
            others = tuple(d.source(link.other.source) for links in related for link in links)
            evidence = tuple(ix.evidence[c.id] for c in source.claims)
            yield (
                source_src(source.slug),
                (source, related, others, evidence, claims(source.claims)),
                "source.md.j2",
                lambda source=source: dict(source=source, reading=Markup(reading_html(source))),
            )
        yield ("topics/index.md", tuple(len(ix.by_topic[t.id]) for t in d.topics), "topics_index.md.j2", dict)
        for topic in d.topics:
            listed = ix.by_topic[topic.id]
            cited, pairs = self.topic_findings(topic.id), self.topic_pairs(topic.id)
            yield (
                f"topics/{topic.id}.md",
                (
                    claims(listed),
                    tuple((f.id, f.title) for f in cited),
                    tuple((p.type, p.note, self._entry_key(p.first), self._entry_key(p.second)) for p in pairs),
                ),
                "topic.md.j2",
                lambda topic=topic, listed=listed, cited=cited, pairs=pairs: dict(
                    topic=topic,
                    claims=listed,
                    covering=self._sources_of(listed),
                    related=self._related_topics(topic.id),
                    findings=cited,
                    pairs=pairs,
                ),
            )
        yield ("entities/index.md", tuple(len(ix.by_entity[e.id]) for e in d.entities), "entities_index.md.j2", dict)
        for entity in d.entities:
            listed = ix.by_entity[entity.id]
            originated = tuple(c for c in ix.by_origin[entity.id] if c not in listed)  # each claim listed once
            yield (
                f"entities/{entity.id}.md",
                (claims(listed), claims(originated)),
                "entity.md.j2",
                lambda entity=entity, listed=listed, originated=originated: dict(
                    entity=entity, claims=listed, originated=originated, covering=self._sources_of(listed + originated)
                ),
            )
        yield "timeline/index.md", tuple(claims(year) for year in ix.by_year.values()), "timeline.md.j2", dict
        rows = self.claim_rows()
        chunks = [rows[i : i + CLAIMS_PER_PAGE] for i in range(0, len(rows), CLAIMS_PER_PAGE)] or [[]]
        filters = (tuple(sorted({s.outlet for s in d.sources})), tuple(ix.by_year), len(d.claims))
        for number, chunk in enumerate(chunks, 1):
            context = dict(rows=chunk, number=number, pages=len(chunks), first=(number - 1) * CLAIMS_PER_PAGE)
            yield (
                "claims/index.md" if number == 1 else f"claims/page-{number}.md",
                (filters, len(chunks), tuple(tuple(row.values()) for row in chunk)),
                "claims_index.md.j2",
                lambda context=context: context,
            )

    def _entry_key(self, claim: Claim | None) -> tuple | None:
        """What a claim's entry on a topic, entity or timeline page shows beyond ``_global``."""
        if claim is None:
            return None
        key = self._keys.get(claim.id)
        if key is None:
            source = self.dossier.source(claim.source)
            key = self._keys[claim.id] = (
                claim,
                source.outlet,
                source.published,
                len(self.index.relations[claim.id]),
                claim.id in self.index.contested,
                self.index.evidence[claim.id],
            )
        return key

    def _claims_key(self, claims) -> tuple:
        return tuple(map(self._entry_key, claims))

    def files(self) -> dict[str, str]:
        """Generated non-page files, by path under docs/: the claims index's rows, the datasets with
        their schemas, citations and the feed."""
        if self._files is None:
            self._files = self._make_files()
        return self._files

    def _make_files(self) -> dict[str, str]:
        pub = self.publication
        rows = json.dumps(self.claim_rows(), ensure_ascii=False, separators=(",", ":"))
        files = {"claims/rows.json": rows}
        if self.offline:  # file:// forbids fetch(): the rows as a script the claims page loads
            files["claims/rows.js"] = "window.dossierRows = " + rows.replace("</", "<\\/") + ";\n"
        files.update({f"data/{name}": text for name, text in {**pub.datasets(), **pub.citations()}.items()})
        for name in ("claims.schema.json", "sources.schema.json"):
            files[f"data/{name}"] = resources.files(__package__).joinpath("schemas", "data", name).read_text("utf-8")
        files["feed.xml"], files["robots.txt"] = pub.atom(), pub.robots()
        return files

    def head(self, src: str) -> str:
        """Extra <head> markup for a page: the feed link everywhere; citation tags and JSON-LD on source
        pages (``pages()`` keeps theirs in ``Page.head``)."""
        feed = (
            f'<link rel="alternate" type="application/atom+xml" title="{escape(self.dossier.settings.title)}: '
            f'sources" href="{relative_file(src, "feed.xml")}">'
        )
        source = self.source_pages.get(src)
        return feed + (self.publication.source_head(source) if source else "")

    def claim_rows(self) -> list[dict]:
        """One compact row per claim, newest event first (the claims index's data)."""
        if self._rows is not None:
            return self._rows
        ix, made = self.index, {}
        for claim in self.dossier.claims.values():
            key = self._entry_key(claim)
            kept = self._row_cache.get(claim.id)
            if kept is None or kept[0] != key:
                dated = ix.dated(claim)
                when = dated.date
                row = {
                    "id": claim.id,
                    "claim": claim.text,
                    "date": when.iso,
                    "date_label": when.label,
                    "date_kind": dated.kind,
                    "precision": when.precision,
                    "topics": list(claim.topics),
                    "status": claim.status,
                    "source": claim.source,
                    "outlet": key[1],
                    "contested": claim.id in ix.contested,
                    "url": f"sources/{claim.source}{'.html' if self.files_urls else '/'}#claim-{claim.id}",
                }
                kept = (key, (when, claim.source, -claim.number), row)
            made[claim.id] = kept
        self._row_cache = made
        self._rows = [kept[2] for kept in sorted(made.values(), key=lambda kept: kept[1], reverse=True)]
        return self._rows

    def _sources_of(self, claims) -> list[tuple[Source, int]]:
        counts: dict[str, int] = {}
        for claim in claims:
            counts[claim.source] = counts.get(claim.source, 0) + 1
        return [(s, counts[s.slug]) for s in self.dossier.sources if s.slug in counts]

    def _related_topics(self, topic_id: str) -> list[tuple[object, int]]:
        shared: dict[str, int] = {}
        for claim in self.index.by_topic[topic_id]:
            for other in claim.topics:
                if other != topic_id:
                    shared[other] = shared.get(other, 0) + 1
        return [(t, shared[t.id]) for t in self.dossier.topics if t.id in shared]

    def home(self, markdown: str, here: str = "index.md") -> Page:
        """A hand-written page with markers (``HOME_BLOCKS``): each becomes a block holding its
        template's HTML (findings, contested claims, figures, downloads, sources table)."""
        blocks = {}
        for marker, template in HOME_BLOCKS.items():
            if marker in markdown:
                key = f"DOSSIERBLOCK{len(blocks):04d}X"
                blocks[key] = self.render(template, here).inline().strip()
                markdown = markdown.replace(marker, f"\n\n{key}\n\n")
        return Page({}, markdown, blocks)

    def home_key(self) -> tuple:
        """What the hand-written pages' blocks show beyond ``_global``: a change here rebuilds them."""
        ix = self.index
        return (
            self.dossier.sources,
            self.dossier.findings,
            self._claims_key(self.dossier.claims.values()),
            tuple((p.type, p.first.id, p.second.id, p.note) for p in ix.pairs),
        )

    def status_counts(self, claims) -> dict[str, int]:
        """Claims by status, in the vocabulary's order (statuses with none left out)."""
        counts = dict.fromkeys(STATUSES, 0)
        for claim in claims:
            counts[claim.status] += 1
        return {key: n for key, n in counts.items() if n}

    def chart(self) -> dict:
        """The geometry of the home page's chart, narrow enough to read on a phone: per topic, its
        title, then a bar with a segment per status; the key in two rows above."""
        width, right, top, step = 400, 360, 42, 40
        counts = {t.id: self.status_counts(self.index.by_topic[t.id]) for t in self.dossier.topics}
        most = max([sum(c.values()) for c in counts.values()] + [1])
        rows = []
        for i, topic in enumerate(self.dossier.topics):
            x, segments = 0, []
            for status, n in counts[topic.id].items():
                w = round(n * right / most, 1)
                segments.append(dict(status=status, count=n, x=x, width=w))
                x = round(x + w, 1)
            rows.append(
                dict(
                    id=topic.id,
                    title=topic.title,
                    counts=counts[topic.id],
                    total=sum(counts[topic.id].values()),
                    segments=segments,
                    end=x,
                    y=top + i * step,
                )
            )
        key, x, y = {}, 0, 4
        for n, (status, label) in enumerate(STATUS_LABELS.items()):
            if n == 3:
                x, y = 0, 20
            key[status] = (x, y)
            x += 14 + 7 * len(label) + 16
        return dict(
            width=width,
            height=top + len(rows) * step,
            rows=rows,
            key=key,
            all=self.status_counts(self.dossier.claims.values()),
        )

    def topic_findings(self, topic_id: str) -> list[Finding]:
        ids = {c.id for c in self.index.by_topic[topic_id]}
        return [f for f in self.dossier.findings if ids.intersection(f.cites)]

    def topic_pairs(self, topic_id: str) -> list:
        ids = {c.id for c in self.index.by_topic[topic_id]}
        return [p for p in self.index.pairs if p.first.id in ids or p.second.id in ids]
