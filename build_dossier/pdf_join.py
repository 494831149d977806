"""Joining the parts' PDFs into one, with everything that spans them: named destinations for every
link, the outline, the metadata, and the structure tree that makes the PDF tagged.

WeasyPrint tags each part page by page: its ``/StructTreeRoot`` holds one ``/Document`` element
whose children each belong to one page, and a ``/ParentTree`` numbering each page's marked content
(``/StructParents``) and each link annotation (``/StructParent``).  The joined PDF has one
``/Document`` element with the children of every part in order, and one ``/ParentTree`` whose keys
run on from part to part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    Fit,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


@dataclass
class Layout:
    """What laying out one part tells: its pages, and where its anchors and bookmarks are (page
    in the part, x and y in PDF points from the bottom left)."""

    pages: int
    anchors: dict[str, tuple[int, float, float]]
    bookmarks: list[tuple[int, int, str, float, float, str]]  # page, level, label, x, y, state
    foreign: list[str]  # link targets in other parts
    warnings: list[str]


class _Structure:
    """The joined structure tree: one /Document element, one /ParentTree."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.document = DictionaryObject(
            {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")}
        )
        self.kids = ArrayObject()
        self.document[NameObject("/K")] = self.kids
        self.document_ref = writer._add_object(self.document)
        self.nums = ArrayObject()
        self.next_key = 0

    def add_part(self, reader: PdfReader, first_page: int) -> None:
        """The part's structure (its pages already added from ``first_page`` on), keys moved on."""
        catalog: Any = reader.trailer["/Root"]
        if "/StructTreeRoot" not in catalog:
            return
        root: Any = catalog["/StructTreeRoot"].get_object()
        offset = self.next_key
        for number, original in enumerate(reader.pages):
            page: Any = self.writer.pages[first_page + number]
            key: Any = original["/StructParents"]
            page[NameObject("/StructParents")] = NumberObject(offset + int(key))
            for link in page.get("/Annots") or []:
                annotation: Any = link.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(offset + int(annotation["/StructParent"]))
        nums: Any = root["/ParentTree"].get_object()["/Nums"]
        for position in range(0, len(nums), 2):
            number = int(nums[position])
            self.nums += [NumberObject(offset + number), nums[position + 1].clone(self.writer, ignore_fields=["/P"])]
            self.next_key = max(self.next_key, offset + number + 1)
        for document in root["/K"]:
            for kid in document.get_object()["/K"]:
                self.kids.append(kid.clone(self.writer, ignore_fields=["/P"]))

    def finish(self) -> None:
        """Each element's /P set to its parent (the clones left it out), and the tree in the catalog."""
        root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root_ref = self.writer._add_object(root)
        self.document[NameObject("/P")] = root_ref
        root[NameObject("/K")] = ArrayObject([self.document_ref])
        root[NameObject("/ParentTree")] = self.writer._add_object(DictionaryObject({NameObject("/Nums"): self.nums}))
        root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        stack: list[tuple[Any, IndirectObject]] = [(self.kids, self.document_ref)]
        while stack:
            kids, parent = stack.pop()
            for kid in kids:
                if not isinstance(kid, IndirectObject):
                    continue
                element: Any = kid.get_object()
                if element.get("/Type") == "/StructElem":
                    element[NameObject("/P")] = parent
                    children = element.get("/K")
                    if isinstance(children, ArrayObject):
                        stack.append((children, kid))
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})


def join(paths: list[str], offsets: list[int], layouts: list[Layout], out: Path) -> None:
    """The parts' PDFs as one: their pages and structure, the metadata of the first, named
    destinations for every anchor and the outline, open when the PDF opens."""
    writer = PdfWriter()
    structure = _Structure(writer)
    for number, path in enumerate(paths):
        reader = PdfReader(path)
        if number == 0:
            writer.add_metadata(dict(reader.metadata or {}))
            catalog: Any = reader.trailer["/Root"]
            for key in ("/Lang", "/ViewerPreferences", "/Metadata"):
                if key in catalog:
                    writer._root_object[NameObject(key)] = catalog.raw_get(key).clone(writer)
        first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        structure.add_part(reader, first)
    structure.finish()
    anchors: dict[str, tuple[int, float, float]] = {}
    for offset, layout in zip(offsets, layouts):
        for name, (number, x, y) in layout.anchors.items():
            anchors.setdefault(name, (offset + number, x, y))
    names = ArrayObject()
    for name, (number, x, y) in sorted(anchors.items()):
        target = writer.pages[number].indirect_reference
        names += [
            TextStringObject(name),
            ArrayObject([target, NameObject("/XYZ"), FloatObject(x), FloatObject(y), NumberObject(0)]),
        ]
    dests = writer._add_object(DictionaryObject({NameObject("/Names"): names}))
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): dests})
    parents: list[tuple[int, Any]] = []  # the open outline levels
    for offset, layout in zip(offsets, layouts):
        for number, level, label, x, y, state in layout.bookmarks:
            while parents and parents[-1][0] >= level:
                parents.pop()
            item = writer.add_outline_item(
                title=label,
                page_number=offset + number,
                fit=Fit.xyz(x, y, 0),
                parent=parents[-1][1] if parents else None,
                is_open=state != "closed",
            )
            parents.append((level, item))
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    with open(out, "wb") as file:
        writer.write(file)
