"""Whether the PDF can be made here, and if not, what to install.

The PDF needs the ``pdf`` extra (WeasyPrint, pikepdf and the packages of its two fonts, Source Serif 4
and Source Sans 3: ``pip install 'build-dossier[pdf]'``) and
the system libraries WeasyPrint loads when it is imported (Pango and HarfBuzz; no system font).  Without
them ``dossier build`` and ``dossier pdf`` stop with this advice and exit status 1; ``dossier
build --no-pdf`` needs neither.
"""

from __future__ import annotations

import importlib.util

from .errors import DossierError

PACKAGES = ("weasyprint", "pikepdf", "fontpkg_source_serif_4", "fontpkg_source_sans_3")  # the last two: its fonts
PIP_FIX = "pip install 'build-dossier[pdf]'"
DEBIAN_FIX = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
SKIP = "or build the site without the PDF: dossier build --no-pdf"


class PdfUnavailable(DossierError):
    """WeasyPrint, pikepdf, the fonts or WeasyPrint's system libraries are missing; the message says what to install."""


def require_packages() -> None:
    """PdfUnavailable unless WeasyPrint, pikepdf and the fonts' packages are installed (found, not imported: cheap)."""
    missing = [name.replace("_", "-") for name in PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise PdfUnavailable(
            f"the PDF needs {' and '.join(missing)}, not installed here; install the PDF extra with: "
            f"{PIP_FIX} (WeasyPrint also needs Pango; on Debian or Ubuntu: {DEBIAN_FIX}); {SKIP}"
        )


def require_weasyprint() -> None:
    """Import WeasyPrint and pikepdf: PdfUnavailable, with the fix, if they or Pango are missing."""
    require_packages()
    try:
        import pikepdf  # noqa: F401
        import weasyprint  # noqa: F401  - loads Pango, HarfBuzz and fontconfig
    except OSError as exc:  # a system library could not be loaded
        detail = " ".join(str(exc).split())
        raise PdfUnavailable(
            f"WeasyPrint is installed but cannot load its system libraries ({detail}); on Debian or Ubuntu "
            f"install them with: {DEBIAN_FIX} (other systems: Pango 1.44 or later); {SKIP}"
        ) from None
    except ImportError as exc:  # a broken installation: a dependency of theirs is missing
        raise PdfUnavailable(
            f"the PDF's packages cannot be imported ({exc}); reinstall them with: {PIP_FIX}; {SKIP}"
        ) from None
