"""The header's search in a real browser (Debian's Chromium through tools/, ``tests/browser/search.js``):
a claim is found by a word of its sentence and by a word of its quote, a source by its title, whatever
the case and accents; the keyboard alone works it; the offline copy says it cannot search.  On the real
dossier and on a synthetic one (``bench/synth.py``).  Marked ``browser``."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter

import pytest
from conftest import ROOT, run_dossier
from test_browser import CHROMIUM, pytestmark, serve  # noqa: F401 - the same markers and skip

from build_dossier.load import load

sys.path.insert(0, str(ROOT / "bench"))
import synth


def search(*args: str) -> dict:
    result = subprocess.run(
        ["node", "tests/browser/search.js", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out.get("errors", []) == []
    return out


def found(result: dict) -> set[str]:
    """Every link of the results: pages and their sections (claims are sections of their source's page)."""
    return {r["href"] for r in result["results"]} | {s["href"] for r in result["results"] for s in r["sections"]}


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{4,}", text)


@pytest.fixture(scope="module")
def served_real(real_site):
    server, url = serve(real_site[1])
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic dossier of 40 sources, built, served: (project, url)."""
    project = synth.generate(40, tmp_path_factory.mktemp("synth") / "project")
    result = run_dossier("build", "--site-dir", "site", "--no-pdf", "--no-offline", cwd=project)
    assert result.returncode == 0, result.stderr
    server, url = serve(project / "site")
    yield project, url
    server.shutdown()


def rarest(candidates: list[str], corpus: Counter) -> str:
    return min(candidates, key=lambda w: (corpus[w.lower()], w))


def test_claims_are_found_by_a_word_of_their_sentence_or_quote_and_sources_by_title(synthetic):
    project, url = synthetic
    dossier = load(project)
    claims = sorted(dossier.claims.values(), key=lambda c: c.id)
    corpus = Counter(w.lower() for c in claims for w in {*words(c.text), *words(c.quote)})
    picked = random.Random(16).sample(claims, 6)
    by_sentence = {rarest(words(c.text), corpus): c for c in picked}
    by_quote = {
        rarest([w for w in words(c.quote) if w not in words(c.text)] or words(c.quote), corpus): c for c in picked
    }
    sources = random.Random(19).sample(dossier.sources, 4)
    result = search("query", url, *by_sentence, *by_quote, *(s.title for s in sources))["queries"]
    for word, claim in [*by_sentence.items(), *by_quote.items()]:
        assert f"/sources/{claim.source}/#claim-{claim.id}" in found(result[word]), (word, claim.id)
    for source in sources:
        results = result[source.title]["results"]  # synthetic titles repeat: any source of that title first
        assert results[0]["title"] == source.title and f"/sources/{source.slug}/" in found(result[source.title])


def test_search_ignores_case_and_accents_on_the_real_dossier(served_real, real_site):
    result = search("query", served_real, "Chavez", "CHÁVEZ", "chávez", "guaido")["queries"]
    assert result["Chavez"]["results"] and found(result["Chavez"]) == found(result["CHÁVEZ"]) == found(result["chávez"])
    assert "Chávez" in result["Chavez"]["results"][0]["excerpt"]  # the accented word, found without its accent
    assert any("Guaidó" in r["title"] or "Guaidó" in r["excerpt"] for r in result["guaido"]["results"])
    assert result["Chavez"]["meta"].endswith("matching documents")


def test_the_real_dossier_finds_claims_sources_and_pages(served_real, real_site):
    project, _ = real_site
    dossier = load(project)
    source = dossier.sources[0]
    claim = source.claims[0]
    result = search("query", served_real, source.title, "Rostec", "methodology independent")["queries"]
    assert result[source.title]["results"][0]["href"] == f"/sources/{source.slug}/"
    assert any(r["href"].startswith("/sources/") for r in result["Rostec"]["results"])
    assert "/methodology/" in {r["href"] for r in result["methodology independent"]["results"]}
    sentence = search("query", served_real, claim.text)["queries"][claim.text]
    assert f"/sources/{source.slug}/#claim-{claim.id}" in found(sentence)


def test_hostile_text_shows_as_text_in_the_results(mini_site):
    server, url = serve(mini_site[1])
    try:
        result = search("query", url, "alert")["queries"]["alert"]
    finally:
        server.shutdown()
    excerpts = " ".join(r["excerpt"] for r in result["results"])
    assert "&lt;script&gt;" in excerpts and "<script" not in excerpts and "<img" not in excerpts


def test_the_keyboard_alone_searches_and_opens_a_result(served_real):
    result = search("keyboard", served_real, "Rostec")
    assert result["focused"] and result["open"]  # "/" focuses the box and opens it
    assert result["target"] and result["opened"].endswith(result["target"].split("#")[0].lstrip("/").split("#")[0])
    assert result["closed"]  # Escape closes it


def test_the_offline_copy_says_it_cannot_search(mini_site, tmp_path):
    with zipfile.ZipFile(mini_site[1] / "dossier-offline.zip") as archive:
        archive.extractall(tmp_path)
    result = search("offline", str(tmp_path / "dossier"))
    assert result["visible"] and "this offline copy cannot search" in result["text"]
    assert result["link"].endswith("/dossier/claims/index.html")  # the claims filter works offline
    assert result["requests"] == []
