"""Finding quoted passages in a source text.

A quote matches the text regardless of line wraps, runs of whitespace, straight versus
typographic quotes, apostrophes and dashes, and an ellipsis character versus three dots; a line
break right after a hyphen is dropped ("pre-\\nexisting" matches "pre-existing").  Unicode
normalisation is folded too: composed and decomposed accents (NFC), the Latin ligatures of PDF
extraction (NFKC of U+FB00-FB06), and invisible characters (zero-width spaces and joiners, word
joiner, byte-order mark, soft hyphen) are ignored.  Everything else must be exact.  Positions are
always offsets into the raw text, which is never changed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),  # single quotes, prime, acute accent
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),  # double quotes, guillemets
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # hyphens, dashes, minus
        **dict.fromkeys("\u00a0\u2009\u202f\u200a", " "),  # no-break and thin spaces
    }
)


HYPHENS = "-\u2010\u2011"


# what folding changes: whitespace runs other than one plain space (each run matched whole, from its
# first character: written so that the regex engine rejects other positions quickly), and ellipsis characters
_RUN_BREAK = re.compile(r"[^\S ]\s*| \s+|\u2026")
_FOLDED_CHARS = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
# the quick case, most texts: after _FOLD, no whitespace but spaces and line breaks, no ellipsis, and
# no run of spaces without a line break; then every run that changes holds a line break
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)  # str.isspace(), spelt out: a faster regex
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


# ignored when matching: soft hyphen, zero-width space, non-joiner and joiner, word joiner, byte-order mark
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_UNUSUAL = re.compile(f"[{INVISIBLE}{LIGATURES}]")


@dataclass(frozen=True)
class Normalised:
    """Where the characters of a normalised text come from: segment k starts at normalised offset
    ``starts[k]`` and raw offset ``raw_starts[k]``; it copies the raw text one to one when
    ``raw_ends[k]`` is -1, else every character of it stands for raw[raw_starts[k]:raw_ends[k]]
    (a composed accent, a ligature's letters)."""

    starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    raw_ends: tuple[int, ...]

    def start(self, index: int) -> int:
        k = bisect_right(self.starts, index) - 1
        return self.raw_starts[k] + (index - self.starts[k] if self.raw_ends[k] < 0 else 0)

    def end(self, index: int) -> int:
        """The raw end of the normalised character at ``index``."""
        k = bisect_right(self.starts, index) - 1
        return self.raw_starts[k] + index - self.starts[k] + 1 if self.raw_ends[k] < 0 else self.raw_ends[k]


def normalise(raw: str) -> tuple[str, Normalised | None]:
    """``raw`` in NFC with ligatures expanded and invisible characters dropped, and the map back to
    raw offsets (None when ``raw`` is already so, as most texts are: checked in C, line by line)."""
    if not _UNUSUAL.search(raw) and unicodedata.is_normalized("NFC", raw):
        return raw, None
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []  # (start, raw start, raw end), as Normalised keeps them
    length = pos = 0
    for line in raw.split("\n"):
        if _UNUSUAL.search(line) or not unicodedata.is_normalized("NFC", line):
            i = 0
            while i < len(line):
                j = i + 1
                if line[i] not in INVISIBLE:
                    while j < len(line) and unicodedata.combining(line[j]):  # a letter and its accents
                        j += 1
                    cluster = line[i:j]
                    cluster = unicodedata.normalize("NFKC" if cluster[0] in LIGATURES else "NFC", cluster)
                    out.append(cluster)
                    segments.append((length, pos + i, pos + j))
                    length += len(cluster)
                i = j
            out.append("\n")
            segments.append((length, pos + len(line), -1))
            length += 1
        else:
            out.append(line + "\n")
            segments.append((length, pos, -1))
            length += len(line) + 1
        pos += len(line) + 1
    return "".join(out)[:-1], Normalised(*zip(*segments))


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
    normalised: Normalised | None = None  # when the raw text was normalised first (``normalise``)

    def raw_offset(self, index: int) -> int:
        k = bisect_right(self.starts, index) - 1
        offset = self.raw_starts[k] + (index - self.starts[k]) * self.steps[k]
        return offset if self.normalised is None else self.normalised.start(offset)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of folded [start, end)."""
        if self.normalised is None:
            return self.raw_offset(start), self.raw_offset(end - 1) + 1
        last = end - 1
        k = bisect_right(self.starts, last) - 1
        return self.raw_offset(start), self.normalised.end(self.raw_starts[k] + (last - self.starts[k]) * self.steps[k])


def fold(raw: str) -> FoldedText:
    raw, normalised = normalise(raw)
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
    return FoldedText("".join(out), tuple(starts), tuple(raw_starts), tuple(steps), normalised)


def fold_quote(quote: str) -> str:
    quote = normalise(quote)[0]
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


PROBE = 64  # characters of a long quote aligned against the whole text, at its start, middle and end


def closest_passage(raw: str, text: FoldedText, quote: str) -> tuple[int, int] | None:
    """Where the passage of the text that looks most like the quote lies, as a raw span (for error
    messages); None when nothing is alike.  Time grows with the text's length times PROBE, not with
    the quote's length: a long quote is located by three probes, then compared at those places."""
    q = fold_quote(quote)
    folded = text.folded
    if not q or not folded:
        return None
    if len(q) <= 2 * PROBE:
        found = fuzz.partial_ratio_alignment(q, folded)
        if found is None:
            return None
        score, start, end = found.score, found.dest_start, found.dest_end
    else:
        score, start, end = 0.0, 0, 0
        for offset in (0, (len(q) - PROBE) // 2, len(q) - PROBE):
            probe = fuzz.partial_ratio_alignment(q[offset : offset + PROBE], folded)
            if probe is None:
                continue
            at = max(0, probe.dest_start - offset)
            candidate = fuzz.ratio(q, folded[at : at + len(q)])
            if candidate > score:
                score, start, end = candidate, at, min(len(folded), at + len(q))
    if score < 50 or end <= start:
        return None
    while start > 0 and not folded[start - 1].isspace():  # snap outwards to whole words
        start -= 1
    while end < len(folded) and not folded[end].isspace():
        end += 1
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    return text.raw_span(start, end) if end > start else None


_LINE_BREAK_AFTER_HYPHEN = re.compile(r"(?<=\w)([-\u2010\u2011])[ \t]*\r?\n\s*")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def on_one_line(passage: str) -> str:
    """A passage of the raw text as one line that matches it again: line breaks joined as matching
    joins them (a break after a word's hyphen dropped, others a space), every other character as is."""
    return _LINE_BREAK.sub(" ", _LINE_BREAK_AFTER_HYPHEN.sub(r"\1", passage))


def unusual_difference(quote: str, passage: str) -> str | None:
    """What differs between a quote and the passage it was meant to copy, when the difference is one
    a reader cannot see: an invisible or control character, or a look-alike character (another
    script, a compatibility form); None when the first difference is a visible one."""
    a, b = fold_quote(quote), fold_quote(passage)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if i == len(a) == len(b):
        return None
    mine, theirs = a[i : i + 1], b[i : i + 1]
    if all(c.isascii() and c.isprintable() for c in mine + theirs):
        return None
    if (mine and theirs and {mine, theirs} <= set(_QUOTE_MARKS)) or {mine, theirs} <= set(_DASHES):
        return None  # visible punctuation: visible_difference names it

    def name(c: str) -> str:
        return f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}" if c else "nothing"

    same = mine and theirs and unicodedata.normalize("NFKC", mine) == unicodedata.normalize("NFKC", theirs)
    return f"at character {i + 1} the quote has {name(mine)} where the text has {name(theirs)}" + (
        " (the same under compatibility normalisation, NFKC)" if same else ""
    )


def mentions(text: str, names: dict[str, str]) -> dict[str, re.Match[str]]:
    """The first mention in ``text`` of each entity, by id, given ``names`` (name or alias -> id):
    whole words, the longest name first where names overlap. The site links exactly these."""
    if not names:
        return {}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
    )
    found: dict[str, re.Match[str]] = {}
    for match in pattern.finditer(text):
        found.setdefault(names[match[1]], match)
    return found


def near_spelling(text: str, names: tuple[str, ...]) -> str | None:
    """A word of ``text`` that looks like one of ``names`` (a longer form, other case or accents):
    "Su-30MK2" for "Su-30", "Chavez" for "Chávez"."""

    def plain(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()

    words = re.findall(r"\w[\w.'’-]*\w|\w", text)
    for name in names:
        size = len(name.split())
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i : i + size])
            if plain(candidate).startswith(plain(name)):
                return candidate
    return None


def visible_difference(quote: str, passage: str) -> str | None:
    """The first visible difference between a quote and the raw passage it was meant to copy, with
    the word marked and the kind of difference named: a typo, a missing or extra word, a word
    broken over a line with a hyphen, another quote mark or dash. None when they match."""
    mine, theirs = fold_quote(quote).split(), fold_quote(passage).split()
    shown = on_one_line(passage).split()
    shown = shown if len(shown) == len(theirs) else theirs  # the words as the .txt writes them
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = ("…" if j1 > 4 else "") + " ".join(shown[max(0, j1 - 4) : j1]) + " " if j1 else ""
        ours, text = " ".join(mine[i1:i2]), " ".join(shown[j1:j2])
        if tag == "delete":
            found = f"“{before}⟨{ours}⟩” is not in the text (an extra word)"
        elif tag == "insert":
            found = f"the quote leaves out “{before}⟨{text}⟩” (a missing word)"
        else:
            kind = _kind(ours, " ".join(theirs[j1:j2]), passage)
            found = f"the quote has “{before}⟨{ours}⟩” where the text has ⟨{text}⟩ ({kind})"
        return f"the first difference, marked: {found}"
    return None


_QUOTE_MARKS = "'\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2032\u2033`\u00b4"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"


def _kind(mine: str, theirs: str, passage: str) -> str:
    """What kind of difference two differing runs of words show."""
    if mine.replace("-", "") == theirs.replace("-", "") and "-" in theirs:
        head = theirs.split("-", maxsplit=1)[0]
        if re.search(re.escape(head) + r"[-\u2010\u2011][ \t]*\r?\n", passage):
            return "the text breaks this word over two lines with a hyphen; keep the hyphen, as the text has it"
        return "a hyphen"
    if len(mine) == len(theirs):
        pairs = [(a, b) for a, b in zip(mine, theirs) if a != b]
        if all(a in _QUOTE_MARKS and b in _QUOTE_MARKS for a, b in pairs):
            return "another quote mark: copy the one the text has"
        if all(a in _DASHES and b in _DASHES for a, b in pairs):
            return "another dash: copy the one the text has"
    if mine.casefold() == theirs.casefold():
        return "capitals differ"
    if difflib.SequenceMatcher(None, mine, theirs).ratio() >= 0.6:
        return "a typo"
    return "different words"
