"""``dossier quote``: an exact quote from a source's text, given its first and last words, ready
to paste into the annotation (no copying by hand, so no typo, no wrong quote mark)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .discovery import MAX_TEXT_BYTES, SLUG
from .errors import DossierError, UsageError
from .safefiles import FileRefused, read_regular
from .textmatch import fold, locate, on_one_line
from .yamlfile import decode_text

ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def passage(raw: str, words: str) -> tuple[int, int]:
    """The raw span from the first words to the last words ("first words … last words"), or of
    the words themselves when there is no ellipsis; DossierError says what is missing or ambiguous."""
    folded = fold(raw)
    first, last = words.strip(), ""
    if ELLIPSIS.search(first):
        first, last = (part.strip() for part in ELLIPSIS.split(first, maxsplit=1))
    if not first:
        raise UsageError("give the first words of the passage, then … and its last words")
    starts = locate(folded, first)
    if not starts:
        raise DossierError(f"“{first}” is not in the text; give words copied from it")
    if len(starts) > 1:
        lines = ", ".join(str(raw.count("\n", 0, m.start) + 1) for m in starts[:5])
        raise DossierError(f"“{first}” occurs {len(starts)} times in the text (lines {lines}); give more first words")
    start, end = starts[0].start, starts[0].end
    if last:
        ends = [m for m in locate(folded, last) if m.start >= start]
        if not ends:
            raise DossierError(f"“{last}” does not occur after “{first}” in the text; give words copied from it")
        end = ends[0].end
    return start, end


def quote_lines(root: Path, slug: str, words: str, sources_dir: str = "sources") -> list[str]:
    """YAML lines for the passage of <sources_dir>/<slug>.txt: ``quote:``, and ``prefix:`` when the
    passage occurs more than once."""
    if not SLUG.match(slug):
        raise UsageError(f"{slug!r} is not a source slug; give the name of a {sources_dir}/<slug>.txt without .txt")
    shown = f"{sources_dir}/{slug}.txt"
    path = root / shown
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"{shown} does not exist; give the slug of a source")
    try:
        data, size = read_regular(path, MAX_TEXT_BYTES)
    except FileRefused as exc:
        raise DossierError(f"{shown}: {exc}") from None
    if data is None:
        raise DossierError(f"{shown} is {size:,} bytes, over the limit for one source")
    raw, problems = decode_text(data, shown, "source text")
    if raw is None:
        raise DossierError("; ".join(d.message for d in problems))
    start, end = passage(raw, words)
    text = on_one_line(raw[start:end])
    lines = [f"quote: {json.dumps(text, ensure_ascii=False)}"]
    if len(locate(fold(raw), text)) > 1:
        before = on_one_line(raw[max(0, start - 60) : start]).split()[-4:]
        lines.append(f"prefix: {json.dumps(' '.join(before), ensure_ascii=False)}")
    return lines
