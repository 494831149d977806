"""The build cache (``mkdocs serve``): a rebuild that takes pages, rows and records from the
previous build makes what a build from nothing makes, whichever field of the model changed, so no
cached value's inputs leave out something it shows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from conftest import FIXTURES

from build_dossier.cache import BuildCache
from build_dossier.load import load
from build_dossier.model import Claim, Dossier, PartialDate, Source
from build_dossier.render import Renderer
from build_dossier.vocabulary import CHANNELS, ENTITY_TYPES, KINDS, STATUSES

BUILT = date(2026, 1, 1)
HOME = "<!-- dossier:findings -->\n<!-- dossier:contested -->\n<!-- dossier:figures -->\n<!-- dossier:sources -->\n"
# fields a mutation leaves alone: identities and positions that other parts of the model point at
# (changing one is a different dossier, not an edit of a value), and what no page shows
FIXED = {"id", "slug", "source", "target", "party", "relayed_by", "part_of", "span", "claims", "cites", "text:Source"}
ROTATE = {"status": list(STATUSES), "kind": list(KINDS), "type": list(ENTITY_TYPES), "channel": list(CHANNELS)}


def built(dossier: Dossier, cache: BuildCache | None = None) -> dict[str, str]:
    """Every page's Markdown, every generated file, and the home page's blocks (made again when
    the home page's inputs changed, else the previous build's, as the plugin does)."""
    renderer = Renderer(dossier, site_url="https://example.org/", built=BUILT, cache=cache)
    out = {src: page.markdown() for src, page in renderer.pages().items()}
    out.update(renderer.files())
    home = renderer.home(HOME).markdown()
    out["index.md (blocks)"] = home if renderer.home_changed() else HOMES[id(cache)]
    HOMES[id(cache)] = out["index.md (blocks)"]
    return out


HOMES: dict[int, str] = {}  # by cache: the home page's blocks as last made


def changed(value: object, name: str) -> object:
    """An edit of one value, as a contributor could make it (None: no edit of this kind)."""
    if name in ROTATE:
        values = ROTATE[name]
        return values[(values.index(value) + 1) % len(values)]
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + " (edited)" if name not in ("url", "archive_url", "wikidata") else value + "-edited"
    if isinstance(value, int):
        return value + 10
    if isinstance(value, PartialDate):
        return dataclasses.replace(value, year=value.year - 3)
    if isinstance(value, tuple) and len(value) > 1:
        return value[:-1]
    return None


def edits(obj: object, kind: str) -> Iterator[tuple[str, Callable[[object], object]]]:
    """(what, how) for each field of ``obj`` and of the records it holds (an origin, a relation...)."""
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        name, value = field.name, getattr(obj, field.name)
        if name in FIXED or f"{name}:{kind}" in FIXED:
            continue
        parts = value if isinstance(value, tuple) else (value,)
        if (
            parts and dataclasses.is_dataclass(parts[0]) and not isinstance(parts[0], PartialDate)
        ):  # a nested record: edit the first one's fields
            for what, edit in edits(parts[0], type(parts[0]).__name__):

                def nested(o: object, name: str = name, edit: Callable[[object], object] = edit) -> object:
                    value = getattr(o, name)
                    if isinstance(value, tuple):
                        return dataclasses.replace(o, **{name: (edit(value[0]), *value[1:])})  # type: ignore[type-var]
                    return dataclasses.replace(o, **{name: edit(value)})  # type: ignore[type-var]

                yield f"{name}.{what}", nested
            continue
        new = changed(value, name)
        if new is not None:
            yield name, lambda o, name=name, new=new: dataclasses.replace(o, **{name: new})


def with_source(dossier: Dossier, slug: str, new: Source) -> Dossier:
    sources = tuple(new if s.slug == slug else s for s in dossier.sources)
    claims = {c.id: c for s in sources for c in s.claims}
    return dataclasses.replace(dossier, sources=sources, claims=claims)


def with_claim(dossier: Dossier, claim: Claim) -> Dossier:
    source = dossier.source(claim.source)
    claims = tuple(claim if c.id == claim.id else c for c in source.claims)
    return with_source(dossier, source.slug, dataclasses.replace(source, claims=claims))


def mutations(dossier: Dossier) -> Iterator[tuple[str, Dossier]]:
    """The dossier with one field changed, for each field of its settings, a topic, an entity, a
    finding, a source and a claim that has the most fields filled in."""
    yield from (
        (f"settings.{w}", dataclasses.replace(dossier, settings=e(dossier.settings)))  # type: ignore[arg-type]
        for w, e in edits(dossier.settings, "Settings")
    )
    for group in ("topics", "entities", "findings"):
        items = getattr(dossier, group)
        first = max(items, key=lambda item: sum(bool(getattr(item, f.name)) for f in dataclasses.fields(item)))
        for what, edit in edits(first, type(first).__name__):
            new = tuple(edit(item) if item is first else item for item in items)
            yield f"{group}.{what}", dataclasses.replace(dossier, **{group: new})
    source = max(dossier.sources, key=lambda s: sum(bool(getattr(s, f.name)) for f in dataclasses.fields(s)))
    for what, edit in edits(source, "Source"):
        yield f"source.{what}", with_source(dossier, source.slug, edit(source))  # type: ignore[arg-type]
    claims = list(dossier.claims.values())
    claim = max(claims, key=lambda c: sum(bool(getattr(c, f.name)) for f in dataclasses.fields(c)))
    for what, edit in edits(claim, "Claim"):
        yield f"claim.{what}", with_claim(dossier, edit(claim))  # type: ignore[arg-type]
    related = next(c for c in claims if c.relations)
    yield "claim.relations (one removed)", with_claim(dossier, dataclasses.replace(related, relations=()))


DOSSIER = load(FIXTURES / "kitchen-sink")
MUTATIONS = dict(mutations(DOSSIER))


def test_every_kind_of_field_is_edited():
    names = {what.split(".", 1)[1] for what in MUTATIONS}
    assert {"title", "outlet", "published", "status", "text", "quote", "event_date", "origin.channel"} <= names
    assert len(MUTATIONS) > 40


@pytest.fixture(scope="module")
def before() -> tuple[dict[str, str], BuildCache]:
    cache = BuildCache()
    cache.new_build()
    return built(DOSSIER, cache), cache


@pytest.mark.parametrize("what", MUTATIONS)
def test_a_rebuild_with_the_cache_makes_the_fresh_build(what: str, before):
    old, cache = before
    edited = MUTATIONS[what]
    cache.new_build()  # the cache holds the unedited build's values (each test leaves them so)
    again = built(edited, cache)
    fresh = built(edited)
    assert [name for name in fresh if again.get(name) != fresh[name]] == []
    assert again.keys() == fresh.keys()
    cache.new_build()
    assert built(DOSSIER, cache) == old  # and back: the cache again holds the unedited build


def test_the_mutations_show_and_the_cache_is_used(before):
    """The check above proves something only if edits show on pages and pages are reused."""
    old, cache = before
    shown = 0
    for edited in MUTATIONS.values():
        cache.new_build()
        again = built(edited, cache)
        shown += again != old
        assert cache.reused, "nothing was taken from the previous build"
        cache.new_build()
        built(DOSSIER, cache)
    assert shown >= 0.9 * len(MUTATIONS)


def test_an_unchanged_rebuild_renders_nothing():
    cache = BuildCache()
    cache.new_build()
    renderer = Renderer(DOSSIER, built=BUILT, cache=cache)
    first = renderer.pages()
    assert renderer.home_changed()
    cache.new_build()
    renderer = Renderer(DOSSIER, built=BUILT, cache=cache)
    second = renderer.pages()
    assert all(second[src] is first[src] for src in first)
    assert not renderer.home_changed()
