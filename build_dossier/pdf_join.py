"""Joining the parts' PDFs into one, with everything that spans them: named destinations for every
link, the outline, the metadata, and the structure tree that makes the PDF tagged.

WeasyPrint tags each part page by page: its ``/StructTreeRoot`` holds one ``/Document`` element
whose children each belong to one page, and a ``/ParentTree`` numbering each page's marked content
(``/StructParents``) and each link annotation (``/StructParent``).  The joined PDF has one
``/Document`` element with the children of every part in order, and one ``/ParentTree`` whose keys
run on from part to part.

The parts are joined by qpdf (through pikepdf): a part's objects are copied once, whichever page,
link or structure element reaches them first, and the file is written with object streams, since
a tagged PDF is mostly small dictionaries (a structure element for every paragraph, span and link).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation, String


@dataclass
class Layout:
    """What laying out one part tells: its pages, and where its anchors and bookmarks are (page
    in the part, x and y in PDF points from the bottom left)."""

    pages: int
    anchors: dict[str, tuple[int, float, float]]
    bookmarks: list[tuple[int, int, str, float, float, str]]  # page, level, label, x, y, state
    foreign: list[str]  # link targets in other parts
    warnings: list[str]


def _add_structure(joined: pikepdf.Pdf, part: pikepdf.Pdf, first_page: int, state: dict[str, Any]) -> None:
    """The part's structure tree into the joined one (its pages already added from ``first_page``
    on): its elements under the one /Document, its /ParentTree keys moved on by those before."""
    if "/StructTreeRoot" not in part.Root:
        return
    root = part.Root.StructTreeRoot
    offset = state["next_key"]
    copies = list(joined.pages)[first_page:]
    for original, copy in zip(part.pages, copies):
        page = copy.obj
        page.StructParents = offset + int(original.obj.StructParents)
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = offset + int(annotation.StructParent)
    nums = root.ParentTree.Nums
    for position in range(0, len(nums), 2):
        number = int(nums[position])
        state["nums"].extend([offset + number, _copy(joined, part, nums[position + 1])])
        state["next_key"] = max(state["next_key"], offset + number + 1)
    for document in root.K if isinstance(root.K, Array) else [root.K]:
        for kid in document.K:
            copied = _copy(joined, part, kid)
            copied.P = state["document"]
            state["kids"].append(copied)


def _copy(joined: pikepdf.Pdf, part: pikepdf.Pdf, value: Any) -> Any:
    """``value`` of ``part`` in ``joined``: what it refers to copied once (qpdf remembers the copies)."""
    if not isinstance(value, pikepdf.Object) or not (isinstance(value, (Array, Dictionary)) or value.is_indirect):
        return value  # a number, name or string
    return joined.copy_foreign(value if value.is_indirect else part.make_indirect(value))


def join(paths: list[str], offsets: list[int], layouts: list[Layout], out: Path) -> None:
    """The parts' PDFs as one: their pages and structure, the metadata of the first, named
    destinations for every anchor and the outline, open when the PDF opens."""
    joined = pikepdf.Pdf.new()
    document = joined.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document))
    state: dict[str, Any] = {"document": document, "kids": [], "nums": [], "next_key": 0}  # made Arrays once:
    # a pikepdf Array grows at a cost that grows with its length
    parts = [pikepdf.open(path) for path in paths]  # open until the joined PDF is written: it reads their streams
    try:
        for number, part in enumerate(parts):
            if number == 0:
                joined.docinfo = joined.make_indirect(Dictionary(dict(part.docinfo.items())))  # title, author...
                for key in ("/Lang", "/ViewerPreferences", "/Metadata"):
                    if key in part.Root:
                        joined.Root[key] = _copy(joined, part, part.Root[key])
            first = len(joined.pages)
            with warnings.catch_warnings():  # pikepdf: the parts' named destinations are not copied (made below)
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                joined.pages.extend(part.pages)
            _add_structure(joined, part, first, state)
        document.K = Array(state["kids"])
        root = joined.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([document]),
                ParentTree=joined.make_indirect(Dictionary(Nums=Array(state["nums"]))),
                ParentTreeNextKey=state["next_key"],
            )
        )
        document.P = root
        joined.Root.StructTreeRoot = root
        joined.Root.MarkInfo = Dictionary(Marked=True)
        _add_destinations(joined, offsets, layouts)
        _add_outline(joined, offsets, layouts)
        joined.Root.PageMode = Name.UseOutlines
        joined.save(
            out,
            min_version="1.7",
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
            fix_metadata_version=False,
        )
    finally:
        for part in parts:
            part.close()


def _add_destinations(joined: pikepdf.Pdf, offsets: list[int], layouts: list[Layout]) -> None:
    """A named destination for every anchor, where the first part that has it places it."""
    anchors: dict[str, tuple[int, float, float]] = {}
    for offset, layout in zip(offsets, layouts):
        for name, (number, x, y) in layout.anchors.items():
            anchors.setdefault(name, (offset + number, x, y))
    pages = [page.obj for page in joined.pages]
    names: list[Any] = []
    for name, (number, x, y) in sorted(anchors.items()):
        names += [String(name), Array([pages[number], Name.XYZ, x, y, 0])]
    joined.Root.Names = Dictionary(Dests=joined.make_indirect(Dictionary(Names=Array(names))))


def _add_outline(joined: pikepdf.Pdf, offsets: list[int], layouts: list[Layout]) -> None:
    """The bookmarks of every part, nested by level, open unless WeasyPrint says closed."""
    with joined.open_outline() as outline:
        parents: list[tuple[int, OutlineItem]] = []  # the open outline levels
        for offset, layout in zip(offsets, layouts):
            for number, level, label, x, y, state in layout.bookmarks:
                while parents and parents[-1][0] >= level:
                    parents.pop()
                item = OutlineItem(label, offset + number, PageLocation.XYZ, left=x, top=y, zoom=0)
                item.is_closed = state == "closed"
                (parents[-1][1].children if parents else outline.root).append(item)
                parents.append((level, item))
