"""Diagnostics and the one exception base class of the package."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .yamlfile import DocPath, YamlDocument


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the input, located at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Collector:
    """The diagnostics of one check, in the order found."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, doc: YamlDocument, path: DocPath, message: str, severity: str = "error", key: bool = False) -> None:
        """A problem at ``path`` in ``doc`` (at its key, with ``key``)."""
        self.items.append(Diagnostic(doc.path, *doc.where(path, key=key), message, severity))

    def at(self, shown: str, message: str, severity: str = "error", where: tuple[int, int] = (1, 1)) -> None:
        """A problem in the file ``shown`` at ``where`` (line, column); by default the whole file's, at its start."""
        self.items.append(Diagnostic(shown, *where, message, severity))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.items.extend(items)

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.items)


class DossierError(Exception):
    """Base class of every error the package raises on purpose; the command exits with ``exit_code``.

    Exit status of every command: 0 success, 1 problems in the input or the file system (a file that
    cannot be read or written, a full disk), 2 usage errors, 3 a bug (an internal error).
    """

    exit_code = 1


class UsageError(DossierError):
    """A command-line mistake (a wrong option value, an output folder that may not be used): exit status 2."""

    exit_code = 2


def os_error_message(exc: OSError) -> str:
    """An operating-system error as the path and the cause, e.g. 'site/x: Permission denied'."""
    where = exc.filename if exc.filename is not None else "a file"
    cause = exc.strerror or type(exc).__name__
    return f"cannot write or read {where}: {cause}"


class ValidationFailed(DossierError):
    """The input has errors; ``diagnostics`` lists all of them (warnings too)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(f"{sum(d.is_error for d in self.diagnostics)} error(s) in the dossier's sources")

    def report(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


def report_failure(exc: DossierError, program: str) -> int:
    """Print a DossierError for the terminal (every diagnostic, for a ValidationFailed); its exit status."""
    if isinstance(exc, ValidationFailed):
        print(exc.report(), file=sys.stderr)
    print(f"{program}: {exc}", file=sys.stderr)
    return exc.exit_code
