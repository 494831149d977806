"""The offline PDF: the whole dossier as one printable document, rendered from the model with WeasyPrint.

The print HTML (``templates/print/``, ``assets/print.css``) runs in this order: cover, contents,
methodology (``docs/methodology.md``, if present), topics, sources, claims index, timeline,
entities.  Every link target has a document-wide id: ``claim-<id>`` and ``quote-<id>`` on the
source pages (claim ids are unique dossier-wide; ``reading_html`` emits ``quote-<id>`` and
links back to ``#claim-<id>``), ``topic-<topic>--<claim>`` for a claim's entry on a topic page
(ids never contain ``--``), ``source-<slug>``, ``topic-<id>``, ``entity-<id>``, ``entities-<type>``
and ``year-<yyyy>``.  Each is a named destination of the PDF, and the chapter and section
headings make its outline.

The dossier is laid out in parts, so that time and memory grow with its size and not faster: a
part is a run of units (a source, a topic entry, a row of the claims index...) of about
``PART_BYTES`` of HTML, wrapped in the chapter and section it belongs to (continued, without
heading, when an earlier part began them).  Each part starts a page; a part ends before a chapter
where it can.  Parts are laid out in worker processes, two at a time, each process for one part.

Page numbers are literal, written in twice: a first pass lays every part out with zeros in their
place and gives each part's page count and each anchor's page; the second lays the parts out again
with the numbers, in the same layout (zeros and figures have one width; shorter numbers are padded;
checked), and writes each as a PDF.  pypdf joins them, with one table of named destinations for
every link of every part and the outline.

Run it in a subprocess (``python -m build_dossier.pdf ROOT OUT``).  ``SOURCE_DATE_EPOCH`` fixes
the build date and the PDF's creation and modification dates: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import multiprocessing
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from .data import Publication, build_moment
from .errors import DossierError, ValidationFailed
from .index import Index, build_index
from .links import is_web_url
from .model import Claim, Dossier, PartialDate, Source
from .pdfcheck import require_weasyprint
from .reading import reading_html
from .render import link_entities
from .vocabulary import ENTITY_TYPES, STATUS_LABELS, STATUSES
from .vocabulary import KINDS as KIND_LABELS

_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
PART_BYTES = 1_500_000  # HTML per part (DOSSIER_PDF_PART_BYTES): a few hundred pages
BYTES_PER_PAGE_GUESS = 3_000  # fewer than a page holds: the guess of the page count errs high
FIGURE_SPACE = "\u2007"
PT = 0.75  # PDF points per CSS pixel


def methodology_html(root: Path) -> str | None:
    """``docs/methodology.md`` (hand-written, trusted) as HTML without its title, or None if absent.

    Its headings are demoted below the chapter heading, and links that would not work in a PDF
    (relative or fragment links to the website) keep their text but lose the link.
    """
    path = Path(root) / "docs" / "methodology.md"
    if not os.path.lexists(path):
        return None
    import markdown

    from .safefiles import FileRefused, read_regular

    try:
        raw = read_regular(path, 10_000_000)[0]
    except FileRefused as exc:
        raise DossierError(f"docs/methodology.md: {exc}") from None
    text = (raw or b"").decode("utf-8", "replace")
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        text = "\n".join(lines[1:])
    html = markdown.markdown(text, extensions=["tables", "attr_list"], output_format="html")

    def link(match: re.Match) -> str:
        href = match[1]
        if not is_web_url(href):
            return match[2]
        shown = re.sub(r"<[^>]+>", "", match[2]).strip()
        kind = "url" if shown in (href, href.replace("&amp;", "&")) else "ext"  # an address shown once, not twice
        return f'<a class="{kind}" href="{href}">{match[2]}</a>'

    html = _HREF.sub(link, html)
    return re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html)


class _View:
    """What the print templates need, computed once: labels, lookups, link helpers and page numbers.

    ``pages`` maps every anchor to its page (1-based) once the layout is known; before that,
    ``page`` gives zeros.  A number is ``digits`` figures wide: shorter numbers are padded with
    figure spaces (``pad``), as wide as figures, so the layout with zeros is the final one.
    """

    def __init__(self, dossier: Dossier, index: Index, site_url: str | None, built: date):
        self.dossier, self.index = dossier, index
        self.sources = {s.slug: s for s in dossier.sources}
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

    def source_of(self, claim: Claim) -> Source:
        return self.sources[claim.source]

    def when(self, claim: Claim) -> PartialDate:
        return claim.event_date or self.sources[claim.source].published

    def sentence(self, claim: Claim) -> Markup:
        """The claim's sentence, escaped, with the names of its entities linked to the entities chapter."""
        return link_entities(claim, self.entities, lambda eid: f"#entity-{eid}")

    def reading(self, source: Source) -> Markup:
        return Markup(reading_html(source))

    def rows(self) -> list[Claim]:
        """Every claim for the claims index: newest event first, as on the website."""
        return sorted(self.dossier.claims.values(), key=lambda c: (self.when(c), c.source, -c.number), reverse=True)

    def covering(self, claims) -> list[tuple[Source, int]]:
        counts: dict[str, int] = {}
        for claim in claims:
            counts[claim.source] = counts.get(claim.source, 0) + 1
        return [(s, counts[s.slug]) for s in self.dossier.sources if s.slug in counts]

    def entity_groups(self) -> list[tuple[str, str, list]]:
        groups = []
        for kind, (_, label) in ENTITY_TYPES.items():
            members = sorted(
                (e for e in self.dossier.entities if e.type == kind), key=lambda e: (e.name.casefold(), e.id)
            )
            if members:
                groups.append((kind, label, members))
        return groups


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates/print"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.tests["web_url"] = is_web_url
    return env


@dataclass(frozen=True)
class _Box:
    """A chapter or section that units go into: its opening HTML, the opening that continues it in
    a later part (None for a chapter: see ``running``) and its closing."""

    key: str
    open: str
    cont: str | None
    close: str = "</section>\n"


@dataclass(frozen=True)
class _Unit:
    """The smallest piece a part boundary may come before: a source, a topic entry, a row..."""

    boxes: tuple[_Box, ...]
    html: str
    running: tuple[str, str]  # the running header's chapter and section where the unit starts


class _Printer:
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
        self.view = _View(dossier, index, site_url, build_date)
        moment = created or datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
        env = _environment()
        self.context = dict(
            dossier=dossier,
            index=index,
            v=self.view,
            pub=self.view.pub,
            site_url=self.view.site_url,
            built=PartialDate(build_date.year, build_date.month, build_date.day),
            stamp=moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            methodology=Markup(methodology) if methodology else None,
            css=Markup(resources.files(__package__).joinpath("assets", "print.css").read_text("utf-8")),
            status_labels=STATUS_LABELS,
            kind_labels=KIND_LABELS,
            status_definitions={key: text for key, (_, text) in STATUSES.items()},
        )
        self.templates = {
            name: env.get_template(f"{name}.html.j2") for name in ("dossier", "cover", "contents", "source")
        }
        self.u = self.context["u"] = env.get_template("units.html.j2").make_module(self.context)

    def _render(self, name: str, **values) -> str:
        return self.templates[name].render(self.context, **values)

    def units(self) -> list[_Unit]:
        """The dossier in document order. Renders the page numbers the view knows."""
        d, index, u, v = self.view.dossier, self.view.index, self.u, self.view
        units = [_Unit((), self._render("cover"), ("", "")), _Unit((), self._render("contents"), ("Contents", ""))]
        if self.context["methodology"]:
            box = _Box("methodology", u.chapter("methodology"), None)
            units.append(_Unit((box,), self.context["methodology"], ("Methodology", "")))
        chapter = _Box("topics", u.chapter("topics"), None)
        for topic in d.topics:
            claims = index.by_topic[topic.id]
            box = _Box(f"topic-{topic.id}", u.topic(topic, claims), '<section class="topic">\n')
            units += [_Unit((chapter, box), u.entry(topic, claim), ("Topics", topic.title)) for claim in claims] or [
                _Unit((chapter, box), "", ("Topics", topic.title))
            ]
        chapter = _Box("sources", u.chapter("sources"), None)
        units += [
            _Unit(
                (chapter,),
                self._render("source", source=source),
                ("Sources", f"{source.outlet}, {source.published.label}"),
            )
            for source in d.sources
        ]
        chapter, table = _Box("claims-index", u.chapter("claims-index"), None), u.claims_table()
        box = _Box("claims-table", table, table, "</tbody>\n</table>\n")
        units += [_Unit((chapter, box), u.claims_row(claim), ("Claims index", "")) for claim in v.rows()]
        chapter = _Box("timeline", u.chapter("timeline"), None)
        for year, claims in index.by_year.items():
            box = _Box(f"year-{year}", u.year(year, True), u.year(year, False), "</ul>\n</section>\n")
            units += [_Unit((chapter, box), u.year_item(claim), ("Timeline", str(year))) for claim in claims]
        chapter = _Box("entities", u.chapter("entities"), None)
        for kind, label, members in v.entity_groups():
            box = _Box(f"entities-{kind}", u.entity_group(kind, label, True), u.entity_group(kind, label, False))
            units += [_Unit((chapter, box), u.entity(entity), ("Entities", label)) for entity in members]
        return units

    def bodies(self, units: list[_Unit], plan: list[int]) -> list[str]:
        """The body of each part: units ``plan[i]`` to ``plan[i + 1]``, each in its chapter and section,
        opened where they start and continued (without heading or id) in a later part."""
        bodies, opened = [], set()
        for start, end in itertools.pairwise(plan):
            html: list[str] = []
            stack: list[_Box] = []
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


def plan_parts(sizes: list[int], chapters: list[str], budget: int) -> list[int]:
    """Where the parts start (unit numbers, and the number of units at the end): a part takes
    units while it stays under ``budget`` bytes of HTML, and ends before a chapter once half full."""
    plan, size = [0], 0
    for number, (bytes_, chapter) in enumerate(zip(sizes, chapters)):
        new_chapter = number and chapter != chapters[number - 1]
        if size and (size + bytes_ > budget or (new_chapter and size > budget // 2)):
            plan.append(number)
            size = 0
        size += bytes_
    return plan + [len(sizes)]


def render_pdf_html(
    dossier: Dossier,
    index: Index | None,
    *,
    site_url: str | None,
    build_date: date,
    methodology: str | None = None,
    created: datetime | None = None,
) -> str:
    """The print HTML of the whole dossier as one document (page numbers as zeros): what the parts
    are cut from.  ``methodology`` is trusted HTML (see ``methodology_html``); ``created`` is the
    moment written into the PDF's metadata (default: midnight UTC of ``build_date``)."""
    printer = _Printer(
        dossier,
        index or build_index(dossier),
        site_url=site_url,
        build_date=build_date,
        methodology=methodology,
        created=created,
    )
    units = printer.units()
    return printer.document(printer.bodies(units, [0, len(units)])[0])


class _Warnings(logging.Handler):
    """WeasyPrint's warnings and errors (bad CSS, a missing link target), kept to be reported."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


@dataclass
class _Layout:
    """What laying out one part tells: its pages, and where its anchors and bookmarks are (page
    in the part, x and y in PDF points from the bottom left)."""

    pages: int
    anchors: dict[str, tuple[int, float, float]]
    bookmarks: list[tuple[int, int, str, float, float, str]]  # page, level, label, x, y, state
    foreign: list[str]  # link targets in other parts
    warnings: list[str]


def _lay_out(job: tuple[str, str | None, str | None]) -> _Layout:
    """Lay out one part (in a worker process); with a path, also write it as a PDF.

    Links to other parts get a stand-in anchor on the first page so WeasyPrint keeps them; the
    merged PDF gives every name its true destination."""
    html, base_url, out = job
    handler = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = _html_class()(string=html, base_url=base_url).render()
        anchors, bookmarks, targets = {}, [], set()
        for number, page in enumerate(document.pages):
            for name, (x, y, *_) in page.anchors.items():
                anchors.setdefault(name, (number, x * PT, (page.height - y) * PT))
            for level, label, (x, y), state in page.bookmarks:
                bookmarks.append((number, level, label, x * PT, (page.height - y) * PT, state))
            targets.update(target for kind, target, *_ in page.links if kind == "internal")
        foreign = sorted(targets - anchors.keys())
        if out:
            document.pages[0].anchors.update((name, (0, 0, 0, 0)) for name in foreign)
            document.write_pdf(out)
    finally:
        logger.removeHandler(handler)
    return _Layout(len(document.pages), anchors, bookmarks, foreign, handler.messages)


def _map(jobs: list) -> list[_Layout]:
    """``_lay_out`` over the jobs, in up to ``DOSSIER_PDF_WORKERS`` (default 2) processes, each used
    for one part only: the memory of a layout goes back to the system when its part is done."""
    workers = min(len(jobs), int(os.environ.get("DOSSIER_PDF_WORKERS") or min(2, os.cpu_count() or 1)))
    if workers <= 1:
        return [_lay_out(job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda number: -len(jobs[number][0]))  # the largest first
    with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=1) as pool:
        layouts = pool.map(_lay_out, [jobs[number] for number in order], chunksize=1)
    return [layout for _, layout in sorted(zip(order, layouts))]


def html_parts_to_pdf(printer: _Printer, out: Path, base_url: str | None, budget: int) -> list[str]:
    """Lay out the dossier in parts and write it as one PDF to ``out``; returns the warnings.

    First pass: every part laid out with zeros for page numbers, giving its page count and the page
    of every anchor.  Second pass: each part again with the numbers, written as a PDF (in the same
    layout: checked).  Then the parts are joined, with one table of named destinations for every
    link and the outline of all parts."""
    view = printer.view
    units = printer.units()
    plan = plan_parts([len(unit.html) for unit in units], [unit.running[0] for unit in units], budget)
    view.digits = len(str(max(9, sum(len(unit.html) for unit in units) // BYTES_PER_PAGE_GUESS)))
    while True:
        bodies = printer.bodies(printer.units(), plan)
        first = _map([(printer.document(body), base_url, None) for body in bodies])
        total = sum(layout.pages for layout in first)
        if len(str(total)) <= view.digits:
            break
        view.digits = len(str(total))  # the numbers need more room than guessed: lay out again
    offsets = [sum(layout.pages for layout in first[:number]) for number in range(len(first))]
    view.pages = {}
    for offset, layout in zip(offsets, first):
        for name, (page, *_) in layout.anchors.items():
            view.pages.setdefault(name, offset + page + 1)
    bodies = printer.bodies(printer.units(), plan)
    with tempfile.TemporaryDirectory(prefix="dossier-pdf-") as scratch:
        paths = [str(Path(scratch) / f"part-{number}.pdf") for number in range(len(bodies))]
        second = _map(
            [
                (printer.document(body, offset + 1, str(total)), base_url, path)
                for body, offset, path in zip(bodies, offsets, paths)
            ]
        )
        for number, (before, after) in enumerate(zip(first, second)):
            if (before.pages, before.anchors) != (after.pages, after.anchors):
                raise RuntimeError(f"part {number + 1} of the PDF came out differently with its page numbers")
        _join(paths, offsets, second, out)
    warnings = [message for layout in second for message in layout.warnings]
    missing = {name for layout in second for name in layout.foreign} - view.pages.keys()
    return warnings + [f"No anchor #{name} for internal URI reference" for name in sorted(missing)]


def _join(paths: list[str], offsets: list[int], layouts: list[_Layout], out: Path) -> None:
    """The parts' PDFs as one: their pages, the metadata of the first, named destinations for every
    anchor and the outline."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        Fit,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    for number, path in enumerate(paths):
        reader = PdfReader(path)
        if number == 0:
            writer.add_metadata(reader.metadata)
            for key in ("/Lang", "/PageMode", "/ViewerPreferences"):
                if key in reader.trailer["/Root"]:
                    writer._root_object[NameObject(key)] = reader.trailer["/Root"][key].clone(writer)
        for page in reader.pages:
            writer.add_page(page)
    anchors: dict[str, tuple[int, float, float]] = {}
    for offset, layout in zip(offsets, layouts):
        for name, (page, x, y) in layout.anchors.items():
            anchors.setdefault(name, (offset + page, x, y))
    names = ArrayObject()
    for name, (page, x, y) in sorted(anchors.items()):
        names += [
            TextStringObject(name),
            ArrayObject(
                [
                    writer.pages[page].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(x),
                    FloatObject(y),
                    NumberObject(0),
                ]
            ),
        ]
    dests = writer._add_object(DictionaryObject({NameObject("/Names"): names}))
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): dests})
    parents: list[tuple[int, object]] = []  # the open outline levels
    for offset, layout in zip(offsets, layouts):
        for page, level, label, x, y, state in layout.bookmarks:
            while parents and parents[-1][0] >= level:
                parents.pop()
            item = writer.add_outline_item(
                title=label,
                page_number=offset + page,
                fit=Fit.xyz(x, y, 0),
                parent=parents[-1][1] if parents else None,
                is_open=state != "closed",
            )
            parents.append((level, item))
    with open(out, "wb") as file:
        writer.write(file)


def write_pdf(root: Path, out: Path, *, site_url: str | None = None, sources_dir: str = "sources") -> None:
    """Load the dossier under ``root``, render it and write the PDF to ``out`` atomically
    (a temporary file beside it, then a rename): readers never see a half-written PDF.

    Raises ValidationFailed (the sources have errors) or DossierError; WeasyPrint's warnings go to
    standard error.
    """
    from .load import load

    root = Path(root).resolve()
    dossier = load(root, sources_dir)
    moment = build_moment()
    printer = _Printer(
        dossier,
        build_index(dossier),
        site_url=site_url,
        build_date=moment.date(),
        methodology=methodology_html(root),
        created=moment,
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    budget = int(os.environ.get("DOSSIER_PDF_PART_BYTES") or PART_BYTES)
    try:
        warnings = html_parts_to_pdf(printer, tmp, (root / "docs").as_uri() + "/", budget)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    for message in dict.fromkeys(warnings):
        print(f"dossier pdf: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m build_dossier.pdf ROOT OUT [--site-url URL]``: 0 written, 1 failed (one line on
    standard error), 2 usage error."""
    parser = argparse.ArgumentParser(prog="python -m build_dossier.pdf", description="Write the dossier as one PDF.")
    parser.add_argument("root", type=Path, help="project folder (with sources/ and, optionally, docs/methodology.md)")
    parser.add_argument("out", type=Path, help="the PDF to write (replaced atomically)")
    parser.add_argument("--site-url", help="the published site's http(s) address, printed on the cover")
    parser.add_argument("--sources-dir", default="sources", help="the sources folder, relative to ROOT")
    args = parser.parse_args(argv)
    if args.site_url and not is_web_url(args.site_url):
        print(f"dossier pdf: --site-url {args.site_url!r} is not an http(s) address", file=sys.stderr)
        return 2
    try:
        require_weasyprint()  # before any work: missing WeasyPrint or Pango is said with its fix
        write_pdf(args.root, args.out, site_url=args.site_url, sources_dir=args.sources_dir)
    except ValidationFailed as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        first = f" (first: {errors[0].format()})" if errors else ""
        print(" ".join(f"dossier pdf: {exc}{first}; run 'dossier check' to see them all".split()), file=sys.stderr)
        return 1
    except (DossierError, OSError) as exc:
        print(" ".join(f"dossier pdf: {exc}".split()), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line; DOSSIER_DEBUG=1 shows the traceback
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(
            f"dossier pdf: internal error ({type(exc).__name__}: {exc}); rerun with DOSSIER_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 1
    return 0


# ---- WeasyPrint, with a lighter user-agent stylesheet -----------------------------------------


@lru_cache(maxsize=1)
def _slim_user_agent_stylesheet():
    """WeasyPrint's user-agent stylesheet without the rules that give every element of the
    document its own ``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``,
    ``::note-marker`` and ``::note-callback`` style: seven computed styles per element instead of
    one, a fifth of the memory and time of a large PDF.  The print document has no footnotes or
    notes, and only list items have markers.  None if the stylesheet is not the one expected."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle

    text = resources.files("weasyprint").joinpath("css", "html5_ua.css").read_text("utf-8")
    slim, markers = re.subn(r"^::marker \{", "li::marker, summary::marker {", text, flags=re.M)
    slim, notes = re.subn(r"^::(?:footnote|note)-[a-z]+ \{[^}\n]*\}\n", "", slim, flags=re.M)
    if markers != 1 or notes != 5 or re.search(r"^::", slim, re.M):
        return None
    return CSS(string=slim, counter_style=CounterStyle())


def _html_class():
    """``weasyprint.HTML``, with the slim user-agent stylesheet where it applies."""
    import weasyprint

    slim = _slim_user_agent_stylesheet()
    if slim is None:
        return weasyprint.HTML

    class PrintHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms=False):
            return [slim, *super()._ua_stylesheets(forms)[1:]]

    return PrintHTML


if __name__ == "__main__":
    sys.exit(main())
