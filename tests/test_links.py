"""Links to the original page scrolled to the quote: URL text fragments built as the WICG spec says."""

from __future__ import annotations

from urllib.parse import unquote

from conftest import FIXTURES

from build_dossier.links import LONG_QUOTE, fragment_term, quote_link, text_directive
from build_dossier.load import load


def test_a_short_quote_is_the_whole_text_percent_encoded():
    assert quote_link("https://a.example/x", "troops landed") == "https://a.example/x#:~:text=troops%20landed"


def test_dash_comma_and_ampersand_are_escaped():
    assert fragment_term("S-300, Su-30 & T-72") == "S%2D300%2C%20Su%2D30%20%26%20T%2D72"
    link = quote_link("https://a.example/x", "S-300, Su-30 & T-72")
    assert "-" not in link.split("#:~:text=")[1] and "," not in link.split("#:~:text=")[1]


def test_non_ascii_and_line_breaks():
    """UTF-8 percent-encoding; a line wrap of the .txt is one space, as the page shows it."""
    assert text_directive("El País\n  dijo «sí»") == "text=El%20Pa%C3%ADs%20dijo%20%C2%ABs%C3%AD%C2%BB"


def test_a_long_quote_is_its_first_and_last_words():
    quote = (
        "Two Russian air force planes landed at Simón Bolívar International Airport outside Caracas on "
        "Saturday, carrying about 100 military personnel"
    )
    assert len(quote) >= LONG_QUOTE
    directive = text_directive(quote)
    start, end = directive.removeprefix("text=").split(",")
    assert unquote(start) == "Two Russian air force" and unquote(end) == "about 100 military personnel"


def test_an_existing_fragment_is_replaced():
    assert quote_link("https://a.example/x?q=1#top", "a b") == "https://a.example/x?q=1#:~:text=a%20b"


def test_every_character_of_a_link_is_safe_in_html_and_urls():
    link = quote_link("https://a.example/x", "<script>\"'` \\ # % ? = + ; / :")
    fragment = link.split("#:~:text=")[1]
    assert set(fragment) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%._~")
    assert unquote(fragment) == "<script>\"'` \\ # % ? = + ; / :"


def test_the_model_and_the_kitchen_sink():
    source = load(FIXTURES / "kitchen-sink").source("sink-2019-every-field")
    claim = source.claims[0]
    assert source.original_at(claim.quote) == quote_link(source.url, claim.quote)
    assert source.archive_url.startswith("https://web.archive.org/")


def test_claim_cards_link_the_original_at_the_quote_and_the_archived_copy():
    from build_dossier.render import Renderer

    dossier = load(FIXTURES / "kitchen-sink")
    pages = {src: page.markdown() for src, page in Renderer(dossier).pages().items()}
    for slug in ("sink-2019-every-field", "sink-2019-reprint"):
        source = dossier.source(slug)
        page = next(text for src, text in pages.items() if src.endswith(f"{slug}.md"))
        for claim in source.claims:
            assert f'<a href="{source.original_at(claim.quote)}" class="dossier-original"' in page
        assert (f'<a href="{source.archive_url}" class="dossier-archive"' in page) == (source.archive_url is not None)
