"""The PDF of the real dossier: complete, every internal link resolving to the right page,
a correct table of contents, no empty pages, deterministic bytes, escaped hostile text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_dossier.load import load
from conftest import FIXTURES


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").replace("-\n", "-").split())


@pytest.fixture(scope="module")
def real_pdf(real_site):
    project, site = real_site
    pdf = site / "dossier.pdf"
    return load(project), pdf, PdfReader(str(pdf)), page_texts(pdf)


def link_targets(reader: PdfReader):
    """(page index, destination name) of every internal link annotation."""
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and annot.get("/Dest") is not None:
                yield number, str(annot["/Dest"])
            elif annot.get("/Subtype") == "/Link" and annot.get("/A", {}).get("/S") == "/GoTo":
                yield number, str(annot["/A"]["/D"])


def test_every_claim_is_in_the_pdf(real_pdf):
    dossier, _, _, pages = real_pdf
    text = squash(" ".join(pages))
    missing = [c.id for c in dossier.claims.values() if squash(c.text) not in text]
    assert not missing


def test_every_internal_link_resolves(real_pdf):
    _, _, reader, _ = real_pdf
    names = reader.named_destinations
    links = list(link_targets(reader))
    assert len(links) > 500
    assert {name for _, name in links} <= set(names)


def test_claim_links_land_on_the_claims_page(real_pdf):
    dossier, _, reader, pages = real_pdf
    names = reader.named_destinations
    claims = list(dossier.claims.values())
    for claim in claims[:: max(1, len(claims) // 15)]:
        page = reader.get_destination_page_number(names[f"claim-{claim.id}"])
        sentence = squash(claim.text)[:60]  # (pdftotext may put the running header between number and text)
        assert sentence in squash(pages[page]) or sentence in squash(pages[page] + " " + pages[page + 1]), claim.id


def test_table_of_contents_page_numbers_are_right(real_pdf):
    dossier, _, reader, pages = real_pdf
    names = reader.named_destinations
    contents = squash(pages[1])
    assert contents.startswith("Contents")
    for source in dossier.sources:
        target = reader.get_destination_page_number(names[f"source-{source.slug}"]) + 1
        entry = squash(f"{source.outlet}, {source.published.label}: {source.title}")
        printed = re.search(re.escape(entry[-25:]) + r"[ .]*(\d+)", contents)
        assert printed and int(printed[1]) == target, (source.slug, printed and printed[1], target)
        assert squash(source.title)[:40] in squash(pages[target - 1])


def test_outline_mirrors_the_contents(real_pdf):
    _, _, reader, pages = real_pdf
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["Contents", "Methodology", "Topics", "Sources", "Claims index", "Timeline", "Entities"]


def test_no_page_is_empty_or_nearly_empty(real_pdf):
    _, _, _, pages = real_pdf
    counts = [len(re.sub(r"\s", "", p)) for p in pages]
    assert min(counts[1:]) > 300, counts  # the cover is short by design
    assert counts[0] > 100


def test_external_links_are_clickable_and_printed(real_pdf):
    dossier, _, reader, pages = real_pdf
    uris = {str(a.get_object()["/A"]["/URI"]) for p in reader.pages for a in p.get("/Annots") or []
            if a.get_object().get("/A", {}).get("/S") == "/URI"}
    for source in dossier.sources:
        assert source.url in uris
    assert all(u.startswith(("http://", "https://")) for u in uris)


def build_pdf(project: Path, out: Path, epoch: str = "1767225600") -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    subprocess.run([sys.executable, "-m", "build_dossier.pdf", str(project), str(out)], check=True, env=env)
    return out.read_bytes()


def test_same_input_same_bytes(tmp_path: Path):
    project = FIXTURES / "mini"
    assert build_pdf(project, tmp_path / "a.pdf") == build_pdf(project, tmp_path / "b.pdf")


def test_hostile_text_is_literal_and_links_are_safe(tmp_path: Path):
    pdf = tmp_path / "mini.pdf"
    build_pdf(FIXTURES / "mini", pdf)
    text = squash(" ".join(page_texts(pdf)))
    assert "<script>alert(1)</script> text with *emphasis* and [link](x) and &amp;" in text
    reader = PdfReader(str(pdf))
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                assert str(action["/URI"]).startswith(("http://", "https://"))
