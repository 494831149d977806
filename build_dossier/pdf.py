"""The offline PDF: the whole dossier as one printable document, rendered from the model with WeasyPrint.

One HTML document (``templates/print/``, ``assets/print.css``) in this order: cover, contents,
methodology (``docs/methodology.md``, if present), topics, sources, claims index, timeline,
entities.  Every link target has a document-wide id: ``claim-<id>`` and ``quote-<id>`` on the
source pages (claim ids are unique dossier-wide; ``reading_html`` emits ``quote-<id>`` and
links back to ``#claim-<id>``), ``topic-<topic>--<claim>`` for a claim's entry on a topic page
(ids never contain ``--``), ``source-<slug>``, ``topic-<id>``, ``entity-<id>``, ``entities-<type>``
and ``year-<yyyy>``.  WeasyPrint turns them into named destinations, so every internal link
resolves inside the PDF, and turns the chapter and section headings into the PDF outline.

Only elements that are link targets get an id: WeasyPrint's pagination does work for every id
times every page reference (``target-counter``), so ids nobody links to only cost time.

Run it in a subprocess (``python -m build_dossier.pdf ROOT OUT``) so WeasyPrint's memory is
returned to the system when it ends.  Page references are ``target-counter()``; the layout uses
three small replacements inside WeasyPrint 70 (at the end of this module) that make them linear
and lay out each page at most twice.  ``SOURCE_DATE_EPOCH`` fixes the build date and the PDF's
creation and modification dates: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import re
import sys
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .data import Publication
from .errors import DossierError, ValidationFailed
from .index import Index, build_index
from .model import Claim, Dossier, PartialDate, Source
from .reading import reading_html
from .render import KIND_LABELS, STATUS_LABELS, Renderer

ENTITY_GROUPS = (("person", "People"), ("organisation", "Organisations"), ("weapon-system", "Weapon systems"),
                 ("aircraft", "Aircraft"))
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) address: the only kind of external link the PDF carries."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url.startswith(("http://", "https://"))


def build_moment() -> datetime:
    """When the build happens: SOURCE_DATE_EPOCH when set (reproducible builds), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def methodology_html(root: Path) -> str | None:
    """``docs/methodology.md`` (hand-written, trusted) as HTML without its title, or None if absent.

    Its headings are demoted below the chapter heading, and links that would not work in a PDF
    (relative or fragment links to the website) keep their text but lose the link.
    """
    path = Path(root) / "docs" / "methodology.md"
    if not path.is_file():
        return None
    import markdown

    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        text = "\n".join(lines[1:])
    html = markdown.markdown(text, extensions=["tables"], output_format="html")

    def link(match: re.Match) -> str:
        href = match[1]
        if not is_web_url(href):
            return match[2]
        shown = re.sub(r"<[^>]+>", "", match[2]).strip()
        kind = "url" if shown in (href, href.replace("&amp;", "&")) else "ext"  # an address shown once, not twice
        return f'<a class="{kind}" href="{href}">{match[2]}</a>'

    html = _HREF.sub(link, html)
    return re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html)


class _View:
    """What the print templates need, computed once: labels, lookups and link helpers."""

    def __init__(self, dossier: Dossier, index: Index, site_url: str | None, built: date):
        self.dossier, self.index = dossier, index
        self.sources = {s.slug: s for s in dossier.sources}
        self.topics = {t.id: t for t in dossier.topics}
        self.entities = {e.id: e for e in dossier.entities}
        self.site_url = site_url if is_web_url(site_url) else None
        self.pub = Publication(dossier, index, self.site_url, built)
        self._renderer = Renderer(dossier, index, site_url=self.site_url, built=built)

    def source_of(self, claim: Claim) -> Source:
        return self.sources[claim.source]

    def when(self, claim: Claim) -> PartialDate:
        return claim.event_date or self.sources[claim.source].published

    def sentence(self, claim: Claim) -> Markup:
        """The claim's sentence, escaped, with the names of its entities linked to the entities chapter."""
        return self._renderer.link_entities(claim, lambda eid: f"#entity-{eid}")

    def reading(self, source: Source) -> Markup:
        return Markup(reading_html(source))

    def rows(self) -> list[Claim]:
        """Every claim for the claims index: newest event first, as on the website."""
        return sorted(self.dossier.claims.values(), key=lambda c: (self.when(c), c.source, -c.number), reverse=True)

    def covering(self, claims) -> list[tuple[Source, int]]:
        counts: dict[str, int] = {}
        for claim in claims:
            counts[claim.source] = counts.get(claim.source, 0) + 1
        return [(s, counts[s.slug]) for s in self.dossier.sources if s.slug in counts]

    def entity_groups(self) -> list[tuple[str, str, list]]:
        groups = []
        for kind, label in ENTITY_GROUPS:
            members = sorted((e for e in self.dossier.entities if e.type == kind), key=lambda e: (e.name.casefold(), e.id))
            if members:
                groups.append((kind, label, members))
        known = {kind for kind, _ in ENTITY_GROUPS}
        others = sorted((e for e in self.dossier.entities if e.type not in known), key=lambda e: (e.name.casefold(), e.id))
        if others:
            groups.append(("other", "Other", others))
        return groups


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates/print"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.tests["web_url"] = is_web_url
    return env


def render_pdf_html(dossier: Dossier, index: Index | None, *, site_url: str | None, build_date: date,
                    methodology: str | None = None, created: datetime | None = None) -> str:
    """The print HTML of the whole dossier: one document, styles inline, ready for WeasyPrint.

    ``methodology`` is trusted HTML (see ``methodology_html``); ``created`` is the moment written
    into the PDF's metadata (default: midnight UTC of ``build_date``).
    """
    index = index or build_index(dossier)
    view = _View(dossier, index, site_url, build_date)
    moment = created or datetime(build_date.year, build_date.month, build_date.day, tzinfo=timezone.utc)
    stamp = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    css = resources.files(__package__).joinpath("assets", "print.css").read_text("utf-8")
    return _environment().get_template("dossier.html.j2").render(
        dossier=dossier, index=index, v=view, pub=view.pub, site_url=view.site_url,
        built=PartialDate(build_date.year, build_date.month, build_date.day), stamp=stamp,
        methodology=Markup(methodology) if methodology else None, css=Markup(css),
        status_labels=STATUS_LABELS, kind_labels=KIND_LABELS)


class _Warnings(logging.Handler):
    """WeasyPrint's warnings and errors (bad CSS, a missing link target), kept to be reported."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def html_to_pdf(html: str, out, base_url: str | None = None) -> list[str]:
    """Lay out ``html`` with WeasyPrint and write the PDF to ``out`` (a path or a binary file);
    returns WeasyPrint's warnings."""
    handler = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        with _linear_target_counters():
            document = _html_class()(string=html, base_url=base_url).render()
        document.write_pdf(out)
    finally:
        logger.removeHandler(handler)
    return handler.messages


def write_pdf(root: Path, out: Path, *, site_url: str | None = None) -> None:
    """Load the dossier under ``root``, render it and write the PDF to ``out`` atomically
    (a temporary file beside it, then a rename): readers never see a half-written PDF.

    Raises ValidationFailed (the sources have errors) or DossierError; WeasyPrint's warnings go to
    standard error.
    """
    from .load import load

    root = Path(root).resolve()
    dossier = load(root)
    moment = build_moment()
    html = render_pdf_html(dossier, build_index(dossier), site_url=site_url, build_date=moment.date(),
                           methodology=methodology_html(root), created=moment)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        warnings = html_to_pdf(html, tmp, base_url=(root / "docs").as_uri() + "/")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    for message in dict.fromkeys(warnings):
        print(f"dossier pdf: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m build_dossier.pdf ROOT OUT [--site-url URL]``: 0 written, 1 failed (one line on
    standard error), 2 usage error."""
    parser = argparse.ArgumentParser(prog="python -m build_dossier.pdf", description="Write the dossier as one PDF.")
    parser.add_argument("root", type=Path, help="project folder (with sources/ and, optionally, docs/methodology.md)")
    parser.add_argument("out", type=Path, help="the PDF to write (replaced atomically)")
    parser.add_argument("--site-url", help="the published site's http(s) address, printed on the cover")
    args = parser.parse_args(argv)
    if args.site_url and not is_web_url(args.site_url):
        print(f"dossier pdf: --site-url {args.site_url!r} is not an http(s) address", file=sys.stderr)
        return 2
    try:
        write_pdf(args.root, args.out, site_url=args.site_url)
    except ValidationFailed as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        first = f" (first: {errors[0].format()})" if errors else ""
        print(" ".join(f"dossier pdf: {exc}{first}; run 'dossier check' to see them all".split()), file=sys.stderr)
        return 1
    except (DossierError, OSError) as exc:
        print(" ".join(f"dossier pdf: {exc}".split()), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line; DOSSIER_DEBUG=1 shows the traceback
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(f"dossier pdf: internal error ({type(exc).__name__}: {exc}); rerun with DOSSIER_DEBUG=1 for "
              "details", file=sys.stderr)
        return 1
    return 0


# ---- WeasyPrint 70, tuned for one long document ----------------------------------------------
#
# Three replacements, used only while this module lays out a document and only on the WeasyPrint
# versions they were checked against (DOSSIER_PDF_UNPATCHED=1 turns them off).  The PDF is the
# same, byte for byte, wherever WeasyPrint's own page references are right; on a synthetic dossier
# of 25 sources (136 pages) WeasyPrint alone printed 170 of 2,702 page numbers one too low, as
# targets moved in its last pass, and took a third longer with a third more memory; the gap grows
# with the document (the replaced loop is quadratic).

_TUNED_FOR = ("70.0",)


def _cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index, page_maker):
    """``TargetCollector.cache_target_page_counters``: tell the page references to ``anchor_name``
    that its page is known or changed, so that their pages are laid out again.

    WeasyPrint's own, called for every id on every page laid out, loops over every page reference
    of the document (quadratic: minutes at a few hundred sources) and marks a reference whenever
    any counter of the target's page changed, the page total included.  This one finds the
    references in an index built once pagination starts (they are fixed by then:
    ``collect_missing_counters`` does nothing once ``collecting`` is off) and marks a reference
    only when a counter it shows changed.
    """
    if self.collecting:
        return
    item = self.target_lookup_items.get(anchor_name)
    if not item or item.state != "up-to-date":
        return
    item.page_maker_index = page_maker_index
    previous = item.cached_page_counter_values
    if previous == page_counter_values:
        return
    item.cached_page_counter_values = copy.deepcopy(page_counter_values)
    index = self.__dict__.get("_dossier_lookups")
    if index is None or index[0] != len(self.counter_lookup_items):
        by_anchor: dict[str, list] = {}
        for (_, css_token), lookup in self.counter_lookup_items.items():
            if css_token == "content":
                for name in lookup.missing_target_counters:
                    by_anchor.setdefault(name, []).append(lookup)
        index = self._dossier_lookups = (len(self.counter_lookup_items), by_anchor)
    for lookup in index[1].get(anchor_name, ()):
        missing_counters = lookup.missing_target_counters.get(anchor_name)
        if missing_counters is None:
            continue
        if lookup.page_maker_index is None or lookup.page_maker_index >= len(page_maker):
            lookup.pending = True
            continue
        for counter_name in missing_counters:
            if page_counter_values.get(counter_name) is not None and \
                    page_counter_values.get(counter_name) != previous.get(counter_name):
                page_maker[lookup.page_maker_index][-1]["content_changed"] = True
                lookup.parse_again(lookup.cached_page_counter_values)
                break


def _target_anchors(box) -> list[str | None]:
    """The anchor names the ``target-counter()`` calls in a box's ``content`` point to, resolved
    as ``TargetCollector.lookup_target`` resolves them."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    names = []
    for type_, value in box.style["content"] if isinstance(box.style["content"], (list, tuple)) else ():
        if type_ not in ("target-counter()", "target-counters()"):
            continue
        token = value[0]
        if token[0] == "attr()":
            attr_name, attr_type, fallback = token[1]
            attr_value = box.element.get(attr_name, fallback)
            if attr_type == "string":
                token = ("string", attr_value)
            elif attr_type == "url":
                token = ("url", get_url_tuple(attr_value, box.style.base_url))
        names.append(anchor_name_from_token(token))
    return names


def _collect_missing_counters(original):
    """``TargetCollector.collect_missing_counters``, given what ``compute_content_list`` meant to give.

    ``compute_content_list`` (formatting_structure/build.py) files the counters that a
    ``target-counter(attr(href), page)`` misses under the anchor name of the *unresolved* token,
    None, so news of a target's page never reached the references to it; and it rebinds its
    ``missing_counters`` to that same list, so every reference claimed to show its own page's
    counters.  References got their numbers only because each was laid out again whenever its
    own page's counters changed: three layouts of every page with a reference, and a stale number
    when a target moved in the last pass.  Here the list is filed under the anchor the reference
    points to and the alias is dropped: a reference is laid out again when its target's page is
    known or changes, and only then.
    """

    def collect(self, parent_box, css_token, parse_again_function, missing_counters, missing_target_counters):
        if None in missing_target_counters and css_token == "content":
            names = set(_target_anchors(parent_box))
            if len(names) == 1 and None not in names:
                missing_target_counters = dict(missing_target_counters)
                missing_target_counters[names.pop()] = missing_target_counters.pop(None)
        if any(missing_counters is counters for counters in missing_target_counters.values()):
            missing_counters = []
        return original(self, parent_box, css_token, parse_again_function, missing_counters,
                        missing_target_counters)

    return collect


def _tuned() -> bool:
    import weasyprint

    return weasyprint.__version__ in _TUNED_FOR and not os.environ.get("DOSSIER_PDF_UNPATCHED")


@contextmanager
def _linear_target_counters():
    """The two ``TargetCollector`` replacements above, for the duration of a layout."""
    from weasyprint.css.targets import TargetCollector

    if not _tuned():
        yield
        return
    originals = TargetCollector.cache_target_page_counters, TargetCollector.collect_missing_counters
    TargetCollector.cache_target_page_counters = _cache_target_page_counters
    TargetCollector.collect_missing_counters = _collect_missing_counters(originals[1])
    try:
        yield
    finally:
        TargetCollector.cache_target_page_counters, TargetCollector.collect_missing_counters = originals


@lru_cache(maxsize=1)
def _slim_user_agent_stylesheet():
    """WeasyPrint's user-agent stylesheet without the rules that give every element of the
    document its own ``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``,
    ``::note-marker`` and ``::note-callback`` style: seven computed styles per element instead of
    one, a fifth of the memory and time of a large PDF.  The print document has no footnotes or
    notes, and only list items have markers.  None if the stylesheet is not the one expected."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle

    text = resources.files("weasyprint").joinpath("css", "html5_ua.css").read_text("utf-8")
    slim, markers = re.subn(r"^::marker \{", "li::marker, summary::marker {", text, flags=re.M)
    slim, notes = re.subn(r"^::(?:footnote|note)-[a-z]+ \{[^}\n]*\}\n", "", slim, flags=re.M)
    if markers != 1 or notes != 5 or re.search(r"^::", slim, re.M):
        return None
    return CSS(string=slim, counter_style=CounterStyle())


def _html_class():
    """``weasyprint.HTML``, with the slim user-agent stylesheet where it applies."""
    import weasyprint

    slim = _slim_user_agent_stylesheet() if _tuned() else None
    if slim is None:
        return weasyprint.HTML

    class PrintHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms=False):
            return [slim, *super()._ua_stylesheets(forms)[1:]]

    return PrintHTML


if __name__ == "__main__":
    sys.exit(main())
