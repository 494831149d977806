"""What the PDF shows: the view the print templates read, and the dossier rendered as units.

The print document runs cover, key findings, contents, methodology (``docs/methodology.md``, if
present), topics, sources, claims index, timeline, entities.  Each claim is printed in full once,
on its source's pages (``claim-<id>``); everywhere else it is a reference, ``claim 3.4 (p. 27)``:
the source's number in the document, the claim's number in its source, and the page.  Every
internal link prints the page it leads to.  Link targets have document-wide ids: ``claim-<id>``,
``quote-<id>`` (``reading_html``), ``source-<slug>``, ``topic-<id>``, ``entity-<id>``,
``entities-<type>``, ``year-<yyyy>``, ``finding-<id>``, ``status-<status>`` and the chapters'.

Page numbers are literal (the layout, ``pdf_layout.py``, fills them in on a second pass): before
that, ``View.page`` gives zeros as wide as the final numbers.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import findings
from .data import Publication
from .errors import DossierError
from .index import Index, status_counts
from .links import is_web_url
from .model import Claim, Dossier, Entity, PartialDate, Source
from .reading import reading_html
from .render import environment
from .vocabulary import ENTITY_TYPES, STATUS_LABELS, STRENGTHS
from .vocabulary import KINDS as KIND_LABELS

FIGURE_SPACE = "\u2007"
GIST_CHARACTERS = 90  # a claim referred to elsewhere than its source shows this much of its sentence
CONTENTS_CHARACTERS = 72  # a source's entry in the contents, to stay on one line with its page
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
# The methodology is written for the website; these phrases say the same for paper.
PRINT_WORDING = {
    "(the original appears on hover)": "(the PDF gives the original in brackets after it)",
}
WEIGHTS = (400, 600, 700)  # the weights the stylesheet uses, each an instance of the variable fonts
FONTS = {  # family -> (package, files by style): open-licence fonts installed from pinned wheels
    "Dossier Serif": (
        "fontpkg_source_serif_4",
        {"normal": "SourceSerif4[opsz,wght].ttf", "italic": "SourceSerif4-Italic[opsz,wght].ttf"},
    ),
    "Dossier Sans": (
        "fontpkg_source_sans_3",
        {"normal": "SourceSans3[wght].ttf", "italic": "SourceSans3-Italic[wght].ttf"},
    ),
}


def font_faces() -> str:
    """``@font-face`` rules naming the bundled font files by path, so no system font is ever used."""
    rules = []
    for family, (package, files) in FONTS.items():
        folder = resources.files(package).joinpath("files")
        for style, name in files.items():
            url = Path(str(folder.joinpath(name))).as_uri()
            rules += [
                f'@font-face {{ font-family: "{family}"; src: url("{url}"); font-style: {style}; font-weight: {weight}; }}'
                for weight in WEIGHTS
            ]
    return "\n".join(rules)


def methodology_html(root: Path) -> str | None:
    """``docs/methodology.md`` (hand-written, trusted) as HTML without its title, or None if absent.

    Its headings are demoted below the chapter heading, links that would not work in a PDF
    (relative or fragment links to the website) keep their text but lose the link, and the few
    phrases written for a screen (``PRINT_WORDING``) are said for paper.
    """
    path = Path(root) / "docs" / "methodology.md"
    if not os.path.lexists(path):
        return None
    import markdown  # type: ignore[import-untyped]

    from .safefiles import FileRefused, read_regular

    try:
        raw = read_regular(path, 10_000_000)[0]
    except FileRefused as exc:
        raise DossierError(f"docs/methodology.md: {exc}") from None
    text = (raw or b"").decode("utf-8", "replace")
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        text = "\n".join(lines[1:])
    for screen, paper in PRINT_WORDING.items():
        text = text.replace(screen, paper)
    html = markdown.markdown(text, extensions=["tables", "attr_list"], output_format="html")

    def link(match: re.Match[str]) -> str:
        href = match[1]
        if not is_web_url(href):
            return match[2]
        shown = re.sub(r"<[^>]+>", "", match[2]).strip()
        kind = "url" if shown in (href, href.replace("&amp;", "&")) else "ext"  # an address shown once, not twice
        return f'<a class="{kind}" href="{href}">{match[2]}</a>'

    html = _HREF.sub(link, html)
    return re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–—- ")
    return cut + "…"


class View:
    """What the print templates need, computed once: labels, lookups, numbering and page numbers.

    ``pages`` maps every anchor to its page (1-based) once the layout is known; before that,
    ``page`` gives zeros.  A number is ``digits`` figures wide: shorter numbers are padded with
    figure spaces (``pad``), as wide as figures, so the layout with zeros is the final one.
    """

    def __init__(self, dossier: Dossier, index: Index, site_url: str | None, built: date):
        self.dossier, self.index = dossier, index
        self.number = {s.slug: n for n, s in enumerate(dossier.sources, 1)}  # a source's number in the PDF
        self.topics = {t.id: t for t in dossier.topics}
        self.entities = {e.id: e for e in dossier.entities}
        self.site_url = site_url if is_web_url(site_url) else None
        self.pub = Publication(dossier, index, self.site_url, built)
        self.pages: dict[str, int] | None = None
        self.digits = 1

    def page(self, anchor: str) -> str:
        number = self.pages.get(anchor) if self.pages is not None else None
        return "0" * self.digits if number is None else str(number)

    def pad(self, anchor: str) -> str:
        return FIGURE_SPACE * (self.digits - len(self.page(anchor)))

    def label(self, claim: Claim) -> str:
        """The claim's number in the PDF: its source's number, a dot, its number in the source."""
        return f"{self.number[claim.source]}.{claim.number}"

    def gist(self, claim: Claim) -> str:
        return shorten(claim.text, GIST_CHARACTERS)

    def contents_entry(self, source: Source) -> str:
        return shorten(f"{source.outlet}, {source.published.label}: {source.title}", CONTENTS_CHARACTERS)

    def reading(self, source: Source) -> Markup:
        """The reading text; a correction's note reads as a sentence before what the source says."""
        html = reading_html(source)
        html = re.sub(r'(title="[^"]*?)[.:;]?: the source text reads', r"\1; the source reads", html)
        return Markup(html)

    def entity_groups(self) -> list[tuple[str, str, list[Entity]]]:
        """The entities by type, in the vocabulary's order, each type's by name (types with none left out)."""
        by_name = sorted(self.dossier.entities, key=lambda e: (e.name.casefold(), e.id))
        groups = [(kind, label, [e for e in by_name if e.type == kind]) for kind, (_, label) in ENTITY_TYPES.items()]
        return [group for group in groups if group[2]]


@dataclass(frozen=True)
class Box:
    """A chapter or section that units go into: its opening HTML, the opening that continues it in
    a later part (None for a chapter: see ``Unit.running``) and its closing."""

    key: str
    open: str
    cont: str | None
    close: str = "</section>\n"


@dataclass(frozen=True)
class Unit:
    """The smallest piece a part boundary may come before: a source, a topic entry, a row..."""

    boxes: tuple[Box, ...]
    html: str
    running: tuple[str, str]  # the running header's chapter and section where the unit starts


class Printer:
    """Renders the dossier as units, and units as the HTML documents of the parts."""

    def __init__(
        self,
        dossier: Dossier,
        index: Index,
        *,
        site_url: str | None,
        build_date: date,
        methodology: str | None,
        created: datetime | None,
    ):
        self.view = View(dossier, index, site_url, build_date)
        moment = created or datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
        env = environment("templates/print", keep_trailing_newline=False)
        css = resources.files(__package__ or "build_dossier").joinpath("assets", "print.css").read_text("utf-8")
        self.context: dict[str, Any] = dict(
            dossier=dossier,
            index=index,
            v=self.view,
            pub=self.view.pub,
            site_url=self.view.site_url,
            built=PartialDate(build_date.year, build_date.month, build_date.day),
            stamp=moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            methodology=Markup(methodology) if methodology else None,
            css=Markup(font_faces() + "\n" + css),
            status_labels=STATUS_LABELS,
            kind_labels=KIND_LABELS,
            strengths=STRENGTHS,
            status_counts=status_counts,
            finding_parts=findings.parts,
            strength=partial(findings.strength, index=index),
        )
        self.templates = {
            name: env.get_template(f"{name}.html.j2") for name in ("dossier", "cover", "findings", "contents", "source")
        }
        self.u: Any = env.get_template("units.html.j2").make_module(self.context)  # the units' macros
        self.context["u"] = self.u

    def _render(self, name: str, **values: Any) -> str:
        return self.templates[name].render(self.context, **values)

    def units(self) -> list[Unit]:
        """The dossier in document order. Renders the page numbers the view knows."""
        d, index, u, v = self.view.dossier, self.view.index, self.u, self.view
        units = [Unit((), self._render("cover"), ("", ""))]
        if d.findings:
            units.append(Unit((), self._render("findings"), ("Key findings", "")))
        units.append(Unit((), self._render("contents"), ("Contents", "")))
        if self.context["methodology"]:
            box = Box("methodology", u.chapter("methodology"), None)
            units.append(Unit((box,), self.context["methodology"], ("Methodology", "")))
        chapter = Box("topics", u.chapter("topics"), None)
        for topic in d.topics:
            claims = index.by_topic[topic.id]
            box = Box(f"topic-{topic.id}", u.topic(topic, claims), u.topic_cont(), "</ol>\n</section>\n")
            units += [Unit((chapter, box), u.entry(topic, claim), ("Topics", topic.title)) for claim in claims] or [
                Unit((chapter, box), "", ("Topics", topic.title))
            ]
        chapter = Box("sources", u.chapter("sources"), None)
        units += [
            Unit(
                (chapter,),
                self._render("source", source=source),
                ("Sources", f"{v.number[source.slug]} · {source.outlet}, {source.published.label}"),
            )
            for source in d.sources
        ]
        chapter, table = Box("claims-index", u.chapter("claims-index"), None), u.claims_table()
        box = Box("claims-table", table, table, "</tbody>\n</table>\n")
        units += [
            Unit((chapter, box), u.claims_row(claim), ("Claims index", ""))
            for claim in index.newest_first(d.claims.values())
        ]
        chapter = Box("timeline", u.chapter("timeline"), None)
        for year, claims in index.by_year.items():
            box = Box(f"year-{year}", u.year(year, True), u.year(year, False), "</ol>\n</section>\n")
            units += [Unit((chapter, box), u.year_item(claim), ("Timeline", str(year))) for claim in claims]
        chapter = Box("entities", u.chapter("entities"), None)
        for kind, label, members in v.entity_groups():
            box = Box(f"entities-{kind}", u.entity_group(kind, label, True), u.entity_group(kind, label, False))
            units += [Unit((chapter, box), u.entity(entity), ("Entities", label)) for entity in members]
        return units

    def bodies(self, units: list[Unit], plan: list[int]) -> list[str]:
        """The body of each part: units ``plan[i]`` to ``plan[i + 1]``, each in its chapter and section,
        opened where they start and continued (without heading or id) in a later part."""
        bodies, opened = [], set()
        for start, end in itertools.pairwise(plan):
            html: list[str] = []
            stack: list[Box] = []
            for number in range(start, end):
                unit = units[number]
                keep = 0
                while keep < min(len(stack), len(unit.boxes)) and stack[keep].key == unit.boxes[keep].key:
                    keep += 1
                html += [box.close for box in reversed(stack[keep:])]
                for box in unit.boxes[keep:]:
                    if box.key not in opened:
                        html.append(box.open)
                    elif box.cont is None:  # a chapter going on: set the running header where it goes on
                        html.append(self.u.running(*unit.running))
                    else:
                        html.append(box.cont)
                    opened.add(box.key)
                stack = list(unit.boxes)
                html.append(unit.html)
            html += [box.close for box in reversed(stack)]
            bodies.append("".join(html))
        return bodies

    def document(self, body: str, first_page: int = 1, total: str = "") -> str:
        return self._render("dossier", body=Markup(body), first_page=first_page, total=total)
