"""The search index sees the same text whether it parses a page's full HTML or the lighter
version the plugin hands it (``render.searchable_html``), and the published page is the full one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, make_project, run_dossier
from material.plugins.search.plugin import Parser

from build_dossier.load import load
from build_dossier.render import Renderer, searchable_html


def sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    found = [
        (s.id, " ".join("".join(s.title).split()), " ".join("".join(s.text).split()))
        for s in parser.data
        if not s.is_excluded()
    ]
    return [s for s in found if s != (None, "", "")]  # an empty preface: a block out of its page


@pytest.mark.parametrize(
    "sources",
    [ROOT / "sources", FIXTURES / "mini" / "sources", FIXTURES / "kitchen-sink" / "sources"],
    ids=["real", "mini", "kitchen-sink"],
)
def test_the_light_html_indexes_like_the_full_html(sources: Path):
    renderer = Renderer(load(sources.parent))
    checked = 0
    for src, page in renderer.pages().items():
        for block in page.blocks.values():
            light = searchable_html(block)
            assert sections(light) == sections(block), (src, block[:200])
            checked += len(block) > len(light)
    assert checked  # the light version is lighter somewhere


def test_excluded_elements_go_with_their_nested_content():
    html = (
        '<div class="a"><div data-search-exclude><div>gone <span>too</span></div>gone</div>'
        '<p>kept <a href="x">link</a> <mark id="m">mark</mark></p></div><h3 id="h">Head</h3>'
    )
    assert searchable_html(html) == '<p>kept link mark</p><h3 id="h">Head</h3>'


def test_the_site_is_the_full_html_and_its_index_the_claims(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    result = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    dossier = load(project)
    index = json.loads((project / "site" / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    for claim in dossier.claims.values():
        assert f"sources/{claim.source}/#claim-{claim.id}" in locations
        html = (project / "site" / "sources" / claim.source / "index.html").read_text()
        assert f'<mark id="quote-{claim.id}"' in html or f'id="quote-{claim.id}"' in html
        assert f'href="#claim-{claim.id}"' in html
