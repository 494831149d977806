"""The built site: every claim's quote is highlighted and linked both ways; text is escaped."""

from __future__ import annotations

import pytest
from conftest import Page, read_page

from build_dossier.load import load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'


def claims_of(project):
    return load(project).claims.values()


def check_quote_links(project, site):
    checked = 0
    for claim in claims_of(project):
        page = read_page(site, f"sources/{claim.source}")
        # the claim card: its anchor, and a link to the highlight
        assert f"claim-{claim.id}" in page.ids, claim.id
        assert f"#quote-{claim.id}" in {h for h, _ in page.links}, claim.id
        # the highlight: its anchor, highlighted text, and a link back to the claim
        assert f"quote-{claim.id}" in page.ids, claim.id
        assert any(claim.id in m.get("data-claims", "").split() for m in page.marks), claim.id
        assert any(h == f"#claim-{claim.id}" and "dossier-qref" in a.get("class", "") for h, a in page.links), claim.id
        checked += 1
    return checked


def test_every_quote_is_highlighted_and_linked_both_ways_real(real_site):
    project, site = real_site
    assert check_quote_links(project, site) >= 5 * 8  # all five sources, 8+ claims each


def test_every_quote_is_highlighted_and_linked_both_ways_mini(mini_site):
    assert check_quote_links(*mini_site) == 8


def check_evidence_trail(project, site):
    """Every claim card says who says so and how many independent sources are behind it, and its
    status badge links to the status's definition on the methodology page."""
    from build_dossier.index import build_index

    dossier = load(project)
    index = build_index(dossier)
    methodology = read_page(site, "methodology")
    pages = {}
    for claim in dossier.claims.values():
        html = pages.setdefault(claim.source, (site / f"sources/{claim.source}/index.html").read_text(encoding="utf-8"))
        card = html[html.index(f'id="claim-{claim.id}"') :]
        card = card[: card.index("</article>")]
        evidence = index.evidence[claim.id]
        assert f'href="../../methodology/#status-{claim.status}"' in card, claim.id
        assert f"status-{claim.status}" in methodology.ids
        assert "Origin: " in card and f"Behind it: {evidence.independent} independent source" in card, claim.id
    return len(dossier.claims)


def test_every_claim_shows_its_evidence_trail_real(real_site):
    assert check_evidence_trail(*real_site) >= 40


def test_every_claim_shows_its_evidence_trail_mini(mini_site):
    project, site = mini_site
    assert check_evidence_trail(project, site) == 8
    html = (site / "sources/alpha-2019-advisers/index.html").read_text(encoding="utf-8")
    assert "Origin: The Ambassador (statement); in Mini News" in html
    assert "Origin: Mini News (own reporting)</span>" in html


def test_source_text_and_annotations_render_literally(mini_site):
    _, site = mini_site
    html = (site / "sources/gamma-2020-hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*emphasis*" in html and "<em>emphasis</em>" not in html
    assert "[link](x)" in html and 'href="x"' not in html
    assert "&amp;amp;" in html  # the text's "&amp;" shown as typed
    assert "{{ 7*7 }}" in html and ">49<" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html
    assert "<script>alert" not in html and "<b>Outlet</b>" not in html and "<i>claimant</i>" not in html
    assert "javascript:" not in html.replace("[l](javascript:alert(1))", "").replace(
        "[Via](javascript:alert(3))", ""
    ).replace("&lt;a href=javascript:alert(4)&gt;", "")
    # the title is escaped wherever the theme puts it
    assert "<title>Title &lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; *em*" in html
    assert "</title><script>" not in html


def test_home_lists_every_source(real_site):
    project, site = real_site
    dossier = load(project)
    home = read_page(site, "")
    hrefs = {h for h, _ in home.links}
    for source in dossier.sources:
        assert f"sources/{source.slug}/" in hrefs


def test_no_stash_marker_leaks_into_the_site(mini_site):
    _, site = mini_site
    for page in site.rglob("*.html"):
        assert "DOSSIERBLOCK" not in page.read_text(encoding="utf-8"), page


def test_generate_writes_the_same_pages_as_markdown(tmp_path):
    from conftest import FIXTURES, run_dossier

    result = run_dossier("generate", "--out", str(tmp_path / "out"), cwd=FIXTURES / "mini")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/sources/alpha-2019-advisers.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Rostec cuts advisers\n")
    assert 'id="quote-alpha-advisers-cut"' in page and "DOSSIERBLOCK" not in page
    assert (tmp_path / "out/topics/personnel.md").is_file() and (tmp_path / "out/data/claims.json").is_file()
    # generating again replaces the folder it wrote; a foreign folder is refused
    assert run_dossier("generate", "--out", str(tmp_path / "out"), cwd=FIXTURES / "mini").returncode == 0
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/notes.txt").write_text("keep")
    refused = run_dossier("generate", "--out", str(tmp_path / "mine"), cwd=FIXTURES / "mini")
    assert refused.returncode == 2 and (tmp_path / "mine/notes.txt").read_text() == "keep"  # a usage error


def test_singular_and_plural_are_right_everywhere(mini_site):
    import re

    _, site = mini_site
    wrong = re.compile(
        r"(?<![\d,.])1 (claims|sources|relations|pairs|assessments|boilerplate passages|extraction slips)\b|(?<!http)\(s\)"
    )
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not wrong.search(text), (page, wrong.search(text)[0])


def test_home_answers_the_question(mini_site):
    """Findings, then what is contested, then the figures (an SVG chart with its numbers as a
    table), then the sources; the downloads beside each other."""
    import re

    project, site = mini_site
    dossier = load(project)
    html = (site / "index.html").read_text(encoding="utf-8")
    order = [
        html.index(marker)
        for marker in (
            'id="finding-advisers"',
            'class="dossier-pairs"',
            '<svg class="dossier-chart" role="img"',
            'class="dossier-sources"',
        )
    ]
    assert order == sorted(order)
    svg = html[html.index('<svg class="dossier-chart"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'aria-labelledby="chart-title chart-desc"' in svg and '<title id="chart-title">' in svg
    assert "Personnel: 4 claims (3 reported, 1 denied)." in svg and "(2 reported, 2 assessments)" in svg
    table = html[html.index('class="dossier-figures-table"') :]
    assert re.search(rf"All claims</th>(<td>\d+</td>){{5}}<td>{len(dossier.claims)}</td>", table)
    assert 'href="dossier.pdf"' in html and 'href="dossier-offline.zip"' in html
    pair = html[html.index('class="dossier-pairs"') :]
    assert "sources/alpha-2019-advisers/#claim-alpha-advisers-cut" in pair[:2000]
    assert "sources/alpha-2019-advisers/#claim-alpha-denial" in pair[:2000]


def test_every_listed_date_says_what_it_is(mini_site):
    import json

    _, site = mini_site
    rows = {r["id"]: r for r in json.loads((site / "claims/rows.json").read_text(encoding="utf-8"))}
    assert (rows["beta-il76-pantsir"]["date_kind"], rows["beta-il76-pantsir"]["precision"]) == ("event", "day")
    assert (rows["beta-radars"]["date_kind"], rows["beta-radars"]["precision"]) == ("published", "month")
    assert rows["beta-radars"]["date_label"] == "November 2025"
    for page in ("claims/index.html", "timeline/index.html", "topics/air-defence/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<span class="dossier-date-kind">Published</span> <time datetime="2025-11">November 2025</time>' in html
        assert '<span class="dossier-date-kind">Event</span> <time datetime="2025-10-26">26 October 2025</time>' in html


def test_the_offline_copy_links_files_not_folders(mini_site):
    import zipfile

    _, site = mini_site
    with zipfile.ZipFile(site / "dossier-offline.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(n.startswith("dossier/") for n in names)
        assert len({i.date_time for i in archive.infolist()}) == 1  # SOURCE_DATE_EPOCH, or 1980-01-01
        assert {
            "dossier/index.html",
            "dossier/claims/index.html",
            "dossier/claims/rows.js",
        } <= set(names)
        assert not [
            n for n in names if n.startswith(("dossier/pagefind/", "dossier/search/"))
        ]  # no search from file://
        for name in names:
            if name.endswith(".html"):
                page = Page(archive.read(name).decode("utf-8"))
                local = [h for h, _ in page.links if not h.startswith(("http:", "https:", "#", "mailto:"))]
                assert not [h for h in local if h.split("#")[0].endswith("/") or h.split("#")[0] in (".", "..")], name
                assert not [s for s in page.scripts if s.get("src", "").startswith("http")], name
        claims = archive.read("dossier/claims/index.html").decode("utf-8")
        assert '<script src="rows.js"></script>' in claims
        assert 'href="../sources/alpha-2019-advisers.html#claim-alpha-advisers-cut"' in claims


def test_write_zip_is_deterministic(tmp_path):
    import os

    from build_dossier.build import write_zip

    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "a/b/z.txt").write_text("z")
    (tmp_path / "a/y.txt").write_text("y")
    write_zip(tmp_path / "a", tmp_path / "one.zip", "top")
    os.utime(tmp_path / "a/y.txt", (1, 1))
    write_zip(tmp_path / "a", tmp_path / "two.zip", "top")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
