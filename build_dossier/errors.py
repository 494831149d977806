"""Diagnostics and the one exception base class of the package."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


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


class DossierError(Exception):
    """Base class of every error the package raises on purpose."""


class ValidationFailed(DossierError):
    """The input has errors; ``diagnostics`` lists all of them (warnings too)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        super().__init__(f"{len(errors)} error(s) in the dossier's sources")

    def report(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as contributors see it: relative to the project root when possible."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def report_failure(exc: DossierError, program: str) -> int:
    """Print a DossierError for the terminal (every diagnostic, for a ValidationFailed); exit status 1."""
    if isinstance(exc, ValidationFailed):
        print(exc.report(), file=sys.stderr)
    print(f"{program}: {exc}", file=sys.stderr)
    return 1
