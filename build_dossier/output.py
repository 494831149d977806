"""Writing trees of files so that readers never see a half-written one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import DossierError

MARKER = ".dossier-generated"


def write_tree(out: Path, files: dict[str, str]) -> None:
    """Write ``files`` (relative path -> text) as the folder ``out``, replacing it whole.

    An existing ``out`` is replaced only if it is empty or was written by this function.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise DossierError(f"{out} exists and was not written by 'dossier generate'; choose an empty folder")
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        for rel, text in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        (tmp / MARKER).write_text("written by dossier generate\n", encoding="utf-8")
        swap_into_place(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(new: Path, target: Path) -> None:
    """Replace the folder ``target`` by ``new`` with two renames; the old tree is then removed."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
