"""Where each quote sits in the reading text as the site publishes it, for Web Annotations that a
client such as Hypothesis can anchor on the source page.

The published text is the text content of ``reading_html`` (what a browser's ``textContent``
gives): lines joined as the reading text joins them, boilerplate left out, corrections applied,
the claim numbers after each quote included.  A quote is the text from the start of the first
highlight that belongs to its claim to the end of the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from .model import Source
from .reading import reading_html

CONTEXT_CHARS = 32  # prefix and suffix length of a TextQuoteSelector


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector's parts: prefix + exact + suffix occurs in the published text."""

    prefix: str
    exact: str
    suffix: str


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[list[str]] = []  # the claims of each open <mark>
        self.spans: dict[str, list[int]] = {}  # claim id -> [start, end] in the text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self.marks.append((dict(attrs).get("data-claims") or "").split())
            for cid in self.marks[-1]:
                self.spans.setdefault(cid, [self.length, self.length])

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.marks:
            for cid in self.marks.pop():
                self.spans[cid][1] = self.length

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += len(data)


def published_quotes(source: Source, html: str | None = None) -> tuple[str, dict[str, Quote]]:
    """The source's published reading text, and each claim's quote in it (by claim id)."""
    parser = _Text()
    parser.feed(html if html is not None else reading_html(source))
    parser.close()
    text = "".join(parser.parts)
    quotes = {
        cid: Quote(text[max(0, start - CONTEXT_CHARS) : start], text[start:end], text[end : end + CONTEXT_CHARS])
        for cid, (start, end) in parser.spans.items()
    }
    return text, quotes
