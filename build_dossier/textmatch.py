"""Finding quoted passages in a source text.

A quote matches the text regardless of line wraps, runs of whitespace, straight versus
typographic quotes, apostrophes and dashes, and an ellipsis character versus three dots; a line
break right after a hyphen is dropped ("pre-\\nexisting" matches "pre-existing").  Everything else
must be exact.  Positions are always offsets into the raw text.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ",
})


HYPHENS = "-\u2010\u2011"


# what folding changes: whitespace runs other than one plain space (each run matched whole, from its
# first character: written so that the regex engine rejects other positions quickly), and ellipsis characters
_RUN_BREAK = re.compile(r"[^\S ]\s*| \s+|\u2026")
_FOLDED_CHARS = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
# the quick case, most texts: after _FOLD, no whitespace but spaces and line breaks, no ellipsis, and
# no run of spaces without a line break; then every run that changes holds a line break
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")  # str.isspace(), spelt out: a faster regex
_OTHER_SPACE = re.compile("[" + re.escape(WHITESPACE.replace(" ", "").replace("\n", "")) + "]")
_LINE_BREAK_RUN = re.compile(r"\n[ \n]*")  # plus the spaces before it: found fast (a literal first)


def _quick(text: str, lo: int, hi: int) -> bool:
    if "\u2026" in text or _OTHER_SPACE.search(text):
        return False
    i = text.find("  ", lo, hi)
    while i >= 0:  # a run of spaces must touch a line break
        start, end = i, i + 2
        while text[start - 1] == " ":
            start -= 1
        while text[end] == " ":
            end += 1
        if text[start - 1] != "\n" and text[end] != "\n":
            return False
        i = text.find("  ", end, hi)
    return True


def _translate(raw: str) -> str:
    """``raw.translate(_FOLD)``, faster: texts contain few of the characters folded."""
    return _FOLDED_CHARS.sub(lambda m: _FOLD[ord(m[0])], raw)


@dataclass(frozen=True)
class FoldedText:
    """A text folded for matching, and how to map folded offsets back to raw ones.

    The folded text is a sequence of segments; segment k starts at folded offset ``starts[k]``
    and raw offset ``raw_starts[k]``, and either copies the raw text one to one (``step`` 1) or
    stands for a single raw character (``step`` 0: a whitespace run's space, an ellipsis).
    """

    folded: str
    starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    steps: tuple[int, ...]

    def raw_offset(self, index: int) -> int:
        k = bisect_right(self.starts, index) - 1
        return self.raw_starts[k] + (index - self.starts[k]) * self.steps[k]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of folded [start, end)."""
        return self.raw_offset(start), self.raw_offset(end - 1) + 1


def fold(raw: str) -> FoldedText:
    text = _translate(raw)
    out: list[str] = []
    starts: list[int] = []
    raw_starts: list[int] = []
    steps: list[int] = []
    length = 0
    stripped = text.strip()
    lo = text.index(stripped[0]) if stripped else 0
    hi = lo + len(stripped)
    last = lo
    quick = _quick(text, lo, hi)
    for match in (_LINE_BREAK_RUN if quick else _RUN_BREAK).finditer(text, lo, hi):  # hot: segments inline
        start, end = match.span()
        if quick:
            while text[start - 1] == " ":
                start -= 1
        if start > last:
            out.append(text[last:start])
            starts.append(length)
            raw_starts.append(last)
            steps.append(1)
            length += start - last
        run = text[start:end]
        if run == "\u2026":
            out.append("...")
            starts.append(length)
            raw_starts.append(start)
            steps.append(0)
            length += 3
        # "pre-\nexisting": a line break right after a word's hyphen (not a dash) joins the word
        elif not (start >= 2 and raw[start - 1] in HYPHENS and text[start - 2].isalnum() and "\n" in run):
            out.append(" ")
            starts.append(length)
            raw_starts.append(start)
            steps.append(0)
            length += 1
        last = end
    if last < hi:
        out.append(text[last:hi])
        starts.append(length)
        raw_starts.append(last)
        steps.append(1)
    return FoldedText("".join(out), tuple(starts), tuple(raw_starts), tuple(steps))


def fold_quote(quote: str) -> str:
    text = _translate(quote).strip()
    if not _RUN_BREAK.search(text):  # nothing to join or expand: most quotes
        return text
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
    folded = text.folded
    for start in find_all(text, q):
        end = start + len(q)
        if pre:  # folded[:start].rstrip().endswith(pre), without copying the text
            before = start
            while before and folded[before - 1].isspace():
                before -= 1
            if not folded.endswith(pre, 0, before):
                continue
        if suf:  # folded[end:].lstrip().startswith(suf)
            after = end
            while after < len(folded) and folded[after].isspace():
                after += 1
            if not folded.startswith(suf, after):
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
