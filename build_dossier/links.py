"""Links to the original page: the quote as a URL text fragment (``#:~:text=``).

A browser that supports text fragments (https://wicg.github.io/scroll-to-text-fragment/) opens the
page scrolled to the first occurrence of the quote, highlighted; the others open the page itself.
"""

from __future__ import annotations

import re
from urllib.parse import quote as _percent

LONG_QUOTE = 80  # characters from which a quote is given by its first and last words (textStart,textEnd)
EDGE_WORDS = 4  # words at each end of a long quote


def fragment_term(text: str) -> str:
    """One term of a text directive: percent-encoded, with the spec's delimiters "-", "," and "&" escaped."""
    return _percent(text, safe="").replace("-", "%2D")  # quote() leaves "-" alone; "," and "&" it encodes


def text_directive(quote: str) -> str:
    """``text=…`` for a quote: the whole quote, or ``textStart,textEnd`` when it is long."""
    words = re.split(r"\s+", quote.strip())  # the page shows line breaks and runs of spaces as one space
    if len(" ".join(words)) >= LONG_QUOTE and len(words) > 2 * EDGE_WORDS:
        return f"text={fragment_term(' '.join(words[:EDGE_WORDS]))},{fragment_term(' '.join(words[-EDGE_WORDS:]))}"
    return f"text={fragment_term(' '.join(words))}"


def quote_link(url: str, quote: str) -> str:
    """The page at ``url`` scrolled to ``quote``; an existing fragment of the URL is replaced."""
    return f"{url.split('#', 1)[0]}#:~:{text_directive(quote)}"
