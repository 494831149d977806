"""MkDocs adapter: adds the dossier's generated pages in memory and watches sources/.

All logic lives in the core; this module only translates between it and MkDocs' events.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link

from .cache import BuildCache
from .data import build_moment, open_graph
from .errors import Diagnostic, DossierError, ValidationFailed
from .history import History, page_inputs, write_sitemap
from .load import Checker
from .pipeline import validate
from .plugin_config import DossierConfig
from .render import HOME_MARKER, Renderer, relative_file
from .render import Page as DossierPage
from .safefiles import FileRefused, folder_problem, inside, read_regular, unsafe_entries
from .search import BackgroundIndexer, index_site
from .settings import Project

if TYPE_CHECKING:  # for annotations only: nothing more is imported at run time
    from jinja2.bccache import Bucket
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.dossier")
PDF_ONLY = re.compile(r"<!-- dossier:pdf -->.*?<!-- /dossier:pdf -->", re.S)  # hand-written text about the PDF
ASSETS = ("dossier.css", "dossier.js", "claims.js")
SEARCH_JS = "search.js"  # the header's search box (with the search option)
THEME = Path(__file__).parent / "theme"  # the theme's header with the dossier's search box (Pagefind)
CONTENT = '<article class="md-content__inner md-typeset">'  # the theme's page content, as Pagefind indexes it
STATUS = "assets/dossier/status.json"  # under `mkdocs serve`: the sources' errors, which dossier.js shows


class GeneratedFile(File):
    """A file the plugin makes; ``modified`` is False when it is the same as in the previous build
    (``mkdocs serve --dirty`` then leaves its page as it is)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory across the rebuilds of ``mkdocs serve`` (MkDocs
    makes a new Jinja environment for each build; Jinja checks each template's source against
    the checksum it stores, so an edited template is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Problem(TypedDict):
    """An error in the sources as STATUS holds it for dossier.js."""

    path: str
    line: int
    col: int
    message: str
    lines: list[list[int | str]]  # [line number, text] around it


def problem(diagnostic: Diagnostic, root: Path, context: int = 2) -> Problem:
    """An error as the browser shows it under ``mkdocs serve``: where, what, and the lines around it."""
    lines: list[list[int | str]] = []
    try:
        data, _ = read_regular(root / diagnostic.path, 1_000_000)
    except FileRefused:
        data = None
    if data is not None:
        text = data.decode("utf-8", "replace").splitlines()
        first = max(1, diagnostic.line - context)
        lines = [[n, text[n - 1]] for n in range(first, min(len(text), diagnostic.line + context) + 1)]
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "col": diagnostic.col,
        "message": diagnostic.message,
        "lines": lines,
    }


def _check_docs(root: Path, docs: Path) -> None:
    """MkDocs publishes what ``docs/`` holds, following links: refuse links, pipes and devices in it
    (and a ``docs/`` that is a link or lies outside the project), as for sources/."""
    problem = folder_problem(docs, root)
    found = [(docs, problem)] if problem else unsafe_entries(docs) if docs.is_dir() else []
    if found:
        lines = "\n".join(f"{os.path.relpath(path, root)}:1:1: error: {reason}" for path, reason in found)
        raise PluginError(f"dossier: the documentation folder holds files that are never published:\n{lines}")


class DossierPlugin(BasePlugin[DossierConfig]):  # type: ignore[no-untyped-call]  # mkdocs' __init_subclass__: untyped
    """Adds the generated pages and files to the build.

    Defining ``on_startup`` makes MkDocs keep this instance across the rebuilds of ``mkdocs
    serve``: a rebuild then renders only the pages whose inputs changed, and under ``--dirty``
    MkDocs rebuilds only those.  A generated page's HTML is rendered only while MkDocs builds it
    (``on_page_context``).  The search index is made from the built site (``on_post_build``).
    """

    renderer: Renderer | None = None  # the previous build's, while MkDocs keeps this instance
    dirty = False
    pdf_built = False  # set by `dossier build` when it writes the PDF: only then is it linked
    offline_zip = False  # set by `dossier build` when it writes the offline copy: only then is it linked
    serving = False  # under `mkdocs serve`, errors in the sources are shown in the browser
    checker: Checker | None = None  # remembers the parsed sources between builds (set by `dossier build`)

    def __init__(self) -> None:
        super().__init__()
        self.outputs: dict[str, str | bytes] = {}  # the previous build's generated files
        self.cache = BuildCache()  # the previous build's pages, rows and records, for a rebuild (serve)
        self.problems: list[Problem] = []  # the sources' errors under `mkdocs serve`, for STATUS
        self.lastmods: dict[str, str] = {}  # page address -> the last change of its files ('' unknown), for the sitemap

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"
        self.indexer = BackgroundIndexer()  # under serve, the search index is made in the background
        self.templates = _CompiledTemplates()

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if getattr(self, "templates", None) is not None and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        return env

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.sources = root / self.config.sources_dir
        self.checker = self.checker or Checker()  # kept while MkDocs keeps this instance (serve)
        project = Project(root, self.config.sources_dir, self.config.pdf, config.site_dir, config.site_url)
        dossier, diagnostics = validate(project, self.checker)
        failed = dossier is None or any(d.is_error for d in diagnostics)
        if failed and not (self.serving and self.renderer is not None):
            report = ValidationFailed(diagnostics)
            raise PluginError(f"dossier: the sources have errors:\n{report.report()}\n{report}")
        self.problems = [problem(d, root) for d in diagnostics if d.is_error]
        self.lastmods = dict(self.lastmods)
        for d in diagnostics:  # warnings do not fail the (strict) build; `dossier check --strict` does
            (log.error if d.is_error else log.info)(d.format())
        _check_docs(root, Path(config.docs_dir))
        config.extra_css.extend(f"assets/dossier/{name}" for name in ASSETS if name.endswith(".css"))
        config.extra_javascript.extend(f"assets/dossier/{name}" for name in ASSETS if name.endswith(".js"))
        if self.config.search:
            self._use_search_box(config)
        self.filled: dict[str, DossierPage] = {}  # hand-written pages with generated blocks (HOME_MARKER)
        # serving: every page keeps its last good version, and the browser shows the errors
        if failed or dossier is None:  # (no dossier is a failure: the check narrows its type)
            self.changed: set[str] = set()
            self.home_changed = False
            return config
        offline = any(
            name.endswith("offline") and plugin.config.get("enabled", True) for name, plugin in config.plugins.items()
        )  # Material's offline plugin: the file:// copy
        if offline:  # the offline plugin asks a CDN for a shim of the theme's search worker, unused here
            config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        self.search_index = self.config.search and not offline  # Pagefind cannot load from file://
        self.cache.new_build()
        try:
            self.renderer = Renderer(
                dossier,
                site_url=config.site_url,
                files=not config.use_directory_urls,
                offline=offline,
                downloads=(self.config.pdf if self.pdf_built else "", self.offline_zip),
                cache=self.cache,
            )
        except DossierError as exc:  # a bad SOURCE_DATE_EPOCH
            raise PluginError(f"dossier: {exc}") from None
        self.history = History(root, build_moment())  # the feed's and the sitemap's dates
        self.renderer.publication.history = self.history
        self.inputs = page_inputs(dossier, self.renderer.index, self.config.sources_dir)
        self.pages = self.renderer.pages()
        self.changed = {src for src in self.pages if ("page", src) not in self.cache.reused}
        self.home_changed = self.renderer.home_changed()
        return config

    @staticmethod
    def _use_search_box(config: MkDocsConfig) -> None:
        """The theme's header with the dossier's search box in place of the theme's search, whose
        plugin must be off: it would index every page again, for a heavier search."""
        if any(name in ("search", "material/search") for name in config.plugins):
            raise PluginError(
                "dossier: remove 'search' from plugins in mkdocs.yml: the dossier's search (Pagefind) replaces it"
            )
        if config.theme.name != "material":
            raise PluginError("dossier: the search box needs the 'material' theme; set the plugin's 'search: false'")
        if str(THEME) not in config.theme.dirs:  # after the site's own overrides (custom_dir), before the theme's
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_javascript.append(f"assets/dossier/{SEARCH_JS}")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        outputs: dict[str, str | bytes] = {}
        for src, page in self.pages.items():  # Markdown sees only the body; on_page_content fills it
            self._add(files, config, src, page.body, modified=src in self.changed)
        if self.config.contributing:
            root = Path(config.config_file_path).parent
            path = root / self.config.contributing
            if not os.path.lexists(path):
                raise PluginError(f"dossier: contributing: {path} not found; fix the path or set it to ''")
            if not inside(path, root):
                raise PluginError(
                    f"dossier: contributing: {path} is outside the project folder; only files inside it are published"
                )
            try:
                raw = read_regular(path, 10_000_000)[0]
            except FileRefused as exc:
                raise PluginError(f"dossier: contributing: {path}: {exc}") from None
            if raw is None:
                raise PluginError(f"dossier: contributing: {path} is over 10 MB; is it the right file?")
            outputs["contributing.md"] = raw.decode("utf-8", "replace")
        assert self.renderer is not None, "on_config made it"
        outputs.update(self.renderer.files())
        for name in ASSETS + ((SEARCH_JS,) if self.config.search else ()):
            outputs[f"assets/dossier/{name}"] = resources.files(__package__).joinpath("assets", name).read_bytes()
        if self.serving:
            outputs[STATUS] = json.dumps({"errors": self.problems}, ensure_ascii=False)
        for src, content in outputs.items():
            self._add(files, config, src, content, modified=self.outputs.get(src) != content)
        self.outputs = outputs
        if self.home_changed:  # hand-written pages showing generated blocks (findings, figures, sources)
            for file in files.documentation_pages():
                if not isinstance(file, GeneratedFile) and HOME_MARKER in file.content_string:
                    file.content_string = file.content_string  # content set in memory: MkDocs reads it again
        return files

    @staticmethod
    def _add(files: Files, config: MkDocsConfig, src: str, content: str | bytes, modified: bool) -> None:
        file = GeneratedFile.generated(config, src, content=content)
        assert isinstance(file, GeneratedFile)  # File.generated() makes an instance of its class
        file.modified = modified
        files.append(file)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A navigation link to the PDF when 'dossier build' writes it beside the pages (``mkdocs
        build`` and ``mkdocs serve`` make none, so they do not link it).  Under
        ``--dirty``, the pages MkDocs will not read again get their front matter here, so that the
        navigation of the pages it rebuilds still has their titles."""
        for file in files.documentation_pages():
            if isinstance(file, GeneratedFile) and not file.modified and file.page is not None:
                generated = self.pages.get(file.src_uri)
                file.page.markdown = file.content_string if generated is None else generated.body
                file.page.meta = {} if generated is None else dict(generated.meta)
        if self.config.pdf and self.pdf_built:
            nav.items.append(Link("PDF", self.config.pdf))
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.pdf_built:  # a build that makes no PDF drops the hand-written links to it
            markdown = PDF_ONLY.sub("", markdown)
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:  # front matter straight from the model: nothing to parse
            page.meta = dict(generated.meta)
        if HOME_MARKER in markdown:  # a hand-written page with generated blocks: filled like a generated one
            assert self.renderer is not None, "on_config made it"
            generated = self.filled[page.file.src_uri] = self.renderer.home(markdown, page.file.src_uri)
            return generated.body
        return markdown

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Feed link, citation meta tags and JSON-LD go into the page's head; the content of a page
        not excluded from search (front matter ``search: {exclude: true}``) is marked for Pagefind."""
        generated = self.pages.get(page.file.src_uri)
        assert self.renderer is not None, "on_config made it"
        extra = self.renderer.head(page.file.src_uri, generated.paging if generated is not None else None)
        extra += self.open_graph(page, config)
        if self.serving:  # where dossier.js finds the sources' errors
            extra += f'<meta name="dossier-status" content="{relative_file(page.file.src_uri, STATUS)}">'
        output = output.replace("</head>", extra + "</head>", 1)
        if generated is not None:
            page.content = None  # written: not kept until the end of the build
        if self.config.search and not (page.meta.get("search") or {}).get("exclude"):
            output = output.replace(CONTENT, CONTENT[:-1] + " data-pagefind-body>", 1)
        if 'id="__toc"' not in output:  # pages outside the navigation: the theme's TOC label points nowhere
            output = output.replace(' for="__toc"', "")
        return output

    @staticmethod
    def open_graph(page: Page, config: MkDocsConfig) -> str:
        """Open Graph tags of a page; front matter's title and description come HTML-escaped."""
        meta = page.meta or {}
        kind = "article" if (meta.get("dossier") or {}).get("page") == "source" else "website"
        description = meta.get("description") or config.site_description or ""
        return open_graph(
            html.unescape(str(page.title or config.site_name)),
            html.unescape(str(description)),
            kind,
            page.canonical_url if config.site_url else None,
            config.site_name,
        )

    def lastmod(self, page: Page, config: MkDocsConfig) -> str:
        """The last change of the files a page is made from (git), as the sitemap's date; '' when unknown."""
        src = page.file.src_uri
        root = Path(config.config_file_path).parent
        if src in self.pages:
            paths = self.inputs.get(src, self.inputs[""])
        elif src == "contributing.md" and self.config.contributing:
            paths = (self.config.contributing,)
        else:
            own = os.path.relpath(Path(config.docs_dir) / src, root).replace(os.sep, "/")
            paths = (own, *self.inputs[""]) if src in self.filled else (own,)
        when = self.history.last_change(paths) if getattr(self, "history", None) else None
        return when.date().isoformat() if when else ""

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's blocks are rendered now, while MkDocs builds it, and released after;
        'Edit this page' on a source page opens its YAML annotations; the sitemap's date is the last
        change of the page's files."""
        generated = self.pages.get(page.file.src_uri) or self.filled.get(page.file.src_uri)
        if generated is not None:
            assert page.content is not None, "MkDocs renders the page's content before this event"
            generated.keep()
            page.content = generated.fill(page.content)
            generated.release()
        self.lastmods[page.canonical_url or page.abs_url or page.url] = self.lastmod(page, config)
        slug = (
            page.meta.get("dossier", {}).get("slug") if page.meta.get("dossier", {}).get("page") == "source" else None
        )
        if slug and config.repo_url:
            yml = f"{self.config.sources_dir}/{slug}.yml"
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{yml}"
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The sitemap's dates are the last changes of each page's files.  The search index is made
        again from the whole site after every build.  Under ``mkdocs serve`` (dirty or not: the pages
        a rebuild skips are still in the site folder) that runs in the background, so a rebuild is not
        slower: the reloaded page searches the previous index until the new one replaces it, seconds
        later."""
        write_sitemap(Path(config.site_dir), self.lastmods)
        if self.search_index and self.serving:
            self.indexer.request(Path(config.site_dir))
        elif self.search_index:
            started = time.perf_counter()
            try:
                index_site(Path(config.site_dir))
            except DossierError as exc:
                raise PluginError(f"dossier: {exc}") from None
            log.info("dossier: search index (Pagefind) written in %.2f s", time.perf_counter() - started)

    def on_shutdown(self) -> None:
        if getattr(self, "indexer", None) is not None:
            self.indexer.wait()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        server.watch(str(self.sources))
        return server
