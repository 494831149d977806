"""Load everything under the sources folder, validate it, and build the model.

``Checker().check(root, sources_dir)`` returns the model (or None) and every diagnostic, all
problems at once; ``load(root)`` returns the model or raises ``ValidationFailed``.  A ``Checker``
remembers each file's result by its bytes and what else it depends on, so that whoever checks again
(the plugin under ``mkdocs serve``, ``dossier build`` before MkDocs) reparses only what changed.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from . import findings
from .cross_check import accepted_claims, check_relations, check_republishing, check_statuses
from .discovery import MAX_TEXT_BYTES, Unreadable, content_key, folder_error, read_bytes, source_files
from .errors import Collector, Diagnostic, ValidationFailed
from .model import Dossier
from .reserved import Read, read_reserved
from .source_check import SourceJob, SourceResult, check_source
from .yamlfile import MAX_YAML_BYTES

Checked = tuple[Dossier | None, list[Diagnostic]]


class Checker:
    """Checks a dossier, remembering each file's result until the next check: a second check
    reparses only the files that changed (``reparsed`` names them)."""

    def __init__(self) -> None:
        self._results: dict[Hashable, Any] = {}  # the latest check's results, by file content and context
        self.reparsed: list[str] = []  # the files the latest check parsed, as shown

    def check(self, root: Path, sources_dir: str = "sources") -> Checked:
        root = Path(root).resolve()
        problem = folder_error(root, sources_dir)
        if problem:
            return None, [problem]
        folder = root / sources_dir
        shown = folder.relative_to(root) if folder.is_relative_to(root) else folder
        prefix = shown.as_posix() + "/"  # how a file's path is shown: prefix + name
        out = Collector()
        previous, self._results, self.reparsed = self._results, {}, []

        # the dossier's own files: settings, topics, entities
        settings, topics, entities = (
            self._reserved(folder, prefix, stem, previous, out) for stem in ("dossier", "topics", "entities")
        )
        # each source on its own, against the topics and entities
        context = (prefix, _frozen(topics), _frozen(entities))  # what a source's result depends on besides its files
        keys, jobs = [], {}
        for slug, (txt, yml) in sorted(source_files(folder, prefix, out).items()):
            try:
                txt_raw, txt_size = read_bytes(txt, MAX_TEXT_BYTES, prefix + txt.name)
                yml_raw, yml_size = read_bytes(yml, MAX_YAML_BYTES, prefix + yml.name)
            except Unreadable as exc:
                out.items.append(exc.diagnostic)
                continue
            key = ("source", slug, content_key(yml_raw, yml_size), content_key(txt_raw, txt_size), context)
            keys.append(key)
            if key in previous:
                self._results[key] = previous[key]
            else:
                jobs[key] = SourceJob(slug, prefix, yml, yml_raw, txt_raw, txt_size, topics, entities)
        self._results.update((key, check_source(job)) for key, job in jobs.items())
        self.reparsed += [job.prefix + job.yml.name for job in jobs.values()]
        results: list[SourceResult] = [self._results[key] for key in keys]

        # across sources: ids, relations, republishing, the statuses the evidence earns
        claims, sites = accepted_claims(results, out)
        check_relations(claims, sites, out)
        sources = [r.source for r in results if r.source is not None]
        if entities is not None:
            check_republishing({r.source.slug: r for r in results if r.source is not None}, out)
            check_statuses(claims, sites, {s.slug: s for s in sources}, entities, out)
        if not out.failed and len(claims) != len(sites):  # every dropped claim must have said why
            raise AssertionError(f"claims dropped without a diagnostic: {sorted(sites.keys() - claims.keys())}")
        edited = findings.read(folder, prefix + findings.FILE, sites, out)  # citations: every claim id
        if settings is None or topics is None or entities is None or out.failed:
            return None, sorted(out.items)

        # the model: no id was taken twice (that is an error), so every source's claims are all accepted
        dossier = Dossier(
            settings,
            tuple(topics.values()),
            tuple(entities.values()),
            tuple(sorted(sources, key=lambda s: (s.published, s.slug), reverse=True)),
            {c.id: c for s in sorted(sources, key=lambda s: s.slug) for c in s.claims},
            edited.findings,
        )
        out.extend(edited.concerns(dossier))
        return dossier, sorted(out.items)

    def _reserved(self, folder: Path, prefix: str, stem: str, previous: dict[Hashable, Any], out: Collector) -> Any:
        """The settings, topics or entities (None if unusable), with their file's diagnostics."""
        path = folder / f"{stem}.yml"
        shown = prefix + path.name
        if not os.path.lexists(path):
            out.at(shown, f"{path.name} is missing; every dossier needs it (see CONTRIBUTING.md)")
            return None
        try:
            raw, size = read_bytes(path, MAX_YAML_BYTES, shown)
        except Unreadable as exc:
            out.items.append(exc.diagnostic)
            return None
        key = ("reserved", stem, shown, content_key(raw, size))
        if key not in previous:
            self.reparsed.append(shown)
        result: Read = previous.get(key) or read_reserved(path, shown, raw)
        self._results[key] = result
        out.extend(result[0])
        return result[1]


def _frozen(values: dict[str, Any] | None) -> tuple[tuple[str, Any], ...] | None:
    return None if values is None else tuple(values.items())


def check(root: Path, sources_dir: str = "sources") -> Checked:
    """A check with nothing remembered (a ``Checker`` of its own)."""
    return Checker().check(root, sources_dir)


def load(root: Path, sources_dir: str = "sources", checker: Checker | None = None) -> Dossier:
    """The model, or ``ValidationFailed`` with every diagnostic."""
    dossier, diagnostics = (checker or Checker()).check(root, sources_dir)
    if dossier is None or any(d.is_error for d in diagnostics):
        raise ValidationFailed(diagnostics)
    return dossier
