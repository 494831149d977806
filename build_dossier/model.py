"""The dossier's model: frozen dataclasses, built once by ``load`` and read by every renderer."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import cached_property

# English names whatever the locale (calendar.month_name follows it): the same input, the same bytes
# fmt: off
MONTHS = ("", "January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October", "November", "December")
# fmt: on
DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")  # with fullmatch


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int = 0  # 0 = unknown
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; ValueError says what is wrong."""
        if not DATE.fullmatch(text):
            raise ValueError("it is not in the form YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in text.split("-")]
        year, month, day = (parts + [0, 0])[:3]
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is out of range")
        if len(parts) > 1 and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist")
        if len(parts) > 2 and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{MONTHS[month]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        return (
            f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")
        )

    @property
    def label(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Span:
    """Offsets [start, end) into a source's raw text (Python string indexes)."""

    start: int
    end: int


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    description: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    part_of: str | None = None  # the id of the body it belongs to or speaks for

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Origin:
    """Where a claim's information first came from (``vocabulary.CHANNELS``)."""

    channel: str
    party: str | None = None  # entity id; None only for unnamed sources
    relayed_by: tuple[str, ...] = ()  # entity ids, first to last
    note: str | None = None


@dataclass(frozen=True)
class Relation:
    type: str  # one of vocabulary.RELATIONS, read "<this claim> <type> <target>"
    target: str
    note: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    source: str  # the source's slug
    number: int  # 1-based position among the source's claims
    text: str
    quote: str
    span: Span
    topics: tuple[str, ...]
    status: str
    claimant: str
    event_date: PartialDate | None = None
    event_note: str | None = None
    entities: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    prefix: str | None = None
    suffix: str | None = None
    origin: Origin | None = None  # None: the outlet's own reporting


@dataclass(frozen=True)
class Via:
    outlet: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Omission:
    """A boilerplate passage left out of the reading text."""

    span: Span
    reason: str


@dataclass(frozen=True)
class Correction:
    span: Span
    reading: str
    note: str | None = None


@dataclass(frozen=True)
class Source:
    slug: str
    title: str
    outlet: str
    published: PartialDate
    url: str
    kind: str
    language: str
    text: str  # the raw .txt, exactly as received
    author: str | None = None
    published_note: str | None = None
    via: Via | None = None
    republishes: str | None = None  # the slug of a source of the dossier this one republishes
    wrapped: bool = False
    boilerplate: tuple[Omission, ...] = ()
    corrections: tuple[Correction, ...] = ()
    claims: tuple[Claim, ...] = ()
    references: tuple[str, ...] = ()  # http(s) links that appear in the text
    annotation_path: str = ""  # the .yml, relative to the project, for "edit this page"
    archive_url: str | None = None  # an archived copy of the page (http or https)

    @property
    def files(self) -> tuple[str, ...]:
        """Its files, relative to the project: its annotations and its text (none where not known)."""
        yml = self.annotation_path
        return (yml, yml.removesuffix(".yml") + ".txt") if yml else ()

    def original_at(self, quote: str) -> str:
        """The original page, opened scrolled to ``quote`` (a URL text fragment: ``links.quote_link``)."""
        from .links import quote_link

        return quote_link(self.url, quote)


@dataclass(frozen=True)
class Settings:
    title: str
    description: str
    licence: str | None = None
    publisher: str | None = None  # the PDF's author


@dataclass(frozen=True)
class Finding:
    """An editorial finding: a few sentences citing claims as ``[claim-id]`` (``findings.py``)."""

    id: str
    title: str
    text: str
    caveat: str | None = None
    cites: tuple[str, ...] = ()  # the claim ids it cites, in the order first cited (text, then caveat)


@dataclass(frozen=True)
class Dossier:
    settings: Settings
    topics: tuple[Topic, ...]
    entities: tuple[Entity, ...]
    sources: tuple[Source, ...]  # newest first
    claims: dict[str, Claim] = field(default_factory=dict)  # by id, in source order
    findings: tuple[Finding, ...] = ()  # sources/findings.yml, in its order

    @cached_property
    def _sources_by_slug(self) -> dict[str, Source]:
        return {s.slug: s for s in self.sources}

    def source(self, slug: str) -> Source:
        return self._sources_by_slug[slug]
