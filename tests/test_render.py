"""Rendering pages: the parallel path gives the pages the serial one does."""

from __future__ import annotations

import pytest

from build_dossier import render
from build_dossier.load import load
from conftest import FIXTURES, ROOT


@pytest.mark.parametrize("project", [ROOT, FIXTURES / "kitchen-sink"], ids=["real", "kitchen-sink"])
def test_source_pages_rendered_in_a_second_process_are_the_same(project, monkeypatch):
    dossier = load(project)
    serial = {src: (page.markdown(), page.head) for src, page in render.Renderer(dossier).pages().items()}
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    parallel = {src: (page.markdown(), page.head) for src, page in render.Renderer(dossier).pages().items()}
    assert list(parallel) == list(serial) and parallel == serial
    assert all(head for src, (_, head) in serial.items() if src.startswith("sources/") and src != "sources/index.md")
