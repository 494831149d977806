"""dossier: turn source documents plus YAML annotations into an evidence-linked dossier.

The core (everything here but ``mkdocs_plugin`` and ``cli``) never imports MkDocs:
load everything -> validate -> index -> render.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("build-dossier")  # one place: pyproject.toml
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
