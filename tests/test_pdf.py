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
from build_dossier.pdf import _Printer, is_web_url, methodology_html, plan_parts, render_pdf_html

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
SITE = "https://dossier.example.org/ru-ve/"
MINI = FIXTURES / "mini"
RESERVED = {"dossier.yml", "topics.yml", "entities.yml"}
MM = 72 / 25.4
PARTS = {"mini": 6_000, "real": 100_000}  # HTML bytes per part for the "-parts" PDFs: several parts each


def squash(text: str) -> str:
    """Whitespace runs as one space, soft hyphens and hyphenation at line ends undone."""
    text = text.replace("\u00ad", "").replace("\u2011", "-")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(text.split())


def unhyphenated(text: str) -> str:
    """``squash`` with every hyphen between letters dropped: a word hyphenated at a line end
    ("pre-\nexisting") cannot be told from one broken there by hyphenation."""
    return re.sub(r"(?<=\w)-(?=\w)", "", squash(text))


def run_pdf(
    project: Path, out: Path, *args: str, epoch: str | None = EPOCH, part_bytes: int | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DOSSIER_PDF_PART_BYTES")}
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
            if n in ("methodology", "topics", "sources", "claims-index", "timeline", "entities")
            or re.fullmatch(r"(topic-(?!.*--)|source-|year-|entities-).+", n)
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
    printer = _Printer(
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
    text = squash("\n".join(built.pages))
    missing = [c.id for c in built.dossier.claims.values() if squash(c.text) not in text]
    assert not missing
    text = unhyphenated("\n".join(built.pages))
    quotes = [c.id for c in built.dossier.claims.values() if unhyphenated(c.quote) not in text]
    assert not quotes


def test_every_claim_carries_its_evidence_trail(built: Built):
    index = build_index(built.dossier)
    text = squash("\n".join(built.pages))
    for claim in built.dossier.claims.values():
        evidence = index.evidence[claim.id]
        assert squash(f"Origin: {evidence.trail_text}") in text, claim.id
    assert text.count("Behind it: ") == len(built.dossier.claims)


def test_the_order_is_cover_contents_methodology_topics_sources_index_timeline_entities(built: Built):
    chapters = ["contents", "methodology", "topics", "sources", "claims-index", "timeline", "entities"]
    if not (built.project / "docs" / "methodology.md").is_file():
        chapters.remove("methodology")
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
            assert (
                reader.get_destination_page_number(item)
                == built.names[
                    {
                        "Contents": "contents",
                        "Methodology": "methodology",
                        "Topics": "topics",
                        "Sources": "sources",
                        "Claims index": "claims-index",
                        "Timeline": "timeline",
                        "Entities": "entities",
                    }[item.title]
                ]
            )
    expected = ["Contents", "Topics", "Sources", "Claims index", "Timeline", "Entities"]
    if (built.project / "docs" / "methodology.md").is_file():
        expected.insert(1, "Methodology")
    assert top == expected
    d = built.dossier
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
    """Every reference that prints a page (the contents, '(p. N)' after a cross-reference, the page
    column of the claims index) gives the page its link lands on."""
    checked = 0
    wrong = []
    start, end = built.names["claims-index"], built.names["timeline"]
    heading = next(w.y1 for w in built.words[start] if w.text == "index" and w.y1 - w.y0 > 15)  # its h1

    def in_claims_table(page: int, rect) -> bool:
        return start < page < end or (page == start and rect[1] > heading) or (page == end and start < end)

    for page, name, rect in built.links():
        text = built.text_in(page, rect)
        if name in built.contents_targets:  # "Title . . . . 12" and the timeline's years, "2019 7"
            printed = re.search(r"(?:\.\s*|^\d{4}\s+)(\d+)$", text)
        elif in_claims_table(page, rect) and re.fullmatch(r"\d+", text):  # the page column
            printed = re.fullmatch(r"(\d+)", text)
        else:  # "... (p. 12)"; a bare number elsewhere is a claim's number after its quote
            printed = re.search(r"\(p\.\s*(\d+)\)$", text)
        if printed:
            checked += 1
            if int(printed[1]) != built.names[name] + 1:
                wrong.append((page + 1, name, text, built.names[name] + 1))
    assert not wrong
    assert checked > 3 * len(built.dossier.claims)


def test_the_contents_give_the_page_where_each_heading_is(built: Built):
    """Each entry of the contents prints the page on which its heading's text appears."""
    d = built.dossier
    headings = {
        "methodology": "Methodology",
        "topics": "Topics",
        "sources": "Sources",
        "claims-index": "Claims index",
        "timeline": "Timeline",
        "entities": "Entities",
    }
    headings |= {f"topic-{t.id}": t.title for t in d.topics} | {f"source-{s.slug}": s.title for s in d.sources}
    headings |= {f"year-{y}": str(y) for y in build_index(d).by_year}
    headings |= {f"entities-{e.type}": "" for e in d.entities}
    printed = {}
    for page, name, rect in built.links():
        number = re.search(r"\s(\d+)$", built.text_in(page, rect))  # a title that fills its line has no leader
        assert name not in built.contents_targets or page <= built.names["topics"]  # only the contents link there
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
    """Body text (between the running header and footer) on every page: a couple of lines at least,
    but on the last page, which has what is left.  (Each part of a larger dossier starts a page: the
    page before may be short, once every few hundred pages.)"""
    built = whole
    top, bottom = 19 * MM, built.height - 18 * MM
    body = ["".join(w.text for w in words if w.y0 >= top - 2 and w.y1 <= bottom + 2) for words in built.words]
    assert len(body[0]) > 100 and body[-1]  # the cover; the last page
    short = [(n + 1, len(b)) for n, b in enumerate(body[:-1]) if len(b) < 150]
    assert not short


def test_running_header_and_page_numbers(built: Built):
    """'n / N' at the foot of every page but the cover; at the top, what the page starts with: the
    chapter on the left and, in the sources, the source (outlet and date) on the right."""
    total = len(built.pages)
    top, bottom = 19 * MM, built.height - 18 * MM
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

    titles = {
        "contents": "Contents",
        "methodology": "Methodology",
        "topics": "Topics",
        "sources": "Sources",
        "claims-index": "Claims index",
        "timeline": "Timeline",
        "entities": "Entities",
    }
    chapters = [(built.names[k], v, v) for k, v in titles.items() if k in built.names]
    headers = [" ".join(w.text for w in words if w.y1 < top) for words in built.words]
    for page in range(1, total):
        assert headers[page].startswith(running(page, chapters)), (page + 1, headers[page])
    sources = [(built.names["sources"], "", "Sources"), (built.names["claims-index"], "", "Claims index")]
    sources[1:1] = [
        (built.names[f"source-{s.slug}"], f"{s.outlet}, {s.published.label}", s.title) for s in built.dossier.sources
    ]
    for page in range(built.names["sources"] + 1, built.names["claims-index"] + 1):
        chapter = running(page, chapters)
        assert squash(headers[page][len(chapter) :]) == squash(running(page, sources)), (page + 1, headers[page])


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


def test_hostile_text_is_literal_and_links_are_web_only(mini_pdf: Built):
    text = squash("\n".join(mini_pdf.pages))
    assert "<script>alert(1)</script> text with *emphasis* and [link](x) and &amp;" in text
    assert "Claim with <script>alert('c')</script>, *emphasis*, [link](x), &amp; and {% raw %}" in text
    assert "Title <script>alert('t')</script> *em* [l](javascript:alert(1)) &amp; {{ 7*7 }}" in text
    assert "<a href=javascript:alert(4)>note</a>" in text
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
