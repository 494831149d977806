"""Safe, positioned YAML reading.

Values come back as plain ``dict``/``list``/``str`` (plus ``True``/``False``/``None`` for the
unquoted words ``true``, ``false``, ``null``), so dates, ``NO`` and ``1:30`` stay text exactly as
written.  Every value and every key keeps its line and column, looked up by its path
(``("claims", 3, "quote")``).  Anchors, aliases and tags are refused: annotation files need none,
and refusing them rules out alias bombs and object construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Collector, Diagnostic

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

try:  # libyaml is much faster; the pure-Python parser gives the same nodes and marks
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser, yaml.resolver.BaseResolver):
        """Parse and compose only; every scalar is text, so a node's tag follows from its kind."""

        def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
            return _TAGS[kind]
except ImportError:  # pragma: no cover
    from yaml.loader import BaseLoader as _Loader  # type: ignore[assignment]

MAX_YAML_BYTES = 1_000_000
MAX_DEPTH = 20
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; annotation files are never this deep"
_DEFAULT_TAGS = set(_TAGS.values())
# plain (unquoted) scalars that are not text; an empty one (``key:``) is null
_PLAIN_VALUES = {"true": True, "false": False, "null": None, "~": None, "": None}

DocPath = tuple[str | int, ...]  # a path into the document: keys and list indexes


@dataclass
class YamlDocument:
    path: str
    data: Any = None  # plain data: str, bool, None, lists and mappings with str keys
    positions: dict[DocPath, tuple[int, int]] = field(default_factory=dict)  # value path -> (line, col)
    key_positions: dict[DocPath, tuple[int, int]] = field(default_factory=dict)  # mapping key path -> (line, col)

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``path`` (its key, if asked and known)."""
        path = tuple(path)
        while True:
            if key and path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def decode_text(raw: bytes, path: str, what: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 bytes, or say precisely why they are not acceptable text."""
    if b"\0" in raw:
        offset = raw.index(b"\0")
        message = (
            f"this {what} contains a NUL byte, so it is binary, not text; replace it with the UTF-8 text "
            "of the document"
        )
    else:
        try:
            return raw.decode("utf-8"), []
        except UnicodeDecodeError as exc:
            offset = exc.start
            message = (
                f"byte 0x{raw[offset]:02x} is not valid UTF-8; save the file as UTF-8 (for example from Latin-1: "
                "iconv -f latin1 -t utf-8)"
            )
    return None, [Diagnostic(path, *_line_col_of_byte(raw, offset), message)]


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def read_yaml(file: Path, shown_path: str, raw: bytes | None = None) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Read one YAML file (or its ``raw`` bytes, when already read); return the document (None if
    unusable) and diagnostics."""
    size = file.stat().st_size if raw is None else len(raw)
    out = Collector()
    if size > MAX_YAML_BYTES:  # refused before reading
        out.at(
            shown_path,
            f"file is {size:,} bytes, over the {MAX_YAML_BYTES:,}-byte limit for an annotation file; split the "
            "source or shorten it",
        )
        return None, out.items
    if raw is None:
        raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        out.at(shown_path, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        return None, out.items
    text, problems = decode_text(raw, shown_path, "YAML file")
    if text is None:
        return None, problems
    if "\r\n" in text:
        out.at(
            shown_path,
            "file uses Windows (CRLF) line endings; convert it to LF (git config core.autocrlf input, or your "
            "editor's line-ending setting)",
            "warning",
        )
    diagnostics = out.items
    deep = _maybe_deep(text)
    if ("&" in text or "*" in text) and not deep and not _ANCHOR_OR_ALIAS.search(text):
        plain = _read_plain(text, shown_path)  # e.g. "R&D", "Defence & Security": no event scan needed
        if plain is not None:
            return plain[0], diagnostics + plain[1]
    doc = YamlDocument(shown_path)
    try:
        if "&" in text or "*" in text or deep:  # cheap triggers; the event scan is exact
            refused = _scan_events(shown_path, text)
            if refused:
                return None, diagnostics + refused
        node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as exc:
        return None, diagnostics + [_syntax_diagnostic(shown_path, text, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        return None, diagnostics + [Diagnostic(shown_path, 1, 1, f"YAML error: {exc}")]
    except RecursionError:
        return None, diagnostics + [Diagnostic(shown_path, 1, 1, "YAML is nested too deeply to be an annotation file")]
    if node is not None:
        doc.data = _Converter(doc, diagnostics).convert(node, (), 0)
    return doc, diagnostics


# an anchor or alias is '&' or '*' then a name of these characters (libyaml and PyYAML alike)
_ANCHOR_OR_ALIAS = re.compile(r"[&*][0-9A-Za-z_-]")


def _read_plain(text: str, shown_path: str) -> tuple[YamlDocument, list[Diagnostic]] | None:
    """The document of YAML without anchors or aliases and its diagnostics, as the event scan then
    compose would give them; None when unsure (a YAML error, deep nesting): the exact path decides."""
    doc, problems = YamlDocument(shown_path), list[Diagnostic]()
    try:
        node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except (yaml.YAMLError, RecursionError):
        return None
    if node is not None:
        converter = _Converter(doc, problems)
        doc.data = converter.convert(node, (), 0)
        if converter.scan_too_deep:
            return None
    return doc, problems


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])""")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first line before ``upto`` whose quoted value is never closed on that line."""
    for number, line in enumerate(lines[:upto], 1):
        m = _OPEN_QUOTE.match(line)
        if m:
            rest = line[m.end() :]  # drop escaped quotes: \" inside "...", '' inside '...'
            rest = rest.replace("\\\\", "").replace('\\"', "") if m[1] == '"' else rest.replace("''", "")
            if m[1] not in rest:
                return number, m.start(1) + 1
    return None


def _syntax_diagnostic(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    unclosed = _unclosed_quote(lines, line)
    if unclosed and unclosed[0] < line:
        return Diagnostic(
            path,
            *unclosed,
            f"YAML syntax error: this quoted value is not closed on its line, so "
            f"YAML read on to line {line} ({problem}); add the closing quote",
        )
    if "tab character" in problem or ("\t" in here[:col] and "cannot start any token" in problem):
        message = "tab character in indentation; YAML indents with spaces only — replace the tab with spaces"
    elif "mapping values are not allowed" in problem:
        message = (
            "unexpected ':' here; if this value contains ': ', put the whole value in quotes, "
            "or check the indentation of the line above"
        )
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        message = f"{problem}; check that this line is indented like its siblings"
    elif "found undefined alias" in problem or "found character '*'" in problem:
        message = f"{problem}; a value starting with '*' or '&' must be put in quotes"
    else:
        message = f"{problem}" + (f" ({exc.context})" if exc.context else "") + "; check quotes and indentation"
    return Diagnostic(path, line, col, f"YAML syntax error: {message}")


_DEEP_DASHES = re.compile(r"(?:-[ \t]+){10}")
_DEEP_INDENT = re.compile(r"^[ \t]{60,}\S", re.M)


def _maybe_deep(text: str) -> bool:
    """Whether the text could nest deeper than MAX_DEPTH (libyaml's composer recurses in C)."""
    if text.count("[") + text.count("{") > 300:
        return True
    # each regex only runs when the text has what its match must contain (scanning is slow)
    if ("- -" in text or "-\t" in text or "-  " in text or "- \t" in text) and _DEEP_DASHES.search(text):
        return True
    return ("\t" in text or " " * 60 in text) and bool(_DEEP_INDENT.search(text))


def _scan_events(path: str, text: str) -> list[Diagnostic]:
    """Anchors, aliases and excessive nesting, found from parser events (iterative, stops early)."""
    found, depth = list[Diagnostic](), 0
    for event in yaml.parse(text, Loader=_Loader):  # type: ignore[arg-type]
        at = (path, *_start(event))
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return [*found, Diagnostic(*at, f"{TOO_DEEP} — check the brackets and indentation")]
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            what = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            found.append(
                Diagnostic(
                    *at,
                    f"YAML {what}{anchor} is not allowed in annotation files; write the value out in full, or put it "
                    "in quotes if it starts with & or *",
                )
            )
    return found


def _start(event: yaml.Event | yaml.Node) -> tuple[int, int]:
    """Where a parser event or a node starts: line and column, from 1."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Converter:
    """Nodes to plain data, recording every value's and key's position (hot: one call per node
    except for scalars inside mappings and lists, which are converted inline)."""

    def __init__(self, doc: YamlDocument, diagnostics: list[Diagnostic]):
        self.doc, self.diagnostics = doc, diagnostics
        self.seen: set[int] = set()  # unreachable after _scan_events; a shared node is never walked twice
        self.scan_too_deep = False  # a collection _scan_events would refuse as too deep

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.doc.path, *_start(node), message))

    def _refuse_tag(self, node: yaml.Node) -> None:  # reported, then read as plain data: nothing is ever constructed
        self._problem(
            node, f"YAML tag {node.tag!r} is not allowed; remove it (values are plain text, lists and mappings)"
        )

    def convert(self, node: yaml.Node, path: DocPath, depth: int) -> Any:
        self.doc.positions[path] = _start(node)
        if id(node) in self.seen:
            return None
        self.seen.add(id(node))
        if node.tag not in _DEFAULT_TAGS:
            self._refuse_tag(node)
        if depth > MAX_DEPTH:
            self._problem(node, f"{TOO_DEEP} — check the indentation")
            return None
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if depth >= MAX_DEPTH:
            self.scan_too_deep = True
        inline = depth < MAX_DEPTH  # children at depth + 1 pass the depth check
        positions = self.doc.positions
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            for i, item in enumerate(node.value):
                if inline and type(item) is ScalarNode:
                    mark = item.start_mark
                    positions[path + (i,)] = (mark.line + 1, mark.column + 1)
                    if item.tag not in _DEFAULT_TAGS:
                        self._refuse_tag(item)
                    items.append(_scalar(item))
                else:
                    items.append(self.convert(item, path + (i,), depth + 1))
            return items
        result: dict[str, Any] = {}
        key_positions = self.doc.key_positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a mapping key must be a plain name")
                continue
            key = key_node.value
            at = path + (key,)
            if key in result:
                self._problem(
                    key_node, f"duplicate key {key!r} (first at line {key_positions[at][0]}); keep one of them"
                )
                continue
            mark = key_node.start_mark
            key_positions[at] = (mark.line + 1, mark.column + 1)
            if inline and type(value_node) is ScalarNode:
                mark = value_node.start_mark
                positions[at] = (mark.line + 1, mark.column + 1)
                if value_node.tag not in _DEFAULT_TAGS:
                    self._refuse_tag(value_node)
                result[key] = _scalar(value_node)
            else:
                result[key] = self.convert(value_node, at, depth + 1)
        return result


ScalarNode = yaml.ScalarNode


def _scalar(node: yaml.ScalarNode) -> str | bool | None:
    # a plain (unquoted) scalar has no style: libyaml says '', the Python parser None
    return node.value if node.style else _PLAIN_VALUES.get(node.value, node.value)
