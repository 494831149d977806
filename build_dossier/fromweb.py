"""``dossier new --from-html FILE`` and ``--from-url URL``: a source's text and metadata from its web page.

The article's main text and its metadata (title, author, date, site name, canonical address,
language) are extracted with trafilatura; every value is untrusted text, cleaned of control
characters and checked like a value typed on the command line.  The page itself is only read: it
is never copied into ``sources/`` or the site.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DossierError, UsageError
from .links import is_web_url
from .model import MONTHS, PartialDate
from .safefiles import FileRefused, kind_of, read_regular

MAX_PAGE_BYTES = 10_000_000  # a saved article is well under 1 MB; larger files are refused unread
FETCH_TIMEOUT = 20  # seconds
SAVE_HINT = 'save the page from your browser (File › Save Page As…, "Web Page, HTML only") and give that file'
BINARY = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (an office document?)",
    b"\x1f\x8b": "a gzip archive",
}
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class Page:
    """What a web page says about itself; None where it says nothing."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: only the precision the page gives
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


def read_saved_page(path: Path) -> bytes:
    """The bytes of a saved page; DossierError naming the file for anything that is not one."""
    try:
        info = os.stat(path)  # the file named on the command line: a link to it is followed, once
    except OSError as exc:
        raise UsageError(
            f"{path}: {(exc.strerror or 'cannot be read').lower()}; give the file of a page saved from the browser"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise DossierError(f"{path}: this is {kind_of(info.st_mode)}, not a saved page; {SAVE_HINT}")
    if info.st_size > MAX_PAGE_BYTES:
        raise DossierError(
            f"{path}: {info.st_size:,} bytes is too large for a web page (the limit is {MAX_PAGE_BYTES:,}); {SAVE_HINT}"
        )
    try:
        data, size = read_regular(Path(os.path.realpath(path)), MAX_PAGE_BYTES)
    except FileRefused as exc:
        raise DossierError(f"{path}: {exc}") from None
    if data is None:  # it grew while being read
        raise DossierError(f"{path}: {size:,} bytes is too large for a web page; {SAVE_HINT}")
    return data


def fetch_page(url: str) -> tuple[bytes, str]:
    """The page at ``url`` and its final address (after redirects); DossierError when it cannot be had."""
    import http.client
    import urllib.error
    import urllib.request

    if not is_web_url(url):
        raise UsageError(f"--from-url {url!r} is not a web address; give a full http:// or https:// URL")
    request = urllib.request.Request(
        url, headers={"User-Agent": "dossier-new", "Accept": "text/html,application/xhtml+xml"}
    )
    fallback = f"or {SAVE_HINT} with --from-html"
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise DossierError(
                    f"{url}: the server sent {kind}, not a web page; give the address of the article's page"
                )
            data = response.read(MAX_PAGE_BYTES + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise DossierError(
            f"cannot fetch {url}: the server answered {exc.code} {exc.reason}; check the address, {fallback}"
        ) from None
    except urllib.error.URLError as exc:
        raise DossierError(
            f"cannot fetch {url}: {exc.reason} (no network, or the site cannot be reached); {fallback}"
        ) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise DossierError(
            f"cannot fetch {url}: {exc or type(exc).__name__} (no network, or the site cannot be reached); {fallback}"
        ) from None
    if len(data) > MAX_PAGE_BYTES:
        raise DossierError(f"{url}: the page is larger than {MAX_PAGE_BYTES:,} bytes; {fallback}")
    return data, final


def _clean(value: object) -> str | None:
    """An untrusted metadata value on one line, without control characters; None if nothing is left."""
    if not isinstance(value, str):
        return None
    value = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", value).split())
    return value[:1000] or None


def _full_date(text: str) -> bool:
    """Whether ``text`` is a real date given to the day (YYYY-MM-DD)."""
    try:
        return PartialDate.parse(text).precision == "day"
    except ValueError:
        return False


def _precision(date: str, html: str) -> str:
    """The extracted date cut to the precision the page states it with: a full date where the page
    writes one (2019-06-03, 2019/06/03, 3 June 2019, June 3, 2019), else the month, else the year."""
    year, month, day = date.split("-")
    name = MONTHS[int(month)]
    full = (
        rf"{year}-{month}-{day}|{year}/{month}/{day}|{year}{month}{day}T|\b0?{int(day)}(st|nd|rd|th)? "
        rf"{name},? {year}|{name} 0?{int(day)}(st|nd|rd|th)?, {year}"
    )
    if re.search(full, html, re.I):
        return date
    if re.search(rf"{year}-{month}|{year}/{month}|{name},? {year}", html, re.I):
        return f"{year}-{month}"
    return year


def _language(tree: Any) -> str | None:
    values = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[@http-equiv][translate(@http-equiv,'CONTENTLAGU','contentlagu')='content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in values:
        value = (_clean(value) or "").replace("_", "-").split(",")[0].strip()
        primary, _, rest = value.partition("-")
        code = primary.lower() + (f"-{rest}" if rest else "")
        if LANGUAGE.fullmatch(code):
            return code
    return None


def extract(html: bytes, shown: str, url: str | None = None) -> Page:
    """The article's text and metadata; DossierError naming ``shown`` when the page holds no article.
    ``url`` is the address the page was fetched from: its address where it names none (no canonical link)."""
    if not html.strip():
        raise DossierError(f"{shown}: the file is empty; {SAVE_HINT}")
    head = html[:4096]
    for magic, what in BINARY.items():
        if head.startswith(magic):
            raise DossierError(
                f"{shown}: this is {what}, not a web page; {SAVE_HINT} (for a document's text, "
                "save it as a .txt file and run: dossier new FILE)"
            )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DossierError(f"{shown}: this file holds binary data, not a web page; {SAVE_HINT}")
    if b"<" not in head:
        raise DossierError(
            f"{shown}: this is not HTML (no tags at the start); for a plain text file run: dossier new FILE --title …"
        )
    try:
        import trafilatura
    except ImportError:
        raise DossierError(
            "reading a web page needs trafilatura; install it with: pip install "
            "'build-dossier[new]' (make check and make site install it)"
        ) from None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # its findings are reported here, not logged
    tree = trafilatura.load_html(html)
    if tree is None:
        raise DossierError(f"{shown}: this page could not be read as HTML; {SAVE_HINT}")
    found = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise DossierError(
            f"{shown}: no article text was found in this page (a front page, a list of links or a "
            "page drawn by scripts has none); save the article's own page, or copy its text to a "
            "file and run: dossier new FILE --title …"
        )

    def field(name: str) -> str | None:
        return _clean(getattr(found, name, None))

    date, page_url = field("date"), field("url")
    return Page(
        text=text,
        title=field("title"),
        author=field("author"),
        published=_precision(date, html.decode("utf-8", "replace")) if date and _full_date(date) else None,
        outlet=field("sitename"),
        url=page_url if is_web_url(page_url) else url,
        language=_language(tree),
    )
