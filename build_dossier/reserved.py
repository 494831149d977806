"""The dossier's own files beside the sources: ``dossier.yml`` (settings), ``topics.yml`` and
``entities.yml``, each validated on its own and made into the model's values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import schema
from .discovery import RESERVED, reserved_name
from .errors import Collector, Diagnostic
from .model import Entity, Settings, Topic
from .yamlfile import YamlDocument, read_yaml

Read = tuple[tuple[Diagnostic, ...], Any]  # a file's diagnostics and its value (None if unusable)


def read_reserved(path: Path, shown: str, raw: bytes | None) -> Read:
    """``path`` (``dossier``, ``topics`` or ``entities.yml``) read from ``raw``, validated and built."""
    out = Collector()
    doc = read_valid(path, shown, raw, out, f"{path.name} is empty")
    value = None if doc is None else BUILDERS[path.stem](doc, out)
    return tuple(out.items), value


def read_valid(path: Path, shown: str, raw: bytes | None, out: Collector, empty: str) -> YamlDocument | None:
    """The document of a reserved file (``RESERVED``: its schema) read from ``raw``, or None when it
    cannot be read, is empty (``empty`` says so) or fails its schema; its problems go to ``out``."""
    doc, problems = read_yaml(path, shown, raw)
    out.extend(problems)
    if doc is None:
        return None
    if doc.data is None:
        out.at(shown, empty)
        return None
    errors = schema.validate(doc, RESERVED[path.stem])
    out.extend(errors)
    return None if errors else doc


def _settings(doc: YamlDocument, out: Collector) -> Settings:
    d: dict[str, Any] = doc.data
    return Settings(d["title"], d["description"], d.get("licence"), d.get("publisher"))


def _unique(doc: YamlDocument, items: list[dict[str, Any]], what: str, out: Collector) -> dict[str, dict[str, Any]]:
    """``items`` by id; a reserved or repeated id is reported."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if reserved_name(item["id"]):
            out.add(
                doc,
                (what, i, "id"),
                f"{schema.singular(what)} id {item['id']!r} is reserved (the site generates a page "
                f"of that name under {what}/); choose another id",
            )
        if item["id"] in seen:
            first = doc.where((what, seen[item["id"]], "id"))[0]
            out.add(
                doc,
                (what, i, "id"),
                f"duplicate {schema.singular(what)} id {item['id']!r} (first at line {first}); "
                "give each a different id",
            )
        else:
            seen[item["id"]] = i
    return {item["id"]: item for item in items}


def _topics(doc: YamlDocument, out: Collector) -> dict[str, Topic]:
    items = _unique(doc, doc.data["topics"], "topics", out)
    return {k: Topic(v["id"], v["title"], v["description"]) for k, v in items.items()}


def _entities(doc: YamlDocument, out: Collector) -> dict[str, Entity]:
    listed: list[dict[str, Any]] = doc.data["entities"]
    items = _unique(doc, listed, "entities", out)
    for i, item in enumerate(listed):
        parent, seen = item.get("part_of"), [item["id"]]
        if parent is not None and parent not in items:
            out.add(
                doc,
                ("entities", i, "part_of"),
                f"part_of names {parent!r}, which is not an entity"
                f"{schema.did_you_mean(parent, items)}; give the id of the body it belongs to",
            )
        while parent in items and parent not in seen:
            seen.append(parent)
            parent = items[parent].get("part_of")
        if parent == item["id"]:
            out.add(
                doc,
                ("entities", i, "part_of"),
                f"part_of goes round in a circle ({' → '.join(seen + [parent])}); "
                "a body cannot be part of its own part: remove one part_of",
            )
    return {
        k: Entity(
            v["id"],
            v["name"],
            v["type"],
            v["description"],
            tuple(v.get("aliases") or ()),
            v.get("wikidata"),
            v.get("part_of"),
        )
        for k, v in items.items()
    }


BUILDERS: dict[str, Callable[[YamlDocument, Collector], Any]] = {
    "dossier": _settings,
    "topics": _topics,
    "entities": _entities,
}
