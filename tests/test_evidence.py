"""The independence rule and earned statuses (docs/methodology.md), on small dossiers written here.

Each case writes a few sources whose claims and relations are given as YAML snippets, runs the
check, and looks for the message at the exact line and column of the mistake.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run_dossier

from build_dossier.index import build_index
from build_dossier.load import check

ENTITIES = """\
entities:
  - id: daily-x
    name: The Daily X
    type: outlet
    description: A newspaper.
  - id: gazette
    name: The Gazette
    type: outlet
    description: Another newspaper.
  - id: herald
    name: The Herald
    type: outlet
    description: A third newspaper.
  - id: minister
    name: The Minister
    type: person
    description: A minister concerned.
    part_of: government
  - id: government
    name: The Government
    type: organisation
    description: The government the minister belongs to.
  - id: flight-tracker
    name: FlightTracker
    type: tracker
    description: A flight-tracking website.
  - id: il-76
    name: Il-76
    type: aircraft
    description: A transport aircraft.
"""
TOPICS = "topics:\n  - id: t\n    title: T\n    description: A topic.\n"
TEXT = "A plane landed in the capital on Monday. It carried radars. The minister called it false. Both can be true.\n"


def claim(cid: str, quote: str, status: str = "reported", extra: str = "") -> str:
    body = f"""\
  - id: {cid}
    claim: A sentence about {cid}.
    quote: {quote}
    topics: [t]
    status: {status}
    claimant: someone
"""
    return body + textwrap.indent(textwrap.dedent(extra), "    ") if extra else body


def source(outlet: str, claims: list[str], meta: str = "") -> str:
    head = f"""\
source:
  title: A report by {outlet}
  outlet: {outlet}
  published: "2025-10-27"
  url: https://news.example/{outlet.lower().replace(" ", "-")}
  kind: news
  language: en
{textwrap.indent(textwrap.dedent(meta), "  ") if meta else ""}claims:
"""
    return head + "".join(claims)


def relation(kind: str, target: str) -> str:
    return f"relations:\n  - type: {kind}\n    claim: {target}\n"


def project(tmp_path: Path, sources: dict[str, str], entities: str = ENTITIES) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "dossier.yml").write_text("title: T\ndescription: D\n")
    (folder / "topics.yml").write_text(TOPICS)
    (folder / "entities.yml").write_text(entities)
    for slug, annotation in sources.items():
        (folder / f"{slug}.yml").write_text(annotation)
        (folder / f"{slug}.txt").write_text(TEXT)
    return tmp_path


def position(root: Path, slug: str, needle: str, after: str = "") -> tuple[int, int]:
    """1-based line and column of the value after ``needle`` (searched from the line holding ``after``)."""
    lines = (root / "sources" / f"{slug}.yml").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1, lines[i].index(needle) + len(needle) + 1
    raise AssertionError(needle)


def errors(root: Path) -> list[str]:
    _dossier, diagnostics = check(root)
    return [d.format() for d in diagnostics if d.is_error]


def assert_error(root: Path, slug: str, at: tuple[int, int], *words: str) -> None:
    found = errors(root)
    prefix = f"sources/{slug}.yml:{at[0]}:{at[1]}: error: "
    assert any(e.startswith(prefix) and all(w in e for w in words) for e in found), (prefix, words, found)


LANDED = "A plane landed in the capital on Monday."
WASHINGTON = """\
origin:
  party: daily-x
  channel: reporting
"""


def test_two_sources_relaying_one_origin_cannot_corroborate_each_other(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "corroborated", WASHINGTON)]),
            "herald-b": source(
                "The Herald",
                [claim("b-landed", LANDED, "corroborated", WASHINGTON + relation("corroborates", "a-landed"))],
            ),
        },
    )
    for slug, cid in (("gazette-a", "a-landed"), ("herald-b", "b-landed")):
        assert_error(
            root,
            slug,
            position(root, slug, "status: ", f"id: {cid}"),
            f"claim {cid!r} is marked corroborated",
            "is not independent: both come from The Daily X",
            "set status: reported",
        )


def test_an_outlet_is_the_same_origin_as_the_entity_of_its_name(tmp_path):
    """A source published (or relayed) by The Daily X and a claim relayed by the entity daily-x are one origin."""
    relayed = "origin:\n  party: minister\n  channel: statement\n  relayed_by: [daily-x]\n"
    root = project(
        tmp_path,
        {
            "daily-x-a": source("The Daily X", [claim("a-landed", LANDED, "corroborated")]),
            "gazette-b": source(
                "The Gazette",
                [claim("b-landed", LANDED, "corroborated", relayed + relation("corroborates", "a-landed"))],
            ),
        },
    )
    assert_error(
        root, "gazette-b", position(root, "gazette-b", "status: ", "id: b-landed"), "both come from The Daily X"
    )


def test_a_relaying_source_shares_the_relayed_outlets_origin_except_in_its_own_lines(tmp_path):
    via = "via:\n  outlet: The Daily X\n"
    corroborates = relation("corroborates", "x-landed")
    own = "origin:\n  party: gazette\n  channel: reporting\n"
    root = project(
        tmp_path,
        {
            "daily-x": source("The Daily X", [claim("x-landed", LANDED, "corroborated")]),
            "gazette-a": source(
                "The Gazette",
                [
                    claim("a-relayed", LANDED, "corroborated", corroborates),
                    claim("a-own", "It carried radars.", "corroborated", own + corroborates),
                ],
                meta=via,
            ),
        },
    )
    found = errors(root)
    assert any("'a-relayed' is marked corroborated" in e and "both come from The Daily X" in e for e in found), found
    assert not any("'a-own'" in e for e in found), found
    path = root / "sources" / "gazette-a.yml"
    path.write_text(path.read_text().replace("status: corroborated", "status: reported", 1))  # as the error says
    index = build_index(check(root)[0])
    assert index.evidence["a-own"].carrier == "The Gazette, relaying The Daily X"
    assert index.evidence["a-own"].origin_text == "The Gazette (own reporting)"


def test_a_body_and_its_parts_are_one_origin(tmp_path):
    """A minister's statement and the government's are one origin (``part_of``)."""
    said = "origin:\n  party: {}\n  channel: statement\n"
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "corroborated", said.format("government"))]),
            "herald-b": source(
                "The Herald",
                [
                    claim(
                        "b-landed",
                        LANDED,
                        "corroborated",
                        said.format("minister") + relation("corroborates", "a-landed"),
                    )
                ],
            ),
        },
    )
    assert_error(
        root, "herald-b", position(root, "herald-b", "status: ", "id: b-landed"), "both come from The Government"
    )


@pytest.mark.parametrize(
    "part_of, words",
    [
        ("governmnet", "part_of names 'governmnet', which is not an entity; did you mean 'government'?"),
        ("minister", "part_of goes round in a circle (government → minister → government)"),
    ],
)
def test_bad_part_of_is_refused(tmp_path, part_of, words):
    entities = ENTITIES.replace(
        "    description: The government the minister belongs to.",
        f"    description: The government the minister belongs to.\n    part_of: {part_of}",
    )
    root = project(tmp_path, {"gazette-a": source("The Gazette", [claim("a-landed", LANDED)])}, entities)
    lines = (root / "sources/entities.yml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text == f"    part_of: {part_of}")
    found = errors(root)
    assert any(e.startswith(f"sources/entities.yml:{line}:14: error: ") and words in e for e in found), found


def test_independent_origins_corroborate_and_count_as_two_sources(tmp_path):
    tracked = "origin:\n  party: flight-tracker\n  channel: tracking\n"
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "corroborated", tracked)]),
            "herald-b": source(
                "The Herald", [claim("b-landed", LANDED, "corroborated", relation("corroborates", "a-landed"))]
            ),
        },
    )
    dossier, diagnostics = check(root)
    assert [d for d in diagnostics if d.is_error] == []
    index = build_index(dossier)
    assert index.evidence["a-landed"].independent == 2
    assert index.evidence["b-landed"].reports == 2


def test_a_republished_piece_cannot_corroborate_its_original(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-original": source("The Gazette", [claim("orig-landed", LANDED, "corroborated")]),
            "herald-reprint": source(
                "The Herald",
                [claim("copy-landed", LANDED, "corroborated", relation("corroborates", "orig-landed"))],
                meta="republishes: gazette-original\n",
            ),
        },
    )
    assert_error(
        root,
        "herald-reprint",
        position(root, "herald-reprint", "status: ", "id: copy-landed"),
        "is not independent",
        "republishes",
        "set status: reported",
    )


def test_unnamed_sources_never_corroborate_each_other_across_outlets(tmp_path):
    unnamed = "origin:\n  channel: unnamed\n"
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "corroborated", unnamed)]),
            "herald-b": source(
                "The Herald",
                [claim("b-landed", LANDED, "corroborated", unnamed + relation("corroborates", "a-landed"))],
            ),
        },
    )
    assert_error(root, "herald-b", position(root, "herald-b", "status: ", "id: b-landed"), "unnamed sources")


def test_the_soft_relation_leaves_statuses_as_they_are(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "reported")]),
            "herald-b": source(
                "The Herald", [claim("b-true", "Both can be true.", "reported", relation("qualifies", "a-landed"))]
            ),
        },
    )
    assert errors(root) == []


def test_a_contradiction_makes_both_claims_disputed(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "reported")]),
            "herald-b": source(
                "The Herald",
                [claim("b-no-plane", "It carried radars.", "reported", relation("contradicts", "a-landed"))],
            ),
        },
    )
    for slug, cid, other in (("gazette-a", "a-landed", "b-no-plane"), ("herald-b", "b-no-plane", "a-landed")):
        assert_error(
            root,
            slug,
            position(root, slug, "status: ", f"id: {cid}"),
            f"claim {cid!r} is marked reported, but {other!r}",
            "contradicts it",
            "set status: disputed",
            "'qualifies'",
        )


def test_disputed_without_a_contradiction_is_refused(tmp_path):
    root = project(tmp_path, {"gazette-a": source("The Gazette", [claim("a-landed", LANDED, "disputed")])})
    assert_error(
        root,
        "gazette-a",
        position(root, "gazette-a", "status: ", "id: a-landed"),
        "marked disputed, but nothing in the dossier earns that",
        "'contradicts'",
        "set status: reported",
    )


def test_a_denial_by_the_party_concerned_makes_the_claim_denied(tmp_path):
    denial = "origin:\n  party: minister\n  channel: statement\n" + relation("denies", "a-landed")
    root = project(
        tmp_path,
        {
            "gazette-a": source(
                "The Gazette",
                [
                    claim("a-landed", LANDED, "reported"),
                    claim("a-denial", "The minister called it false.", "reported", denial),
                ],
            ),
        },
    )
    assert_error(
        root, "gazette-a", position(root, "gazette-a", "status: ", "id: a-landed"), "denies it", "set status: denied"
    )
    path = tmp_path / "sources" / "gazette-a.yml"
    path.write_text(path.read_text().replace("status: reported", "status: denied", 1))
    assert errors(root) == []


def test_a_denial_must_name_the_party_concerned(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source(
                "The Gazette",
                [
                    claim("a-landed", LANDED, "denied"),
                    claim("a-denial", "The minister called it false.", "reported", relation("denies", "a-landed")),
                ],
            ),
        },
    )
    assert_error(
        root,
        "gazette-a",
        position(root, "gazette-a", "- type: ", "id: a-denial"),
        "a denial comes from a party concerned",
        "channel: statement or document",
    )


def test_a_reported_claim_with_an_independent_corroboration_must_say_so(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "reported")]),
            "herald-b": source(
                "The Herald", [claim("b-landed", LANDED, "reported", relation("corroborates", "a-landed"))]
            ),
        },
    )
    assert_error(
        root,
        "gazette-a",
        position(root, "gazette-a", "status: ", "id: a-landed"),
        "from an independent origin, corroborates it",
        "set status: corroborated",
    )


def test_an_assessment_is_not_evidence_for_a_fact(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "reported")]),
            "herald-b": source(
                "The Herald", [claim("b-view", "Both can be true.", "assessment", relation("corroborates", "a-landed"))]
            ),
        },
    )
    assert_error(
        root,
        "herald-b",
        position(root, "herald-b", "claim: ", "- type: corroborates"),
        "links an assessment ('b-view') with a factual claim",
        "use 'qualifies'",
    )


@pytest.mark.parametrize(
    "origin, needle, words",
    [
        (
            "origin:\n  party: ministre\n  channel: statement\n",
            "party: ",
            ("origin 'ministre' is not an entity; did you mean 'minister'?", "sources/entities.yml"),
        ),
        (
            "origin:\n  party: il-76\n  channel: statement\n",
            "party: ",
            ("origin 'il-76' is an entity of type aircraft, which cannot assert anything",),
        ),
        (
            "origin:\n  party: minister\n  channel: statement\n  relayed_by: [daily-x, nobody]\n",
            "relayed_by: ",
            ("origin 'nobody' is not an entity",),
        ),
        ("origin:\n  channel: statement\n", "origin", ("has no party", "channel: unnamed")),
        ("origin:\n  party: minister\n  channel: rumour\n", "channel: ", ("channel 'rumour' is not allowed",)),
    ],
)
def test_bad_origins_are_refused_with_the_fix(tmp_path, origin, needle, words):
    root = project(tmp_path, {"gazette-a": source("The Gazette", [claim("a-landed", LANDED, "reported", origin)])})
    line, col = position(root, "gazette-a", needle, "id: a-landed")
    if needle == "relayed_by: ":
        col += len("[daily-x, ")
    if needle == "origin":
        col -= len("origin")
    assert_error(root, "gazette-a", (line, col), *words)


def test_a_source_that_republishes_itself_is_refused(tmp_path):
    root = project(
        tmp_path, {"gazette-a": source("The Gazette", [claim("a-landed", LANDED)], meta="republishes: gazette-a\n")}
    )
    assert_error(root, "gazette-a", position(root, "gazette-a", "republishes: "), "cannot republish itself")


def test_a_cycle_of_republishing_is_refused(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED)], meta="republishes: herald-b\n"),
            "herald-b": source("The Herald", [claim("b-landed", LANDED)], meta="republishes: gazette-a\n"),
        },
    )
    assert_error(
        root,
        "gazette-a",
        position(root, "gazette-a", "republishes: "),
        "goes round in a circle (gazette-a → herald-b → gazette-a)",
    )


def test_republishing_an_unknown_source_suggests_the_slug(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED)], meta="republishes: herald-c\n"),
            "herald-b": source("The Herald", [claim("b-landed", LANDED)]),
        },
    )
    assert_error(
        root,
        "gazette-a",
        position(root, "gazette-a", "republishes: "),
        "not a source of this dossier",
        "did you mean 'herald-b'?",
    )


def test_an_unknown_relation_type_is_a_clear_error_with_no_traceback(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED)]),
            "herald-b": source("The Herald", [claim("b-landed", LANDED, "reported", relation("supports", "a-landed"))]),
        },
    )
    result = run_dossier("check", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line, col = position(root, "herald-b", "- type: ", "id: b-landed")
    assert f"sources/herald-b.yml:{line}:{col}: error: type 'supports' is not allowed" in result.stdout
    assert "qualifies" in result.stdout  # the allowed values are listed


def test_a_claim_left_out_by_another_error_does_not_make_its_partners_status_wrong(tmp_path):
    root = project(
        tmp_path,
        {
            "gazette-a": source("The Gazette", [claim("a-landed", LANDED, "corroborated")]),
            "herald-b": source(
                "The Herald",
                [claim("b-landed", "Not in the text.", "corroborated", relation("corroborates", "a-landed"))],
            ),
        },
    )
    found = errors(root)
    assert len(found) == 1 and "quote of claim 'b-landed' is not in the source text" in found[0], found
