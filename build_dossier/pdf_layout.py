"""Laying the print document out in parts, so that time and memory grow with the dossier's size and
not faster.

A part is a run of units (a source, a topic entry, a row of the claims index...) of about
``PART_BYTES`` of HTML, wrapped in the chapter and section it belongs to (continued, without
heading, when an earlier part began them).  Each part starts a page; a part ends before a chapter
where it can.  Parts are laid out in worker processes (``parallel.py``), each process for one part,
so the memory of a layout goes back to the system when its part is done.

Page numbers are literal, written in twice: a first pass lays every part out with zeros in their
place and gives each part's page count and each anchor's page; the second lays the parts out again
with the numbers, in the same layout (zeros and figures have one width; shorter numbers are padded;
checked), and writes each as a tagged PDF (PDF/UA-1).  ``pdf_join.join`` makes them one.
"""

from __future__ import annotations

import logging
import re
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .parallel import map_in_processes
from .pdf_join import Layout, join
from .pdf_view import Printer

PART_BYTES = 1_500_000  # HTML per part (DOSSIER_PDF_PART_BYTES): a few hundred pages
BYTES_PER_PAGE_GUESS = 5_000  # about what a page holds; a wrong guess of the digits costs one more first pass
PDF_VARIANT = "pdf/ua-1"  # tagged: headings, lists, tables and links for screen readers
PT = 0.75  # PDF points per CSS pixel


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


class _Warnings(logging.Handler):
    """WeasyPrint's warnings and errors (bad CSS, a missing link target), kept to be reported."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def lay_out(job: tuple[str, str | None, str | None]) -> Layout:
    """Lay out one part (in a worker process); with a path, also write it as a PDF.

    Links to other parts get a stand-in anchor on the first page so WeasyPrint keeps them; the
    joined PDF gives every name its true destination."""
    html, base_url, out = job
    handler = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = _html_class()(string=html, base_url=base_url).render()
        anchors: dict[str, tuple[int, float, float]] = {}
        bookmarks: list[tuple[int, int, str, float, float, str]] = []
        targets: set[str] = set()
        for number, page in enumerate(document.pages):
            for name, (x, y, *_) in page.anchors.items():
                anchors.setdefault(name, (number, x * PT, (page.height - y) * PT))
            for level, label, (x, y), state in page.bookmarks:
                bookmarks.append((number, level, label, x * PT, (page.height - y) * PT, state))
            targets.update(target for kind, target, *_ in page.links if kind == "internal")
        foreign = sorted(targets - anchors.keys())
        if out:
            document.pages[0].anchors.update((name, (0, 0, 0, 0)) for name in foreign)
            document.write_pdf(out, pdf_variant=PDF_VARIANT)
    finally:
        logger.removeHandler(handler)
    return Layout(len(document.pages), anchors, bookmarks, foreign, handler.messages)


def _map(jobs: list[tuple[str, str | None, str | None]]) -> list[Layout]:
    """``lay_out`` over the jobs, two processes at a time (``DOSSIER_WORKERS`` to change it), the
    largest first; one part alone is laid out here."""
    order = sorted(range(len(jobs)), key=lambda number: -len(jobs[number][0]))
    layouts = map_in_processes(lay_out, [jobs[n] for n in order], processes=2)
    return [layout for _, layout in sorted(zip(order, layouts), key=lambda pair: pair[0])]


def write_in_parts(printer: Printer, out: Path, base_url: str | None, budget: int) -> list[str]:
    """Lay out the dossier in parts and write it as one PDF to ``out``; returns the warnings.

    First pass: every part laid out with zeros for page numbers, giving its page count and the page
    of every anchor.  Second pass: each part again with the numbers, written as a PDF (in the same
    layout: checked).  Then the parts are joined."""
    view = printer.view
    units = printer.units()
    plan = plan_parts([len(unit.html) for unit in units], [unit.running[0] for unit in units], budget)
    view.digits = len(str(max(9, sum(len(unit.html) for unit in units) // BYTES_PER_PAGE_GUESS)))
    while True:
        bodies = printer.bodies(printer.units(), plan)
        first = _map([(printer.document(body), base_url, None) for body in bodies])
        total = sum(layout.pages for layout in first)
        if len(str(total)) == view.digits:
            break
        view.digits = len(str(total))  # the guess was wrong: lay out again with numbers as wide as they are
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
        join(paths, offsets, second, out)
    warnings = [message for layout in second for message in layout.warnings]
    missing = {name for layout in second for name in layout.foreign} - view.pages.keys()
    return warnings + [f"No anchor #{name} for internal URI reference" for name in sorted(missing)]


# ---- WeasyPrint, with a lighter user-agent stylesheet -----------------------------------------


@lru_cache(maxsize=1)
def _slim_user_agent_stylesheet() -> Any:
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


def _html_class() -> Any:
    """``weasyprint.HTML``, with the slim user-agent stylesheet where it applies."""
    import weasyprint

    slim = _slim_user_agent_stylesheet()
    if slim is None:
        return weasyprint.HTML

    class PrintHTML(weasyprint.HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [slim, *super()._ua_stylesheets(forms)[1:]]

    return PrintHTML
