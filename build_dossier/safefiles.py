"""Reading the project's files safely: only regular files inside the project, never through a link.

A pull request can add any kind of file: a symbolic link to ``/etc/passwd`` or to ``../.git/config``,
a named pipe that blocks whoever opens it, a link to ``/dev/zero``.  The dossier is read only from
regular files inside the project folder: everything else is refused with a message naming it,
and never opened (files are opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked with ``fstat``
before a byte is read, so a file swapped for a link or a pipe after the listing is refused too).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DossierError

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class FileRefused(DossierError):
    """A file the dossier will not read; the message says what it is and what to do."""


def kind_of(mode: int) -> str:
    """What a file is, in words, from its ``lstat`` mode."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def refusal(kind: str) -> str:
    """The message for a file of this kind where a regular file is expected."""
    if kind == "a symbolic link":
        return (
            "this is a symbolic link; the dossier is read only from regular files inside the project, so links "
            "are never followed: replace the link with a copy of the file itself"
        )
    what = kind if kind.startswith("not ") else f"{kind}, not a regular file"
    return f"this is {what}; the dossier is read only from regular files: remove it"


def read_regular(path: Path, limit: int) -> tuple[bytes | None, int]:
    """The bytes of a regular file (None when over ``limit``: not read) and its size.

    Raises FileRefused for a link, a pipe, a device or a folder (none of them is opened for reading
    beyond the non-blocking open that tells what it is), and for a file that cannot be read.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.islink(path):
            raise FileRefused(refusal("a symbolic link")) from None
        raise FileRefused(f"cannot read this file: {exc.strerror}; check that it exists and is readable") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(refusal(kind_of(info.st_mode)))
        if info.st_size > limit:
            return None, info.st_size
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"cannot read this file: {exc.strerror}") from None
        return (data if len(data) <= limit else None), max(len(data), info.st_size)


def folder_problem(folder: Path, root: Path) -> str | None:
    """Why ``folder`` (an input folder of the project) cannot be read from, or None."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None  # the caller says what is missing
    except OSError as exc:
        return f"cannot read this folder: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return (
            "this folder is a symbolic link; the dossier is read only from inside the project, so links are "
            "never followed: replace the link with the folder itself"
        )
    if not stat.S_ISDIR(info.st_mode):
        return f"this is {kind_of(info.st_mode)}, not a folder"
    if not inside(folder, root):
        return "this folder is outside the project folder; the dossier is read only from inside the project"
    return None


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link resolved, is ``root`` or lies under it."""
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(root)))


def unsafe_entries(folder: Path) -> list[tuple[Path, str]]:
    """Every entry under ``folder`` (links not followed) that is not a regular file or a folder,
    with the reason: what MkDocs must not publish from ``docs/``."""
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top) / name
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                found.append((path, f"cannot read it: {exc.strerror}"))
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append((path, refusal(kind_of(mode))))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(top, d))]
    return found
