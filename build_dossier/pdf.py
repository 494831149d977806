"""The offline PDF: the whole dossier in one document, rendered from the model with WeasyPrint.

The print template gives every element a document-wide id, so every internal link (claim to
highlight, highlight to claim, relation to claim, table of contents to section) resolves inside
the PDF; WeasyPrint turns headings into the PDF outline.  Run it in a subprocess
(``python -m build_dossier.pdf ROOT OUT``) so its memory is returned when it ends.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

import jinja2
from markupsafe import Markup

from .data import Publication, build_date
from .errors import DossierError, report_failure
from .index import Index, build_index
from .load import load
from .model import Claim, Dossier
from .reading import reading_html
from .render import KIND_LABELS, STATUS_LABELS, Renderer


def methodology_html(root: Path) -> Markup | None:
    """docs/methodology.md (hand-written, trusted) as HTML, without its own title."""
    path = root / "docs" / "methodology.md"
    if not path.is_file():
        return None
    import markdown

    text = path.read_text(encoding="utf-8")
    if text.startswith("# "):
        text = text.split("\n", 1)[1]
    html = markdown.markdown(text, extensions=["tables"], output_format="html")
    return Markup(html.replace("<h2>", '<h2 class="sub">').replace("<h3>", '<h3 class="sub">'))


def render_pdf_html(dossier: Dossier, index: Index | None = None, *, site_url: str | None = None,
                    built: date | None = None, methodology: Markup | None = None) -> str:
    index = index or build_index(dossier)
    built = built or build_date()
    renderer = Renderer(dossier, index, site_url=site_url, built=built)
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates/print"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)

    def sentence(claim: Claim) -> Markup:
        return renderer.link_entities(claim, lambda eid: f"#entity-{eid}")

    stamp = datetime.combine(built, time(0), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return env.get_template("dossier.html.j2").render(
        dossier=dossier, index=index, pub=Publication(dossier, index, site_url, built), built=built, stamp=stamp,
        site_url=site_url, methodology=methodology, status_labels=STATUS_LABELS, kind_labels=KIND_LABELS,
        topic_titles={t.id: t.title for t in dossier.topics}, entity_names={e.id: e.name for e in dossier.entities},
        sentence=sentence, reading=lambda source: Markup(reading_html(source)),
        source_of=dossier.source, rows=renderer.claim_rows(), css=_stylesheet(),
        entity_groups=[("person", "People"), ("organisation", "Organisations"), ("weapon-system", "Weapon systems"),
                       ("aircraft", "Aircraft")])


def _stylesheet() -> Markup:
    from importlib import resources

    return Markup(resources.files(__package__).joinpath("assets", "print.css").read_text("utf-8"))


def write_pdf(root: Path, out: Path, *, site_url: str | None = None) -> None:
    """Load, render and write the PDF to ``out`` atomically (a temporary file, then a rename)."""
    import weasyprint

    root = Path(root).resolve()
    dossier = load(root)
    html = render_pdf_html(dossier, site_url=site_url, methodology=methodology_html(root))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        weasyprint.HTML(string=html, base_url=str(root)).write_pdf(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_dossier.pdf", description="Write the dossier as one PDF.")
    parser.add_argument("root", type=Path, help="project folder (with sources/ and docs/)")
    parser.add_argument("out", type=Path, help="the PDF to write")
    parser.add_argument("--site-url", help="the published site's address, printed on the cover")
    args = parser.parse_args(argv)
    try:
        write_pdf(args.root, args.out, site_url=args.site_url)
    except DossierError as exc:
        return report_failure(exc, "dossier pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
