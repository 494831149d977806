"""The dossier's web on the built site: topics, claims index, timeline, entities, relations."""

from __future__ import annotations

import json

import pytest
from conftest import read_page

from build_dossier.index import build_index
from build_dossier.load import load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'


@pytest.fixture(params=["mini_site", "real_site"])
def built(request):
    project, site = request.getfixturevalue(request.param)
    return load(project), site


def hrefs(page):
    return {h for h, _ in page.links}


def test_every_claim_is_on_each_of_its_topic_pages(built):
    dossier, site = built
    for topic in dossier.topics:
        page = read_page(site, f"topics/{topic.id}")
        expected = {c.id for c in dossier.claims.values() if topic.id in c.topics}
        on_page = {i[len("claim-") :] for i in page.ids if i.startswith("claim-")}
        assert on_page == expected, topic.id
        for cid in expected:  # each links to its highlighted quote on the source page
            claim = dossier.claims[cid]
            assert f"../../sources/{claim.source}/#quote-{cid}" in hrefs(page)


def test_every_claim_is_in_the_claims_index_and_its_data(built):
    dossier, site = built
    linked = set()
    for path in site.joinpath("claims").glob("**/index.html"):
        page = read_page(site, path.parent.relative_to(site).as_posix())
        linked |= {h.rsplit("#claim-", 1)[1] for h in hrefs(page) if "#claim-" in h}
    assert linked == set(dossier.claims)
    rows = json.loads((site / "claims/rows.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in rows) == sorted(dossier.claims)


def test_every_claim_is_on_the_timeline(built):
    dossier, site = built
    page = read_page(site, "timeline")
    assert {i[len("event-") :] for i in page.ids if i.startswith("event-")} == set(dossier.claims)


def test_every_claim_is_on_each_entity_page_it_names_or_comes_from(built):
    dossier, site = built
    index = build_index(dossier)
    for entity in dossier.entities:
        page = read_page(site, f"entities/{entity.id}")
        named = {c.id for c in dossier.claims.values() if entity.id in c.entities}
        origin = {
            c.id
            for c in dossier.claims.values()
            if f"entity:{entity.id}" in {ref.key for ref in index.evidence[c.id].origins}
        }
        assert {i[len("claim-") :] for i in page.ids if i.startswith("claim-")} == named | origin, entity.id
        html = (site / f"entities/{entity.id}/index.html").read_text(encoding="utf-8")
        assert ('id="origin"' in html) == bool(origin - named), entity.id


def test_relations_are_shown_in_both_directions(built):
    dossier, site = built
    relations = [(c, r) for c in dossier.claims.values() for r in c.relations]
    assert relations
    for claim, relation in relations:
        other = dossier.claims[relation.target]
        here = read_page(site, f"sources/{claim.source}")
        there = read_page(site, f"sources/{other.source}")
        forward = f"#claim-{other.id}" if other.source == claim.source else f"../{other.source}/#claim-{other.id}"
        back = f"#claim-{claim.id}" if other.source == claim.source else f"../{claim.source}/#claim-{claim.id}"
        assert forward in hrefs(here) and back in hrefs(there)
        assert f"dossier-relation-{relation.type}" in (site / f"sources/{other.source}/index.html").read_text()


def test_entity_names_in_claims_link_to_entity_pages(mini_site):
    _, site = mini_site
    html = (site / "sources/alpha-2019-advisers/index.html").read_text(encoding="utf-8")
    assert '<a class="dossier-entity" href="../../entities/rostec/">Rostec</a> has cut' in html


def test_navigation_shows_the_dossier_structure(mini_site):
    _, site = mini_site
    tabs = [h for h, a in read_page(site, "").links if "md-tabs__link" in a.get("class", "")]
    assert tabs == [
        ".",
        "sources/",
        "topics/",
        "claims/",
        "timeline/",
        "entities/",
        "methodology/",
        "data/",
        "contributing/",
        "about/",
        "dossier.pdf",
    ]
    # the build made the PDF: the home page's hand-written link to it stays (tests/test_packaging.py: builds without)
    assert any(h == "dossier.pdf" and not a.get("class") for h, a in read_page(site, "").links)
