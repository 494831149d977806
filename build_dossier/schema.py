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
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from .errors import Diagnostic
from .yamlfile import DocPath, YamlDocument

Schema = dict[str, Any]  # a JSON Schema (or a part of one), as loaded

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}
_EXAMPLES = {
    "object": "a mapping of fields",
    "array": "a list, e.g. [a, b] or one '- item' per line",
    "string": "text",
    "boolean": "true or false",
}


@cache
def load_schema(name: str) -> Schema:
    schema: Schema = json.loads(resources.files(__package__).joinpath("schemas", name).read_text("utf-8"))
    return schema


@cache
def _pattern(regex: str) -> re.Pattern[str]:
    """A schema pattern as Python needs it: JSON Schema's (ECMA-262) ``$`` matches only at the very
    end, Python's also before a final newline (``id: "x\\n"`` would pass), so a final ``$`` becomes ``\\Z``."""
    if regex.endswith("$") and not regex.endswith("\\$"):
        regex = regex[:-1] + r"\Z"
    return re.compile(regex)


# control characters refused in every text value: C0 but tab and line feed, DEL, C1
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C0_NAMES = (  # noqa: SIM905 - as a list literal, the formatter gives each name a line
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()


def control_character(value: str) -> str | None:
    """Where ``value`` holds a control character other than tab and line feed, and which, or None."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    code = ord(found[0])
    name = _C0_NAMES[code] if code < 32 else "DEL" if code == 0x7F else "a C1 control"
    return f"the control character U+{code:04X} ({name}) at character {found.start() + 1}"


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Problems(list[Diagnostic]):
    """The diagnostics of one document, plus the paths they were found at (to skip untrustworthy parts)."""

    def __init__(self, doc: YamlDocument, known: Mapping[str, Collection[str] | None] | None = None):
        super().__init__()
        self.doc = doc
        self.paths: set[DocPath] = set()
        self.known = known or {}  # ids that exist, by the schema's "x-ids" name ("topics", "entities")

    def within(self, path: DocPath) -> bool:
        path = tuple(path)
        return any(p[: len(path)] == path for p in self.paths)

    def error(self, at: DocPath, message: str, key: bool = False) -> None:
        self.append(Diagnostic(self.doc.path, *self.doc.where(at, key=key), message))
        self.paths.add(tuple(at))


def validate(
    doc: YamlDocument, schema_name: str, known: Mapping[str, Collection[str] | None] | None = None
) -> Problems:
    """Problems of ``doc`` against a schema; ``known`` lists existing ids by kind, for suggestions."""
    out = Problems(doc, known)
    _compiled(schema_name).check(doc.data, (), out)
    return out


def _resolve(schema: Schema, root: Schema) -> Schema:
    while "$ref" in schema:
        ref = schema["$ref"]
        node = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**node, **extra}
    return schema


_SINGULAR = {
    "claims": "claim",
    "topics": "topic",
    "entities": "entity",
    "relations": "relation",
    "boilerplate": "boilerplate passage",
    "corrections": "correction",
}


def singular(name: str) -> str:
    """'entities' -> 'entity': what one item of a list of the format is called."""
    return _SINGULAR.get(name, name)


def _name(path: DocPath) -> str:
    for i in range(len(path) - 1, -1, -1):
        part = path[i]
        if isinstance(part, str):
            return _SINGULAR[part] if i < len(path) - 1 and part in _SINGULAR else part
    return "document"


@cache
def _compiled(schema_name: str) -> _Rule:
    schema = load_schema(schema_name)
    return _Rule(schema, schema)


class _Rule:
    """One (sub)schema with its $ref resolved and its keywords looked up once."""

    def __init__(self, schema: Schema, root: Schema):
        self.schema = s = _resolve(schema, root)
        self.enum: list[str] = s.get("enum", [])
        self.has_enum = "enum" in s
        self.type = _TYPES[s["type"]] if s.get("type") else None
        self.min_length = s.get("minLength", 0)
        self.max_length = s.get("maxLength", 1 << 30)
        self.pattern = _pattern(s["pattern"]) if "pattern" in s else None
        self.ids = s.get("x-ids")  # which existing ids a value names, for did-you-mean
        self.min_items = s.get("minItems", 0)
        self.unique = s.get("uniqueItems")
        self.items = _Rule(s["items"], root) if "items" in s else None
        self.props = s.get("properties", {})
        self.rules = {name: _Rule(sub, root) for name, sub in self.props.items()}
        self.required = s.get("required", [])
        self.closed = s.get("additionalProperties") is False

    def _suggestion(self, value: str, out: Problems) -> str:
        """ "; did you mean 'su-30'?": the value lowercased and hyphenated, where that is valid, or
        the existing id closest to it."""
        tidy = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        if self.pattern is None or not self.pattern.search(tidy):
            return ""
        known = out.known.get(self.ids) if self.ids else None
        if known is None or tidy in known:
            return f"; did you mean {tidy!r}?"
        return did_you_mean(tidy, known)

    def check(self, value: object, path: DocPath, out: Problems) -> None:
        schema = self.schema
        if self.has_enum:
            if value not in self.enum:
                allowed = ", ".join(self.enum)
                out.error(
                    path,
                    f"{_name(path)} {value!r} is not allowed; use one of: {allowed}{did_you_mean(str(value), self.enum)}",
                )
            return
        if self.type and not isinstance(value, self.type):
            shown = {dict: "a mapping", list: "a list", type(None): "nothing"}.get(type(value)) or repr(value)
            out.error(path, f"{_name(path)} must be {_EXAMPLES[schema['type']]}, not {shown}")
            return
        if isinstance(value, str):
            self._check_text(value, path, out)
        elif isinstance(value, list):
            self._check_list(value, path, out)
        elif isinstance(value, dict):
            self._check_mapping(value, path, out)

    def _check_text(self, value: str, path: DocPath, out: Problems) -> None:
        schema = self.schema
        control = control_character(value)
        if control:
            out.error(
                path,
                f"{_name(path)} contains {control}; remove it (text may hold line breaks "
                "and tabs, but no other control characters: they break pages and feeds)",
            )
        elif len(value) < self.min_length:
            out.error(path, f"{_name(path)} is empty; write a value or remove the field")
        elif len(value) > self.max_length:
            out.error(
                path,
                f"{_name(path)} is {len(value):,} characters long, over the limit of "
                f"{schema['maxLength']:,}; shorten it",
            )
        elif self.pattern and not self.pattern.search(value):
            fix = schema.get("x-fix", f"it must match {schema['pattern']}")
            out.error(path, f"{_name(path)} {value!r} is not valid; {fix}{self._suggestion(value, out)}")

    def _check_list(self, value: list[Any], path: DocPath, out: Problems) -> None:
        if len(value) < self.min_items:
            out.error(path, f"{_name(path)} needs at least {self.min_items} item(s)")
        if self.unique:
            seen = set()
            for i, item in enumerate(value):
                if isinstance(item, str) and item in seen:
                    out.error(path + (i,), f"{item!r} is listed twice in {_name(path)}; remove one")
                seen.add(item if isinstance(item, str) else id(item))
        if self.items:
            check = self.items.check
            for i, item in enumerate(value):
                check(item, path + (i,), out)

    def _check_mapping(self, value: dict[str, Any], path: DocPath, out: Problems) -> None:
        props, rules = self.props, self.rules
        unknown = None
        for name in self.required:
            if name not in value:
                if unknown is None:
                    unknown = [k for k in value if k not in props]
                if not difflib.get_close_matches(name, unknown, n=1, cutoff=0.6):
                    what = f"{_name(path)} {value['id']!r}" if isinstance(value.get("id"), str) else _name(path)
                    out.error(
                        path,
                        f"missing required field {name!r} in {what}; add '{name}:' "
                        f"({props.get(name, {}).get('description', 'see the schema')})",
                    )
        for name, item in value.items():
            rule = rules.get(name)
            if rule is not None:
                rule.check(item, path + (name,), out)
            elif self.closed:
                out.error(
                    path + (name,),
                    f"unknown field {name!r}{did_you_mean(name, props) or '; allowed: ' + ', '.join(props)}",
                    key=True,
                )
