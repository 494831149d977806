"""The contributor's messages, word for word: a quote that does not match says where and how it
differs and gives the passage as the .txt has it; an entity that gets no link says so; an id typed
with capitals gets a suggestion of its own kind; ``dossier quote`` prints a passage ready to paste."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_dossier

from build_dossier.load import check

TEXT = (
    "The Kremlin previously said Russian military specialists are in Venezuela to service pre-\n"
    "existing contracts. Moscow called the flights a “routine” visit.\n"
    "Two Su-30MK2 jets were repaired, even if the United States objected.\n"
)
ENTITIES = """\
entities:
  - id: su-30
    name: Su-30
    type: aircraft
    description: A Russian fighter jet.
"""
TOPICS = "topics:\n  - id: personnel\n    title: Personnel\n    description: People.\n"


def project(tmp_path: Path, quote: str, extra: str = "", topics: str = "[personnel]") -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "dossier.yml").write_text("title: T\ndescription: D\n")
    (folder / "topics.yml").write_text(TOPICS)
    (folder / "entities.yml").write_text(ENTITIES)
    (folder / "news-2019-jets.txt").write_text(TEXT)
    (folder / "news-2019-jets.yml").write_text(f"""\
source:
  title: Jets repaired
  outlet: The News
  published: "2019-03"
  url: https://news.example/jets
  kind: news
  language: en
claims:
  - id: news19-jets
    claim: Two Su-30MK2 jets were repaired.
    quote: {quote}
    topics: {topics}
    status: reported
    claimant: The News
{extra}""")
    return tmp_path


def messages(root: Path) -> list[str]:
    return [d.format() for d in check(root)[1]]


AT = (
    "sources/news-2019-jets.yml:11:12: error: quote of claim 'news19-jets' is not in the source text; copy the "
    "passage exactly from the .txt; "
)


@pytest.mark.parametrize(
    "quote, difference, passage",
    [
        (
            '"Two Su-30MK2 jets were repaired, even if the United Sates objected."',
            "the first difference, marked: the quote has “…even if the United ⟨Sates⟩” where the text has "
            "⟨States⟩ (a typo)",
            "Two Su-30MK2 jets were repaired, even if the United States objected.",
        ),
        (
            '"Two Su-30MK2 jets were repaired, even if United States objected."',
            "the first difference, marked: the quote leaves out “…were repaired, even if ⟨the⟩” (a missing word)",
            "Two Su-30MK2 jets were repaired, even if the United States objected.",
        ),
        (
            '"to service preexisting contracts."',
            "the first difference, marked: the quote has “to service ⟨preexisting⟩” where the text has ⟨pre-existing⟩ "
            "(the text breaks this word over two lines with a hyphen; keep the hyphen, as the text has it)",
            "to service pre-existing contracts.",
        ),
        (
            '"Moscow called the flights a ‹routine› visit."',
            "the first difference, marked: the quote has “…called the flights a ⟨‹routine›⟩” where the text has "
            "⟨“routine”⟩ (another quote mark: copy the one the text has)",
            "Moscow called the flights a “routine” visit.",
        ),
        (
            '"Moscow called the flights a \\"routine\\" vist."',
            "the first difference, marked: the quote has “…the flights a “routine” ⟨vist.⟩” where the text has "
            "⟨visit.⟩ (a typo)",
            "Moscow called the flights a “routine” visit.",
        ),  # the text's curly quotes, as they are: ready to paste
    ],
)
def test_a_quote_that_does_not_match_says_how_and_gives_the_passage_as_it_is(tmp_path, quote, difference, passage):
    line = next(m for m in messages(project(tmp_path, quote)) if "is not in the source text" in m)
    row = 3 if "Two" in passage else 2 if "Moscow" in passage else 1
    assert line == f"{AT}{difference}; the closest passage in the text, at line {row}, is: {passage}"


def test_an_entity_the_sentence_does_not_name_gets_a_warning_with_the_alias_to_add(tmp_path):
    root = project(tmp_path, '"Two Su-30MK2 jets were repaired"', "    entities: [su-30]\n")
    assert messages(root) == [
        "sources/news-2019-jets.yml:15:16: warning: entity 'su-30' is listed, but the claim sentence does not name "
        "it ('Su-30'), so it gets no link; add 'Su-30MK2' to its aliases in sources/entities.yml"
    ]
    entities = tmp_path / "sources/entities.yml"
    entities.write_text(entities.read_text() + "    aliases: [Su-30MK2]\n")  # the fix the message gives
    assert messages(root) == []


@pytest.mark.parametrize(
    "extra, topics, expected",
    [
        (
            "    entities: [Su-30]\n",
            "[personnel]",
            "sources/news-2019-jets.yml:15:16: error: entity 'Su-30' is not valid; use the id of an entity in "
            "sources/entities.yml: lowercase words and hyphens, e.g. vladimir-putin; did you mean 'su-30'?",
        ),
        (
            "",
            "[Personel]",
            "sources/news-2019-jets.yml:12:14: error: topic 'Personel' is not valid; use the id of a topic in "
            "sources/topics.yml: lowercase words and hyphens, e.g. air-defence; did you mean 'personnel'?",
        ),
        (
            "    relations:\n      - type: qualifies\n        claim: News19 Jets\n",
            "[personnel]",
            "sources/news-2019-jets.yml:17:16: error: claim 'News19 Jets' is not valid; use the other claim's id as "
            "written after its id:, e.g. mt19-rostec-advisers-cut; did you mean 'news19-jets'?",
        ),
    ],
)
def test_an_id_with_capitals_gets_an_example_and_a_suggestion_of_its_kind(tmp_path, extra, topics, expected):
    root = project(tmp_path, '"Two Su-30MK2 jets were repaired"', extra, topics)
    assert expected in messages(root)


def test_dossier_quote_prints_the_passage_ready_for_the_annotation(tmp_path):
    root = project(tmp_path, '"Two Su-30MK2 jets were repaired"')
    result = run_dossier("quote", "news-2019-jets", "The Kremlin previously … pre-existing contracts", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == 'quote: "The Kremlin previously said Russian military specialists are in Venezuela to '
        'service pre-existing contracts"\n'
    )
    result = run_dossier("quote", "news-2019-jets", "Moscow called ... visit.", cwd=root)
    assert result.stdout == 'quote: "Moscow called the flights a “routine” visit."\n'
    missing = run_dossier("quote", "news-2019-jets", "The Kremlin … the moon", cwd=root)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert (
        missing.stderr == "dossier: “the moon” does not occur after “The Kremlin” in the text; give words "
        "copied from it\n"
    )
    unknown = run_dossier("quote", "news-2019-jetz", "The Kremlin", cwd=root)
    assert unknown.returncode == 2 and "sources/news-2019-jetz.txt does not exist" in unknown.stderr
    (root / "sources/linked.txt").symlink_to("/etc/hostname")
    linked = run_dossier("quote", "linked", "The Kremlin", cwd=root)
    assert linked.returncode == 1 and linked.stderr.startswith("dossier: sources/linked.txt: this is a symbolic link")


def test_the_guides_dossier_quote_example_runs():
    import re
    import shlex

    from conftest import ROOT

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"^    dossier quote (.+)$", guide, re.M)[1]
    result = run_dossier("quote", *shlex.split(command), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('quote: "The Kremlin previously said') and result.stdout.endswith('arms."\n')
