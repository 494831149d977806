"""Rendering pages: long lists cut into numbered pages, each item on exactly one of them, the pages
linked to each other with plain links (no script needed); short lists stay on one page."""

from __future__ import annotations

import gzip
import posixpath
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from build_dossier import render
from build_dossier.build import run_mkdocs
from build_dossier.load import load

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

PER_PAGE = 7  # small, so that a small synthetic dossier pages every kind of list


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "dossier"
    generate(40, out, seed=3)
    return out


@pytest.fixture
def pages(synthetic, monkeypatch) -> tuple[render.Renderer, dict[str, render.Page]]:
    monkeypatch.setattr(render, "PER_PAGE", PER_PAGE)
    renderer = render.Renderer(load(synthetic))
    return renderer, renderer.pages()


def run_of(pages: dict, first: str) -> list[str]:
    """The paths of the pages of the list that starts on ``first``, in order."""
    stem = first.removesuffix(".md").removesuffix("/index")
    numbered = sorted(
        (int(m[1]), src) for src in pages if (m := re.fullmatch(re.escape(stem) + r"/page-(\d+)\.md", src))
    )
    assert [n for n, _ in numbered] == list(range(2, len(numbered) + 2))
    return [first] + [src for _, src in numbered]


def ids(pages: dict, run: list[str], pattern: str) -> list[str]:
    return [found for src in run for found in re.findall(pattern, pages[src].markdown())]


def test_every_claim_of_a_list_is_on_exactly_one_page_in_order(pages):
    renderer, pages = pages
    ix = renderer.index
    lists = [(f"topics/{t.id}.md", [c.id for c in ix.by_topic[t.id]]) for t in renderer.dossier.topics]
    for e in renderer.dossier.entities:
        named = ix.by_entity[e.id]
        lists.append(
            (f"entities/{e.id}.md", [c.id for c in named + tuple(c for c in ix.by_origin[e.id] if c not in named)])
        )
    paged = 0
    for first, expected in lists:
        run = run_of(pages, first)
        assert ids(pages, run, r'<article class="dossier-claim[^"]*" id="claim-([^"]+)"') == expected
        assert len(run) == max(1, -(-len(expected) // PER_PAGE))
        paged += len(run) > 1
    assert paged >= 8  # topics and entities both paged
    events = [c.id for claims in ix.by_year.values() for c in claims]
    timeline = run_of(pages, "timeline/index.md")
    assert len(timeline) > 1 and ids(pages, timeline, r'<li id="event-([^"]+)"') == events
    sources = run_of(pages, "sources/index.md")
    linked = ids(pages, sources, r'<td data-label="Title"><a href="(?:\.\./)?([^/"]+)/">')
    assert len(sources) > 1 and linked == [s.slug for s in renderer.dossier.sources]
    rows = run_of(pages, "claims/index.md")
    assert len(ids(pages, rows, r'<td data-label="Claim">')) == len(renderer.dossier.claims)


def test_numbered_pages_link_each_other_with_plain_links_and_rel_prev_next(pages):
    renderer, pages = pages
    url_to_src = {render.page_url(src): src for src in pages}
    run = run_of(pages, "topics/" + renderer.dossier.topics[0].id + ".md")
    assert len(run) >= 3
    for i, src in enumerate(run):
        text = pages[src].markdown()
        nav = re.search(r'<nav class="dossier-pages" aria-label="[^"]+"><ul>(.*?)</ul></nav>', text, re.S)
        assert nav, src
        folder = render.page_url(src)
        targets = [
            url_to_src[posixpath.normpath(posixpath.join(folder, href)) + "/" if href != "./" else folder]
            for href in re.findall(r'<a href="([^"]+)"', nav[1])
        ]
        others = [s for s in run if s != src]
        assert sorted(set(targets)) == sorted(others)  # every other page linked (and previous, next)
        assert f'<span aria-current="page">{i + 1}</span>' in nav[1]
        head = renderer.head(src, pages[src].paging)
        for rel, j in (("prev", i - 1), ("next", i + 1)):
            links = re.findall(rf'<link rel="{rel}" href="([^"]+)">', head)
            if 0 <= j < len(run):
                assert [url_to_src[posixpath.normpath(posixpath.join(folder, links[0])) + "/"]] == [run[j]], (src, rel)
                assert re.search(rf'<a href="[^"]+" rel="{rel}">', nav[1])
            else:
                assert links == []


def test_short_lists_stay_on_one_page_without_a_pager(synthetic):
    renderer = render.Renderer(load(synthetic))  # PER_PAGE as shipped: 40 sources fit on a page each
    pages = renderer.pages()
    assert not [src for src in pages if "/page-" in src]
    assert not any("dossier-pages" in page.markdown() for page in pages.values())
    assert all('rel="next"' not in renderer.head(src, page.paging) for src, page in pages.items())


def test_every_page_of_a_built_paged_site_is_light(synthetic, tmp_path, monkeypatch):
    """A site built by MkDocs with small pages: every HTML page under a limit that holds a page of
    PER_PAGE claims, the pager's links lead to pages that exist."""
    monkeypatch.setattr(render, "PER_PAGE", 25)
    project = make_project(tmp_path / "project", synthetic / "sources")
    site = tmp_path / "site"
    assert run_mkdocs(project, site)
    sizes = {p.relative_to(site).as_posix(): len(gzip.compress(p.read_bytes(), 6)) for p in site.rglob("*.html")}
    assert any("/page-" in name for name in sizes)
    assert max(sizes.values()) < 40_000, max(sizes.items(), key=lambda item: item[1])
    for name in sizes:
        if "/page-" in name:
            html = (site / name).read_text(encoding="utf-8")
            for href in re.findall(r'<nav class="dossier-pages"[^>]*>.*?</nav>', html, re.S)[0].split('href="')[1:]:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href.split('"')[0]))
                assert (site / target / "index.html").is_file(), (name, target)
