"""MkDocs adapter: adds the dossier's generated pages in memory and watches sources/.

All logic lives in the core; this module only translates between it and MkDocs' events.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link

from .errors import DossierError, ValidationFailed
from .load import check
from .render import HOME_MARKER, Renderer

log = logging.getLogger("mkdocs.plugins.dossier")
ASSETS = ("dossier.css", "dossier.js", "claims.js")


class DossierConfig(Config):
    sources_dir = c.Type(str, default="sources")
    """Folder holding the sources (<slug>.txt + <slug>.yml) and the dossier, topics and entities files,
    relative to mkdocs.yml."""
    contributing = c.Type(str, default="CONTRIBUTING.md")
    """A Markdown file, relative to mkdocs.yml, published as the page contributing.md ('' for none)."""
    edit_branch = c.Type(str, default="main")
    """Branch that 'edit this page' opens a source's YAML file on (needs repo_url)."""
    pdf = c.Type(str, default="dossier.pdf")
    """The PDF's path in the site ('dossier build' writes it there), linked from the navigation; '' for none."""


class DossierPlugin(BasePlugin[DossierConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.sources = root / self.config.sources_dir
        try:
            dossier, diagnostics = check(root, self.config.sources_dir)
        except DossierError as exc:  # pragma: no cover - check() reports problems as diagnostics
            raise PluginError(f"dossier: {exc}") from None
        if dossier is None or any(d.is_error for d in diagnostics):
            failed = ValidationFailed(diagnostics)
            raise PluginError(f"dossier: the sources have errors:\n{failed.report()}\n{failed}")
        for d in diagnostics:  # warnings do not fail the (strict) build; `dossier check --strict` does
            log.info(d.format())
        self.renderer = Renderer(dossier, site_url=config.site_url)
        self.pages = self.renderer.pages()
        self.converted: dict[str, str] = {}  # Markdown's HTML of searchable generated pages, until on_page_context
        config.extra_css.extend(f"assets/dossier/{name}" for name in ASSETS if name.endswith(".css"))
        config.extra_javascript.extend(f"assets/dossier/{name}" for name in ASSETS if name.endswith(".js"))
        return config

    def on_files(self, files: Files, config) -> Files:
        for src, page in self.pages.items():  # Markdown sees only the body; on_page_content fills it
            files.append(File.generated(config, src, content=page.body))
        if self.config.contributing:
            path = Path(config.config_file_path).parent / self.config.contributing
            if not path.is_file():
                raise PluginError(f"dossier: contributing: {path} not found; fix the path or set it to ''")
            files.append(File.generated(config, "contributing.md", content=path.read_text(encoding="utf-8")))
        for src, content in self.renderer.files().items():
            files.append(File.generated(config, src, content=content))
        for name in ASSETS:
            data = resources.files(__package__).joinpath("assets", name).read_bytes()
            files.append(File.generated(config, f"assets/dossier/{name}", content=data))
        return files

    def on_nav(self, nav, config, files):
        """A navigation link to the PDF, which 'dossier build' writes beside the pages."""
        if self.config.pdf:
            nav.items.append(Link("PDF", self.config.pdf))
        return nav

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:  # front matter straight from the model: nothing to parse
            page.meta = dict(generated.meta)
        if HOME_MARKER in markdown:
            markdown = markdown.replace(HOME_MARKER, self.renderer.home_sources(page.file.src_uri))
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """A generated page's HTML blocks go back in; on a searchable page, first a lighter version
        for the search plugin (which indexes in ``on_page_context``), the full one in ours."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        if (page.meta.get("search") or {}).get("exclude"):
            return generated.fill(html)
        self.converted[page.file.src_uri] = html
        return generated.fill(html, searchable=True)

    def on_post_page(self, output: str, page, config) -> str:
        """Feed link, citation meta tags and JSON-LD go into the page's head."""
        extra = self.renderer.head(page.file.src_uri)
        output = output.replace("</head>", extra + "</head>", 1)
        if 'id="__toc"' not in output:  # pages outside the navigation: the theme's TOC label points nowhere
            output = output.replace(' for="__toc"', "")
        return output

    def on_page_context(self, context, page, config, nav):
        """The full HTML of a generated page (see ``on_page_content``); 'Edit this page' on a source
        page opens its YAML annotations."""
        converted = self.converted.pop(page.file.src_uri, None)
        if converted is not None:
            page.content = self.pages[page.file.src_uri].fill(converted)
        slug = page.meta.get("dossier", {}).get("slug") if page.meta.get("dossier", {}).get("page") == "source" else None
        if slug and config.repo_url:
            yml = f"{self.config.sources_dir}/{slug}.yml"
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{yml}"
        return context

    def on_serve(self, server, config, builder):
        server.watch(str(self.sources))
        return server
