"""The schema, the loader and the documentation agree; the schema validator agrees with jsonschema."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT

from build_dossier import schema, vocabulary
from build_dossier.load import load
from build_dossier.yamlfile import read_yaml

SCHEMAS = {
    "annotation": "annotation.schema.json",
    "topics": "topics.schema.json",
    "entities": "entities.schema.json",
    "dossier": "dossier.schema.json",
    "findings": "findings.schema.json",
}


def resolve(node, root):
    while "$ref" in node:
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def fields(node, root, prefix=""):
    """(path, schema) of every field, e.g. ("claims[].quote", {...})."""
    node = resolve(node, root)
    if node.get("type") == "object":
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            yield path, resolve(sub, root)
            yield from fields(sub, root, path)
    elif node.get("type") == "array" and isinstance(node.get("items"), dict):
        yield from fields(node["items"], root, prefix + "[]")


def all_schema_fields() -> set[str]:
    found = set()
    for name in SCHEMAS.values():
        s = schema.load_schema(name)
        jsonschema.Draft7Validator.check_schema(s)
        found |= {path for path, _ in fields(s, s)}
    return found


def test_every_field_is_documented_and_every_documented_field_exists():
    documented = set(re.findall(r"^\| `([^`]+)` \|", (ROOT / "docs/format.md").read_text(), re.M))
    assert documented == all_schema_fields()


def test_the_vocabulary_is_the_schemas():
    """Statuses, kinds, relation types, channels and entity types: one list, in the schemas and in code."""
    annotation, entities = schema.load_schema("annotation.schema.json"), schema.load_schema("entities.schema.json")
    claim = annotation["definitions"]["claim"]["properties"]
    assert claim["status"]["enum"] == list(vocabulary.STATUSES)
    assert claim["relations"]["items"]["properties"]["type"]["enum"] == list(vocabulary.RELATIONS)
    assert claim["origin"]["properties"]["channel"]["enum"] == list(vocabulary.CHANNELS)
    assert annotation["properties"]["source"]["properties"]["kind"]["enum"] == list(vocabulary.KINDS)
    assert entities["properties"]["entities"]["items"]["properties"]["type"]["enum"] == list(vocabulary.ENTITY_TYPES)


def test_every_field_has_a_description_in_the_schema():
    for name in SCHEMAS.values():
        s = schema.load_schema(name)
        for path, node in fields(s, s):
            if not path.endswith("[]"):
                assert node.get("description"), f"{name}: {path}"


KITCHEN_SINK = FIXTURES / "kitchen-sink"


def test_the_loader_accepts_and_keeps_every_field():
    """A dossier using every documented field loads, and each value reaches the model."""
    dossier = load(KITCHEN_SINK)
    source, reprint = dossier.source("sink-2019-every-field"), dossier.source("sink-2019-reprint")
    assert reprint.republishes == source.slug
    assert (source.author, source.published_note, source.language) == ("Ann Author", "Printed on page 1.", "en")
    assert (source.via.outlet, source.via.url, source.via.note) == (
        "Original Daily",
        "https://original.example/a",
        "First published there.",
    )
    assert source.wrapped is True
    assert source.archive_url == "https://web.archive.org/web/20190401000000/https://exampledaily.example/every-field"
    assert [o.reason for o in source.boilerplate] == ["masthead", "repeated line"]
    [fix] = source.corrections
    assert (fix.reading, fix.note) == ("WSJ", "OCR slip")
    first, second = source.claims
    assert (first.prefix, first.suffix, first.event_note) == (None, "and", "Dated from the text.")
    assert second.prefix == "The second" and second.event_date.iso == "2019-03"
    assert first.entities == ("ivan-example",) and first.topics == ("financing", "personnel")
    assert (first.origin.party, first.origin.channel, first.origin.relayed_by, first.origin.note) == (
        "ivan-example",
        "statement",
        ("original-daily",),
        "He said it to the Original Daily.",
    )
    [relation] = second.relations
    assert (relation.type, relation.target, relation.note) == ("updates", first.id, "Gives the new figure.")
    entity = dossier.entities[0]
    assert (entity.aliases, entity.wikidata, entity.type, entity.part_of) == (
        ("Ivan E.",),
        "Q42",
        "person",
        "original-daily",
    )
    assert (dossier.settings.licence, dossier.settings.publisher) == ("CC BY 4.0", "The Kitchen Sink Desk")
    [finding] = dossier.findings
    assert (finding.id, finding.cites, finding.caveat) == (
        "sink-advisers",
        ("sink-first", "sink-second"),
        "Both rest on one origin [sink-first].",
    )
    used: set[str] = set()
    for path in KITCHEN_SINK.joinpath("sources").glob("*.yml"):
        doc, problems = read_yaml(path, path.name)
        assert doc is not None and not problems, path
        used |= set(field_paths(doc.data))
    assert all_schema_fields() - used == set()  # every field of every schema, at its place


def field_paths(data, prefix=""):
    """The schema-style path of every key in ``data``, e.g. "claims[].origin.party"."""
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from field_paths(value, path)
    elif isinstance(data, list):
        for item in data:
            yield from field_paths(item, prefix + "[]")


def test_field_paths_name_each_key_at_its_place():
    data = {"claims": [{"id": "a", "origin": {"party": "p"}}], "text": {"wrapped": True}}
    assert set(field_paths(data)) == {
        "claims",
        "claims[].id",
        "claims[].origin",
        "claims[].origin.party",
        "text",
        "text.wrapped",
    }


def test_nothing_but_the_vocabulary_lists_statuses_kinds_relations_channels_or_entity_types():
    """A list of three or more values of one vocabulary (quoted, or in a sentence) anywhere in the
    package but vocabulary.py and the schemas is a second copy: it must read the vocabulary instead."""
    lists = [vocabulary.STATUSES, vocabulary.KINDS, vocabulary.RELATIONS, vocabulary.CHANNELS, vocabulary.ENTITY_TYPES]
    copies = []
    for path in sorted((ROOT / "build_dossier").rglob("*")):
        if path.suffix not in (".py", ".j2", ".js", ".md") or path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        for values in lists:
            word = "|".join(re.escape(v) for v in values)
            listing = rf"[\"']?\b({word})\b[\"']?(?:\s*(?:,|\||\bor\b|\band\b)\s*[\"']?\b({word})\b[\"']?){{2,}}"
            copies += [f"{path.name}: {m.group(0)}" for m in re.finditer(listing, text)]
    assert copies == []


def schema_for(path: Path) -> str:
    return SCHEMAS.get(path.stem, "annotation.schema.json")


YAML_FILES = sorted([*ROOT.glob("sources/*.yml"), *FIXTURES.glob("*/sources/*.yml"), *ROOT.glob("tests/broken/*.yml")])


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_own_validator_agrees_with_jsonschema(path: Path):
    doc, _problems = read_yaml(path, path.name)
    if doc is None:
        pytest.skip("not parseable YAML: nothing for a schema to validate")
    ours = schema.validate(doc, schema_for(path))
    theirs = list(jsonschema.Draft7Validator(schema.load_schema(schema_for(path))).iter_errors(doc.data))
    assert bool(ours) == bool(theirs), (ours, [e.message for e in theirs])


def test_annotation_files_name_their_schema():
    for path in ROOT.glob("sources/*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../build_dossier/schemas/{schema_for(path)}", path
