"""``dossier new --from-html`` / ``--from-url``: a source from its web page, saved pages made for the tests
(tests/fixtures/html/); bad input is refused with a message naming the file and the fix, never a traceback."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, run_dossier

from build_dossier.fromweb import _precision, extract
from build_dossier.load import load
from build_dossier.scaffold import EXTRACTED, NewSource, make_slug

pytestmark = (
    pytest.mark.slow
)  # runs `dossier new` in a process per page (trafilatura): left out by pytest -m 'not slow'

HTML = FIXTURES / "html"
NEWS_TEXT = (
    "Russian jets land in Caracas, officials say\n"
    "Two Russian air force planes landed at Simón Bolívar International Airport outside Caracas on Saturday, "
    "carrying about 100 military personnel and 35 tonnes of cargo, according to local reporters and flight "
    "tracking data.\n"
    "A Russian embassy spokesperson said the flights were part of a long-standing technical cooperation agreement "
    "and denied that the personnel were combat troops.\n"
    "Venezuelan opposition leaders called the arrival a violation of the constitution, which requires the National "
    "Assembly to authorise foreign military missions in the country.\n"
    "Analysts said the deployment was small but symbolically important, signalling Moscow's continued support for "
    "the government in Caracas amid mounting pressure from Washington."
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURES / "mini" / "sources")


def sources(project: Path) -> set[str]:
    return {p.name for p in (project / "sources").iterdir()}


def refused(result, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


# ---- the pages ------------------------------------------------------------------------------------


def test_news_article_without_navigation_adverts_or_footer():
    page = extract((HTML / "news-article.html").read_bytes(), "news-article.html")
    assert page.text == NEWS_TEXT
    for junk in ("Home", "ADVERTISEMENT", "Sponsored", "Related stories", "All rights reserved", "Privacy"):
        assert junk not in page.text
    assert (page.title, page.author, page.published, page.outlet, page.language) == (
        "Russian jets land in Caracas, officials say",
        "Jane Roe",
        "2019-06-03",
        "Example Wire",
        "en",
    )
    assert page.url == "https://examplewire.example/world/2019/06/03/russian-jets-land-in-caracas"


def test_dossier_new_from_html_writes_the_text_and_marks_what_was_extracted(project: Path):
    before = sources(project)
    result = run_dossier("new", "--from-html", str(HTML / "news-article.html"), "--kind", "news", cwd=project)
    assert result.returncode == 0, result.stderr
    slug = "example-wire-2019-russian-jets-land"
    assert sources(project) - before == {f"{slug}.txt", f"{slug}.yml"}  # the HTML is not copied
    assert (project / f"sources/{slug}.txt").read_bytes() == NEWS_TEXT.encode("utf-8")
    lines = (project / f"sources/{slug}.yml").read_text(encoding="utf-8").splitlines()
    assert f'  title: "Russian jets land in Caracas, officials say"  {EXTRACTED}' in lines
    assert f'  outlet: "Example Wire"  {EXTRACTED}' in lines
    assert f'  author: "Jane Roe"  {EXTRACTED}' in lines
    assert f'  published: "2019-06-03"  {EXTRACTED}' in lines
    assert f'  url: "https://examplewire.example/world/2019/06/03/russian-jets-land-in-caracas"  {EXTRACTED}' in lines
    assert f"  language: en  {EXTRACTED}" in lines
    assert any(line.startswith('  published_note: "Extracted from the page') for line in lines)
    assert "  kind: news" in "\n".join(lines) and "extracted" in result.stderr
    check = run_dossier("check", cwd=project)
    assert check.returncode == 0, check.stdout  # a source without claims yet: a warning only
    assert load(project).source(slug).published.iso == "2019-06-03"


def test_values_given_on_the_command_line_win_and_are_not_marked(project: Path):
    result = run_dossier(
        "new",
        "--from-html",
        str(HTML / "news-article.html"),
        "--kind",
        "news",
        "--outlet",
        "Example Wire Service",
        "--date",
        "2019-06",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    text = (project / "sources/example-wire-service-2019-russian-jets-land.yml").read_text(encoding="utf-8")
    assert '  outlet: "Example Wire Service"\n' in text and f'published: "2019-06"  {EXTRACTED}' not in text
    assert (
        'published_note: "Extracted' not in text
        and f'  title: "Russian jets land in Caracas, officials say"  {EXTRACTED}' in text
    )


def test_a_page_without_metadata_asks_for_what_it_lacks(project: Path):
    page = extract((HTML / "no-metadata.html").read_bytes(), "no-metadata.html")
    assert page.text.startswith("The shipment of spare parts") and page.text.endswith("sent by email.")
    assert (page.title, page.author, page.published, page.outlet, page.url, page.language) == (None,) * 6
    before = sources(project)
    result = run_dossier("new", "--from-html", str(HTML / "no-metadata.html"), "--kind", "news", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the page gives no title, outlet, date, url; give --title … --outlet … --date … --url …" in result.stderr
    assert sources(project) == before
    result = run_dossier(
        "new",
        "--from-html",
        str(HTML / "no-metadata.html"),
        "--kind",
        "news",
        "--title",
        "Sukhoi parts arrive",
        "--outlet",
        "Example Daily",
        "--date",
        "2020",
        "--url",
        "https://exampledaily.example/parts",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    text = (project / "sources/example-daily-2020-sukhoi-parts-arrive.yml").read_text(encoding="utf-8")
    assert EXTRACTED not in text and "  language: en\n" in text


def test_a_spanish_page_transliterates_its_slug(project: Path):
    page = extract((HTML / "el-pais.html").read_bytes(), "el-pais.html")
    assert page.text.startswith("Rusia envía asesores militares a Venezuela\nDos aviones de la fuerza aérea rusa")
    assert "Portada" not in page.text and "derechos reservados" not in page.text
    assert (page.title, page.outlet, page.author, page.published, page.language) == (
        "Rusia envía asesores militares a Venezuela",
        "El País",
        "María García",
        "2019-03-25",
        "es-ES",
    )
    result = run_dossier("new", "--from-html", str(HTML / "el-pais.html"), "--kind", "news", cwd=project)
    assert result.returncode == 0, result.stderr
    yml = project / "sources/el-pais-2019-rusia-envia-asesores.yml"
    assert f'  outlet: "El País"  {EXTRACTED}' in yml.read_text(encoding="utf-8")
    assert (project / "sources/el-pais-2019-rusia-envia-asesores.txt").read_text(encoding="utf-8") == page.text


def test_a_page_that_is_not_an_article_is_refused(project: Path):
    before = sources(project)
    result = run_dossier("new", "--from-html", str(HTML / "front-page.html"), "--kind", "news", cwd=project)
    refused(result, "front-page.html: no article text was found", "save the article's own page")
    assert sources(project) == before


@pytest.mark.parametrize(
    "outlet, title, slug",
    [
        ("El País", "Rusia envía asesores", "el-pais-2019-rusia-envia-asesores"),
        ("Новая газета", "Россия направила военных", "novaia-gazeta-2019-rossiia-napravila-voennykh"),
        ("人民日报", "Russia's advisers", "ren-min-ri-bao-2019-russias-advisers"),
        ("!!!", "Военные в Каракасе", "2019-voennye-v-karakase"),
        ("???", "…", None),
    ],
)
def test_slugs_transliterate_and_never_collapse_to_a_generic_name(outlet, title, slug):
    made = make_slug(
        NewSource(title=title, outlet=outlet, published="2019-01-01", url="https://a.example/x", kind="news")
    )
    if slug:
        assert made == slug
    else:  # nothing to transliterate: a short hash tells sources apart
        assert made.startswith("2019-") and len(made) == 13
        other = make_slug(
            NewSource(title=title, outlet=outlet, published="2019", url="https://a.example/y", kind="news")
        )
        assert other != made


def test_dates_keep_only_the_precision_the_page_gives():
    assert _precision("2019-06-03", '<meta content="2019-06-03T10:00">') == "2019-06-03"
    assert _precision("2019-06-03", "<p>3 June 2019</p>") == "2019-06-03"
    assert _precision("2019-06-01", '<script>{"datePublished": "2019-06"}</script>') == "2019-06"
    assert _precision("2019-01-01", "<p>© 2019</p>") == "2019"


# ---- bad input ------------------------------------------------------------------------------------


def test_a_binary_file_is_refused(project: Path, tmp_path: Path):
    (tmp_path / "page.html").write_bytes(b"\x00\x01\x02\x03<html>" + os.urandom(200))
    (tmp_path / "doc.html").write_bytes(b"%PDF-1.7\n" + os.urandom(200))
    before = sources(project)
    refused(
        run_dossier("new", "--from-html", str(tmp_path / "page.html"), "--kind", "news", cwd=project),
        "page.html: this file holds binary data, not a web page",
        "Save Page As",
    )
    refused(
        run_dossier("new", "--from-html", str(tmp_path / "doc.html"), "--kind", "news", cwd=project),
        "doc.html: this is a PDF document, not a web page",
    )
    assert sources(project) == before


def test_an_empty_file_is_refused(project: Path, tmp_path: Path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b" \n\n ")
    for name in ("empty.html", "blank.html"):
        refused(
            run_dossier("new", "--from-html", str(tmp_path / name), "--kind", "news", cwd=project),
            f"{name}: the file is empty",
        )


def test_a_50_mb_file_is_refused_by_its_size_unread(project: Path, tmp_path: Path):
    big, before = tmp_path / "big.html", sources(project)
    with big.open("wb") as handle:  # sparse: 50 MB that take no room on disk
        handle.truncate(50 * 1024 * 1024)
    refused(
        run_dossier("new", "--from-html", str(big), "--kind", "news", cwd=project),
        "big.html: 52,428,800 bytes is too large for a web page",
        "Save Page As",
    )
    assert sources(project) == before


def test_a_page_whose_extraction_finds_no_text(project: Path, tmp_path: Path):
    (tmp_path / "scripted.html").write_text(
        "<html><head><title>App</title></head><body><div id=app></div><script>render()</script></body></html>"
    )
    (tmp_path / "plain.html").write_text("just some words, no markup at all\n")
    refused(
        run_dossier("new", "--from-html", str(tmp_path / "scripted.html"), "--kind", "news", cwd=project),
        "scripted.html: no article text was found",
    )
    refused(
        run_dossier("new", "--from-html", str(tmp_path / "plain.html"), "--kind", "news", cwd=project),
        "plain.html: this is not HTML",
        "dossier new FILE",
    )


def test_a_folder_a_fifo_or_a_missing_file_is_refused(project: Path, tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.html")
    refused(
        run_dossier("new", "--from-html", str(tmp_path / "pipe.html"), "--kind", "news", cwd=project),
        "pipe.html: this is a named pipe (FIFO), not a saved page",
    )
    refused(
        run_dossier("new", "--from-html", str(tmp_path), "--kind", "news", cwd=project),
        "this is a folder, not a saved page",
    )
    missing = run_dossier("new", "--from-html", str(tmp_path / "nope.html"), "--kind", "news", cwd=project)
    assert missing.returncode == 2 and "nope.html: no such file or directory" in missing.stderr


def test_usage_errors_exit_2(project: Path):
    both = run_dossier("new", "text.txt", "--from-html", str(HTML / "news-article.html"), cwd=project)
    assert both.returncode == 2 and "give one of TEXT" in both.stderr and "Traceback" not in both.stderr
    none = run_dossier("new", "--kind", "news", cwd=project)
    assert none.returncode == 2 and "give one of TEXT" in none.stderr


# ---- --from-url, against a server on 127.0.0.1 ----------------------------------------------------


@pytest.fixture
def server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(HTML))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_from_url_reads_the_page_from_a_server(project: Path, server: str):
    result = run_dossier("new", "--from-url", f"{server}/news-article.html", "--kind", "news", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "sources/example-wire-2019-russian-jets-land.txt").read_bytes() == NEWS_TEXT.encode()
    result = run_dossier(
        "new",
        "--from-url",
        f"{server}/no-metadata.html",
        "--kind",
        "news",
        "--title",
        "Parts",
        "--outlet",
        "Local",
        "--date",
        "2020",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr  # no canonical address: the one it was fetched from
    assert f'url: "{server}/no-metadata.html"' in (project / "sources/local-2020-parts.yml").read_text()


def test_from_url_without_a_network_or_with_a_missing_page_is_a_clear_error(project: Path, server: str):
    with socket.socket() as sock:  # a port nobody listens on: what an unreachable network looks like
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    before = sources(project)
    refused(
        run_dossier("new", "--from-url", f"http://127.0.0.1:{port}/a.html", "--kind", "news", cwd=project),
        f"cannot fetch http://127.0.0.1:{port}/a.html",
        "no network",
        "--from-html",
    )
    refused(
        run_dossier("new", "--from-url", f"{server}/missing.html", "--kind", "news", cwd=project),
        "the server answered 404",
    )
    bad = run_dossier("new", "--from-url", "file:///etc/passwd", "--kind", "news", cwd=project)
    assert bad.returncode == 2 and "not a web address" in bad.stderr
    assert sources(project) == before
