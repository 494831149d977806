"""The dossier plugin's options in ``mkdocs.yml``, typed with MkDocs' ``config_options``: read by
MkDocs for the plugin, and by ``settings.py`` for the command line."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DossierConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs is untyped here
    sources_dir = c.Type(str, default="sources")
    """Folder holding the sources (<slug>.txt + <slug>.yml) and the dossier, topics and entities files,
    relative to mkdocs.yml."""
    contributing = c.Type(str, default="CONTRIBUTING.md")
    """A Markdown file, relative to mkdocs.yml, published as the page contributing.md ('' for none)."""
    search = c.Type(bool, default=True)
    """Search with Pagefind: the index is written to pagefind/ after each build (not in the offline
    copy, where it cannot load), and the header's search box queries it."""
    edit_branch = c.Type(str, default="main")
    """Branch that 'edit this page' opens a source's YAML file on (needs repo_url)."""
    pdf = c.Type(str, default="dossier.pdf")
    """The PDF's path in the site ('dossier build' writes it there), linked from the navigation of the
    builds that make it; '' for none."""
