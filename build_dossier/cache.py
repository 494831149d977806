"""The one cache: what a build made, kept for the next build of the same project.

``mkdocs serve`` builds again after each edit and keeps the plugin: the plugin owns a
``BuildCache``, starts each build with ``new_build()`` and hands the cache to that build's
``Renderer`` (and through it to the ``Publication``).  A value is asked for by a name and the
inputs it is made from::

    page = cache.get(("page", src), inputs, lambda: render(src))

and is the previous build's value when that was made from equal inputs, else made now.  What a
build does not ask for is dropped, so the cache holds one build's values; ``reused`` names those a
build took from the one before.  The inputs must hold everything the value shows:
tests/test_cache.py changes the model's fields one at a time and checks that a build with the
previous build's cache makes what a build without it makes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class BuildCache:
    def __init__(self) -> None:
        self._previous: dict[Hashable, tuple[object, Any]] = {}
        self._current: dict[Hashable, tuple[object, Any]] = {}
        self.reused: set[Hashable] = set()  # the names this build took from the previous one

    def new_build(self) -> None:
        """Start a build: the values of the build before are kept for it, older ones dropped."""
        self._previous, self._current, self.reused = self._current, {}, set()

    def get(self, name: Hashable, inputs: object, make: Callable[[], T]) -> T:
        """The value of ``name`` made from ``inputs``: this build's or the previous one's when their
        inputs are equal, else ``make()``."""
        kept = self._current.get(name)
        if kept is None or not _equal(kept[0], inputs):
            kept = self._previous.get(name)
            if kept is not None and _equal(kept[0], inputs):
                self.reused.add(name)
            else:
                kept = (inputs, make())
            self._current[name] = kept
        value: T = kept[1]
        return value

    def same(self, name: Hashable, inputs: T) -> T:
        """``inputs``, or the equal object the previous build gave for ``name``: inputs that many
        values share (the renderer's site-wide inputs) are then compared by identity, at once."""
        return self.get(name, inputs, lambda: inputs)

    def unchanged(self, name: Hashable, inputs: object) -> bool:
        """Whether the previous build saw equal ``inputs`` for ``name`` (and remember these)."""
        self.get(name, inputs, lambda: None)
        return name in self.reused


def _equal(a: object, b: object) -> bool:
    return a is b or a == b
