"""The one pipeline: load → validate → index → render → write.

Every front end runs it.  ``dossier check`` runs ``validate``; ``dossier generate`` runs all of it
(``generate``); the MkDocs plugin runs ``validate`` in ``on_config`` and renders with the same
``Renderer``, MkDocs writing the pages; ``dossier build`` validates, then lets MkDocs run the plugin
with the same ``Checker``, so that nothing is parsed twice.
"""

from __future__ import annotations

from pathlib import Path

from .load import Checked, Checker, load
from .settings import Project


def validate(project: Project, checker: Checker | None = None) -> Checked:
    """Load and validate: find the files, check each source on its own (``checker`` remembers
    the unchanged ones), then across sources; the model (None with errors) and every diagnostic."""
    return (checker or Checker()).check(project.root, project.sources_dir)


def generate(project: Project, out: Path) -> int:
    """The generated pages as Markdown files, and the site's other files, written to ``out``; how many pages."""
    from .output import write_tree
    from .render import Renderer

    # load and validate (the model, or ValidationFailed with every diagnostic)
    dossier = load(project.root, project.sources_dir)
    # index and render: the renderer indexes the model (relations both ways, evidence, claims by
    # topic, entity, origin and year), then renders each page
    renderer = Renderer(dossier)
    pages = renderer.pages()
    # write: a folder that is new, empty or a previous output
    write_tree(out, {**{src: page.markdown() for src, page in pages.items()}, **renderer.files()}, project.root)
    return len(pages)
