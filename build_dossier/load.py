"""Load everything under ``sources/``, validate it, and build the model.

``check(root)`` returns the model (or None) and every diagnostic, all problems at once;
``load(root)`` returns the model or raises ``ValidationFailed``.

Each source is checked on its own (in worker processes when there are many), then the checks
across sources run over all of them.  A source's result is remembered until the next call, by the
bytes of its files and what else it depends on, so that calling ``check`` again in the same process
(``mkdocs serve``, ``dossier build``) reparses only the files that changed.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from . import evidence, findings, schema
from .errors import Diagnostic, ValidationFailed
from .model import (
    Claim,
    Correction,
    Dossier,
    Entity,
    Omission,
    Origin,
    PartialDate,
    Relation,
    Settings,
    Source,
    Span,
    Topic,
    Via,
)
from .safefiles import FileRefused, folder_problem, kind_of, read_regular, refusal
from .textmatch import (
    FoldedText,
    closest_passage,
    fold,
    locate,
    mentions,
    near_spelling,
    on_one_line,
    unusual_difference,
    visible_difference,
)
from .vocabulary import DENIAL_CHANNELS, ORIGIN_TYPES
from .yamlfile import MAX_YAML_BYTES, YamlDocument, decode_text, read_yaml

try:
    from _blake2 import blake2b  # what hashlib gives, without loading OpenSSL (10 ms at start-up)
except ImportError:  # pragma: no cover
    from hashlib import blake2b

MAX_TEXT_BYTES = 5_000_000
RESERVED = {
    "dossier": "dossier.schema.json",
    "topics": "topics.schema.json",
    "entities": "entities.schema.json",
    "findings": "findings.schema.json",
}  # findings.yml is optional: read by findings.py
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always with fullmatch: "$" would match before a final newline
# names the site generates beside the pages of sources, topics and entities: sources/index.md, topics/index.md,
# entities/index.md (and claims/page-2.md... in the claims folder); no id whose page has a path may take them
RESERVED_NAMES = re.compile(r"index|page-[0-9]+")


def reserved_name(name: str) -> bool:
    """Whether an id that becomes a path (a source slug, a topic or entity id) would replace a generated page."""
    return RESERVED_NAMES.fullmatch(name) is not None


URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'\]\[)({}|\\^`]+[^\s<>\"'\]\[)(.,;:!?{}|\\^`]")


class _Collector:
    """Diagnostics of one run, with the project root for display paths."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[Diagnostic] = []

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, doc: YamlDocument, path, message: str, severity: str = "error", key: bool = False) -> None:
        self.items.append(Diagnostic(doc.path, *doc.where(path, key=key), message, severity))

    def extend(self, items) -> None:
        self.items.extend(items)

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.items)


def load(root: Path, sources_dir: str = "sources") -> Dossier:
    dossier, diagnostics = check(root, sources_dir)
    if dossier is None or any(d.is_error for d in diagnostics):
        raise ValidationFailed(diagnostics)
    return dossier


class _ClaimEntry(NamedTuple):
    """A claim entry with a string id, as the checks across sources need it."""

    id: str
    path: str  # its annotation file, as shown
    id_at: tuple[int, int]
    valid: bool  # passed the schema, so its id must not be taken yet
    claim: Claim | None  # passed every check within its source
    # only with a claim:
    status_at: tuple[int, int] | None = None
    relations_at: tuple[tuple[int, int], ...] = ()  # each relation's claim:
    overlaps: tuple[Diagnostic, ...] = ()  # its quote lies in boilerplate (reported unless its id is taken)


class _SourceResult(NamedTuple):
    """Everything one source contributes to ``check``: a function of its files' bytes and ``_context``."""

    source: Source | None  # its claims as if no id were taken by another entry
    diagnostics: tuple[Diagnostic, ...]
    entries: tuple[_ClaimEntry, ...]
    republishes_at: tuple[int, int] | None = None


# Results of the latest check() by file content and context: a second call reparses only changed files.
_memo: dict[tuple, tuple] = {}


def check(root: Path, sources_dir: str = "sources") -> tuple[Dossier | None, list[Diagnostic]]:
    gc_was_enabled = gc.isenabled()
    gc.disable()  # parsing allocates many objects and makes no cycles: collections would only cost time
    try:
        return _check(root, sources_dir)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(root: Path, sources_dir: str) -> tuple[Dossier | None, list[Diagnostic]]:
    global _memo
    root = Path(root).resolve()
    folder = root / sources_dir
    out = _Collector(root)
    problem = folder_problem(folder, root)
    if problem:
        out.items.append(Diagnostic(sources_dir, 1, 1, problem))
        return None, out.items
    if not folder.is_dir():
        out.items.append(
            Diagnostic(sources_dir, 1, 1, f"no {sources_dir}/ folder here; run from the project root or pass --root")
        )
        return None, out.items

    prefix = out.shown(folder / "x")[:-1]  # a file's display path is prefix + its name
    memo, fresh = _memo, {}
    settings = _reserved(folder, prefix, "dossier", _settings, memo, fresh, out)
    topics = _reserved(folder, prefix, "topics", _topics, memo, fresh, out)
    entities = _reserved(folder, prefix, "entities", _entities, memo, fresh, out)

    # what a source's result depends on besides its own files
    context = (
        prefix,
        None if topics is None else tuple(topics.items()),
        None if entities is None else tuple(entities.items()),
    )
    keys, jobs = [], {}
    for slug, (txt, yml) in sorted(_source_files(folder, prefix, out).items()):
        try:
            txt_raw, txt_size = _read_bytes(txt, MAX_TEXT_BYTES, prefix)
            yml_raw, yml_size = _read_bytes(yml, MAX_YAML_BYTES, prefix)
        except _Unreadable as exc:
            out.items.append(exc.diagnostic)
            continue
        key = ("source", slug, _content_key(yml_raw, yml_size), _content_key(txt_raw, txt_size), context)
        keys.append(key)
        if key not in memo:
            jobs[key] = (slug, prefix, yml, yml_raw, txt_raw, txt_size, topics, entities)
    fresh.update(zip(jobs, _run_sources(list(jobs.values()))))
    fresh.update((key, memo[key]) for key in keys if key not in jobs)
    _memo = fresh  # only what this call saw
    results = [fresh[key] for key in keys]

    sources: list[Source] = []
    claims: dict[str, Claim] = {}
    sites: dict[str, _ClaimEntry] = {}
    for result in results:
        out.extend(result.diagnostics)
        for entry in result.entries:
            if not entry.valid:
                sites.setdefault(entry.id, entry)  # relations to it still resolve
            elif entry.id in sites:
                first = sites[entry.id]
                out.items.append(
                    Diagnostic(
                        entry.path,
                        *entry.id_at,
                        f"duplicate claim id {entry.id!r} (first in "
                        f"{first.path}:{first.id_at[0]}); claim ids are unique across the "
                        "whole dossier — choose another",
                    )
                )
            else:
                sites[entry.id] = entry
                if entry.claim is not None:
                    out.extend(entry.overlaps)
                    if result.source is not None:
                        claims[entry.id] = entry.claim
        if result.source is not None:
            sources.append(result.source)
    _check_relations(claims, sites, out)
    if entities is not None:
        _check_evidence(claims, sites, {r.source.slug: r for r in results if r.source is not None}, entities, out)
    if not out.failed and len(claims) != len(sites):  # every dropped claim must have said why
        lost = sorted(sites.keys() - claims.keys())
        raise AssertionError(f"claims dropped without a diagnostic: {lost}")
    edited = findings.read(folder, prefix + findings.FILE, sites, out.items)  # citations: every claim id
    if settings is None or topics is None or entities is None or out.failed:
        return None, sorted(out.items)
    # no id was taken twice (that is an error), so every source's claims are all accepted
    sources.sort(key=lambda s: (s.published, s.slug), reverse=True)
    dossier = Dossier(
        settings,
        tuple(topics.values()),
        tuple(entities.values()),
        tuple(sources),
        {c.id: c for s in sorted(sources, key=lambda s: s.slug) for c in s.claims},
        edited.findings,
    )
    out.extend(edited.concerns(dossier))
    return dossier, sorted(out.items)


PARALLEL_FROM = 200  # sources to parse from which forked workers pay off


def _run_sources(jobs: list[tuple]) -> list[_SourceResult]:
    """``_check_source`` of each job, in order; with many, one share here and the others in forked
    processes, one per idle core (forking a process with threads could deadlock one)."""
    if len(jobs) < PARALLEL_FROM or not hasattr(os, "fork") or _has_threads():
        return [_check_source(*job) for job in jobs]
    workers = min(4, len(jobs) // (PARALLEL_FROM // 2), 1 + _idle_cores())
    if workers < 2:
        return [_check_source(*job) for job in jobs]
    size = -(-len(jobs) // workers)
    shares = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    children = [_fork(share) for share in shares[1:]]
    try:
        results = [_check_source(*job) for job in shares[0]]
        for i, share in enumerate(shares[1:]):
            child, children[i] = children[i], None
            received = _receive(child) if child else None
            # a share whose worker failed is redone here (raising here what it raised there)
            results.extend([_check_source(*job) for job in share] if received is None else received)
        return results
    finally:
        import signal

        for child in filter(None, children):  # only after an exception here
            os.kill(child[0], signal.SIGKILL)
            os.close(child[1])
            os.waitpid(child[0], 0)


def _idle_cores() -> int:
    """Cores with nothing to run now, roughly (when all are busy, workers only add their overhead)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:  # "0.50 0.40 0.30 2/345 6789": 2 running
            running = int(handle.read().split()[3].split("/")[0])  # this process included
    except (OSError, IndexError, ValueError):
        try:
            running = 1 + os.getloadavg()[0]
        except OSError:  # pragma: no cover - no load average at all
            return 0
    return max(0, int(cpus - running))


def _has_threads() -> bool:
    import threading

    return threading.active_count() > 1


def _fork(share: list[tuple]) -> tuple[int, int] | None:
    """A worker process computing ``share``: its pid and the pipe its results come through."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        import pickle

        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps([_check_source(*job) for job in share], pickle.HIGHEST_PROTOCOL)
            with open(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no cleanup, no atexit: the parent owns those
    os.close(write_end)
    return pid, read_end


def _receive(child: tuple[int, int]) -> list[_SourceResult] | None:
    pid, read_end = child
    try:
        with open(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        status = os.waitpid(pid, 0)[1]
    import pickle

    return pickle.loads(data) if status == 0 else None


# ---- files ----------------------------------------------------------------------------------


class _Unreadable(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def _read_bytes(path: Path, limit: int, prefix: str) -> tuple[bytes | None, int]:
    """A regular file's bytes (None when over ``limit``: not read) and its size; a link, a pipe or
    a device is never read (``_Unreadable`` with its diagnostic)."""
    try:
        return read_regular(path, limit)
    except FileRefused as exc:
        raise _Unreadable(Diagnostic(prefix + path.name, 1, 1, str(exc))) from None


def _content_key(raw: bytes | None, size: int):
    return size if raw is None else blake2b(raw, digest_size=16).digest()


def _reserved(folder: Path, prefix: str, stem: str, build, memo: dict, fresh: dict, out: _Collector):
    """The settings, topics or entities (None if unusable), with their file's diagnostics."""
    path = folder / f"{stem}.yml"
    shown = prefix + path.name
    if not os.path.lexists(path):
        out.items.append(
            Diagnostic(shown, 1, 1, f"{path.name} is missing; every dossier needs it (see CONTRIBUTING.md)")
        )
        return None
    try:
        raw, size = _read_bytes(path, MAX_YAML_BYTES, prefix)
    except _Unreadable as exc:
        out.items.append(exc.diagnostic)
        return None
    key = ("reserved", stem, shown, _content_key(raw, size))
    fresh[key] = result = memo.get(key) or _read_reserved(path, shown, raw, build)
    out.extend(result[0])
    return result[1]


def _read_reserved(path: Path, shown: str, raw: bytes | None, build) -> tuple[tuple[Diagnostic, ...], object]:
    out = _Collector(None)
    doc, problems = read_yaml(path, shown, raw)
    out.extend(problems)
    if doc is None:
        return tuple(out.items), None
    if doc.data is None:
        out.items.append(Diagnostic(shown, 1, 1, f"{path.name} is empty"))
        return tuple(out.items), None
    errors = schema.validate(doc, RESERVED[path.stem])
    out.extend(errors)
    if errors:
        return tuple(out.items), None
    value = build(doc, out)
    return tuple(out.items), value


def _source_files(folder: Path, prefix: str, out: _Collector) -> dict[str, tuple[Path, Path]]:
    texts, annotations, refused = {}, {}, set()
    with os.scandir(folder) as entries:
        listing = sorted(entries, key=lambda e: e.name)
    for entry in listing:
        if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
            continue
        path = folder / entry.name
        stem, suffix = path.stem, path.suffix
        shown = prefix + entry.name
        if stem in RESERVED and suffix == ".yml":  # read (or refused) by _reserved
            continue
        if not entry.is_file(follow_symlinks=False):  # a link, a pipe, a device: refused, never opened
            try:
                kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
            except OSError:  # gone since the listing
                kind = "not a regular file"
            out.items.append(Diagnostic(shown, 1, 1, refusal(kind)))
            refused.add(stem)
            continue
        if suffix == ".yaml":
            out.items.append(Diagnostic(shown, 1, 1, f"annotation files end in .yml; rename it to {stem}.yml"))
            continue
        if suffix not in (".txt", ".yml"):
            out.items.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "unexpected file in sources/: only <slug>.txt, <slug>.yml "
                    "and the dossier, topics and entities files belong here",
                    "warning",
                )
            )
            continue
        if stem in RESERVED or reserved_name(stem):
            out.items.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"{stem!r} is reserved; give this source another slug (the site generates a page of that name)",
                )
            )
            continue
        if not SLUG.fullmatch(stem):
            out.items.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"slug {stem!r} is not valid; use lowercase words, digits and "
                    "single hyphens (outlet-year-topic), e.g. moscow-times-2019-advisers",
                )
            )
            continue
        (texts if suffix == ".txt" else annotations)[stem] = path
    for slug in sorted(texts.keys() - annotations.keys() - refused):
        out.items.append(
            Diagnostic(
                prefix + texts[slug].name,
                1,
                1,
                f"no annotations for this text; create sources/{slug}.yml (dossier new scaffolds one)",
            )
        )
    for slug in sorted(annotations.keys() - texts.keys() - refused):
        out.items.append(
            Diagnostic(
                prefix + annotations[slug].name,
                1,
                1,
                f"no source text for these annotations; add the raw text as sources/{slug}.txt",
            )
        )
    return {slug: (texts[slug], annotations[slug]) for slug in texts.keys() & annotations.keys()}


def _read_text(shown: str, raw: bytes | None, size: int, out: _Collector) -> str | None:
    if raw is None:
        out.items.append(
            Diagnostic(
                shown,
                1,
                1,
                f"text is {size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit "
                "for one source; split it into several sources",
            )
        )
        return None
    text, problems = decode_text(raw, shown, "source text")
    out.extend(problems)
    if text is not None and not text.strip():
        out.items.append(Diagnostic(shown, 1, 1, "source text is empty; paste the document's text"))
        return None
    return text


# ---- settings, topics, entities ---------------------------------------------------------------


def _settings(doc: YamlDocument, out: _Collector) -> Settings:
    d = doc.data
    return Settings(d["title"], d["description"], d.get("licence"))


def _unique(doc: YamlDocument, items: list, what: str, out: _Collector) -> dict[str, dict]:
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


def _topics(doc: YamlDocument, out: _Collector) -> dict[str, Topic]:
    items = _unique(doc, doc.data["topics"], "topics", out)
    return {k: Topic(v["id"], v["title"], v["description"]) for k, v in items.items()}


def _entities(doc: YamlDocument, out: _Collector) -> dict[str, Entity]:
    items = _unique(doc, doc.data["entities"], "entities", out)
    for i, item in enumerate(doc.data["entities"]):
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


# ---- one source -------------------------------------------------------------------------------


def _date(doc: YamlDocument, path, value: str | None, out: _Collector) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        out.add(
            doc,
            path,
            f'{path[-1]} {value!r} is not a real date: {exc}; write "YYYY", "YYYY-MM" or '
            '"YYYY-MM-DD" with only the precision you know',
        )
        return None


def _url(doc: YamlDocument, path, value: str | None, out: _Collector) -> None:
    if value is None or not value.startswith(("http://", "https://")):  # the schema reports those
        return
    parts = split_url(value)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        out.add(doc, path, f"{path[-1]} {value!r} is not a web address; give a full http:// or https:// URL")


def split_url(url: str):
    """``urlsplit(url)``, or None where it cannot be split (an unclosed "[" of an IPv6 host, say)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def outlet_matches_url(outlet: str, url: str) -> bool:
    """Whether a URL's host plausibly belongs to the outlet (name, squashed name or initials)."""
    parts = split_url(url)
    host = ((parts.hostname if parts else None) or "").removeprefix("www.")
    labels = [l for l in host.split(".") if len(l) >= 3][:-1] or host.split(".")[:1]
    words = [w for w in re.findall(r"[a-z0-9]+", outlet.lower()) if w != "the"]
    squashed, initials = "".join(words), "".join(w[0] for w in words)
    return any(l in squashed or squashed in l or (len(initials) > 1 and initials in l) for l in labels)


def _anchor(doc, path, item, key, raw, folded, out, what) -> Span | None:
    """Locate a quote-like passage (``item[key]`` with optional prefix/suffix) in the text."""
    matches = locate(folded, item[key], item.get("prefix"), item.get("suffix"))
    label = f"{what} {item['id']!r}" if "id" in item else what
    if len(matches) == 1:
        return Span(matches[0].start, matches[0].end)
    if not matches and (item.get("prefix") or item.get("suffix")) and locate(folded, item[key]):
        count = len(locate(folded, item[key]))
        out.add(
            doc,
            path + (key,),
            f"{key} of {label} occurs {count} time(s) in the text, but never with the "
            "given prefix:/suffix:; copy the words just before or after it exactly, or remove them",
        )
    elif not matches:
        out.add(
            doc,
            path + (key,),
            f"{key} of {label} is not in the source text; copy the passage exactly from "
            f"the .txt{_closest_hint(raw, folded, item[key])}",
        )
    else:
        lines = ", ".join(str(raw.count("\n", 0, m.start) + 1) for m in matches[:5])
        out.add(
            doc,
            path + (key,),
            f"{key} of {label} occurs {len(matches)} times in the text (lines {lines}); "
            "add a prefix: or suffix: with the words just before or after the one you mean",
        )
    return None


CLOSEST_SHOWN = 600  # characters of the closest passage a message shows


def _closest_hint(raw: str, folded: FoldedText, quote: str) -> str:
    """Where the passage most like a quote is, what invisible difference remains, and the passage as
    it stands in the .txt (line breaks joined), last, so that it can be copied back."""
    span = closest_passage(raw, folded, quote)
    if span is None:
        return ""
    passage = raw[span[0] : span[1]]
    line = raw.count("\n", 0, span[0]) + 1
    unusual = unusual_difference(quote, passage) or visible_difference(quote, passage)
    shown = on_one_line(passage)
    if len(shown) > CLOSEST_SHOWN:
        shown = shown[:CLOSEST_SHOWN] + f"… ({len(shown) - CLOSEST_SHOWN:,} more characters)"
    return f"{'; ' + unusual if unusual else ''}; the closest passage in the text, at line {line}, is: {shown}"


def _check_source(slug, prefix, yml, yml_raw, txt_raw, txt_size, topics, entities) -> _SourceResult:
    """One source on its own (claim ids taken by other sources are checked by ``check``)."""
    out = _Collector(None)
    entries: list[_ClaimEntry] = []
    found = _source(slug, prefix, yml, yml_raw, txt_raw, txt_size, topics, entities, entries, out)
    source, republishes_at = found or (None, None)
    return _SourceResult(source, tuple(out.items), tuple(entries), republishes_at)


def _source(slug, prefix, yml, yml_raw, txt_raw, txt_size, topics, entities, entries, out):
    """The source (None if unusable) and where its ``republishes`` is, if it has one."""
    raw = _read_text(f"{prefix}{slug}.txt", txt_raw, txt_size, out)
    doc, problems = read_yaml(yml, prefix + yml.name, yml_raw)
    out.extend(problems)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        out.add(doc, (), "annotation file must be a mapping with source: and claims: (see CONTRIBUTING.md)")
        return None
    errors = schema.validate(doc, "annotation.schema.json", {"topics": topics, "entities": entities})
    out.extend(errors)
    data = doc.data
    meta = data.get("source") if isinstance(data.get("source"), dict) else None
    published = (
        _date(doc, ("source", "published"), meta.get("published"), out)
        if meta and not errors.within(("source",))
        else None
    )
    if meta:
        _url(doc, ("source", "url"), meta.get("url") if isinstance(meta.get("url"), str) else None, out)
        if (
            isinstance(meta.get("url"), str)
            and isinstance(meta.get("outlet"), str)
            and not outlet_matches_url(meta["outlet"], meta["url"])
        ):
            out.add(
                doc,
                ("source", "url"),
                f"the address's domain does not look like outlet {meta['outlet']!r}; "
                "check the url, or give the relaying outlet under via:",
                "warning",
            )
        if isinstance(meta.get("archive_url"), str):
            _url(doc, ("source", "archive_url"), meta["archive_url"], out)
        via = meta.get("via")
        if isinstance(via, dict) and isinstance(via.get("url"), str):
            _url(doc, ("source", "via", "url"), via["url"], out)
    if raw is None:
        return None
    folded = fold(raw)

    text = data.get("text") if isinstance(data.get("text"), dict) else {}
    boilerplate, corrections, placed = [], [], []  # placed: (span, path) of every edit of the reading text
    for i, item in enumerate(text.get("boilerplate") or []):
        if (
            isinstance(item, dict)
            and isinstance(item.get("passage"), str)
            and not errors.within(("text", "boilerplate", i))
        ):
            span = _anchor(doc, ("text", "boilerplate", i), item, "passage", raw, folded, out, "boilerplate passage")
            if span:
                boilerplate.append(Omission(span, item["reason"]))
                placed.append((span, ("text", "boilerplate", i)))
    for i, item in enumerate(text.get("corrections") or []):
        if (
            isinstance(item, dict)
            and isinstance(item.get("passage"), str)
            and not errors.within(("text", "corrections", i))
        ):
            span = _anchor(doc, ("text", "corrections", i), item, "passage", raw, folded, out, "correction")
            if span and not _overlapping_edit(doc, ("text", "corrections", i), span, placed, out):
                corrections.append(Correction(span, item["reading"], item.get("note")))
                placed.append((span, ("text", "corrections", i)))

    claims = []
    for i, item in enumerate(data.get("claims") or [] if isinstance(data.get("claims"), list) else []):
        path = ("claims", i)
        if not isinstance(item, dict) or errors.within(path):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                entries.append(_ClaimEntry(item["id"], doc.path, doc.where(path + ("id",)), False, None))
            continue
        claim = _claim(doc, path, item, slug, len(claims) + 1, raw, folded, topics, entities, out)
        if claim is None:
            entries.append(_ClaimEntry(item["id"], doc.path, doc.where(path + ("id",)), True, None))
            continue
        claims.append(claim)
        entries.append(
            _ClaimEntry(
                claim.id,
                doc.path,
                doc.where(path + ("id",)),
                True,
                claim,
                doc.where(path + ("status",)),
                tuple(doc.where(path + ("relations", j, "claim")) for j in range(len(claim.relations))),
                tuple(_overlaps(doc, path, boilerplate, claim)),
            )
        )
    if not data.get("claims"):
        out.add(
            doc,
            ("claims",),
            "this source has no claims yet; add one entry per substantive factual claim",
            "warning",
            key=True,
        )
    if errors or meta is None or published is None:
        return None
    via = meta.get("via")
    source = Source(
        slug=slug,
        title=meta["title"],
        outlet=meta["outlet"],
        published=published,
        url=meta["url"],
        kind=meta["kind"],
        language=meta["language"],
        text=raw,
        author=meta.get("author"),
        published_note=meta.get("published_note"),
        via=Via(via["outlet"], via.get("url"), via.get("note")) if via else None,
        republishes=meta.get("republishes"),
        wrapped=bool(text.get("wrapped")),
        boilerplate=tuple(sorted(boilerplate, key=lambda b: b.span.start)),
        corrections=tuple(sorted(corrections, key=lambda c: c.span.start)),
        claims=tuple(claims),
        references=tuple(dict.fromkeys(URL_IN_TEXT.findall(raw))),
        annotation_path=doc.path,
        archive_url=meta.get("archive_url"),
    )
    return source, (doc.where(("source", "republishes")) if source.republishes else None)


def _claim(doc, path, item, slug, number, raw, folded: FoldedText, topics, entities, out) -> Claim | None:
    cid = item["id"]
    ok = True
    if topics is not None:
        for j, topic in enumerate(item["topics"]):
            if topic not in topics:
                out.add(
                    doc,
                    path + ("topics", j),
                    f"unknown topic {topic!r}{schema.did_you_mean(topic, topics)} "
                    f"(topics are defined in sources/topics.yml: {', '.join(topics)})",
                )
                ok = False
    if not item["topics"]:
        out.add(
            doc,
            path + ("topics",),
            f"claim {cid!r} has no topic; add at least one so it appears on a topic page",
            "warning",
        )
    if entities is not None:
        listed = item.get("entities") or []
        names = {name: eid for eid in listed if eid in entities for name in entities[eid].names}
        linked = mentions(item["claim"], names)
        for j, entity in enumerate(listed):
            if entity not in entities:
                out.add(
                    doc,
                    path + ("entities", j),
                    f"unknown entity {entity!r}{schema.did_you_mean(entity, entities)}; "
                    "declare it in sources/entities.yml or fix the id",
                )
                ok = False
            elif entity not in linked:
                out.add(doc, path + ("entities", j), _unnamed_entity(entities[entity], item["claim"]), "warning")
    event = _date(doc, path + ("event_date",), item.get("event_date"), out)
    if item.get("event_date") and event is None:
        ok = False
    origin = _origin(doc, path, item, entities, out)
    if item.get("origin") and origin is None:
        ok = False
    span = _anchor(doc, path, item, "quote", raw, folded, out, "claim")
    if span is None or not ok:
        return None
    relations = tuple(Relation(r["type"], r["claim"], r.get("note")) for r in item.get("relations") or [])
    return Claim(
        id=cid,
        source=slug,
        number=number,
        text=item["claim"],
        quote=item["quote"],
        span=span,
        topics=tuple(item["topics"]),
        status=item["status"],
        claimant=item["claimant"],
        event_date=event,
        event_note=item.get("event_note"),
        entities=tuple(item.get("entities") or ()),
        relations=relations,
        prefix=item.get("prefix"),
        suffix=item.get("suffix"),
        origin=origin,
    )


def _unnamed_entity(entity: Entity, sentence: str) -> str:
    """Why an entity listed on a claim gets no link in its sentence, and the fix."""
    spelled = " or ".join(repr(name) for name in entity.names)
    seen = near_spelling(sentence, entity.names)
    fix = (
        f"add {seen!r} to its aliases in sources/entities.yml"
        if seen
        else "name it in the sentence as the entity is spelled, add the spelling you use to its aliases in "
        "sources/entities.yml, or remove it from entities:"
    )
    return f"entity {entity.id!r} is listed, but the claim sentence does not name it ({spelled}), so it gets no link; {fix}"


def _origin(doc, path, item, entities, out) -> Origin | None:
    """A claim's ``origin:``, its parties checked against the entities; denials need one."""
    given = item.get("origin")
    origin = (
        None
        if given is None
        else Origin(given["channel"], given.get("party"), tuple(given.get("relayed_by") or ()), given.get("note"))
    )
    for j, relation in enumerate(item.get("relations") or []):
        if relation["type"] == "denies" and (
            origin is None or origin.party is None or origin.channel not in DENIAL_CHANNELS
        ):
            out.add(
                doc,
                path + ("relations", j, "type"),
                f"claim {item['id']!r} denies another claim, but a denial "
                "comes from a party concerned: give it an origin naming that party (origin: party: <entity id>, "
                "channel: statement or document)",
            )
    if origin is None:
        return None
    ok = True
    if origin.party is None and origin.channel != "unnamed":
        out.add(
            doc,
            path + ("origin",),
            f"origin of claim {item['id']!r} has no party; name who first asserted it "
            "(party: <entity id>), or use channel: unnamed for unnamed sources",
            key=True,
        )
        ok = False
    named = ([("party", origin.party)] if origin.party else []) + [
        (("relayed_by", j), eid) for j, eid in enumerate(origin.relayed_by)
    ]
    for where, eid in named if entities is not None else ():
        at = path + ("origin",) + (where if isinstance(where, tuple) else (where,))
        entity = entities.get(eid)
        if entity is None:
            out.add(
                doc,
                at,
                f"origin {eid!r} is not an entity{schema.did_you_mean(eid, entities)}; declare it in "
                "sources/entities.yml (type person, organisation, outlet, document or tracker) or fix the id",
            )
            ok = False
        elif entity.type not in ORIGIN_TYPES:
            out.add(
                doc,
                at,
                f"origin {eid!r} is an entity of type {entity.type}, which cannot assert "
                "anything; an origin is a person, organisation, outlet, document or tracker",
            )
            ok = False
    return origin if ok else None


def _overlapping_edit(doc, path, span: Span, placed: list, out) -> bool:
    """Whether a correction at ``span`` overlaps an edit already placed (reported at the correction).

    Boilerplate passages may overlap one another (their union is left out), but a correction
    replaces its passage: two corrections of one passage would both be shown, and a correction in
    a passage left out would be lost or cut in two.
    """
    for other, other_path in placed:
        if span.start < other.end and other.start < span.end:
            line = doc.where(other_path + ("passage",))[0]
            if other_path[1] == "corrections":
                message = (
                    f"this correction overlaps the correction at line {line}; corrections may not overlap: "
                    "merge them into one correction of the whole passage"
                )
            else:
                message = (
                    f"this correction overlaps the boilerplate passage at line {line}, which the reading text "
                    "leaves out; remove the correction, or narrow the boilerplate passage so they do not meet"
                )
            out.add(doc, path + ("passage",), message)
            return True
    return False


def _overlaps(doc, path, boilerplate, claim):
    for omitted in boilerplate:
        if claim.span.start < omitted.span.end and omitted.span.start < claim.span.end:
            yield Diagnostic(
                doc.path,
                *doc.where(path + ("quote",)),
                f"the quote of claim {claim.id!r} lies in a "
                f"passage declared as boilerplate ({omitted.reason!r}); quote the text elsewhere or "
                "narrow the boilerplate passage",
            )


def _check_evidence(
    claims: dict[str, Claim],
    sites: dict[str, _ClaimEntry],
    results: dict[str, _SourceResult],
    entities: dict[str, Entity],
    out: _Collector,
) -> None:
    """The methodology's rules across sources: republishing, and statuses that the relations and
    the claims' origins must earn (``evidence``)."""
    sources = {slug: result.source for slug, result in results.items()}
    for slug, result in results.items():
        target = result.source.republishes
        if target is None:
            continue
        path, at = result.source.annotation_path, result.republishes_at
        if target == slug:
            out.items.append(
                Diagnostic(
                    path,
                    *at,
                    "a source cannot republish itself; give the slug of the source "
                    "it republishes, or remove republishes:",
                )
            )
        elif target not in sources:
            out.items.append(
                Diagnostic(
                    path,
                    *at,
                    f"republishes names {target!r}, which is not a source of this "
                    f"dossier{schema.did_you_mean(target, sources)}; give the slug of the "
                    "republished source (its .yml name without .yml)",
                )
            )
        else:
            chain, current = [slug], target
            while current is not None and current not in chain and current in sources:
                chain.append(current)
                current = sources[current].republishes
            if current == slug:
                cycle = " → ".join(chain + [slug])
                out.items.append(
                    Diagnostic(
                        path,
                        *at,
                        f"republishing goes round in a circle ({cycle}); only the "
                        "later document republishes the earlier: remove one republishes:",
                    )
                )
    provenance = evidence.Provenance(sources, entities)
    links = evidence.related(claims)
    complete = claims.keys() == sites.keys()  # with a claim left out by another error, statuses wait for its fix
    for claim in claims.values():
        entry = sites[claim.id]
        for relation, where in zip(claim.relations, entry.relations_at):
            other = claims.get(relation.target)
            if (
                other is not None
                and relation.type in ("corroborates", "contradicts")
                and (claim.status == "assessment") != (other.status == "assessment")
            ):
                which = claim.id if claim.status == "assessment" else other.id
                out.items.append(
                    Diagnostic(
                        entry.path,
                        *where,
                        f"{relation.type} links an assessment ({which!r}) "
                        "with a factual claim; an estimate or interpretation is not evidence for "
                        "or against a fact: use 'qualifies'",
                    )
                )
        earned = evidence.earned_status(claim, links[claim.id], provenance)
        if earned.status != claim.status and complete:
            out.items.append(Diagnostic(entry.path, *entry.status_at, _status_message(claim, earned, sites)))


def _status_message(claim: Claim, earned: evidence.Earned, sites: dict[str, _ClaimEntry]) -> str:
    """Why a typed status is not the one the evidence earns, and the fix."""

    def at(other: Claim) -> str:
        entry = sites[other.id]
        return f"{other.id!r} ({entry.path}:{entry.id_at[0]})"

    head = f"claim {claim.id!r} is marked {claim.status}"
    if earned.status == "disputed":
        return (
            f"{head}, but {at(earned.by)} contradicts it, so it is disputed; set status: disputed — or, if both "
            "can be true (tension, context, another group or period), make that relation 'qualifies'"
        )
    if earned.status == "denied":
        return f"{head}, but {at(earned.by)} denies it, a denial by a party concerned; set status: denied"
    if earned.status == "corroborated":
        return (
            f"{head}, but {at(earned.by)}, from an independent origin, corroborates it; set status: "
            "corroborated (or, if it supports only part of the claim, split the claim)"
        )
    if claim.status == "corroborated" and earned.by is not None:
        return (
            f"{head}, but its only corroboration, {at(earned.by)}, is not independent: {earned.shared}; "
            "reports of one origin are one source: set status: reported, or relate an independent report"
        )
    needed = {
        "corroborated": "a claim from an independent origin that corroborates it ('corroborates')",
        "disputed": "a claim that cannot be true at the same time ('contradicts'); for tension or context use "
        "'qualifies' and keep the status reported",
        "denied": "a denial by a party concerned ('denies', declared on the denial)",
    }.get(claim.status, "")
    return (
        f"{head}, but nothing in the dossier earns that: {claim.status} needs {needed}; add it, or set status: reported"
    )


def _check_relations(claims: dict[str, Claim], sites: dict[str, _ClaimEntry], out: _Collector) -> None:
    for claim in claims.values():
        entry = sites[claim.id]
        for relation, where in zip(claim.relations, entry.relations_at):
            if relation.target == claim.id:
                out.items.append(
                    Diagnostic(
                        entry.path, *where, f"claim {claim.id!r} cannot relate to itself; name another claim's id"
                    )
                )
            elif relation.target not in claims and relation.target not in sites:
                out.items.append(
                    Diagnostic(
                        entry.path,
                        *where,
                        f"unknown claim id {relation.target!r}"
                        f"{schema.did_you_mean(relation.target, sites)}; relations name the id "
                        "of a claim in any source",
                    )
                )
