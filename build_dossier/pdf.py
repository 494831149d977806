"""The offline PDF: the whole dossier as one designed, tagged document, rendered from the model
with WeasyPrint.  Three steps, three modules:

- ``pdf_view.py``: what it shows (the view the templates of ``templates/print/`` read, and the
  dossier rendered as units: a source, a topic entry, a row of the claims index...);
- ``pdf_layout.py``: laying the units out in parts, twice (page numbers are literal), in worker
  processes;
- ``pdf_join.py``: joining the parts with their structure tree, links, outline and metadata.

Run it in a subprocess (``python -m build_dossier.pdf ROOT OUT``), as ``dossier build`` does.
``SOURCE_DATE_EPOCH`` fixes the build date and the PDF's creation and modification dates; the
fonts come from pinned packages, referenced by file: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from .data import build_moment
from .errors import DossierError, ValidationFailed
from .index import Index, build_index
from .links import is_web_url
from .model import Dossier
from .pdf_layout import PART_BYTES, write_in_parts
from .pdf_view import Printer, methodology_html
from .pdfcheck import require_weasyprint

__all__ = ["is_web_url", "main", "methodology_html", "render_pdf_html", "write_pdf"]


def render_pdf_html(
    dossier: Dossier,
    index: Index | None,
    *,
    site_url: str | None,
    build_date: date,
    methodology: str | None = None,
    created: datetime | None = None,
) -> str:
    """The print HTML of the whole dossier as one document (page numbers as zeros): what the parts
    are cut from.  ``methodology`` is trusted HTML (see ``methodology_html``); ``created`` is the
    moment written into the PDF's metadata (default: midnight UTC of ``build_date``)."""
    printer = Printer(
        dossier,
        index or build_index(dossier),
        site_url=site_url,
        build_date=build_date,
        methodology=methodology,
        created=created,
    )
    units = printer.units()
    return printer.document(printer.bodies(units, [0, len(units)])[0])


def write_pdf(root: Path, out: Path, *, site_url: str | None = None, sources_dir: str = "sources") -> None:
    """Load the dossier under ``root``, render it and write the PDF to ``out`` atomically
    (a temporary file beside it, then a rename): readers never see a half-written PDF.

    Raises ValidationFailed (the sources have errors) or DossierError; WeasyPrint's warnings go to
    standard error.
    """
    from .load import load

    root = Path(root).resolve()
    dossier = load(root, sources_dir)
    moment = build_moment()
    printer = Printer(
        dossier,
        build_index(dossier),
        site_url=site_url,
        build_date=moment.date(),
        methodology=methodology_html(root),
        created=moment,
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    budget = int(os.environ.get("DOSSIER_PDF_PART_BYTES") or PART_BYTES)
    try:
        warnings = write_in_parts(printer, tmp, (root / "docs").as_uri() + "/", budget)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    for message in dict.fromkeys(warnings):
        print(f"dossier pdf: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m build_dossier.pdf ROOT OUT [--site-url URL]``: 0 written, 1 failed (one line on
    standard error), 2 usage error, 3 internal error (a bug), as every command."""
    parser = argparse.ArgumentParser(prog="python -m build_dossier.pdf", description="Write the dossier as one PDF.")
    parser.add_argument("root", type=Path, help="project folder (with sources/ and, optionally, docs/methodology.md)")
    parser.add_argument("out", type=Path, help="the PDF to write (replaced atomically)")
    parser.add_argument("--site-url", help="the published site's http(s) address, printed on the cover")
    parser.add_argument("--sources-dir", default="sources", help="the sources folder, relative to ROOT")
    args = parser.parse_args(argv)
    if args.site_url and not is_web_url(args.site_url):
        print(f"dossier pdf: --site-url {args.site_url!r} is not an http(s) address", file=sys.stderr)
        return 2
    try:
        require_weasyprint()  # before any work: missing WeasyPrint or Pango is said with its fix
        write_pdf(args.root, args.out, site_url=args.site_url, sources_dir=args.sources_dir)
    except ValidationFailed as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        first = f" (first: {errors[0].format()})" if errors else ""
        print(" ".join(f"dossier pdf: {exc}{first}; run 'dossier check' to see them all".split()), file=sys.stderr)
        return 1
    except (DossierError, OSError) as exc:
        print(" ".join(f"dossier pdf: {exc}".split()), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line; DOSSIER_DEBUG=1 shows the traceback
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(
            f"dossier pdf: internal error ({type(exc).__name__}: {exc}); rerun with DOSSIER_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
