"""Diagnostics for GitHub: workflow-command annotations on the pull request's diff, and a step summary."""

from __future__ import annotations

from html import escape

from .errors import Diagnostic


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(diagnostics: list[Diagnostic]):
    """``::error file=…,line=…,col=…::message`` lines, which GitHub shows on the diff."""
    for d in diagnostics:
        kind = "error" if d.is_error else "warning"
        yield (f"::{kind} file={_escape_property(d.path)},line={d.line},col={d.col},"
               f"title={_escape_property('dossier check')}::{_escape_data(d.message)}")


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
