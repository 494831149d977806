"""Render the model into Markdown pages (front matter + escaped HTML blocks) with Jinja2.

Every value from sources and annotations reaches a page only through an autoescaping template,
inside an HTML block that Markdown never parses (see ``Page``), so Markdown and HTML characters
in the data appear literally.  Links between generated pages are computed here for directory
URLs ("sources/x/").
"""

from __future__ import annotations

import functools
import itertools
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache, partial
from html import escape
from importlib import resources
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

import jinja2
import yaml
from markupsafe import Markup

from . import findings
from .cache import BuildCache
from .data import Publication, build_date
from .findings import parts as finding_parts
from .index import Index, Pair, build_index, status_counts
from .links import is_web_url
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
PER_PAGE = 500  # items of a long list per page (claims, events, sources, table rows, pairs): pages stay light


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


T = TypeVar("T")
Context = dict[str, Any]  # what a template reads


def relative_file(from_src: str, path: str, files: bool = False) -> str:
    """A link from a page to a generated file such as 'data/claims.json'."""
    return posixpath.relpath(path, posixpath.dirname(page_url(from_src, files)) or ".")


class Paging(NamedTuple):
    """Where a page stands in a list cut into numbered pages: ``base`` is the first page's path."""

    base: str
    number: int
    pages: int
    first: int  # the position of the page's first item in the whole list
    total: int

    def src(self, number: int) -> str:
        return numbered(self.base, number)

    @property
    def last(self) -> int:
        """The position after the page's last item."""
        return min(self.first + PER_PAGE, self.total)


class PageSpec(NamedTuple):
    """A page to render: ``inputs`` holds everything it shows beyond the renderer's ``_global``
    (equal inputs, equal page); ``context()`` gives the template's variables."""

    src: str
    inputs: object
    template: str
    context: Callable[[], Context]
    paging: Paging | None = None


def numbered(src: str, number: int) -> str:
    """Page ``number`` of a list that starts on ``src``: 'topics/x.md' -> 'topics/x/page-2.md',
    'timeline/index.md' -> 'timeline/page-2.md' (ids and slugs may not be 'page-N')."""
    if number == 1:
        return src
    return f"{src.removesuffix('.md').removesuffix('/index')}/page-{number}.md"


def pages_of(src: str, items: Sequence[T]) -> Iterator[tuple[Sequence[T], Paging]]:
    """A list cut into pages of ``PER_PAGE`` items (one page, maybe empty, for a short list): each
    page's items, and where it stands."""
    count = max(1, -(-len(items) // PER_PAGE))
    for number in range(1, count + 1):
        first = (number - 1) * PER_PAGE
        yield items[first : first + PER_PAGE], Paging(src, number, count, first, len(items))


def list_page(paging: Paging, inputs: object, template: str, context: Callable[[], Context]) -> PageSpec:
    """A page of a list cut by ``pages_of``: it shows ``inputs`` and where it stands."""
    return PageSpec(paging.src(paging.number), (paging, inputs), template, context, paging)


def _source_context(source: Source) -> Context:
    return dict(source=source, reading=lambda: Markup(reading_html(source)))


def _grouped(events: Sequence[tuple[int, Claim]]) -> list[tuple[int, list[Claim]]]:
    """(year, claim) pairs in order -> [(year, its claims)]."""
    return [(year, [claim for _, claim in group]) for year, group in itertools.groupby(events, key=itemgetter(0))]


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 claim', '2 claims' ('1 analysis', '2 analyses' with ``words``)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


class Page:
    """A generated page: front matter, and Markdown whose large HTML blocks are stashed behind
    marker lines so that Python-Markdown never parses them.

    The blocks are rendered when they are needed, not with the page: ``blocks`` renders them
    each time it is read, unless ``keep()`` holds them until ``release()`` (a page's HTML is then
    in memory only while MkDocs builds that page, however large the site).  ``markdown()`` is the
    complete page (YAML front matter, blocks inline): what ``dossier generate`` writes.  The MkDocs
    plugin hands Markdown only ``body`` and sets ``meta`` itself; ``fill(html)`` puts the blocks
    back into the converted page, in one pass.
    """

    __slots__ = ("_kept", "_parts", "body", "meta", "paging")

    def __init__(self, meta: Context, body: str, parts: Mapping[str, Callable[[], str]], paging: Paging | None = None):
        self.meta, self.body, self._parts, self.paging = meta, body, parts, paging
        self._kept: dict[str, str] | None = None

    @property
    def blocks(self) -> dict[str, str]:
        if self._kept is not None:
            return self._kept
        return {key: part() for key, part in self._parts.items()}

    def keep(self) -> None:
        """Render the blocks once and hold them until ``release()``."""
        self._kept = self.blocks

    def release(self) -> None:
        self._kept = None

    def inline(self) -> str:
        """The body with its blocks inline."""
        blocks = self.blocks
        return re.sub(r"^(DOSSIERBLOCK\d+X)$", lambda m: blocks[m[1]], self.body, flags=re.M)

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


@cache
def environment(folder: str = "templates", keep_trailing_newline: bool = True) -> jinja2.Environment:
    """The templates of ``folder`` (the pages', or the PDF's in templates/print), compiled once per
    process (``mkdocs serve`` renders again and again)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, folder),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=keep_trailing_newline,
        auto_reload=False,
    )
    env.tests["web_url"] = is_web_url
    return env


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
        built: date | None = None,
        files: bool = False,
        offline: bool = False,
        downloads: tuple[str, bool] = ("", False),
        cache: BuildCache | None = None,
    ):
        self.dossier = dossier
        self.cache = cache or BuildCache()  # the previous build's pages and rows (``mkdocs serve``)
        self.files_urls = files  # use_directory_urls: false: links to 'x.html'
        self.offline = offline  # the offline copy: the claims' rows as a script, no link to the copy itself
        pdf, zipped = downloads  # what the build writes beside the pages: the PDF's path ('' none), the offline zip
        self.index = index or build_index(dossier)
        pub = self.publication = Publication(dossier, self.index, site_url, built or build_date(), self.cache)
        self.source_pages = {source_src(s.slug): s for s in dossier.sources}
        self.env = environment()
        self.globals = dict(
            status_labels=STATUS_LABELS,
            kind_labels=KIND_LABELS,
            dossier=dossier,
            index=self.index,
            status_definitions={key: text for key, (_, text) in STATUSES.items()},
            entity_types=ENTITY_TYPES,
            topic_titles={t.id: t.title for t in dossier.topics},
            entity_names={e.id: e.name for e in dossier.entities},
            pub=pub,
            strength_labels={k: label for k, (label, _) in STRENGTHS.items()},
            strength_definitions={k: text for k, (_, text) in STRENGTHS.items()},
            plural=plural,
            finding_parts=finding_parts,
            strength=functools.cache(partial(findings.strength, index=self.index)),  # each finding's, once
            offline=offline,
            status_counts=status_counts,
            chart=self.chart,
            pdf_built=pdf,
            offline_zip=zipped and not offline,
            per_page=PER_PAGE,
        )
        self._keys: dict[str, tuple[object, ...]] = {}  # this build's, by claim id: see _entry_key
        self._rows: list[Context] | None = None
        self._files: dict[str, str] | None = None
        # what every page may show: a change here renders everything again
        self._global = self.cache.same(
            "site-wide",
            (dossier.settings, dossier.topics, dossier.entities, pub.site_url, pub.built, files, offline, downloads),
        )

    # -- helpers available to templates
    def link_helpers(self, here: str, from_root: bool = False) -> Context:
        """Link helpers for the page ``here``: the shortest relative links, or with ``from_root``
        links through the page's way back to the site root (the claims' entries and timeline items,
        ``entry`` and ``event``, link so)."""
        files = self.files_urls
        root = "../" * page_url(here, files).count("/")  # back to the site root: '../../' from 'sources/x.md'
        if from_root:

            def link(to: str, anchor: str = "") -> str:
                return root + page_url(to, files) + (f"#{anchor}" if anchor else "")

            def file(path: str) -> str:
                return root + path
        else:

            def link(to: str, anchor: str = "") -> str:
                return relative(here, to, anchor, files)

            def file(path: str) -> str:
                return relative_file(here, path, files)

        def claim_sentence(claim: Claim) -> Markup:
            return link_entities(claim, self.publication.entities, lambda eid: link(f"entities/{eid}.md"))

        macros: dict[str, Callable[[Claim], Markup]] = {}

        def fragment(template: str, name: str) -> Callable[[Claim], Markup]:
            def call(claim: Claim) -> Markup:
                if name not in macros:  # made once per page, at its first use
                    helpers = self.link_helpers(here, from_root=True)
                    macros[name] = getattr(
                        self.env.get_template(template).make_module({**self.globals, **helpers}), name
                    )
                return macros[name](claim)

            return call

        return dict(
            claim_url=lambda claim: link(source_src(claim.source), f"claim-{claim.id}"),
            quote_url=lambda claim: link(source_src(claim.source), f"quote-{claim.id}"),
            source_url=lambda source: link(source_src(source.slug)),
            page=link,
            file=file,
            root=root,
            claim_sentence=claim_sentence,
            entry=fragment("claim_entry.html.j2", "entry"),  # a claim listed away from its source
            event=fragment("timeline_event.html.j2", "event"),  # a claim's item on the timeline
        )

    def render(self, template: str, here: str, paging: Paging | None = None, **context: Any) -> Page:
        blocks: dict[str, Callable[[], str]] = {}
        meta: Context = {}

        def stash(caller: Callable[[], str]) -> Markup:
            """A block of HTML: a marker line now, its HTML when the page needs it (``Page.blocks``);
            stashes sit at the top level of the templates, so nothing they read changes after."""
            key = f"DOSSIERBLOCK{len(blocks):04d}X"
            blocks[key] = lambda: str(caller()).strip()
            return Markup(f"\n{key}\n")

        def front_matter(values: Context) -> str:
            meta.update(
                (k, escape(v) if isinstance(v, str) and k in ("title", "description") else v) for k, v in values.items()
            )
            return ""

        text = self.env.get_template(template).render(
            **self.globals,
            here=here,
            stash=stash,
            front_matter=front_matter,
            paging=paging,
            **self.link_helpers(here),
            **context,
        )
        return Page(meta, text.lstrip("\n") if meta else text, blocks, paging)

    # -- pages
    def pages(self) -> dict[str, Page]:
        """Every generated Markdown page, by its path under docs/.  A page whose inputs are those
        of the previous build (``cache``) is that build's page object, not rendered again."""
        return {
            spec.src: self.cache.get(("page", spec.src), (self._global, spec.inputs), partial(self._render_spec, spec))
            for spec in self._page_specs()
        }

    def _render_spec(self, spec: PageSpec) -> Page:
        return self.render(spec.template, spec.src, spec.paging, **spec.context())

    def _page_specs(self) -> Iterator[PageSpec]:
        """Every page: ``inputs`` holds everything the page shows beyond ``_global``, so equal
        inputs mean an equal page.  Long lists are cut into numbered pages (``pages_of``)."""
        d, ix = self.dossier, self.index
        claims = self._claims_key
        for sources, paging in pages_of("sources/index.md", d.sources):
            yield list_page(
                paging, (tuple(sources), len(d.claims)), "sources_index.md.j2", partial(dict, sources=sources)
            )
        for source in d.sources:
            related = tuple(ix.relations[c.id] for c in source.claims)
            others = tuple(d.source(link.other.source) for links in related for link in links)
            evidence = tuple(ix.evidence[c.id] for c in source.claims)
            yield PageSpec(
                source_src(source.slug),
                (source, related, others, evidence, claims(source.claims)),
                "source.md.j2",
                partial(_source_context, source),
            )
        yield PageSpec("topics/index.md", tuple(len(ix.by_topic[t.id]) for t in d.topics), "topics_index.md.j2", dict)
        for topic in d.topics:
            listed = ix.by_topic[topic.id]
            cited, pairs = self._topic_cited_and_contested(topic.id)
            covering, neighbours = ix.covering(listed), self._related_topics(topic.id)
            summary = (
                claims(listed) if len(listed) <= PER_PAGE else tuple(status_counts(listed).items()),
                tuple((f.id, f.title) for f in cited),
                tuple((p.type, p.note, self._entry_key(p.first), self._entry_key(p.second)) for p in pairs[:PER_PAGE]),
                len(pairs),
                tuple(covering),
                tuple(neighbours),
            )
            for part, paging in pages_of(f"topics/{topic.id}.md", listed):
                first = paging.number == 1  # the summary: on the first page
                context: Callable[[], Context] = partial(
                    dict,
                    topic=topic,
                    claims=part,
                    everything=listed,
                    covering=covering if first else [],
                    related=neighbours if first else [],
                    findings=cited,
                    pairs=pairs,
                )
                yield list_page(paging, (claims(part), summary if first else None), "topic.md.j2", context)
        yield PageSpec(
            "entities/index.md",
            tuple((len(ix.by_entity[e.id]), len(ix.by_origin[e.id])) for e in d.entities),
            "entities_index.md.j2",
            dict,
        )
        for entity in d.entities:
            yield from self._entity_pages(entity)
        events = [(year, claim) for year, listed in ix.by_year.items() for claim in listed]
        starts: dict[int, str] = {}
        for i, (year, _) in enumerate(events):
            starts.setdefault(year, numbered("timeline/index.md", i // PER_PAGE + 1))
        years = tuple((year, len(listed), starts[year]) for year, listed in ix.by_year.items())
        totals = {year: count for year, count, _ in years}
        for shown, paging in pages_of("timeline/index.md", events):
            keys = tuple((year, self._entry_key(c)) for year, c in shown)
            grouped: Callable[[], Context] = partial(dict, years=years, year_totals=totals, groups=_grouped(shown))
            yield list_page(paging, (years, keys), "timeline.md.j2", grouped)
        filters = (tuple(sorted({s.outlet for s in d.sources})), tuple(ix.by_year), len(d.claims))
        for rows, paging in pages_of("claims/index.md", self.claim_rows()):
            values = tuple(tuple(row.values()) for row in rows)
            yield list_page(paging, (filters, values), "claims_index.md.j2", partial(dict, rows=rows))
        if len(ix.pairs) > PER_PAGE:  # the home page shows the first ones, and links these pages
            for contested, paging in pages_of("contested/index.md", ix.pairs):
                sides = tuple((p.type, p.note, self._entry_key(p.first), self._entry_key(p.second)) for p in contested)
                yield list_page(paging, sides, "contested.md.j2", partial(dict, pairs=contested))

    def _entity_pages(self, entity: Entity) -> Iterator[PageSpec]:
        """An entity's pages: the claims that name it, then those that come from it (each listed once)."""
        listed = self.index.by_entity[entity.id]
        originated = tuple(c for c in self.index.by_origin[entity.id] if c not in listed)
        both = [(False, c) for c in listed] + [(True, c) for c in originated]
        covering = tuple(self.index.covering(listed + originated))
        for part, paging in pages_of(f"entities/{entity.id}.md", both):
            inputs = (
                tuple((origin, self._entry_key(c)) for origin, c in part),
                covering if paging.number == 1 else None,
                len(listed),
            )
            context: Callable[[], Context] = partial(
                dict,
                entity=entity,
                claims=[c for origin, c in part if not origin],
                originated=[c for origin, c in part if origin],
                covering=covering,
            )
            yield list_page(paging, inputs, "entity.md.j2", context)

    def _entry_key(self, claim: Claim | None) -> tuple[object, ...] | None:
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

    def _claims_key(self, claims: Iterable[Claim]) -> tuple[object, ...]:
        return tuple(map(self._entry_key, claims))

    def files(self) -> dict[str, str]:
        """Generated non-page files, by path under docs/: the claims index's rows, the datasets with
        their schemas, citations and the feed."""
        if self._files is not None:
            return self._files
        pub = self.publication
        rows = json.dumps(self.claim_rows(), ensure_ascii=False, separators=(",", ":"))
        files = {"claims/rows.json": rows}
        if self.offline:  # file:// forbids fetch(): the rows as a script the claims page loads
            files["claims/rows.js"] = "window.dossierRows = " + rows.replace("</", "<\\/") + ";\n"
        files.update({f"data/{name}": text for name, text in {**pub.datasets(), **pub.citations()}.items()})
        for name in ("claims.schema.json", "sources.schema.json"):
            files[f"data/{name}"] = resources.files(__package__).joinpath("schemas", "data", name).read_text("utf-8")
        files["feed.xml"], files["robots.txt"] = pub.atom(), pub.robots()
        self._files = files
        return files

    def head(self, src: str, paging: Paging | None = None) -> str:
        """Extra <head> markup for a page: the feed link everywhere; citation tags and JSON-LD on source
        pages; the previous and next pages of a list cut into pages."""
        feed = (
            f'<link rel="alternate" type="application/atom+xml" title="{escape(self.dossier.settings.title)}: '
            f'sources" href="{relative_file(src, "feed.xml")}">'
        )
        source = self.source_pages.get(src)
        links = ""
        if paging is not None:
            for rel, number in (("prev", paging.number - 1), ("next", paging.number + 1)):
                if 1 <= number <= paging.pages:
                    links += f'<link rel="{rel}" href="{relative(src, paging.src(number), files=self.files_urls)}">'
        return feed + links + (self.publication.source_head(source) if source else "")

    def claim_rows(self) -> list[Context]:
        """One compact row per claim, newest event first (the claims index's data)."""
        if self._rows is None:
            self._rows = [
                self.cache.get(("row", c.id), (self._global, self._entry_key(c)), partial(self._claim_row, c))
                for c in self.index.newest_first(self.dossier.claims.values())
            ]
        return self._rows

    def _claim_row(self, claim: Claim) -> Context:
        """A claim's row of the claims index."""
        dated = self.index.dated(claim)
        return {
            "id": claim.id,
            "claim": claim.text,
            "date": dated.date.iso,
            "date_label": dated.date.label,
            "date_kind": dated.kind,
            "precision": dated.date.precision,
            "topics": list(claim.topics),
            "status": claim.status,
            "source": claim.source,
            "outlet": self.dossier.source(claim.source).outlet,
            "contested": claim.id in self.index.contested,
            "url": f"sources/{claim.source}{'.html' if self.files_urls else '/'}#claim-{claim.id}",
        }

    def _related_topics(self, topic_id: str) -> list[tuple[object, int]]:
        """The topics that share claims with this one, each with how many, in the dossier's order."""
        shared = Counter(
            other for claim in self.index.by_topic[topic_id] for other in claim.topics if other != topic_id
        )
        return [(t, shared[t.id]) for t in self.dossier.topics if t.id in shared]

    def home(self, markdown: str, here: str = "index.md") -> Page:
        """A hand-written page with markers (``HOME_BLOCKS``): each becomes a block holding its
        template's HTML (findings, contested claims, figures, downloads, sources table)."""
        blocks: dict[str, Callable[[], str]] = {}
        shown = self.dossier.sources[:PER_PAGE]  # the sources table: the first page's rows
        for marker, template in HOME_BLOCKS.items():
            if marker in markdown:
                key = f"DOSSIERBLOCK{len(blocks):04d}X"
                blocks[key] = partial(self._home_block, template, here, shown)
                markdown = markdown.replace(marker, f"\n\n{key}\n\n")
        return Page({}, markdown, blocks)

    def _home_block(self, template: str, here: str, sources: Sequence[Source]) -> str:
        return self.render(template, here, sources=sources).inline().strip()

    def home_changed(self) -> bool:
        """Whether the hand-written pages' blocks show anything the previous build's did not."""
        shown = (
            self._global,
            self.dossier.sources,
            self.dossier.findings,
            self._claims_key(self.dossier.claims.values()),
            tuple((p.type, p.first.id, p.second.id, p.note) for p in self.index.pairs),
        )
        return not self.cache.unchanged("home", shown)

    def chart(self) -> Context:
        """The geometry of the home page's chart, narrow enough to read on a phone: per topic, its
        title, then a bar with a segment per status; the key in two rows above."""
        width, right, top, step = 400, 360, 42, 40
        counts = {t.id: status_counts(self.index.by_topic[t.id]) for t in self.dossier.topics}
        most = max([sum(c.values()) for c in counts.values()] + [1])
        rows = []
        for i, topic in enumerate(self.dossier.topics):
            x: float = 0
            segments = []
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
            all=status_counts(self.dossier.claims.values()),
        )

    def _topic_cited_and_contested(self, topic_id: str) -> tuple[list[Finding], list[Pair]]:
        """The findings that cite a claim of the topic, and the contested pairs with a claim of it."""
        ids = {c.id for c in self.index.by_topic[topic_id]}
        cited = [f for f in self.dossier.findings if ids.intersection(f.cites)]
        return cited, [p for p in self.index.pairs if p.first.id in ids or p.second.id in ids]
