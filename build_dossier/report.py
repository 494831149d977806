"""The check's report: ``path:line:col`` lines for the terminal, or, for GitHub, workflow-command
annotations on the pull request's diff and a step summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from html import escape
from typing import TextIO

from .errors import Diagnostic
from .load import Checker
from .model import Dossier
from .settings import Project


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(diagnostics: list[Diagnostic]) -> Iterator[str]:
    """``::error file=…,line=…,col=…::message`` lines, which GitHub shows on the diff."""
    for d in diagnostics:
        kind = "error" if d.is_error else "warning"
        yield (
            f"::{kind} file={_escape_property(d.path)},line={d.line},col={d.col},"
            f"title={_escape_property('dossier check')}::{_escape_data(d.message)}"
        )


def step_summary(diagnostics: list[Diagnostic], failed: bool) -> str:
    """A Markdown table of every problem for the job's summary page."""
    errors = sum(d.is_error for d in diagnostics)
    head = f"## dossier check: {'failed' if failed else 'passed'}\n\n"
    head += f"{errors} error(s), {len(diagnostics) - errors} warning(s).\n\n"
    if not diagnostics:
        return head
    rows = ["| | Where | Problem |", "|---|---|---|"]
    for d in diagnostics:
        icon = "❌" if d.is_error else "⚠️"
        message = escape(d.message, quote=False).replace("|", "\\|")
        rows.append(f"| {icon} | `{d.path}:{d.line}:{d.col}` | {message} |")
    return head + "\n".join(rows) + "\n\n"


def report_check(
    project: Project, strict: bool, github: bool, out: TextIO | None = None, checker: Checker | None = None
) -> tuple[Dossier | None, bool]:
    """Validate and print the report (``path:line:col`` lines, or GitHub annotations plus a step
    summary) to ``out`` (default: standard output); returns the dossier (None if it has errors)
    and whether the check failed."""
    from .pipeline import validate

    dossier, diagnostics = validate(project, checker)
    for line in github_annotations(diagnostics) if github else (d.format() for d in diagnostics):
        print(line, file=out or sys.stdout)
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = bool(errors or (strict and warnings))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if github and summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(step_summary(diagnostics, failed))
    print(f"dossier check: {'failed' if failed else 'ok'}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return dossier, failed
