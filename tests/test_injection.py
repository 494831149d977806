"""A dossier whose every free-text field and source text carries HTML, script, Markdown,
javascript:/data: URLs and Jinja syntax builds a site and a PDF where all of it is literal text,
and no link anywhere has a scheme other than http(s)."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import make_project, run_dossier
from pypdf import PdfReader

pytestmark = pytest.mark.slow  # builds whole sites: left out by pytest -m 'not slow'

PAYLOAD = (
    "<script>alert(1)</script> *em* __strong__ [l](javascript:alert(2)) ![i](data:text/html,x) "
    "{{ 7*7 }} {% raw %} &amp; <img src=x onerror=alert(3)> javascript:alert(4) data:text/html;base64,PHNjcmlwdD4="
)


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_sources(folder: Path) -> None:
    folder.mkdir(parents=True)
    p = q(PAYLOAD)
    (folder / "dossier.yml").write_text(f"title: {p}\ndescription: {p}\nlicence: {p}\n")
    (folder / "topics.yml").write_text(f"topics:\n  - id: evil\n    title: {p}\n    description: {p}\n")
    (folder / "entities.yml").write_text(
        f"entities:\n  - id: evil-entity\n    name: {q('Evil <b>x</b> [l](javascript:alert(5)) {{ 1 }}')}\n"
        f"    type: person\n    description: {p}\n    aliases: [{q('<b>Evil</b>')}]\n"
    )
    text = f"Masthead {PAYLOAD}\n\nFirst: {PAYLOAD} one.\n\nSecond: {PAYLOAD} two. WS]J here.\n"
    (folder / "evil-2020-payload.txt").write_text(text)
    claim = q("Evil " + PAYLOAD)
    (folder / "evil-2020-payload.yml").write_text(f"""source:
  title: {p}
  outlet: {p}
  author: {p}
  published: "2020"
  published_note: {p}
  url: https://evil.example/a?x=%3Cscript%3E
  kind: news
  language: en
  via:
    outlet: {p}
    url: https://via.example/b
    note: {p}
text:
  wrapped: true
  boilerplate:
    - passage: {q("Masthead " + PAYLOAD)}
      reason: {p}
  corrections:
    - passage: WS]J
      reading: {q("<i>WSJ</i> javascript:x")}
      note: {p}
claims:
  - id: evil-one
    claim: {claim}
    quote: {q("First: " + PAYLOAD + " one.")}
    topics: [evil]
    status: disputed
    claimant: {claim}
    event_date: "2020-01"
    event_note: {p}
    entities: [evil-entity]
  - id: evil-two
    claim: {q("Second " + PAYLOAD)}
    quote: {q("Second: " + PAYLOAD + " two.")}
    topics: [evil]
    status: disputed
    claimant: {p}
    origin:
      party: evil-entity
      channel: statement
      note: {p}
    relations:
      - type: contradicts
        claim: evil-one
        note: {p}
""")


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.scripts, self.elements, self._script = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append(tag)
        for name in ("href", "src", "action", "formaction", "data", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if any(name.startswith("on") for name in attrs):
            self.elements.append(f"handler:{tag}")
        if tag == "script":
            self._script = [attrs.get("type", ""), ""]
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    hostile_sources(root / "payload")
    project = make_project(root / "project", root / "payload")
    result = run_dossier("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_page_shows_the_payload_as_text_and_runs_nothing(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = Collect()
        parsed.feed(html)
        assert "img" not in parsed.elements and not any(e.startswith("handler:") for e in parsed.elements), page
        for url in parsed.urls:
            scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url)
            assert scheme is None or scheme[1].lower() in ("http", "https"), (page, url)
        for kind, body in parsed.scripts:
            if kind == "application/ld+json":
                json.loads(body)
                assert "<" not in body
            else:
                assert "alert(" not in body, page
        shown += html.count("&lt;script&gt;alert(1)&lt;/script&gt; *em* __strong__")
        assert "<em>em</em>" not in html and "<strong>strong</strong>" not in html and ">49<" not in html
    assert shown > 10


def test_the_pdf_shows_the_payload_and_links_only_to_the_web(hostile_site: Path):
    pdf = hostile_site / "dossier.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script> *em* __strong__" in " ".join(text.split())
    for page in PdfReader(str(pdf)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                assert str(action["/URI"]).startswith(("http://", "https://")), action["/URI"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "JAVASCRIPT:alert(1)",
        "https://a.example/<script>",
        "//evil.example/x",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_non_web_urls_are_refused(tmp_path: Path, url: str):
    hostile_sources(tmp_path / "sources")
    path = tmp_path / "sources/evil-2020-payload.yml"
    path.write_text(path.read_text().replace("url: https://evil.example/a?x=%3Cscript%3E", f"url: {q(url)}"))
    result = run_dossier("check", cwd=tmp_path)
    assert result.returncode == 1 and "sources/evil-2020-payload.yml:7:8: error: url" in result.stdout


@pytest.mark.parametrize("text", ["before \x00 after", "before \x00\x00sources/x/ after", "before ROOT after"])
def test_a_claim_listed_away_from_its_source_shows_its_text_as_written(text):
    """The entries on topic, entity and timeline pages are rendered with each page's own links: no
    stand-in inside the HTML that a value of the data could imitate (the loader refuses control
    characters too; this holds without it)."""
    import dataclasses
    from html import escape

    from conftest import FIXTURES

    from build_dossier.load import load
    from build_dossier.render import Renderer

    dossier = load(FIXTURES / "kitchen-sink")
    renderer = Renderer(dossier)
    claim = dataclasses.replace(next(iter(dossier.claims.values())), text=text, quote=text)
    for here in ("topics/x.md", "topics/x/page-2.md", "timeline/index.md", "timeline/page-3.md"):
        helpers = renderer.link_helpers(here)
        for html in (str(helpers["entry"](claim)), str(helpers["event"](claim))):
            assert html.count(escape(text)) >= 1, (here, html)
            assert "\x00" not in html.replace(escape(text), "")
