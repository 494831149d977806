"""Writing trees of files so that readers never see a half-written one, and nothing else is replaced.

An output folder (``dossier build --site-dir``, ``generate --out``, the folder of ``pdf --out``) is
either new or a previous output: every output carries the marker file ``MARKER``, and a folder
without it is used only when empty.  The project folder, its input folders (``sources/``,
``docs/``), a folder holding them and a folder inside them are never used.  Writers of one folder
are serialised by a lock file beside it (``.<name>.lock``): a second one fails at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import DossierError, UsageError

MARKER = ".dossier-generated"  # written into every build output: the folder may be replaced by the next build
INPUTS = ("sources", "docs")


def check_output_folder(out: Path, root: Path, option: str) -> None:
    """Raise UsageError unless ``out`` may be (re)placed by an output: it is new, empty or a previous
    output, and neither the project, an input folder, nor a folder holding or inside one."""
    real, project = Path(os.path.realpath(out)), Path(os.path.realpath(root))
    if project.is_relative_to(real):
        raise UsageError(
            f"{option} {out}: this is the project folder{'' if real == project else ' or holds it'}; "
            "the output would replace the project: choose a new folder such as site"
        )
    for name in INPUTS:
        folder = Path(os.path.realpath(project / name))
        if folder.is_relative_to(real) or real.is_relative_to(folder):
            raise UsageError(
                f"{option} {out}: this is, holds or lies inside the input folder {name}/; the output "
                "would replace or mix with the dossier's files: choose a new folder such as site"
            )
    if os.path.islink(out):
        raise UsageError(f"{option} {out}: this is a symbolic link; give the output folder itself")
    if not os.path.lexists(out):
        return
    if not out.is_dir():
        raise UsageError(
            f"{option} {out}: this is a file, not a folder; give a folder for the output "
            "(a new one, or a previous output)"
        )
    if any(out.iterdir()) and not is_output(out):
        raise UsageError(
            f"{option} {out}: this folder holds files that no dossier command wrote (it has no "
            f"{MARKER} file); choose a new or empty folder, or remove it yourself if it is an old build"
        )


def is_output(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark(folder: Path, command: str) -> None:
    """Mark ``folder`` as a build output (the next build may replace it)."""
    (folder / MARKER).write_text(
        f"written by dossier {command}; the next build replaces this folder\n", encoding="utf-8"
    )


@contextmanager
def output_lock(target: Path) -> Iterator[None]:
    """Hold the lock of the output ``target`` (``.<name>.lock`` beside it) while writing it; with
    the lock held, scratch folders of ``target`` left behind are stale and are removed."""
    target = Path(target)
    lock = target.with_name(f".{target.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DossierError(
                f"{target}: another dossier command is writing it now (it holds {lock}); wait for "
                "it to finish, then run this again"
            ) from None
        for stale in [*target.parent.glob(f".{target.name}.tmp-*"), *target.parent.glob(f".{target.name}.old-*")]:
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(fd)  # the lock file stays: removing it would let a third writer lock another file


def write_tree(out: Path, files: dict[str, str], root: Path | None = None) -> None:
    """Write ``files`` (relative path -> text) as the folder ``out``, replacing it whole.

    An existing ``out`` is replaced only if it is empty or a previous output (``check_output_folder``).
    """
    out = Path(out)
    check_output_folder(out, root or Path.cwd(), "--out")
    out.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out):
        tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        try:
            for rel, text in sorted(files.items()):
                path = tmp / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
            mark(tmp, "generate")
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
