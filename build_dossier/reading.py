"""The reading text of a source as HTML: clean paragraphs, quotes highlighted and linked.

Works on raw offsets throughout, so the .txt stays untouched: boilerplate is skipped, declared
corrections are shown with the original on hover, hard-wrapped lines are joined when the
source is declared ``wrapped``, and bullets become lists.  Everything is escaped.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .model import Claim, Source, Span

_BULLET = re.compile(r"[ \t]*[•·▪◦*\-–][ \t]+")
_HYPHEN_BREAK = re.compile(r"(?<=\w)([-\u2010\u2011])[ \t]*\r?\n\s*")  # a word's hyphen at a line end


@dataclass(frozen=True)
class Block:
    kind: str  # "p" or "li"
    start: int
    end: int


def blocks(raw: str, wrapped: bool) -> list[Block]:
    """Paragraphs and list items: lines when not wrapped, blank-line separated paragraphs when wrapped."""
    found: list[Block] = []
    current: Block | None = None
    pos = 0
    for line in raw.split("\n"):
        start, end = pos, pos + len(line.rstrip("\r"))
        pos += len(line) + 1
        if not raw[start:end].strip():
            current = None
            continue
        bullet = _BULLET.match(raw, start, end)
        if bullet or not wrapped or current is None:
            current = Block("li" if bullet else "p", bullet.end() if bullet else start, end)
            found.append(current)
        else:
            current = found[-1] = Block(current.kind, current.start, end)
    return found


def reading_html(source: Source) -> str:
    """The source's reading text as HTML, block by block (``_Reading`` keeps what runs across pieces)."""
    reading = _Reading(source)
    for block in blocks(source.text, source.wrapped):
        reading.block(block)
    return reading.html()


class _Reading:
    """The reading text being written.  A block is cut into pieces at every edge of a quote, a
    passage left out and a correction; between pieces it carries the anchors and claim references
    still to be placed, and whether a space is due."""

    def __init__(self, source: Source):
        self.source, self.raw = source, source.text
        self.omitted = [b.span for b in source.boilerplate]
        self.corrections = {c.span.start: c for c in source.corrections}
        self.corrected = [c.span for c in source.corrections]
        edges = {p for c in source.claims for p in (c.span.start, c.span.end)}
        edges.update(p for span in self.omitted + self.corrected for p in (span.start, span.end))
        self.cuts = sorted(edges)
        self.starting = deque(sorted(source.claims, key=lambda c: (c.span.start, c.number)))  # anchors to place
        self.ending = deque(sorted(source.claims, key=lambda c: (c.span.end, c.number)))  # references to place
        self.out: list[str] = []
        self.anchors: list[str] = []  # claims whose quote starts here: anchored before the next text
        self.refs: list[Claim] = []  # claims whose quote ended: referenced after the next text
        self.in_list = False
        self.space = False  # a space is due before the next text of the block
        self.joined = False  # the last text ended in a hyphen joined across a line break
        self.started = False  # the block has text

    def block(self, block: Block) -> None:
        pieces = _pieces(block, self.cuts)
        if not any(self.raw[a:b].strip() and not _inside(a, b, self.omitted) for a, b in pieces):
            return
        if (block.kind == "li") != self.in_list:
            self.out.append("<ul>" if block.kind == "li" else "</ul>")
            self.in_list = block.kind == "li"
        self.out.append(f"<{block.kind}>")
        self.space = self.joined = self.started = False
        for a, b in pieces:
            self.piece(a, b)
        self._place_anchors()
        self._place_refs()
        self.out.append(f"</{block.kind}>")

    def piece(self, a: int, b: int) -> None:
        while self.starting and self.starting[0].span.start < b:
            self.anchors.append(self.starting.popleft().id)
        if _inside(a, b, self.omitted):
            return
        text, lead, trail = self._text(a, b)
        if lead and self.started and not self.joined:
            self.space = True
        if text:
            self._write(a, b, text)
            self.space = trail and not self.joined
        while self.ending and self.ending[0].span.end <= b:
            self.refs.append(self.ending.popleft())
        if self.refs and text:
            self._place_refs()

    def _text(self, a: int, b: int) -> tuple[str, bool, bool]:
        """The piece's text as shown (a correction's reading, or whitespace runs made one space),
        and whether it starts and ends with whitespace."""
        if _inside(a, b, self.corrected):
            fix = self.corrections.get(a)
            return (fix.reading if fix else ""), False, False
        segment = self.raw[a:b]
        if self.source.wrapped:
            segment = _HYPHEN_BREAK.sub(r"\1", segment)
        return " ".join(segment.split()), segment[:1].isspace(), segment[-1:].isspace()

    def _write(self, a: int, b: int, text: str) -> None:
        if self.space:
            self.out.append(" ")
        self.space = False
        self._place_anchors()
        shown = escape(text)
        fix = self.corrections.get(a)
        if fix:
            shown = (
                f'<span class="dossier-correction" title="{escape(fix.note or "Corrected")}: the source '
                f'text reads &quot;{escape(self.raw[fix.span.start : fix.span.end])}&quot;">{shown}</span>'
            )
        covering = [c.id for c in self.source.claims if c.span.start <= a and b <= c.span.end]
        if covering:
            shown = f'<mark class="dossier-quote" data-claims="{" ".join(covering)}">{shown}</mark>'
        self.out.append(shown)
        self.started = True
        tail = self.raw[a:b].rstrip()
        self.joined = (
            self.source.wrapped
            and tail[-1:] in "-\u2010\u2011"
            and tail[-2:-1].isalnum()
            and "\n" in self.raw[a:b][len(tail) :]
        )

    def _place_anchors(self) -> None:
        self.out.extend(f'<span class="dossier-anchor" id="quote-{cid}"></span>' for cid in self.anchors)
        self.anchors.clear()

    def _place_refs(self) -> None:
        self.out.extend(
            f'<a class="dossier-qref" href="#claim-{claim.id}" title="{escape(claim.text)}">'
            f'<span class="dossier-sr">claim </span>{claim.number}</a>'
            for claim in self.refs
        )
        self.refs.clear()

    def html(self) -> str:
        body = "".join(self.out) + ("</ul>" if self.in_list else "")
        return (
            f'<div class="dossier-reading" lang="{escape(self.source.language)}">'
            + body.replace("</p><", "</p>\n<")
            + "</div>"
        )


def _pieces(block: Block, cuts: list[int]) -> list[tuple[int, int]]:
    inner = [c for c in cuts if block.start < c < block.end]
    edges = [block.start, *inner, block.end]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _inside(a: int, b: int, spans: Iterable[Span]) -> bool:
    return any(s.start <= a and b <= s.end for s in spans)
