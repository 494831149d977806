"""The project's settings, from ``mkdocs.yml`` as MkDocs reads it: the dossier plugin's options
(``sources_dir``, ``pdf``, …), ``site_url`` and ``site_dir``.  Every command reads them here, so the
command line and ``mkdocs build`` agree.  Reading needs MkDocs (its YAML loader resolves ``!ENV``
and ``INHERIT``; its option types validate the values); the core only ever sees a ``Project``."""

from __future__ import annotations

import ipaddress
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DossierError

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """Where a dossier's files are and what its site is called; the defaults are the plugin's."""

    root: Path
    sources_dir: str = "sources"
    pdf: str = "dossier.pdf"  # the PDF's path in the site; '' for none
    site_dir: str = "site"
    site_url: str | None = None

    @property
    def public_url(self) -> str | None:
        """``site_url`` where readers find the site: not a preview on this machine (mkdocs serve's
        127.0.0.1), which the PDF does not print."""
        if not self.site_url:
            return None
        from urllib.parse import urlsplit

        try:
            host = urlsplit(self.site_url).hostname or ""
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:  # no address, or not one urlsplit can read
            loopback = False
        return None if loopback else self.site_url


class SettingsError(DossierError):
    """``mkdocs.yml`` cannot be read or holds a wrong value: ``file:line:col``, what, and the fix."""


def read_project(root: Path) -> Project:
    """The settings of the project at ``root``; with no ``mkdocs.yml`` (a folder of sources alone),
    the defaults."""
    root = Path(root).resolve()
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        return Project(root)
    if not path.is_file():
        raise SettingsError(f"{CONFIG_FILE}:1:1: error: not a regular file; make it the site's configuration file")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs 1.6 prints a banner otherwise
    import yaml
    from mkdocs.config import config_options
    from mkdocs.config.base import ValidationError
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(path, "rb") as handle:
            data = yaml_load(handle) or {}
    except (yaml.YAMLError, ConfigurationError, OSError) as exc:
        cause = exc if isinstance(exc, yaml.MarkedYAMLError) else exc.__context__  # MkDocs wraps YAML errors
        if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark:
            mark = cause.problem_mark
            where = f"{Path(mark.name).name}:{mark.line + 1}:{mark.column + 1}"  # INHERIT: maybe another file
            raise SettingsError(f"{where}: error: {cause.problem}; fix the YAML") from None
        raise SettingsError(f"{CONFIG_FILE}:1:1: error: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{CONFIG_FILE}:1:1: error: the configuration must be a mapping (site_name: …, plugins: …)")
    options = _validated(path, _plugin_options(path, data.get("plugins")))
    site_url = data.get("site_url")
    if site_url:
        try:
            site_url = config_options.URL(is_dir=True).validate(site_url)  # type: ignore[no-untyped-call]
        except ValidationError as exc:
            raise SettingsError(f"{CONFIG_FILE}:{_line(path, 'site_url')}: error: site_url: {exc}") from None
    return Project(
        root,
        sources_dir=options["sources_dir"],
        pdf=options["pdf"],
        site_dir=str(data.get("site_dir") or "site"),
        site_url=site_url or None,
    )


def _plugin_options(path: Path, plugins: object) -> dict[str, Any]:
    """The dossier plugin's options as written (``- dossier`` or ``- dossier: {…}``, or a mapping of plugins)."""
    entries = list(plugins.items()) if isinstance(plugins, dict) else []
    for entry in plugins if isinstance(plugins, list) else []:
        entries += list(entry.items()) if isinstance(entry, dict) else [(entry, {})]
    for name, options in entries:
        if name == "dossier":
            if options is not None and not isinstance(options, dict):
                raise SettingsError(
                    f"{CONFIG_FILE}:{_line(path, 'dossier')}: error: the dossier plugin's options must be a mapping"
                )
            return dict(options or {})
    return {}


def _validated(path: Path, options: dict[str, Any]) -> dict[str, Any]:
    """The options checked by the plugin's own option types, with their defaults."""
    from .plugin_config import DossierConfig

    config = DossierConfig(config_file_path=str(path))
    config.load_dict(options)
    failed, warnings = config.validate()
    for key, warning in warnings:  # as MkDocs says them (mkdocs build --strict fails on them)
        print(f"{CONFIG_FILE}:{_line(path, key)}: warning: dossier plugin option {key}: {warning}", file=sys.stderr)
    if failed:
        key, problem = failed[0]
        raise SettingsError(
            f"{CONFIG_FILE}:{_line(path, key)}: error: dossier plugin option {key}: {problem}; "
            "fix it under plugins: - dossier: in mkdocs.yml"
        )
    return dict(config)


def _line(path: Path, key: str) -> str:
    """``line:col`` of the first ``key:`` in the file (1:1 when it cannot be found)."""
    for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        stripped = text.lstrip(" -")
        if stripped.startswith(f"{key}:") and not text.lstrip().startswith("#"):
            return f"{number}:{len(text) - len(stripped) + 1}"
    return "1:1"
