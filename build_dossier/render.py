"""Render the model into Markdown pages (front matter + escaped HTML blocks) with Jinja2.

Every value from sources and annotations reaches a page only through an autoescaping template,
inside an HTML block, so Markdown and HTML characters in the data appear literally.  Links
between generated pages are computed here for directory URLs ("sources/x/").
"""

from __future__ import annotations

import posixpath
from html import escape

import jinja2
import yaml
from markupsafe import Markup

from .index import Index, build_index
from .model import Claim, Dossier, Source
from .reading import reading_html

STATUS_LABELS = {"reported": "Reported", "corroborated": "Corroborated", "disputed": "Disputed",
                 "denied": "Denied", "assessment": "Assessment"}
KIND_LABELS = {"news": "News", "analysis": "Analysis", "opinion": "Opinion", "fact-check": "Fact-check",
               "reference": "Reference"}
HOME_MARKER = "<!-- dossier:sources -->"


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a page: 'sources/x.md' -> 'sources/x/', 'index.md' -> ''."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def relative(from_src: str, to_src: str, anchor: str = "") -> str:
    if from_src == to_src and anchor:
        return f"#{anchor}"
    here, there = page_url(from_src), page_url(to_src)
    rel = posixpath.relpath(there or ".", here or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def source_src(slug: str) -> str:
    return f"sources/{slug}.md"


class Renderer:
    """Renders every generated page of a dossier; ``pages()`` maps a page path to its Markdown."""

    def __init__(self, dossier: Dossier, index: Index | None = None):
        self.dossier = dossier
        self.index = index or build_index(dossier)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader(__package__, "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True)
        self.env.globals.update(status_labels=STATUS_LABELS, kind_labels=KIND_LABELS, dossier=dossier,
                                index=self.index, topic_titles={t.id: t.title for t in dossier.topics},
                                entity_names={e.id: e.name for e in dossier.entities})
        self.env.filters["front_matter"] = self._front_matter

    # -- helpers available to templates
    def link_helpers(self, here: str) -> dict:
        def claim_url(claim: Claim) -> str:
            return relative(here, source_src(claim.source), f"claim-{claim.id}")

        def quote_url(claim: Claim) -> str:
            return relative(here, source_src(claim.source), f"quote-{claim.id}")

        def source_url(source: Source) -> str:
            return relative(here, source_src(source.slug))

        def page(src: str, anchor: str = "") -> str:
            return relative(here, src, anchor)

        return dict(claim_url=claim_url, quote_url=quote_url, source_url=source_url, page=page,
                    source_of=lambda claim: self.dossier.source(claim.source))

    @staticmethod
    def _front_matter(meta: dict) -> str:
        safe = {k: (escape(v) if isinstance(v, str) and k in ("title", "description") else v) for k, v in meta.items()}
        return Markup("---\n" + yaml.safe_dump(safe, sort_keys=False, allow_unicode=True, width=1000) + "---\n")

    def render(self, template: str, here: str, **context) -> str:
        return self.env.get_template(template).render(here=here, **self.link_helpers(here), **context)

    # -- pages
    def pages(self) -> dict[str, str]:
        pages = {"sources/index.md": self.render("sources_index.md.j2", "sources/index.md")}
        for source in self.dossier.sources:
            src = source_src(source.slug)
            pages[src] = self.render("source.md.j2", src, source=source, reading=Markup(reading_html(source)))
        return pages

    def home_sources(self, here: str = "index.md") -> str:
        """The sources table that replaces HOME_MARKER on the hand-written home page."""
        return self.render("sources_table.html.j2", here)
