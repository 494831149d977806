"""The PDF: complete, every internal link resolving to the right page, every printed page number
right, an outline that mirrors the contents, no empty pages, deterministic bytes, hostile text
shown literally and no link that is not http(s).

Each PDF is built once per session, through ``python -m build_dossier.pdf`` as ``dossier build``
runs it: the mini fixture always, the real dossier when ``sources/`` has sources; and each again
laid out in small parts (``DOSSIER_PDF_PART_BYTES``), as a dossier of hundreds of sources is, so
that links, page numbers, headers and the outline are checked across parts too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, make_project
from pypdf import PdfReader

from build_dossier.index import build_index
from build_dossier.load import load
from build_dossier.model import Dossier
from build_dossier.pdf import is_web_url, methodology_html, render_pdf_html
from build_dossier.pdf_layout import plan_parts
from build_dossier.pdf_view import GIST_CHARACTERS, Printer, shorten

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
SITE = "https://dossier.example.org/ru-ve/"
MINI = FIXTURES / "mini"
RESERVED = {"dossier.yml", "topics.yml", "entities.yml"}
MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, 22 * MM  # the page's top and bottom margins (running header and footer outside)
BODY_TOP = TOP - 6  # a large heading's glyphs reach a little above the margin's edge
CHAPTERS = {
    "findings": "Key findings",
    "contents": "Contents",
    "methodology": "Methodology",
    "topics": "Topics",
    "sources": "Sources",
    "claims-index": "Claims index",
    "timeline": "Timeline",
    "entities": "Entities",
}
PARTS = {"mini": 6_000, "real": 100_000}  # HTML bytes per part for the "-parts" PDFs: several parts each


def squash(text: str) -> str:
    """Whitespace runs as one space, soft hyphens and hyphenation at line ends undone."""
    text = text.replace("\u00ad", "").replace("\u2011", "-")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"([–—/])\s*\n", r"\1", text)  # a line may end after a dash or slash
    return " ".join(text.split())


def unhyphenated(text: str) -> str:
    """``squash`` with every hyphen between letters dropped: a word hyphenated at a line end
    ("pre-\nexisting") cannot be told from one broken there by hyphenation."""
    return re.sub(r"(?<=\w)-(?=\w)", "", squash(text))


def reading(page: str) -> str:
    """A page's text without its running head (the chapter's title, the source's "2 · Factually,
    2025") and page number ("31 / 79"), and
    with each correction ('WSJ [OCR slip; the source reads "WS]J"]') as the source reads."""
    head = re.compile(r"\s*(\d+ / \d+|\d+ · .+)\s*")  # the page number; a source's running head
    lines = [line for line in page.splitlines()[1:] if not head.fullmatch(line)]
    return re.sub(r'\S+\s\[[^\[]*?;\s+the\s+source\s+reads\s+["“]([^"”]*)["”]\]', r"\1", "\n".join(lines))


def unboxed(text: str) -> str:
    """``text`` without standalone numbers of one to three figures and the spaces before punctuation."""
    return re.sub(r"\s+(?=[,.;:!?)])", "", re.sub(r"(?<!\S)\d{1,3}(?!\S)", "", text)).replace("  ", " ")


def straight(text: str) -> str:
    """Typographic quotation marks and apostrophes as straight ones."""
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def run_pdf(
    project: Path,
    out: Path,
    *args: str,
    epoch: str | None = EPOCH,
    part_bytes: int | None = None,
    workers: int | None = None,
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DOSSIER_PDF_PART_BYTES")}
    if workers is not None:
        env["DOSSIER_WORKERS"] = str(workers)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    if part_bytes is not None:
        env["DOSSIER_PDF_PART_BYTES"] = str(part_bytes)
    return subprocess.run(
        [sys.executable, "-m", "build_dossier.pdf", str(project), str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
    )


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Built:
    """One PDF and what the tests read from it."""

    name: str
    project: Path
    dossier: Dossier
    path: Path
    reader: PdfReader
    pages: list[str]  # pdftotext per page
    words: list[list[Word]]  # pdftotext -bbox per page, points from the top left
    height: float
    stderr: str

    @property
    def names(self) -> dict[str, int]:
        """Named destination -> page index."""
        if not hasattr(self, "_names"):
            self._names = {
                str(k): self.reader.get_destination_page_number(v) for k, v in self.reader.named_destinations.items()
            }
        return self._names

    def links(self):
        """(page index, destination name, rect as x0, y0, x1, y1 from the top left) of every internal link."""
        for number, page in enumerate(self.reader.pages):
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/Subtype") != "/Link":
                    continue
                if annot.get("/Dest") is not None:
                    dest = annot["/Dest"]
                elif annot.get("/A", {}).get("/S") == "/GoTo":
                    dest = annot["/A"]["/D"]
                else:
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                yield (
                    number,
                    str(dest),
                    (min(x0, x1), self.height - max(y0, y1), max(x0, x1), self.height - min(y0, y1)),
                )

    def references(self):
        """(page index, destination name, printed text) of every internal link, its pieces joined:
        WeasyPrint gives each box of a link (a word, a line, the page after it) its own annotation."""
        merged: list[tuple[int, str, list]] = []
        for page, name, rect in self.links():
            if merged and merged[-1][:2] == (page, name):
                merged[-1][2].append(rect)
            else:
                merged.append((page, name, [rect]))
        for page, name, rects in merged:
            yield page, name, rects, self.text_within(page, rects)

    def text_within(self, page: int, rects) -> str:
        """The words inside any of ``rects``, each once, line by line."""

        def inside(w: Word, rect) -> bool:
            x0, y0, x1, y1 = rect
            return x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and y0 - 1 <= (w.y0 + w.y1) / 2 <= y1 + 1

        words = [w for w in self.words[page] if any(inside(w, rect) for rect in rects)]
        return " ".join(w.text for w in sorted(words, key=lambda w: (round(w.y1), w.x0)))

    def uris(self) -> list[str]:
        found = []
        for page in self.reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action is not None and "/URI" in action:
                    found.append(str(action["/URI"]))
        return found

    @property
    def contents_targets(self) -> set[str]:
        """What the contents link to, and nothing else does: chapters and their sections."""
        return {
            n
            for n in self.names
            if (n in CHAPTERS and n != "contents") or re.fullmatch(r"(topic-(?!.*--)|source-|year-|entities-).+", n)
        }

    def text_in(self, page: int, rect) -> str:
        x0, y0, x1, y1 = rect
        inside = [
            w.text
            for w in self.words[page]
            if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and y0 - 1 <= (w.y0 + w.y1) / 2 <= y1 + 1
        ]
        return " ".join(inside)


def read_pdf(name: str, project: Path, path: Path, stderr: str) -> Built:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words, height = [], 0.0
    for page in re.findall(r"<page [^>]*>.*?</page>", bbox, re.S):
        height = float(re.search(r'height="([\d.]+)"', page)[1])
        words.append(
            [
                Word(unescape(m[5]), *(float(m[i]) for i in range(1, 5)))
                for m in re.finditer(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
                )
            ]
        )
    return Built(name, project, load(project), path, PdfReader(str(path)), text.split("\f")[:-1], words, height, stderr)


def has_sources(folder: Path) -> bool:
    return folder.is_dir() and any(p.suffix == ".yml" and p.name not in RESERVED for p in folder.iterdir())


def build_mini(tmp_path_factory, part_bytes: int | None) -> Built:
    out = tmp_path_factory.mktemp("pdf-mini") / "dossier.pdf"
    result = run_pdf(MINI, out, "--site-url", SITE, part_bytes=part_bytes)
    assert result.returncode == 0, result.stderr
    return read_pdf("mini", MINI, out, result.stderr)


def build_real(tmp_path_factory, part_bytes: int | None) -> Built:
    if not has_sources(ROOT / "sources"):
        pytest.skip("sources/ has no annotated sources yet: nothing to build the real dossier's PDF from")
    project = make_project(
        tmp_path_factory.mktemp("pdf-real") / "project"
    )  # a snapshot: sources may be edited meanwhile
    out = project / "site" / "dossier.pdf"
    result = run_pdf(project, out, "--site-url", SITE, part_bytes=part_bytes)
    assert result.returncode == 0, result.stderr
    return read_pdf("real", project, out, result.stderr)


@pytest.fixture(scope="session")
def mini_pdf(tmp_path_factory) -> Built:
    return build_mini(tmp_path_factory, None)


@pytest.fixture(scope="session")
def real_pdf(tmp_path_factory) -> Built:
    return build_real(tmp_path_factory, None)


@pytest.fixture(scope="session")
def mini_parts_pdf(tmp_path_factory) -> Built:
    return build_mini(tmp_path_factory, PARTS["mini"])


@pytest.fixture(scope="session")
def real_parts_pdf(tmp_path_factory) -> Built:
    return build_real(tmp_path_factory, PARTS["real"])


@pytest.fixture(params=["mini", "real", "mini_parts", "real_parts"])
def built(request) -> Built:
    return request.getfixturevalue(f"{request.param}_pdf")


@pytest.fixture(params=["mini", "real"])
def whole(request) -> Built:
    """A PDF laid out as one part, as a dossier of up to some hundred pages is."""
    return request.getfixturevalue(f"{request.param}_pdf")


# ---- the print HTML ---------------------------------------------------------------------------


class Anchors(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])


def print_html(project: Path) -> str:
    dossier = load(project)
    return render_pdf_html(
        dossier, build_index(dossier), site_url=SITE, build_date=date(2026, 1, 1), methodology=methodology_html(project)
    )


@pytest.mark.parametrize("which", ["mini", "real"])
def test_ids_are_unique_and_every_internal_link_has_a_target(which: str):
    project = MINI if which == "mini" else ROOT
    if which == "real" and not has_sources(ROOT / "sources"):
        pytest.skip("sources/ has no annotated sources yet")
    page = Anchors(print_html(project))
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert not duplicates
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert set(internal) <= set(page.ids)
    assert all(h.startswith("#") or is_web_url(h) for h in page.hrefs), [h for h in page.hrefs if not h.startswith("#")]
    dossier = load(project)
    for claim in dossier.claims.values():  # the targets every cross-reference relies on
        assert {f"claim-{claim.id}", f"quote-{claim.id}"} <= set(page.ids)
        assert {f"topic-{t}--{claim.id}" for t in claim.topics} <= set(page.ids)


@pytest.mark.parametrize("which", ["mini", "real"])
def test_small_parts_cut_chapters_and_sections(which: str):
    """The "-parts" PDFs are laid out in several parts, some of which go on with a chapter, or a
    section of one, that an earlier part began: what a dossier of hundreds of sources looks like."""
    project = MINI if which == "mini" else ROOT
    if which == "real" and not has_sources(ROOT / "sources"):
        pytest.skip("sources/ has no annotated sources yet")
    dossier = load(project)
    printer = Printer(
        dossier,
        build_index(dossier),
        site_url=SITE,
        build_date=date(2026, 1, 1),
        methodology=methodology_html(project),
        created=None,
    )
    units = printer.units()
    plan = plan_parts([len(u.html) for u in units], [u.running[0] for u in units], PARTS[which])
    assert len(plan) - 1 >= 3
    boxes = [
        {box.key for box in units[start - 1].boxes} & {box.key for box in units[start].boxes} for start in plan[1:-1]
    ]
    assert any(len(common) == 1 for common in boxes)  # a chapter continued
    if which == "real":
        assert any(len(common) == 2 for common in boxes)  # a section continued
    bodies = printer.bodies(units, plan)
    assert "".join(bodies).count('id="sources"') == 1 and any('class="chapter cont"' in body for body in bodies)


def test_parts_end_before_a_chapter_once_half_full():
    assert plan_parts([4, 4, 4, 4], ["a"] * 4, 8) == [0, 2, 4]
    assert plan_parts([4, 4, 4, 4], ["a", "a", "b", "b"], 100) == [0, 4]
    assert plan_parts([3, 3, 3, 3], ["a", "a", "b", "b"], 10) == [0, 2, 4]
    assert plan_parts([9, 1, 30], ["a", "b", "b"], 10) == [0, 1, 2, 3]


# ---- content ----------------------------------------------------------------------------------


def test_every_claim_is_in_the_pdf(built: Built):
    # pdftotext drops the hyphen of a compound ("intelligence-sharing") it finds at a line's end
    text = unhyphenated("\n".join(built.pages))
    missing = [c.id for c in built.dossier.claims.values() if unhyphenated(c.text) not in text]
    assert not missing
    # each quote is in its source's reading text, where curly and straight quotation marks may differ
    # and where the boxed number of a claim whose passage ends inside another's ("aid 8 , loans") is
    # text too: standalone small numbers are left out on both sides
    # and where a page break puts the running head and the page number inside a passage
    text = unboxed(straight(unhyphenated("\n".join(reading(page) for page in built.pages))))
    quotes = [c.id for c in built.dossier.claims.values() if unboxed(straight(unhyphenated(c.quote))) not in text]
    assert not quotes


def test_every_claim_carries_its_evidence_trail(built: Built):
    index = build_index(built.dossier)
    text = squash("\n".join(built.pages))
    for claim in built.dossier.claims.values():
        evidence = index.evidence[claim.id]
        assert squash(f"Origin: {evidence.trail_text}") in text, claim.id
    assert text.count("Behind it: ") == len(built.dossier.claims)


def test_the_order_is_cover_findings_contents_methodology_topics_sources_index_timeline_entities(built: Built):
    chapters = [c for c in CHAPTERS if c in built.names]
    assert chapters[:2] == ["findings", "contents"]  # both fixtures have findings
    if (built.project / "docs" / "methodology.md").is_file():
        assert "methodology" in chapters
    pages = [built.names[c] for c in chapters]
    assert pages == sorted(pages) and pages[0] == 1
    first = squash(built.pages[0])
    assert built.dossier.settings.title in first and "1 January 2026" in first and SITE in first
    assert f"Sources {len(built.dossier.sources)}" in first and f"Claims {len(built.dossier.claims)}" in first
    sources = [built.names[f"source-{s.slug}"] for s in built.dossier.sources]
    assert sources == sorted(sources)


def test_outline_mirrors_the_contents(built: Built):
    reader = built.reader
    top, children = [], {}
    for item in reader.outline:
        if isinstance(item, list):
            children[top[-1]] = [
                (i.title, reader.get_destination_page_number(i)) for i in item if not isinstance(i, list)
            ]
        else:
            top.append(item.title)
            chapter = {title: anchor for anchor, title in CHAPTERS.items()}[item.title]
            assert reader.get_destination_page_number(item) == built.names[chapter]
    expected = ["Key findings", "Contents", "Topics", "Sources", "Claims index", "Timeline", "Entities"]
    if (built.project / "docs" / "methodology.md").is_file():
        expected.insert(2, "Methodology")
    assert top == expected
    d = built.dossier
    assert [title for title, _ in children["Key findings"]] == [f.title for f in d.findings] + [
        "Claims by topic and status"
    ]
    assert children["Topics"] == [(t.title, built.names[f"topic-{t.id}"]) for t in d.topics]
    assert children["Sources"] == [
        (f"{s.outlet}, {s.published.label}: {s.title}", built.names[f"source-{s.slug}"]) for s in d.sources
    ]
    assert [title for title, _ in children["Timeline"]] == [str(y) for y in build_index(d).by_year]


# ---- links and page numbers -------------------------------------------------------------------


def test_every_internal_link_resolves(built: Built):
    links = list(built.links())
    assert len(links) > 4 * len(built.dossier.claims)
    assert {name for _, name, _ in links} <= set(built.names)


def test_claim_links_land_on_the_page_of_the_claims_heading(built: Built):
    targets = {name for _, name, _ in built.links()}
    claims = list(built.dossier.claims.values())
    for claim in claims[:: max(1, len(claims) // 20)]:
        assert f"claim-{claim.id}" in targets and f"quote-{claim.id}" in targets, claim.id
        page = built.names[f"claim-{claim.id}"]
        # pdftotext may read the boxed number, set smaller, apart from the sentence it starts
        assert squash(claim.text)[:50] in squash(built.pages[page]), claim.id
        assert str(claim.number) in squash(built.pages[page]).split(), claim.id
        quote_page = built.names[f"quote-{claim.id}"]
        words = squash(claim.quote).split()
        # the quote may run over a page break: join the two pages without the footer and running header between
        this, following = built.pages[quote_page].strip().splitlines(), built.pages[quote_page + 1].strip().splitlines()
        header = [line for line in this if line.strip()][:2]
        body = [line for line in following if line.strip()]
        joined = this[:-1] + (body[2:] if body[:2] == header else body)
        assert words[0] in squash(built.pages[quote_page]).split(), claim.id
        assert " ".join(words[:4]) in squash("\n".join(joined)), claim.id


def test_every_printed_page_number_is_right(built: Built):
    """Every internal link prints the page it lands on: the contents ("Title . . . 12"), a
    cross-reference ("... (p. 12)"), a citation ("claim 3.4, p. 12"), the page column of the claims
    index.  The one exception is the boxed claim number after a quoted passage, which leads to
    that claim on the same source's pages."""
    checked, wrong, unpaged = 0, [], []
    start, end = built.names["claims-index"], built.names["timeline"]
    heading = next(w.y1 for w in built.words[start] if w.text == "index" and w.y1 - w.y0 > 15)  # its h1
    claims = {f"claim-{c.id}": c for c in built.dossier.claims.values()}

    def in_claims_table(page: int, rect) -> bool:
        return start < page < end or (page == start and rect[1] > heading) or (page == end and start < end)

    for page, name, rects, text in built.references():
        text = squash(text)
        if name in built.contents_targets:  # "Title . . . . 12"
            printed = re.search(r"\.\s*(\d+)$", text)
        elif in_claims_table(page, rects[0]) and re.fullmatch(r"\d+", text):  # the page column
            printed = re.fullmatch(r"(\d+)", text)
        else:  # "... (p. 12)" or "claim 3.4, p. 12"
            pages = re.findall(r"(?:\(p\.|, p\.)\s*(\d+)", text)  # (a neighbouring comma may be in its box)
            printed = re.match(r"(\d+)", pages[-1]) if pages else None
        if printed:
            checked += 1
            if int(printed[1]) != built.names[name] + 1:
                wrong.append((page + 1, name, text, built.names[name] + 1))
        elif not (name in claims and text == str(claims[name].number)):  # not a boxed claim number
            unpaged.append((page + 1, name, text))
    assert not wrong
    assert not unpaged
    assert checked > 3 * len(built.dossier.claims)


def test_the_contents_give_the_page_where_each_heading_is(built: Built):
    """Each entry of the contents prints the page on which its heading's text appears."""
    d = built.dossier
    headings = {anchor: title for anchor, title in CHAPTERS.items() if anchor != "contents"}
    headings |= {f"topic-{t.id}": t.title for t in d.topics} | {f"source-{s.slug}": s.title for s in d.sources}
    headings |= {f"year-{y}": str(y) for y in build_index(d).by_year}
    headings |= {f"entities-{e.type}": "" for e in d.entities}
    printed = {}
    for page, name, _, text in built.references():
        number = re.search(r"\s(\d+)$", squash(text))
        assert name not in built.contents_targets or page == built.names["contents"]  # only the contents link there
        if name not in built.contents_targets:
            continue
        if number:
            printed[name] = int(number[1])
    assert set(printed) == set(headings) - ({"methodology"} if "methodology" not in built.names else set())
    for name, number in printed.items():
        assert number == built.names[name] + 1, name
        assert squash(headings[name])[:40] in squash(built.pages[number - 1]), (name, number)


def test_external_links_are_clickable_and_printed(built: Built):
    uris = built.uris()
    assert uris and all(is_web_url(u) for u in uris)
    flat = "".join(w.text for words in built.words for w in words)  # no dehyphenation, unlike pdftotext's text
    for source in built.dossier.sources:
        assert source.url in uris
        assert "".join(source.url.split()) in flat


# ---- typography -------------------------------------------------------------------------------


def test_no_page_is_empty_or_nearly_empty(whole: Built):
    """Body text (between the running header and footer) on every page; a couple of lines at
    least but on a page that ends a chapter or a source (the next one starts a page)."""
    built = whole
    top, bottom = BODY_TOP, built.height - BOTTOM
    body = ["".join(w.text for w in words if w.y0 >= top - 2 and w.y1 <= bottom + 2) for words in built.words]
    assert len(body[0]) > 100 and all(body)  # the cover; no empty page
    starts = {built.names[n] for n in built.names if n in CHAPTERS or n.startswith("source-")}
    short = [(n + 1, len(b)) for n, b in enumerate(body[:-1]) if len(b) < 150 and n + 1 not in starts]
    assert not short


def test_running_header_and_page_numbers(built: Built):
    """'n / N' at the foot of every page but the cover; at the top, what the page starts with: the
    chapter on the left and, in the sources, the source (outlet and date) on the right."""
    total = len(built.pages)
    top, bottom = BODY_TOP, built.height - BOTTOM
    for number, words in enumerate(built.words[1:], 2):
        assert " ".join(w.text for w in words if w.y0 > bottom) == f"{number} / {total}"

    def first_line(page: int) -> str:
        body = [w for w in built.words[page] if top <= w.y0 and w.y1 <= bottom]
        return squash(" ".join(w.text for w in body if w.y0 < min(w.y0 for w in body) + 2))

    def running(page: int, starts) -> str:
        """The value of a running string at the top of ``page``: (page, value, heading) in document order."""
        line = first_line(page)
        at_top = [
            value
            for start, value, heading in starts
            if start == page and (line == squash(heading) or squash(heading).startswith(line + " "))
        ]
        before = [value for start, value, _ in starts if start < page]
        return at_top[0] if at_top else before[-1] if before else ""

    chapters = [(built.names[k], v, v) for k, v in CHAPTERS.items() if k in built.names]
    headers = [" ".join(w.text for w in words if w.y1 < top) for words in built.words]
    for page in range(1, total):
        assert headers[page].startswith(running(page, chapters)), (page + 1, headers[page])
    # each source starts a page and sets the right-hand header from there; the first follows the
    # chapter's heading, whose page has none
    starts = [
        (built.names[f"source-{s.slug}"], f"{n} · {s.outlet}, {s.published.label}")
        for n, s in enumerate(built.dossier.sources, 1)
    ]
    for page in range(built.names["sources"], built.names["claims-index"]):
        chapter = running(page, chapters)
        expected = "" if page == built.names["sources"] else [v for p, v in starts if p <= page][-1]
        assert squash(headers[page][len(chapter) :]) == squash(expected), (page + 1, headers[page])


def test_no_weasyprint_warnings(built: Built):
    assert built.stderr == ""


# ---- reproducibility and safety ---------------------------------------------------------------


def test_same_input_same_bytes(tmp_path: Path):
    copy = shutil.copytree(MINI, tmp_path / "elsewhere" / "mini")
    first, second = tmp_path / "a.pdf", tmp_path / "b" / "dossier.pdf"
    assert run_pdf(MINI, first, part_bytes=PARTS["mini"]).returncode == 0
    assert run_pdf(copy, second, part_bytes=PARTS["mini"]).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    info = PdfReader(str(first)).metadata
    assert info["/CreationDate"].startswith("D:20260101000000") and info["/ModDate"] == info["/CreationDate"]
    other = tmp_path / "c.pdf"
    assert run_pdf(MINI, other, epoch="1767312000").returncode == 0  # a day later
    assert other.read_bytes() != first.read_bytes()
    assert (
        "2 January 2026"
        in subprocess.run(["pdftotext", "-l", "1", str(other), "-"], capture_output=True, text=True, check=True).stdout
    )


def test_parts_laid_out_in_parallel_or_in_turn_give_the_same_bytes(tmp_path: Path):
    serial, parallel = tmp_path / "serial.pdf", tmp_path / "parallel.pdf"
    assert run_pdf(MINI, serial, part_bytes=PARTS["mini"], workers=1).returncode == 0
    assert run_pdf(MINI, parallel, part_bytes=PARTS["mini"], workers=2).returncode == 0
    assert serial.read_bytes() == parallel.read_bytes()


def test_hostile_text_is_literal_and_links_are_web_only(mini_pdf: Built):
    text = "".join(squash("\n".join(mini_pdf.pages)).split())  # lines may break where there is no space

    def shown(literal: str) -> bool:
        return "".join(literal.split()) in text

    assert shown("<script>alert(1)</script> text with *emphasis* and [link](x) and &amp;")
    assert shown("Claim with <script>alert('c')</script>, *emphasis*, [link](x), &amp; and {% raw %}")
    assert shown("Title <script>alert('t')</script> *em* [l](javascript:alert(1)) &amp; {{ 7*7 }}")
    assert shown("<a href=javascript:alert(4)>note</a>")
    assert all(u.startswith(("http://", "https://")) for u in mini_pdf.uris())
    assert not any("javascript" in u.lower() or u.lower().startswith("data:") for u in mini_pdf.uris())
    html = print_html(MINI)
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "<img" not in html and "<b>Outlet" not in html


def test_methodology_is_converted_and_links_that_cannot_work_in_a_pdf_lose_the_link(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "methodology.md").write_text(
        "# Methodology\n\n## Sources\n\nSee [the format](format.md), [a section](#claims), "
        "[the web](https://example.org/x), <https://example.org/y> and [bad](javascript:alert(1)).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    html = methodology_html(tmp_path)
    assert "<h3>Sources</h3>" in html and "<h1>" not in html and "<table>" in html
    assert 'href="format.md"' not in html and 'href="#claims"' not in html and "javascript" not in html.split("bad")[0]
    assert "the format" in html and '<a class="ext" href="https://example.org/x">the web</a>' in html
    assert '<a class="url" href="https://example.org/y">https://example.org/y</a>' in html  # not printed twice
    assert 'href="javascript' not in html
    assert methodology_html(tmp_path / "nowhere") is None


# ---- the command ------------------------------------------------------------------------------


def test_invalid_sources_fail_in_one_line_and_leave_the_old_pdf(tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    out = tmp_path / "dossier.pdf"
    out.write_bytes(b"the previous PDF")
    path = project / "sources" / "alpha-2019-advisers.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: reported", "status: rumoured", 1), encoding="utf-8"
    )
    result = run_pdf(project, out)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("dossier pdf: ") and "alpha-2019-advisers.yml" in result.stderr
    assert out.read_bytes() == b"the previous PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.pdf", "project"]  # no temporary file left


def test_a_site_url_that_is_not_http_is_refused(tmp_path: Path):
    result = run_pdf(MINI, tmp_path / "x.pdf", "--site-url", "javascript:alert(1)")
    assert result.returncode == 2 and "not an http(s) address" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


# ---- the designed report: layout checked on the PDF itself ---------------------------------------


def body_lines(built: Built, page: int) -> list[str]:
    """The page's lines of body text (between running header and footer), top to bottom."""
    top, bottom = BODY_TOP, built.height - BOTTOM
    words = sorted((w for w in built.words[page] if top <= w.y0 and w.y1 <= bottom), key=lambda w: (w.y0, w.x0))
    lines: list[list[Word]] = []
    for word in words:
        if lines and abs(word.y0 - lines[-1][0].y0) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines]


def test_each_chapter_and_source_starts_a_page_with_its_heading(built: Built):
    for anchor, title in CHAPTERS.items():
        if anchor in built.names:
            assert body_lines(built, built.names[anchor])[0] == title, anchor
    for number, source in enumerate(built.dossier.sources, 1):
        first = body_lines(built, built.names[f"source-{source.slug}"])
        if number == 1:  # after the Sources heading and its lead, on the same page
            assert first[0] == "Sources"
        else:
            assert squash(first[0]).upper().replace(" ", "").startswith(f"SOURCE{number}·"), (source.slug, first[0])


def test_each_contents_entry_is_one_line_with_its_page(built: Built):
    entries = [(rects, squash(text)) for _, name, rects, text in built.references() if name in built.contents_targets]
    assert len(entries) == len(built.contents_targets)
    for rects, text in entries:
        assert max(r[3] for r in rects) - min(r[1] for r in rects) < 16, text  # the entry's boxes on one line
        assert re.search(r"\S \.[ .]*\d+$", text), text  # its title, a leader, its number


def test_no_word_is_split_inside_a_claims_index_cell(built: Built):
    """Every word in the claims index's table is a whole word of what its cells hold: a claim's
    number, a date, the start of a claim, a status, a page."""
    view = Printer(
        built.dossier,
        build_index(built.dossier),
        site_url=SITE,
        build_date=date(2026, 1, 1),
        methodology=None,
        created=None,
    ).view
    allowed = {"Claim", "Date", "What", "it", "says", "Status", "Page", "contested"}
    whole = set()  # a claim's number and date: never broken, not even at a hyphen
    for claim in built.dossier.claims.values():
        whole |= {view.label(claim), view.index.event_date(claim).iso}
        for word in view.gist(claim).split():  # a line may end after a hyphen or dash of the text
            allowed |= {word, *re.findall(r"[^-–—/]*(?:[-–—/]|$)", word)}
    allowed |= whole
    allowed |= {word for label in ("REPORTED", "CORROBORATED", "DISPUTED", "DENIED", "ASSESSMENT") for word in [label]}
    start, end = built.names["claims-index"], built.names["timeline"]
    checked, split = 0, []
    for page in range(start, end):
        words = built.words[page]
        header = min(w.y0 for w in words if w.text == "What" and w.y0 > TOP)  # the table's heading row
        for word in words:
            if header <= word.y0 and word.y1 <= built.height - BOTTOM:
                checked += 1
                if word.text not in allowed and not word.text.isdigit():
                    split.append((page + 1, word.text))
    assert checked > 4 * len(built.dossier.claims)
    assert not split
    printed = {w.text for page in range(start, end) for w in built.words[page]}
    assert whole <= printed


def test_claims_index_dates_and_numbers_stay_whole():
    assert shorten("a b c", GIST_CHARACTERS) == "a b c"
    long = "word " * 40
    assert shorten(long, 30).endswith("…") and len(shorten(long, 30)) <= 30
    assert not shorten(long, 30)[:-1].endswith(" ")


def test_each_claim_is_printed_in_full_once(whole: Built):
    text = unhyphenated("\n".join(whole.pages))
    sources = {s.slug: unhyphenated(s.text) for s in whole.dossier.sources}
    for claim in whole.dossier.claims.values():
        if len(squash(claim.text)) > GIST_CHARACTERS:  # shorter ones are whole in their references too
            in_the_text = sources[claim.source].count(unhyphenated(claim.text))  # a claim may be its quote
            assert text.count(unhyphenated(claim.text)) == 1 + in_the_text, claim.id


def test_fonts_are_the_bundled_ones_all_embedded(built: Built):
    table = subprocess.run(["pdffonts", str(built.path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in table.splitlines()[2:]]
    assert rows
    for row in rows:
        assert re.fullmatch(r"[A-Z]{6}\+Dossier-(Serif|Sans)(-[A-Za-z-]+)?", row[0]), row
        assert row[-5:-3] == ["yes", "yes"], row  # embedded, subset


def test_tagged_with_one_structure_tree_over_every_part(built: Built):
    info = subprocess.run(["pdfinfo", str(built.path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    catalog = built.reader.trailer["/Root"]
    root = catalog["/StructTreeRoot"].get_object()
    assert [k.get_object()["/S"] for k in root["/K"]] == ["/Document"]
    nums = root["/ParentTree"].get_object()["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and int(root["/ParentTreeNextKey"]) == max(keys) + 1
    pages = [int(page["/StructParents"]) for page in built.reader.pages]
    annotations = [
        int(a.get_object()["/StructParent"])
        for page in built.reader.pages
        for a in page.get("/Annots") or []
        if "/StructParent" in a.get_object()
    ]
    assert len(set(pages + annotations)) == len(pages) + len(annotations) and set(pages + annotations) <= set(keys)
    tree = subprocess.run(["pdfinfo", "-struct-text", str(built.path)], capture_output=True, text=True, check=True)
    text = squash(tree.stdout)
    assert text.count("H1") >= 7
    last = built.dossier.sources[-1]  # the last part's text is in the tree too
    assert squash(last.claims[0].text)[:40] in squash(
        re.sub(r'^\s*\S+\s*(\(block\)|\(inline\))?\s*"?', "", tree.stdout, flags=re.M)
    )


def test_metadata_and_the_outline_open(built: Built):
    meta = built.reader.metadata
    settings = built.dossier.settings
    assert meta["/Title"] == settings.title and meta["/Subject"] == " ".join(settings.description.split())
    assert meta["/Keywords"] == ", ".join(t.title for t in built.dossier.topics)
    assert meta.get("/Author") == settings.publisher  # dossier.yml's publisher, when it names one
    catalog = built.reader.trailer["/Root"]
    assert catalog["/Lang"] == "en" and catalog["/PageMode"] == "/UseOutlines"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]


def test_an_internal_error_exits_3_in_one_line(monkeypatch, capsys, tmp_path: Path):
    from build_dossier import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    monkeypatch.delenv("DOSSIER_DEBUG", raising=False)
    assert pdf.main([str(MINI), str(tmp_path / "x.pdf")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("dossier pdf: internal error (RuntimeError: a bug)") and err.count("\n") == 1
