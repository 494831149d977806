"""The ``dossier`` command: check, generate, build.

Every command reads the project's settings from ``mkdocs.yml`` (``settings.py``): the sources
folder, the PDF's path, the site's folder and address.

Exit status: 0 success, 1 problems in the input (one ``path:line:col: severity: message`` line
each) or in the file system (a file that cannot be read or written: its path and the cause), 2 usage
errors (including an output folder that may not be used), 3 internal errors (a bug).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import DossierError, UsageError, os_error_message, report_failure
from .settings import Project, read_project
from .vocabulary import KINDS, spelled_out

if TYPE_CHECKING:
    from .fromweb import Page


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier", description="Build an evidence-linked dossier from sources/ (raw texts and YAML annotations)."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate every annotation; report all problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        help="github: workflow-command annotations plus a step summary (the default under GitHub Actions)",
    )
    gen = sub.add_parser("generate", help="write the generated pages as Markdown to a folder")
    gen.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder to write into (new, empty or a previous output; never sources/, docs/ or the project)",
    )
    new = sub.add_parser("new", help="scaffold a new source: sources/<slug>.txt and a commented <slug>.yml")
    new.add_argument("text", type=Path, nargs="?", help="file with the document's text ('-' for standard input)")
    new.add_argument(
        "--from-html",
        type=Path,
        metavar="FILE",
        help="instead of TEXT: a page saved from the browser; "
        "its article text becomes the .txt and its metadata prefills the .yml (marked to check)",
    )
    new.add_argument("--from-url", metavar="URL", help="instead of TEXT: the page at this address (needs a network)")
    for name, help_text in (
        ("title", "headline as published"),
        ("outlet", "publication"),
        ("date", "publication date, YYYY, YYYY-MM or YYYY-MM-DD"),
        ("url", "http(s) address"),
        ("kind", spelled_out(KINDS)),
        ("author", "author, if known"),
        ("language", "language code (default en)"),
        ("slug", "file name (default: outlet-year-title-words)"),
    ):
        new.add_argument(f"--{name}", help=help_text)
    diff = sub.add_parser(
        "diff", help="the claims and sources added, removed and changed between two commits, as Markdown"
    )
    diff.add_argument("base", metavar="BASE", help="the commit to compare from (a branch, tag or commit id)")
    diff.add_argument(
        "head",
        metavar="HEAD",
        nargs="?",
        default="HEAD",
        help="the commit to compare to (default: HEAD, the last commit; uncommitted edits are not compared)",
    )
    quote = sub.add_parser(
        "quote",
        help="print the exact passage of a source's text between its first and last words, ready for the annotation",
    )
    quote.add_argument("slug", help="the source, as in sources/<slug>.txt")
    quote.add_argument("words", help='"first words … last words" (or ... for …), copied from the text')
    pdf = sub.add_parser("pdf", help="write the whole dossier as one PDF")
    pdf.add_argument("--out", type=Path, help="default: the plugin's pdf: path in the site_dir of mkdocs.yml")
    pdf.add_argument("--site-url", help="printed on the cover (default: mkdocs.yml's site_url, unless it is local)")
    build = sub.add_parser(
        "build", help="check, then build the site (mkdocs --strict) and the PDF, and swap them into place"
    )
    build.add_argument("--site-dir", type=Path, help="where the site goes (default: mkdocs.yml's site_dir, site)")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    build.add_argument("--no-offline", action="store_true", help="skip the offline copy (site/dossier-offline.zip)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        if args.command in ("generate", "pdf", "build"):
            from .data import build_moment

            build_moment()  # a bad SOURCE_DATE_EPOCH is an error before anything is done
        return COMMANDS[args.command](args, read_project(args.root))
    except DossierError as exc:
        return report_failure(exc, "dossier")
    except OSError as exc:  # the file system said no: the path and the cause, never an "internal error"
        print(f"dossier: error: {os_error_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line; DOSSIER_DEBUG=1 shows the traceback
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(
            f"dossier: internal error ({type(exc).__name__}: {exc}); please report it "
            "(rerun with DOSSIER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 3


def _check(args: argparse.Namespace, project: Project) -> int:
    github = args.format == "github" or (args.format is None and os.environ.get("GITHUB_ACTIONS") == "true")
    from .report import report_check

    return 1 if report_check(project, args.strict, github)[1] else 0


def _generate(args: argparse.Namespace, project: Project) -> int:
    from .output import check_output_folder
    from .pipeline import generate

    check_output_folder(args.out, args.root, "--out")  # before the work; write_tree checks again
    count = generate(project, args.out)
    print(f"dossier generate: {count} pages written to {args.out}", file=sys.stderr)
    return 0


def _given(args: argparse.Namespace, name: str, prompt: str) -> str | None:
    """The option's value, or, at a terminal, the answer to ``prompt``."""
    value: str | None = getattr(args, name)
    if value is None and sys.stdin.isatty():
        value = input(f"{prompt}: ").strip() or None
    return value


def _ask(args: argparse.Namespace, name: str, prompt: str) -> str:
    value = _given(args, name, prompt)
    if value is None:
        raise UsageError(f"--{name} is required (or run interactively to be asked)")
    return value


def _new(args: argparse.Namespace, project: Project) -> int:
    """Scaffold a source from a text file or a web page; values the page gives are marked to check."""
    from .scaffold import NewSource, scaffold

    text, page, shown = _new_text(args)
    extracted = _take_from_page(args, page) if page else set()
    new = NewSource(
        title=_ask(args, "title", "Title"),
        outlet=_ask(args, "outlet", "Outlet"),
        published=_ask(args, "date", "Published (YYYY, YYYY-MM or YYYY-MM-DD)"),
        url=_ask(args, "url", "URL"),
        kind=_ask(args, "kind", f"Kind ({', '.join(KINDS)})"),
        author=_given(args, "author", "Author (empty if unknown)"),
        language=args.language or "en",
        extracted=frozenset("published" if n == "date" else n for n in extracted),
    )
    txt, yml = scaffold(project.root, new, text, args.slug, project.sources_dir)
    root = args.root.resolve()
    if page:
        marked = ", ".join(sorted(new.extracted)) or "none"
        done = (
            f"wrote {txt.relative_to(root)} (the article's text from {shown}) and {yml.relative_to(root)}; values "
            f"taken from the page ({marked}) are marked 'extracted from the page: check it': check each against the "
            "document, then add claims"
        )
    else:
        done = f"wrote {txt.relative_to(root)} and {yml.relative_to(root)}; now add claims to the .yml"
    print(f"dossier new: {done} and run: dossier check", file=sys.stderr)
    return 0


def _new_text(args: argparse.Namespace) -> tuple[bytes, Page | None, str | None]:
    """The document's text from TEXT, --from-html or --from-url (exactly one), with the page it was
    extracted from and how to name it."""
    given = [
        name
        for name, value in (("TEXT", args.text), ("--from-html", args.from_html), ("--from-url", args.from_url))
        if value is not None
    ]
    if len(given) != 1:
        raise UsageError(
            "give one of TEXT (a file with the document's text), --from-html FILE or --from-url URL"
            + (f", not {' and '.join(given)}" if given else "")
        )
    if args.text is None:
        page, shown = _page(args)
        return page.text.encode("utf-8"), page, shown
    if str(args.text) == "-":
        return sys.stdin.buffer.read(), None, None
    if not args.text.is_file():
        raise UsageError(f"{args.text}: no such file")
    return args.text.read_bytes(), None, None


def _take_from_page(args: argparse.Namespace, page: Page) -> set[str]:
    """Fill the options not given from the page's metadata; the names of those taken.  Without a
    terminal to ask, a page that lacks a required value is an error."""
    found = {
        "title": page.title,
        "outlet": page.outlet,
        "date": page.published,
        "url": page.url,
        "author": page.author,
        "language": page.language,
    }
    extracted = {name for name, value in found.items() if value and getattr(args, name) is None}
    for name in extracted:
        setattr(args, name, found[name])
    missing = [name for name in ("title", "outlet", "date", "url") if getattr(args, name) is None]
    if missing and not sys.stdin.isatty():
        raise UsageError(
            f"the page gives no {', '.join(missing)}; give {' '.join(f'--{m} …' for m in missing)} "
            "(nothing was written)"
        )
    return extracted


def _page(args: argparse.Namespace) -> tuple[Page, str]:
    """The extracted page of --from-html or --from-url, and how to name it in messages."""
    from .fromweb import extract, fetch_page, read_saved_page

    if args.from_html is not None:
        return extract(read_saved_page(args.from_html), str(args.from_html)), str(args.from_html)
    html, final = fetch_page(args.from_url)
    return extract(html, args.from_url, url=final), args.from_url


def _diff(args: argparse.Namespace, project: Project) -> int:
    from .diff import diff

    sys.stdout.write(diff(args.root, args.base, args.head, project.sources_dir))
    return 0


def _pdf(args: argparse.Namespace, project: Project) -> int:
    from .build import run_pdf
    from .output import check_output_folder, mark, output_lock

    root = project.root
    given = args.out or Path(project.site_dir, project.pdf or "dossier.pdf")
    out = given if given.is_absolute() else root / given
    if out.is_dir():
        raise UsageError(f"--out {given}: this is a folder; give the PDF's file name, e.g. site/dossier.pdf")
    check_output_folder(out.parent, root, "--out (its folder)")
    out.parent.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out.parent):
        if not out.parent.exists() or not any(out.parent.iterdir()):
            out.parent.mkdir(parents=True, exist_ok=True)
            mark(out.parent, "pdf")  # a new folder: the next build may replace it
        return run_pdf(project, out, args.site_url or project.public_url)


def _build(args: argparse.Namespace, project: Project) -> int:
    from .build import build_site

    site_dir = args.site_dir or Path(project.site_dir)
    return build_site(project, site_dir, pdf=not args.no_pdf, offline=not args.no_offline)


def _quote(args: argparse.Namespace, project: Project) -> int:
    from .quoting import quote_lines

    print("\n".join(quote_lines(project.root, args.slug, args.words, project.sources_dir)))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Project], int]] = {
    "check": _check,
    "generate": _generate,
    "new": _new,
    "quote": _quote,
    "diff": _diff,
    "pdf": _pdf,
    "build": _build,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
