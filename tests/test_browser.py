"""The site in a real browser (Debian's Chromium, driven by playwright-core from tools/): the claims
filter, its address and Back, accents, JavaScript off, phone widths, the timeline's topic filter
and the offline copy from file:// (its search: ``test_search_browser.py``).  Marked ``browser``:
``pytest -m "not browser"`` leaves them out."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (
            shutil.which("node") and Path(CHROMIUM).exists() and (ROOT / "tools/node_modules/playwright-core").is_dir()
        ),
        reason="needs node, Debian's chromium and tools/ (make test installs them)",
    ),
]


def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def served(mini_site):
    server, url = serve(mini_site[1])
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def served_real(real_site):
    server, url = serve(real_site[1])
    yield url
    server.shutdown()


def browse(*args: str) -> dict:
    result = subprocess.run(
        ["node", "tests/site_browser.js", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def pages_of(site: Path) -> list[str]:
    """Every page of a built site, as URL paths ('' for the home page)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html":
            pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def filter_claims(url: str, text: str) -> dict:
    result = subprocess.run(
        ["node", "bench/claims_filter.js", url + "claims/", text],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "page error" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_typing_filters_the_claims_as_you_type(served):
    result = filter_claims(served, "Rostec")
    assert result["keystrokes"] == len("Rostec")  # the count updated after every keystroke
    assert result["status"] == "1 claim matches" and result["rows_after"] == 1


def test_a_filter_with_no_match_says_so(served):
    result = filter_claims(served, "zzzz-nothing")
    assert result["status"] == "0 claims match" and result["rows_after"] == 0


def test_the_filter_lives_in_the_address_and_survives_back(served):
    result = browse("roundtrip", served)
    filtered, back, shared = result["filtered"], result["back"], result["shared"]
    assert filtered["address"].endswith("/claims/?q=advisers&topic=personnel")
    assert filtered["count"] == "1 claim matches" and len(filtered["rows"]) == 1
    assert "#claim-" in result["claimPage"]  # the claim opened
    assert back["address"] == filtered["address"] and (back["q"], back["topic"]) == ("advisers", "personnel")
    assert back["rows"] == filtered["rows"] and back["count"] == filtered["count"]
    assert shared["rows"] == filtered["rows"]  # the address alone gives the same view
    assert result["errors"] == []


def test_the_text_filter_ignores_case_and_accents(served):
    plain, accented = browse("filter", served, "chavez"), browse("filter", served, "CHÁVEZ")
    assert plain["rows"] == accented["rows"] == ["The ambassador in Caracas, Chávez's old capital, denied the reports."]


def test_the_text_filter_ignores_accents_on_the_real_dossier(served_real):
    plain, accented = browse("filter", served_real, "chavez"), browse("filter", served_real, "Chávez")
    assert plain["rows"] and plain["rows"] == accented["rows"]
    assert all("Chávez" in row or "Chavez" in row for row in plain["rows"])


def test_without_javascript_no_control_is_shown(mini_site, served):
    """With JavaScript off nothing that needs it shows: the claims filter stays hidden, no "Show
    more", no sort buttons, no timeline filter buttons, and the theme's search is hidden."""
    result = browse("nojs", served, *pages_of(mini_site[1]))
    assert {page: controls for page, controls in result["controls"].items() if controls} == {}


def test_without_its_rows_the_claims_page_shows_no_control(served):
    result = browse("norows", served)
    assert result["controls"] == [] and result["rows"] == 8  # the plain table, no filter form


@pytest.mark.parametrize("which", ["mini_site", "real_site"])
def test_no_page_is_wider_than_a_phone(request, which):
    site = request.getfixturevalue(which)[1]
    server, url = serve(site)
    try:
        result = browse("widths", url, *pages_of(site))
    finally:
        server.shutdown()
    assert len(result["widths"]) == len(pages_of(site)) > 10
    assert {page: width for page, width in result["widths"].items() if width > 390} == {}


def test_the_phone_menu_opens_on_pages_without_a_sidebar(served):
    result = browse("drawer", served, "", "claims/", "timeline/", "topics/personnel/", "sources/alpha-2019-advisers/")
    assert {page: n for page, n in result["links"].items() if n < 5} == {}


def test_the_timeline_filters_by_topic_in_place(served):
    result = browse("timeline", served, "personnel")
    assert result["before"] == 8 and result["shown"] == 4 and result["wrong"] == 0
    assert result["address"].endswith("/timeline/?topic=personnel") and result["pressed"] == "personnel"
    assert result["reloaded"] == 4 and result["errors"] == []


def test_the_offline_copy_works_from_file(mini_site, tmp_path):
    with zipfile.ZipFile(mini_site[1] / "dossier-offline.zip") as archive:
        archive.extractall(tmp_path)
    result = browse("offline", str(tmp_path / "dossier"))
    assert result["claimsUrl"].endswith("/dossier/claims/index.html")
    assert result["filter"]["count"] == "1 claim matches"
    assert result["sourceUrl"].endswith("/dossier/sources/alpha-2019-advisers.html#claim-alpha-advisers-cut")
    assert result["sourceTitle"].startswith("Rostec cuts advisers")
    assert result["requests"] == [] and result["errors"] == []  # nothing fetched from the network
