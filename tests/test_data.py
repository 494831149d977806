"""Open data: datasets validate against their schemas, quotes sit at their recorded positions,
citations and the feed parse with standard libraries, and structured data is strict JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import feedparser
import jsonschema
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from build_dossier.load import load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'


@pytest.fixture(params=["mini_site", "real_site"])
def built(request):
    project, site = request.getfixturevalue(request.param)
    return load(project), site


def read_json(site, name):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_datasets_validate_against_their_published_schemas(built):
    _, site = built
    for name in ("claims", "sources"):
        schema = read_json(site, f"{name}.schema.json")
        jsonschema.Draft7Validator.check_schema(schema)
        jsonschema.validate(read_json(site, f"{name}.json"), schema)


def test_every_claim_once_with_its_quote_at_the_recorded_position(built):
    dossier, site = built
    records = read_json(site, "claims.json")["claims"]
    assert sorted(r["id"] for r in records) == sorted(dossier.claims)
    for record in records:
        text = dossier.source(record["source"]).text
        start, end = record["position"]["start"], record["position"]["end"]
        assert text[start:end] == record["position"]["exact"]
        fold = lambda s: " ".join(re.sub(r"[“”″]", '"', re.sub(r"[‘’′]", "'", s)).replace("-\n", "-").split())  # noqa: E731
        assert fold(record["position"]["exact"]) == fold(record["quote"]).replace("…", "..."), record["id"]


def test_csv_has_a_row_per_claim(built):
    dossier, site = built
    rows = list(csv.DictReader(io.StringIO((site / "data/claims.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(dossier.claims)


def test_bibtex_parses(built):
    dossier, site = built
    library = bibtexparser.parse_string((site / "data/sources.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(s.slug for s in dossier.sources)
    for entry in library.entries:
        assert entry.fields_dict["title"].value and entry.fields_dict["url"].value.startswith("http")


def test_csl_json_formats_with_citeproc(built):
    dossier, site = built
    items = read_json(site, "sources.csl.json")
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(dossier.sources)
    for s in dossier.sources:
        assert any(str(s.published.year) in r for r in rendered)


def test_feed_parses(built):
    dossier, site = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [s.title for s in dossier.sources]  # newest first


def test_structured_data_is_strict_json_without_html(built):
    dossier, site = built
    for source in dossier.sources:
        html = (site / f"sources/{source.slug}/index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1 + len(source.claims)
        items = [json.loads(b) for b in blocks]
        assert items[0]["@type"] == "WebPage" and items[0]["about"]["@type"] in (
            "ReportageNewsArticle",
            "AnalysisNewsArticle",
            "OpinionNewsArticle",
            "NewsArticle",
            "CreativeWork",
        )
        for item, _claim in zip(items[1:], source.claims):  # claims, never verdicts: no ClaimReview, no rating
            assert item["@type"] == "Claim" and item["appearance"][0]["url"] == source.url
            assert "reviewRating" not in json.dumps(item) and "ClaimReview" not in json.dumps(item)
            assert item["firstAppearance"]
        for block in blocks:
            assert "<" not in block and ">" not in block
        assert '<meta name="citation_title" content="' in html
