"""``dossier new``: scaffold a source — its raw text and a commented annotation file ready to fill."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DossierError
from .links import is_web_url
from .model import PartialDate
from .vocabulary import CHANNELS, KINDS, RELATIONS, STATUSES

_STOP = {"a", "an", "and", "the", "of", "in", "on", "to", "for", "is", "are", "s", "its", "by", "with", "that"}


@dataclass(frozen=True)
class NewSource:
    title: str
    outlet: str
    published: str
    url: str
    kind: str
    language: str = "en"
    author: str | None = None
    extracted: frozenset[str] = frozenset()  # fields taken from a web page: marked for the contributor to check


def words(text: str) -> list[str]:
    """Lowercase ASCII words of any script, transliterated ("El País" -> el, pais; "Новая" -> novaia)."""
    from slugify import slugify

    return [w for w in slugify(text, replacements=[["'", ""], ["’", ""]]).split("-") if w]


MAX_SLUG = 80  # as claim ids; a file name must stay far below the 255 bytes file systems allow


def make_slug(new: NewSource, topic_words: int = 3) -> str:
    """outlet-year-title-words; without outlet words, more title words; without either, a short hash."""
    outlet = [w for w in words(new.outlet) if w not in ("the", "com", "org", "net", "www")]
    title = [w for w in words(new.title) if w not in _STOP] or list(words(new.title))
    title = title[: topic_words if outlet else topic_words + 2]
    if not title:  # a title of symbols alone: something that tells sources apart, never a generic name
        title = [hashlib.sha256(f"{new.title}\n{new.url}".encode()).hexdigest()[:8]]
    slug = "-".join([*outlet, new.published[:4], *title])
    if len(slug) > MAX_SLUG:  # long words: cut at the last hyphen that fits (or inside a single long word)
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > 0 else MAX_SLUG].rstrip("-")
    return slug


def validate(new: NewSource) -> None:
    """Raise DossierError naming the first bad value and how to fix it."""
    for name in ("title", "outlet"):
        if not getattr(new, name).strip():
            raise DossierError(f"--{name} is empty; give the document's {name}")
    try:
        PartialDate.parse(new.published)
    except ValueError as exc:
        raise DossierError(f"--date {new.published!r} is not a real date: {exc}") from None
    if not is_web_url(new.url):
        raise DossierError(f"--url {new.url!r} is not a web address; give a full http:// or https:// URL")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", new.language):
        raise DossierError(f"--language {new.language!r} is not a language code; give one such as en, es or ru")
    if new.kind not in KINDS:
        raise DossierError(f"--kind {new.kind!r} is not one of {', '.join(KINDS)}")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


EXTRACTED = "# extracted from the page: check it"


def annotation_template(new: NewSource, slug: str) -> str:
    def mark(name: str, comment: str = "") -> str:
        return f"  {EXTRACTED}" if name in new.extracted else comment

    author = (
        f"  author: {_q(new.author)}{mark('author')}\n" if new.author else '  # author: ""               # if known\n'
    )
    note = (
        "  published_note: \"Extracted from the page's metadata by dossier new: check it against the document, "
        'and keep only the precision it supports."\n'
        if "published" in new.extracted
        else '  # published_note: ""        # how the date was established, if it is not printed on the document\n'
    )
    return f"""# yaml-language-server: $schema=../build_dossier/schemas/annotation.schema.json
# Annotations for sources/{slug}.txt. How to fill this in: CONTRIBUTING.md. Check with: dossier check
source:
  title: {_q(new.title)}{mark("title")}
  outlet: {_q(new.outlet)}{mark("outlet")}
{author}  published: {_q(new.published)}{mark("published", "           # YYYY, YYYY-MM or YYYY-MM-DD: only the precision you know")}
{note}  url: {_q(new.url)}{mark("url")}
  # archive_url: ""           # an archived copy (the Wayback Machine, archive.today), if there is one
  kind: {new.kind}                  # {" | ".join(KINDS)}
  language: {new.language}{mark("language")}
  # via:                      # when this outlet relays another (a report citing the WSJ, a reprinted op-ed)
  #   outlet: ""              #   named as in sources/entities.yml, so it is recognised as the same origin
  #   url: ""
  # republishes: other-slug   # when this document republishes another source of the dossier
text:
  wrapped: false              # true if lines are hard-wrapped (text extracted from a PDF)
  boilerplate: []             # passages left out of the reading text; the .txt itself is never edited:
  #  - passage: "Join our mailing list"
  #    reason: newsletter prompt
claims: []
# Replace the empty list of claims above with one entry per substantive factual claim:
# claims:
#   - id: {slug.split("-", maxsplit=1)[0]}-short-name       # unique in the whole dossier; lowercase-hyphenated
#     claim: One sentence, in your words, of what the source asserts.
#     quote: the exact passage of the text the claim rests on
#     topics: [air-defence]             # ids from sources/topics.yml
#     status: reported                  # {" | ".join(STATUSES)}:
#                                       #   the one its relations and origin earn (see the methodology)
#     claimant: who makes the claim in this text
#     origin:                           # where the information first came from, if not this outlet's own reporting
#       party: entity-id                #   who first asserted it (sources/entities.yml)
#       channel: statement              #   {" | ".join(CHANNELS)}
#       relayed_by: []                  #   entity ids of outlets it passed through on the way
#     event_date: "2019-03"             # when it happened, if not the publication date
#     entities: []                      # ids from sources/entities.yml
#     relations: []                     # - type: {"|".join(RELATIONS)}
#                                       #   claim: other-claim-id
"""


def scaffold(
    root: Path, new: NewSource, text: bytes, slug: str | None = None, sources_dir: str = "sources"
) -> tuple[Path, Path]:
    """Write <sources_dir>/<slug>.txt (the bytes as given) and <slug>.yml beside it; never overwrite."""
    validate(new)
    slug = slug or make_slug(new)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise DossierError(f"slug {slug!r} is not valid; use lowercase words, digits and single hyphens")
    if len(slug) > MAX_SLUG:
        raise DossierError(
            f"slug {slug[:20]!r}... is {len(slug)} characters long, over the limit of {MAX_SLUG}; give a shorter --slug"
        )
    from .discovery import reserved_name

    if reserved_name(slug):
        raise DossierError(f"slug {slug!r} is reserved (the site generates a page of that name); give another --slug")
    if not text.strip():
        raise DossierError("the text is empty; give the file with the document's text")
    folder = Path(root) / sources_dir
    txt, yml = folder / f"{slug}.txt", folder / f"{slug}.yml"
    for path in (txt, yml):
        if path.exists():
            raise DossierError(f"{path.relative_to(root)} already exists; choose another --slug (nothing was written)")
    folder.mkdir(exist_ok=True)
    txt.write_bytes(text)
    yml.write_text(annotation_template(new, slug), encoding="utf-8")
    return txt, yml
