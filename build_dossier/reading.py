"""The reading text of a source as HTML: clean paragraphs, quotes highlighted and linked.

Works on raw offsets throughout, so the .txt stays untouched: boilerplate is skipped, declared
corrections are shown with the original on hover, hard-wrapped lines are joined when the
source is declared ``wrapped``, and bullets become lists.  Everything is escaped.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import escape

from .model import Source

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
    raw = source.text
    claims = source.claims
    omitted = [b.span for b in source.boilerplate]
    corrections = {c.span.start: c for c in source.corrections}
    correction_spans = [c.span for c in source.corrections]
    by_start = sorted(claims, key=lambda c: (c.span.start, c.number))
    by_end = sorted(claims, key=lambda c: (c.span.end, c.number))
    cuts = {p for c in claims for p in (c.span.start, c.span.end)}
    for span in omitted + correction_spans:
        cuts.update((span.start, span.end))
    ordered_cuts = sorted(cuts)

    out: list[str] = []
    pending_anchor: list[str] = []
    pending_refs: list = []
    open_list = False
    next_start = next_end = 0  # positions in by_start / by_end

    def flush_anchors() -> None:
        for cid in pending_anchor:
            out.append(f'<span class="dossier-anchor" id="quote-{cid}"></span>')
        pending_anchor.clear()

    def flush_refs() -> None:
        for claim in pending_refs:
            out.append(
                f'<a class="dossier-qref" href="#claim-{claim.id}" title="{escape(claim.text)}">'
                f'<span class="dossier-sr">claim </span>{claim.number}</a>'
            )
        pending_refs.clear()

    for block in blocks(raw, source.wrapped):
        pieces = _pieces(block, ordered_cuts, omitted)
        visible = [(a, b) for a, b in pieces if raw[a:b].strip() and not _inside(a, b, omitted)]
        if not visible:
            continue
        if block.kind == "li" and not open_list:
            out.append("<ul>")
            open_list = True
        elif block.kind == "p" and open_list:
            out.append("</ul>")
            open_list = False
        out.append(f"<{block.kind}>")
        pending_space = joined = False
        started = False
        for a, b in pieces:
            while next_start < len(by_start) and by_start[next_start].span.start < b:
                pending_anchor.append(by_start[next_start].id)
                next_start += 1
            if _inside(a, b, omitted):
                continue
            segment = raw[a:b]
            fix = corrections.get(a)
            if _inside(a, b, correction_spans):
                text = fix.reading if fix else ""
                lead = trail = False
            else:
                if source.wrapped:
                    segment = _HYPHEN_BREAK.sub(r"\1", segment)
                text = " ".join(segment.split())
                lead, trail = segment[:1].isspace(), segment[-1:].isspace()
            if lead and started and not joined:
                pending_space = True
            if text:
                if pending_space:
                    out.append(" ")
                pending_space = False
                flush_anchors()
                covering = [c.id for c in claims if c.span.start <= a and b <= c.span.end]
                shown = escape(text)
                if fix:
                    shown = (
                        f'<span class="dossier-correction" title="{escape(fix.note or "Corrected")}: the source '
                        f'text reads &quot;{escape(raw[fix.span.start : fix.span.end])}&quot;">{shown}</span>'
                    )
                if covering:
                    shown = f'<mark class="dossier-quote" data-claims="{" ".join(covering)}">{shown}</mark>'
                out.append(shown)
                started = True
                tail = raw[a:b].rstrip()
                joined = (
                    source.wrapped
                    and tail[-1:] in "-\u2010\u2011"
                    and tail[-2:-1].isalnum()
                    and "\n" in raw[a:b][len(tail) :]
                )
                pending_space = trail and not joined
            while next_end < len(by_end) and by_end[next_end].span.end <= b:
                pending_refs.append(by_end[next_end])
                next_end += 1
            if pending_refs and text:
                flush_refs()
        flush_anchors()
        flush_refs()
        out.append(f"</{block.kind}>")
    if open_list:
        out.append("</ul>")
    lang = escape(source.language)
    return f'<div class="dossier-reading" lang="{lang}">' + "".join(out).replace("</p><", "</p>\n<") + "</div>"


def _pieces(block: Block, cuts: list[int], omitted) -> list[tuple[int, int]]:
    inner = [c for c in cuts if block.start < c < block.end]
    edges = [block.start, *inner, block.end]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _inside(a: int, b: int, spans) -> bool:
    return any(s.start <= a and b <= s.end for s in spans)
