"""The ``dossier`` command: check, generate, build.

Exit status: 0 success, 1 problems in the input (one ``path:line:col: severity: message`` line
each), 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import DossierError, ValidationFailed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Build an evidence-linked dossier from "
                                     "sources/ (raw texts and YAML annotations).")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate every annotation; report all problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    gen = sub.add_parser("generate", help="write the generated pages as Markdown to a folder")
    gen.add_argument("--out", type=Path, required=True, help="folder to write into (created; must be empty)")
    build = sub.add_parser("build", help="check, then build the site (mkdocs --strict) and swap it into place")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except ValidationFailed as exc:
        print(exc.report(), file=sys.stderr)
        print(f"dossier: {exc}", file=sys.stderr)
        return 1
    except DossierError as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line; DOSSIER_DEBUG=1 shows the traceback
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(f"dossier: internal error ({type(exc).__name__}: {exc}); please report it "
              "(rerun with DOSSIER_DEBUG=1 for details)", file=sys.stderr)
        return 3


def _check(args) -> int:
    from .load import check

    _, diagnostics = check(args.root)
    for d in diagnostics:
        print(d.format())
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if errors or (args.strict and warnings):
        print(f"dossier check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"dossier check: ok ({warnings} warning(s))", file=sys.stderr)
    return 0


def _generate(args) -> int:
    from .load import load
    from .output import write_tree
    from .render import Renderer

    dossier = load(args.root)
    renderer = Renderer(dossier)
    pages = renderer.pages()
    write_tree(args.out, {**pages, **renderer.files()})
    print(f"dossier generate: {len(pages)} pages written to {args.out}", file=sys.stderr)
    return 0


def _build(args) -> int:
    from .build import build_site

    return build_site(args.root.resolve(), args.site_dir)


COMMANDS = {"check": _check, "generate": _generate, "build": _build}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
