"""Validate YAML data against the package's JSON Schemas, with positions and fixes.

A small interpreter of the draft-07 keywords the schemas use (type, properties, required,
additionalProperties, items, enum, pattern, minLength, maxLength, minItems, uniqueItems, $ref),
so every error names the line and column and says how to fix it.  ``tests/test_schema.py``
checks it agrees with the ``jsonschema`` package.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from importlib import resources

from .errors import Diagnostic
from .yamlfile import YamlDocument

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}
_EXAMPLES = {"object": "a mapping of fields", "array": "a list, e.g. [a, b] or one '- item' per line",
             "string": "text", "boolean": "true or false"}


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("schemas", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def _pattern(regex: str) -> re.Pattern:
    return re.compile(regex)


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Problems(list):
    """Diagnostics, plus the document paths they were found at (to skip untrustworthy parts)."""

    def __init__(self):
        super().__init__()
        self.paths: set[tuple] = set()

    def within(self, path) -> bool:
        path = tuple(path)
        return any(p[: len(path)] == path for p in self.paths)


def validate(doc: YamlDocument, schema_name: str) -> Problems:
    schema = load_schema(schema_name)
    out = Problems()
    _check(doc.data, schema, schema, (), doc, out)
    return out


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        ref = schema["$ref"]
        node = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**node, **extra}
    return schema


_SINGULAR = {"claims": "claim", "topics": "topic", "entities": "entity", "relations": "relation",
             "boilerplate": "boilerplate passage", "corrections": "correction"}


def _name(path) -> str:
    for i in range(len(path) - 1, -1, -1):
        if isinstance(path[i], str):
            return _SINGULAR[path[i]] if i < len(path) - 1 and path[i] in _SINGULAR else path[i]
    return "document"


def _check(value, schema, root, path, doc: YamlDocument, out: Problems) -> None:
    schema = _resolve(schema, root)

    def error(message: str, key: bool = False, at=path) -> None:
        out.append(Diagnostic(doc.path, *doc.where(at, key=key), message))
        out.paths.add(tuple(at))

    if "enum" in schema:
        if value not in schema["enum"]:
            allowed = ", ".join(schema["enum"])
            error(f"{_name(path)} {value!r} is not allowed; use one of: {allowed}{did_you_mean(value, schema['enum'])}")
        return
    expected = schema.get("type")
    if expected and not isinstance(value, _TYPES[expected]):
        shown = "nothing" if value is None else repr(value) if not isinstance(value, (dict, list)) else (
            "a mapping" if isinstance(value, dict) else "a list")
        error(f"{_name(path)} must be {_EXAMPLES[expected]}, not {shown}")
        return
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            error(f"{_name(path)} is empty; write a value or remove the field")
        elif len(value) > schema.get("maxLength", 1 << 30):
            error(f"{_name(path)} is {len(value):,} characters long, over the limit of {schema['maxLength']:,}; shorten it")
        elif "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            fix = schema.get("x-fix", f"it must match {schema['pattern']}")
            error(f"{_name(path)} {value!r} is not valid; {fix}")
    elif isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            error(f"{_name(path)} needs at least {schema['minItems']} item(s)")
        if schema.get("uniqueItems"):
            seen = set()
            for i, item in enumerate(value):
                if isinstance(item, str) and item in seen:
                    error(f"{item!r} is listed twice in {_name(path)}; remove one", at=path + (i,))
                seen.add(item if isinstance(item, str) else id(item))
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], root, path + (i,), doc, out)
    elif isinstance(value, dict):
        props = schema.get("properties", {})
        unknown = [k for k in value if k not in props]
        for name in schema.get("required", []):
            if name not in value and not difflib.get_close_matches(name, unknown, n=1, cutoff=0.6):
                what = f"{_name(path)} {value['id']!r}" if isinstance(value.get("id"), str) else _name(path)
                error(f"missing required field {name!r} in {what}; add '{name}:' "
                      f"({props.get(name, {}).get('description', 'see the schema')})")
        for name, item in value.items():
            if name in props:
                _check(item, props[name], root, path + (name,), doc, out)
            elif schema.get("additionalProperties") is False:
                error(f"unknown field {name!r}{did_you_mean(name, props) or '; allowed: ' + ', '.join(props)}",
                      key=True, at=path + (name,))
