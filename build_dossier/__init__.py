"""dossier: turn source documents plus YAML annotations into an evidence-linked dossier.

The core (everything here but ``mkdocs_plugin`` and ``cli``) never imports MkDocs:
load everything -> validate -> index -> render.
"""

__version__ = "0.1.0"
