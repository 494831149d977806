"""Web addresses: the one test of what is one (``is_web_url``), and links to the original page with
the quote as a URL text fragment (``#:~:text=``).

A browser that supports text fragments (https://wicg.github.io/scroll-to-text-fragment/) opens the
page scrolled to the first occurrence of the quote, highlighted; the others open the page itself.
"""

from __future__ import annotations

import re
from urllib.parse import quote as _percent
from urllib.parse import urlsplit


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is the address of a web page: http(s), a host name with a dot, no spaces or
    control characters, and splittable (an unclosed "[" of an IPv6 host is not)."""
    if not url or not url.startswith(("http://", "https://")) or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    return host is not None and "." in host


def outlet_matches_url(outlet: str, url: str) -> bool:
    """Whether a URL's host plausibly belongs to the outlet (name, squashed name or initials)."""
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        host = ""
    labels = [label for label in host.split(".") if len(label) >= 3][:-1] or host.split(".")[:1]
    words = [w for w in re.findall(r"[a-z0-9]+", outlet.lower()) if w != "the"]
    squashed, initials = "".join(words), "".join(w[0] for w in words)
    return any(label in squashed or squashed in label or (len(initials) > 1 and initials in label) for label in labels)


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
