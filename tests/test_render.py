"""Rendering pages: the parallel path gives the pages the serial one does."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from build_dossier import render
from build_dossier.load import load

take = render._take
SPLITS = {  # who renders the source pages: both (as they come), only the child, only the parent
    "shared": take,
    "child only": lambda from_front: take(from_front) if from_front else None,
    "parent only": lambda from_front: None if from_front else take(from_front),
}


@pytest.mark.parametrize("split", SPLITS, ids=SPLITS.keys())
@pytest.mark.parametrize("project", [ROOT, FIXTURES / "kitchen-sink"], ids=["real", "kitchen-sink"])
def test_source_pages_rendered_in_a_second_process_are_the_same(project, split, monkeypatch):
    dossier = load(project)
    serial = {src: (page.markdown(), page.head) for src, page in render.Renderer(dossier).pages().items()}
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(render, "_take", SPLITS[split])
    parallel = {src: (page.markdown(), page.head) for src, page in render.Renderer(dossier).pages().items()}
    assert list(parallel) == list(serial) and parallel == serial
    assert all(head for src, (_, head) in serial.items() if src.startswith("sources/") and src != "sources/index.md")
    assert render._SHARED[0] == render._SHARED[1]  # every source page taken, none twice
