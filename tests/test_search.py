"""The site's search index (Pagefind over the built pages, ``build_dossier/search.py``): what it holds,
what it leaves out, that it is the same bytes for the same input, and the header that shows it.
Queries in a browser are in ``test_search_browser.py``."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import material
import pytest
from conftest import FIXTURES, ROOT, make_project, run_dossier

from build_dossier.load import load
from build_dossier.search import FOLDER

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

SIGNATURE = b"pagefind_dcd"  # what Pagefind's gzipped files start with once unzipped


def fragments(site: Path) -> dict[str, dict]:
    """Each indexed page's record (url, content, meta, anchors), by URL."""
    pages = {}
    for path in (site / FOLDER / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        page = json.loads(data[len(SIGNATURE) :])
        pages[page["url"]] = page
    return pages


def words(text: str) -> set[str]:
    """The words of ``text``; Pagefind decodes character references once more than the page does (a
    literal "&amp;" in a claim is indexed as "&"), so they are decoded here too."""
    return set(re.findall(r"\w+", html.unescape(text).lower()))


def section(page: dict, anchor_id: str) -> str:
    """The words of a page's content from the anchor ``anchor_id`` to the next one."""
    anchors = sorted(page["anchors"], key=lambda a: a["location"])
    at = next(i for i, a in enumerate(anchors) if a["id"] == anchor_id)
    end = anchors[at + 1]["location"] if at + 1 < len(anchors) else None
    return " ".join(page["content"].split()[anchors[at]["location"] : end])


@pytest.mark.parametrize("which", ["real_site", "mini_site"])
def test_every_claim_is_indexed_under_its_anchor_with_its_sentence_and_quote(request, which):
    project, site = request.getfixturevalue(which)
    pages = fragments(site)
    dossier = load(project)
    for source in dossier.sources:
        page = pages[f"/sources/{source.slug}/"]
        assert page["meta"]["title"] == source.title  # a source is found by its title (the page's h1)
        assert page["content"].startswith(source.title)  # its h1: Pagefind weights headings above text
        for claim in source.claims:
            anchor = next(a for a in page["anchors"] if a["id"] == f"claim-{claim.id}")
            assert anchor["element"] == "h3"  # weighted above the text
            assert words(claim.text) <= words(anchor["text"])  # the result's title is the claim
            text = words(section(page, f"claim-{claim.id}"))
            assert words(claim.text) <= text, claim.id
            assert words(claim.quote) <= text, claim.id
            assert "cite this claim" not in section(page, f"claim-{claim.id}").lower()  # data-pagefind-ignore


def test_pages_excluded_from_search_are_not_indexed(mini_site):
    _, site = mini_site
    indexed = set(fragments(site))
    assert {"/", "/sources/alpha-2019-advisers/", "/methodology/", "/about/", "/entities/rostec/"} <= indexed
    # front matter `search: {exclude: true}`: lists of claims that the source pages already hold
    assert not indexed & {"/claims/", "/timeline/", "/topics/personnel/", "/404.html"}
    assert not [url for url in indexed if url.startswith("/topics/") and url != "/topics/"]


def test_the_offline_copy_has_no_index_and_no_theme_search(mini_site):
    import zipfile

    _, site = mini_site
    with zipfile.ZipFile(site / "dossier-offline.zip") as archive:
        names = archive.namelist()
        home = archive.read("dossier/index.html").decode("utf-8")
    assert not [n for n in names if n.startswith(("dossier/pagefind/", "dossier/search/"))]
    assert 'class="md-search dossier-search"' in home and "search.js" in home
    assert "iframe-worker" not in home and "unpkg.com" not in home


def test_the_index_is_the_same_bytes_for_the_same_site(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    trees = []
    for name in ("one", "two"):
        result = run_dossier("build", "--site-dir", name, "--no-pdf", "--no-offline", cwd=project)
        assert result.returncode == 0, result.stderr
        folder = project / name / FOLDER
        trees.append({p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()})
    assert len(trees[0]) > 10 and trees[0] == trees[1]


def test_the_theme_search_plugin_is_refused(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:", "plugins:\n  - search", 1))
    result = run_dossier("build", "--site-dir", "site", "--no-pdf", "--no-offline", cwd=project)
    assert result.returncode != 0
    assert "remove 'search' from plugins" in result.stderr


def test_the_header_is_the_themes_with_the_dossiers_search():
    """The header overrides the theme's (to hold the search box): the same file but for its search, so
    an update of the theme that changes its header fails here until the copy is updated."""
    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text()
    ours = (ROOT / "build_dossier/theme/partials/header.html").read_text()
    body = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731 - after the leading comment
    start = body(theirs).index('    {% if "material/search" in config.plugins %}')
    end = body(theirs).index("    {% if config.repo_url %}")
    expected = body(theirs)[:start] + '    {% include "partials/dossier-search.html" %}\n' + body(theirs)[end:]
    assert body(ours) == expected


def test_every_page_has_the_search_box(real_site):
    _, site = real_site
    for page in ("index.html", "claims/index.html", "sources/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count('class="md-search dossier-search"') == 1, page
        assert 'name="search"' not in html  # the theme's search script would take it over
        assert "search/search_index.json" not in html
