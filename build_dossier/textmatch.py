"""Finding quoted passages in a source text.

A quote matches the text regardless of line wraps, runs of whitespace, straight versus
typographic quotes, apostrophes and dashes, and an ellipsis character versus three dots; a line
break right after a hyphen is dropped ("pre-\\nexisting" matches "pre-existing").  Everything else
must be exact.  Positions are always offsets into the raw text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ",
})


HYPHENS = "-\u2010\u2011"


@dataclass(frozen=True)
class FoldedText:
    """A text folded for matching, with the raw offset of every folded character."""

    folded: str
    offsets: tuple[int, ...]  # offsets[i] = raw offset of folded[i]; one extra entry = len(raw)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of folded [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def fold(raw: str) -> FoldedText:
    out: list[str] = []
    offsets: list[int] = []
    text = raw.translate(_FOLD)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            # "pre-\nexisting": a line break right after a word's hyphen (not a dash) joins the word
            after_hyphen = (i >= 2 and raw[i - 1] in HYPHENS and text[i - 2].isalnum() and "\n" in text[i:j])
            if not after_hyphen and out and j < n:
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        if ch == "\u2026":
            out.extend("...")
            offsets.extend((i, i, i))
        else:
            out.append(ch)
            offsets.append(i)
        i += 1
    offsets.append(len(raw))
    return FoldedText("".join(out), tuple(offsets))


def fold_quote(quote: str) -> str:
    return fold(quote).folded.strip()


@dataclass(frozen=True)
class Match:
    start: int  # raw offsets
    end: int


def find_all(text: FoldedText, quote: str) -> list[int]:
    """Folded start offsets of every occurrence of an already-folded quote."""
    found, i = [], text.folded.find(quote)
    while i >= 0 and quote:
        found.append(i)
        i = text.folded.find(quote, i + 1)
    return found


def locate(text: FoldedText, quote: str, prefix: str | None = None, suffix: str | None = None) -> list[Match]:
    """Every place the quote (with its prefix/suffix context, if given) occurs, as raw spans."""
    q = fold_quote(quote)
    if not q:
        return []
    pre = fold_quote(prefix) if prefix else ""
    suf = fold_quote(suffix) if suffix else ""
    matches = []
    for start in find_all(text, q):
        end = start + len(q)
        if pre and not text.folded[:start].rstrip().endswith(pre):
            continue
        if suf and not text.folded[end:].lstrip().startswith(suf):
            continue
        matches.append(Match(*text.raw_span(start, end)))
    return matches


def closest_passage(raw: str, text: FoldedText, quote: str, limit: int = 160) -> str:
    """The passage of the text that looks most like the quote (for error messages)."""
    q = fold_quote(quote)
    folded = text.folded
    if not q or not folded:
        return ""
    matcher = difflib.SequenceMatcher(None, folded, q, autojunk=False)
    block = matcher.find_longest_match(0, len(folded), 0, len(q))
    start = max(0, block.a - block.b)
    end = min(len(folded), start + len(q))
    # snap outwards to whole words
    while start > 0 and not folded[start - 1].isspace():
        start -= 1
    while end < len(folded) and not folded[end].isspace():
        end += 1
    passage = folded[start:end].strip()
    return passage if len(passage) <= limit else passage[: limit - 1] + "…"
