"""The open data checked by the tools their users use: pybtex formats the BibTeX, citeproc-py
renders the CSL-JSON, feedparser reads the feed, Web Annotations anchor on the published page,
frictionless validates the Data Package, and pages carry the tags Zotero, Scholar and link
previews read; robots.txt and the sitemap's dates."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import frictionless
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import FIXTURES, make_project, run_dossier
from pybtex import format_from_string
from pybtex.database import parse_string

from build_dossier.data import Publication
from build_dossier.index import build_index
from build_dossier.load import load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

HOSTILE = "Russia's Il-76 } lands ~ in ^ Venezuela \\ at 100% & $5 #1 _x_ { NATO\x0b\x1b"


@pytest.fixture(params=["mini_site", "real_site"])
def built(request):
    project, site = request.getfixturevalue(request.param)
    return load(project), site


def publication(dossier, **source_changes) -> Publication:
    """A publication of ``dossier`` whose first source has ``source_changes``."""
    first = dataclasses.replace(dossier.sources[0], **source_changes)
    dossier = dataclasses.replace(dossier, sources=(first, *dossier.sources[1:]))
    return Publication(dossier, build_index(dossier), "https://example.org/dossier/", date(2026, 1, 2))


class BodyText(HTMLParser):
    """A page's text content, as a browser's document.body.textContent without scripts and styles."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.inside_body, self.skip, self.parts = False, 0, []
        self.meta: dict[str, list[str]] = {}
        self.feed(html)
        self.text = "".join(self.parts)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content"))
        self.inside_body |= tag == "body"
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if self.inside_body and not self.skip:
            self.parts.append(data)


def page(site: Path, slug: str) -> BodyText:
    return BodyText((site / f"sources/{slug}/index.html").read_text(encoding="utf-8"))


# ---- BibTeX: pybtex -----------------------------------------------------------------------------
def test_pybtex_formats_every_entry_with_capitals_and_months(built):
    dossier, site = built
    bib = (site / "data/sources.bib").read_text(encoding="utf-8")
    for style in ("plain", "unsrt"):
        rendered = format_from_string(bib, style, output_backend="text")
        entries = re.findall(r"^\[\d+\] (.*)$", rendered, re.M)
        assert len(entries) == len(dossier.sources)
        for source in dossier.sources:
            shown = re.split(r"[{}^$\\]", source.title)[0]  # pybtex's text output leaves those as LaTeX
            entry = next(e for e in entries if shown in e)  # the title as published, capitals kept
            month = source.published.label.split()[-2] if source.published.month else None
            assert (f"{month} {source.published.year}" if month else str(source.published.year)) in entry
            if not month:
                assert not re.search(
                    r"January|February|March|April|May|June|July|August|September|October|"
                    r"November|December",
                    entry.split(shown)[1].split("URL:")[0],
                )
            assert source.url in entry


def test_pybtex_entry_types(built):
    dossier, site = built
    entries = parse_string((site / "data/sources.bib").read_text(encoding="utf-8"), "bibtex").entries
    for source in dossier.sources:
        entry = entries[source.slug]
        assert entry.type == ("article" if source.author and source.kind != "reference" else "misc")
        assert bool(entry.persons.get("author")) == bool(source.author)


def test_bibtex_escapes_a_hostile_title_and_keeps_the_next_entry(mini_site):
    project, _ = mini_site
    pub = publication(load(project), title=HOSTILE, outlet="A & B } {", author=None)
    bib = pub.citations()["sources.bib"]
    data = parse_string(bib, "bibtex")
    assert sorted(data.entries) == sorted(s.slug for s in pub.dossier.sources)  # nothing swallowed
    title = data.entries[pub.dossier.sources[0].slug].fields["title"]
    assert title == (
        "{Russia's Il-76 \\textbraceright{} lands \\textasciitilde{} in \\textasciicircum{} Venezuela "
        "\\textbackslash{} at 100\\% \\& \\$5 \\#1 \\_x\\_ \\textbraceleft{} NATO}"
    )
    text = format_from_string(bib, "plain", output_backend="text")
    assert "Russia's Il-76" in text and "Venezuela" in text and "NATO" in text and "100% & " in text
    assert "#1 _x_" in text and " ~ in " in text


# ---- CSL-JSON: citeproc-py ----------------------------------------------------------------------
def test_citeproc_renders_every_item_with_its_type_and_date(built, style="harvard-cite-them-right"):
    dossier, site = built
    items = json.loads((site / "data/sources.csl.json").read_text(encoding="utf-8"))
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(style, validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(dossier.sources)
    by_id = {item["id"]: item for item in items}
    for source in dossier.sources:
        item = by_id[source.slug]
        assert item["type"] == ("webpage" if source.kind == "reference" else "article-newspaper")
        assert item["issued"]["date-parts"][0] == [int(p) for p in source.published.iso.split("-")]
        entry = next(r for r in rendered if source.title in r)
        assert str(source.published.year) in entry and source.outlet in entry


# ---- Atom feed: feedparser ----------------------------------------------------------------------
def test_feedparser_reads_entries_with_content_and_true_dates(built):
    dossier, site = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == [s.title for s in dossier.sources]  # newest first
    for entry, source in zip(feed.entries, dossier.sources):
        assert entry.updated_parsed
        if source.published.precision == "day":
            assert entry.published_parsed[:3] == (source.published.year, source.published.month, source.published.day)
        else:  # no padded day: the date is in the content with its precision
            assert "published" not in entry
        content = entry.content[0].value
        assert f"published {source.published.label}" in content
        assert content.count("<li>") == len(source.claims)


def test_feed_with_control_characters_and_markup_stays_well_formed(mini_site):
    project, _ = mini_site
    dossier = load(project)
    claim = dossier.sources[0].claims[0]
    hostile_claim = dataclasses.replace(claim, text="<script>alert(1)</script> & \x1b claim")
    pub = publication(
        dossier, title=HOSTILE, author="Ann <b>\x00", claims=(hostile_claim, *dossier.sources[0].claims[1:])
    )
    feed = feedparser.parse(pub.atom().encode("utf-8"))
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.title.startswith("Russia's Il-76"))
    assert "<script>" not in entry.content[0].value and "&lt;script&gt;" in entry.content[0].value


# ---- Web Annotations: anchored on the published page --------------------------------------------
def test_annotations_anchor_on_the_published_source_page(built):
    dossier, site = built
    records = json.loads((site / "data/claims.json").read_text(encoding="utf-8"))["claims"]
    pages = {s.slug: page(site, s.slug).text for s in dossier.sources}
    for record in records:
        target = record["annotation"]["target"]
        assert target["source"].endswith(f"sources/{record['source']}/")
        selector = target["selector"]
        assert selector["type"] == "TextQuoteSelector"  # no TextPositionSelector: none is valid on the page
        assert pages[record["source"]].count(selector["prefix"] + selector["exact"] + selector["suffix"]) == 1, record[
            "id"
        ]


# ---- claims.csv and its Data Package: frictionless ----------------------------------------------
def test_frictionless_validates_the_data_package(built):
    _, site = built
    report = frictionless.validate(str(site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    header = next(csv.reader(io.StringIO((site / "data/claims.csv").read_text(encoding="utf-8"))))
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]] == header
    assert all(f["description"] for f in package["resources"][0]["schema"]["fields"])


def test_csv_and_json_carry_positions_relations_and_provenance(built):
    dossier, site = built
    records = {r["id"]: r for r in json.loads((site / "data/claims.json").read_text(encoding="utf-8"))["claims"]}
    rows = list(csv.DictReader(io.StringIO((site / "data/claims.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(dossier.claims)
    for row in rows:
        record, claim = records[row["id"]], dossier.claims[row["id"]]
        assert (int(row["start"]), int(row["end"])) == (claim.span.start, claim.span.end)
        assert row["event_note"] == (claim.event_note or "") and record["event_note"] == claim.event_note
        assert (
            row["origin_channel"]
            == record["origin"]["channel"]
            == (claim.origin.channel if claim.origin else "reporting")
        )
        assert row["first_party"] == record["origin"]["first_party"]["name"]
        if claim.origin and claim.origin.party:
            assert row["first_party_entity"] == record["origin"]["first_party"]["entity"] == claim.origin.party
        assert (row["relays"].split(";") if row["relays"] else []) == list(
            claim.origin.relayed_by if claim.origin else ()
        )
        assert int(row["independent_sources"]) == record["independent_sources"] >= 1
        relations = {tuple(r.split(":")) for r in row["relations"].split(";") if r}
        assert relations == {(r["type"], r["direction"], r["claim"]) for r in record["relations"]}
        outgoing = {(rel.type, "outgoing", rel.target) for rel in claim.relations}
        assert outgoing <= relations


# ---- pages: citation tags, JSON-LD, Open Graph, robots.txt, sitemap -----------------------------
def test_citation_tags_for_zotero_and_scholar(built):
    dossier, site = built
    for source in dossier.sources:
        meta = page(site, source.slug).meta
        assert meta["citation_title"] == [source.title]
        assert meta.get("citation_author", []) == ([source.author] if source.author else [])
        assert meta["citation_publication_date"] == [source.published.iso.replace("-", "/")]
        assert meta["citation_publisher"] == [source.outlet] and meta["prism.publicationName"] == [source.outlet]
        assert meta["DC.type"] == ["webpage" if source.kind == "reference" else "newspaperArticle"]
        assert "citation_journal_title" not in meta and "citation_date" not in meta
        assert meta["og:type"] == ["article"]


def test_jsonld_describes_the_page_about_the_outlets_article(built):
    dossier, site = built
    for source in dossier.sources:
        html = (site / f"sources/{source.slug}/index.html").read_text(encoding="utf-8")
        first = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert first["@type"] == "WebPage" and first["url"] != source.url
        assert first["about"]["url"] == source.url and first["isBasedOn"] == {"@id": source.url}
        assert first["about"]["publisher"]["name"] == source.outlet


def test_open_graph_on_every_page(built):
    _, site = built
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        if path.name == "404.html":
            continue
        meta = BodyText(path.read_text(encoding="utf-8")).meta
        for tag in ("og:title", "og:description", "og:type", "og:site_name", "og:url"):
            assert len(meta.get(tag, [])) == 1 and meta[tag][0], (path, tag)
        assert meta["og:url"][0].startswith("http")


def test_robots_txt_allows_all_and_points_to_the_sitemap(built):
    _, site = built
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *\nAllow: /\n")
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.M)


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def lastmods(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_no_git_history_no_lastmod(built):
    _, site = built  # the test projects are copies outside any git repository
    dates = lastmods(site)
    assert dates and not any(dates.values())


def git(project: Path, *args: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args], cwd=project, check=True, env=env, capture_output=True
    )


def test_sitemap_and_feed_dates_follow_the_git_history_of_each_pages_files(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "mini" / "sources")
    git(project, "init", "-q", when="2024-01-01T10:00:00+00:00")
    git(project, "add", "-A", when="2024-01-01T10:00:00+00:00")
    git(project, "commit", "-q", "-m", "one", when="2024-01-01T10:00:00+00:00")
    dossier = load(project)
    changed = dossier.sources[0]
    yml = project / changed.annotation_path
    yml.write_text(yml.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "two", when="2025-06-07T08:09:10+00:00")
    result = run_dossier(
        "build", "--no-pdf", "--site-dir", "site", cwd=project, env={"SITE_URL": "https://example.org/"}
    )
    assert result.returncode == 0, result.stderr
    dates = lastmods(project / "site")
    assert dates[f"https://example.org/sources/{changed.slug}/"] == "2025-06-07"
    assert dates["https://example.org/sources/"] == "2025-06-07"
    assert dates["https://example.org/about/"] == "2024-01-01"  # a hand-written page: its own file
    assert set(dates.values()) == {"2024-01-01", "2025-06-07"}
    feed = feedparser.parse((project / "site/feed.xml").read_bytes())
    updated = {e.link: datetime(*e.updated_parsed[:6], tzinfo=UTC) for e in feed.entries}
    assert updated[f"https://example.org/sources/{changed.slug}/"] == datetime(2025, 6, 7, 8, 9, 10, tzinfo=UTC)
    assert set(updated.values()) <= {datetime(2024, 1, 1, 10, tzinfo=UTC), datetime(2025, 6, 7, 8, 9, 10, tzinfo=UTC)}
