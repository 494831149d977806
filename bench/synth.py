"""A seeded, deterministic synthetic dossier for benchmarks and scale tests.

    python bench/synth.py --sources 1000 --out /tmp/synth-1000 [--seed 0]

writes DIR/mkdocs.yml, DIR/docs/, DIR/CONTRIBUTING.md (copies of this project's) and DIR/sources/
with N sources of 5-10 KB of hard-wrapped text and about 10 claims each (quotes, topics,
statuses, dates, entities, relations across sources, declared boilerplate). Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = """ministry official contract delivery battery radar missile loan credit tranche payment debt oil refinery
barrel adviser specialist engineer technician officer brigade squadron airfield runway hangar cargo transport
aircraft helicopter tank launcher system upgrade maintenance repair agreement treaty memorandum partnership
visit delegation minister ambassador spokesperson statement report analysis estimate figure number increase
decrease withdrawal arrival departure training exercise coast port harbour shipment convoy warehouse factory
plant production assembly licence export import sanction embargo pressure crisis government opposition
parliament assembly committee commission election vote budget reserve currency bond interest rate schedule
deadline obligation guarantee collateral revenue company corporation subsidiary venture partner operator
network grid outage blackout power station border region province capital city district garrison base unit
command staff headquarters mission task force deployment rotation contingent observer source document letter
request response offer proposal plan programme schedule phase stage project facility depot stockpile inventory
""".split()
CONNECTORS = ["according to", "reportedly", "officials said", "the report said", "sources claimed", "it emerged",
              "analysts noted", "a spokesperson confirmed", "documents showed", "it was announced"]
OUTLETS = [("Caribbean Wire", "caribbeanwire.example"), ("Northern Monitor", "northernmonitor.example"),
           ("Defence Review", "defencereview.example"), ("Market Ledger", "marketledger.example"),
           ("Policy Digest", "policydigest.example"), ("Andean Post", "andeanpost.example")]
KINDS = ["news", "analysis", "opinion", "fact-check", "reference"]
STATUSES = ["reported", "corroborated", "disputed", "denied", "assessment"]
TOPICS = [("air-defence", "Air defence"), ("financing", "Financing"), ("personnel", "Personnel"),
          ("diplomacy", "Diplomacy"), ("energy", "Energy"), ("industry", "Industry")]
ENTITY_TYPES = ["person", "organisation", "weapon-system", "aircraft"]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, token: str | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if token:
        words.insert(rng.randint(1, len(words) - 1), token)
    words.insert(rng.randint(1, len(words)), rng.choice(CONNECTORS))
    text = " ".join(words)
    if rng.random() < 0.15:
        text = text.replace(" ", " \u201c", 1) + "\u201d"
    if rng.random() < 0.1:
        text = text.replace(" ", " \u2014 ", 1)
    return text[0].upper() + text[1:] + "."


def generate(n: int, out: Path, seed: int = 0) -> None:
    rng = random.Random(seed)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copy(ROOT / "CONTRIBUTING.md", out / "CONTRIBUTING.md")
    shutil.copytree(ROOT / "docs", out / "docs")
    src = out / "sources"
    (src / "dossier.yml").write_text(f"title: Synthetic dossier of {n} sources\n"
                                     "description: Generated text for benchmarks; every claim is fictitious.\n")
    (src / "topics.yml").write_text("topics:\n" + "".join(
        f"  - id: {tid}\n    title: {title}\n    description: Synthetic claims about {title.lower()}.\n"
        for tid, title in TOPICS))
    entities = []
    for i in range(max(4, min(n // 5, 500))):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        entities.append((f"entity-{i}", name, ENTITY_TYPES[i % 4]))
    (src / "entities.yml").write_text("entities:\n" + "".join(
        f"  - id: {eid}\n    name: {q(name)}\n    type: {etype}\n    description: A synthetic {etype}.\n"
        for eid, name, etype in entities))
    claim_ids: list[str] = []
    for s in range(n):
        outlet, domain = OUTLETS[s % len(OUTLETS)]
        year = 2009 + s % 17
        slug = f"{outlet.lower().replace(' ', '-')}-{year}-report-{s}"
        paragraphs, claims = [], []
        size_goal = rng.randint(5000, 10000)
        body = 0
        number = 0
        while body < size_goal:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                if number < 10 and rng.random() < 0.3:
                    entity = entities[rng.randrange(len(entities))] if rng.random() < 0.5 else None
                    token = f"s{s}c{number}" + (f" {entity[1]}" if entity else "")
                    text = sentence(rng, token)
                    claims.append((f"s{s}-c{number}", text, entity))
                    number += 1
                else:
                    text = sentence(rng)
                sentences.append(text)
            paragraph = textwrap.fill(" ".join(sentences), width=rng.randint(80, 95), break_on_hyphens=False)
            paragraphs.append(paragraph)
            body += len(paragraph)
        text = f"{outlet.upper()}\n\n" + "\n\n".join(paragraphs) + "\n\nSubscribe to our newsletter for daily briefings.\n"
        (src / f"{slug}.txt").write_text(text, encoding="utf-8")
        lines = [
            "source:", f"  title: {q(f'Synthetic report {s} on ' + rng.choice(WORDS) + ' and ' + rng.choice(WORDS))}",
            f"  outlet: {outlet}", f"  published: \"{year}-{1 + s % 12:02d}-{1 + s % 28:02d}\"",
            f"  url: https://www.{domain}/{year}/report-{s}", f"  kind: {KINDS[s % len(KINDS)]}", "  language: en",
            "text:", "  wrapped: true", "  boilerplate:", f"    - passage: {outlet.upper()}", "      reason: masthead",
            "    - passage: Subscribe to our newsletter for daily briefings.", "      reason: newsletter prompt",
            "claims:"]
        for cid, text, entity in claims:
            quote = text.rstrip(".")
            topics = sorted({TOPICS[rng.randrange(4)][0], TOPICS[rng.randrange(len(TOPICS))][0]})
            lines += [f"  - id: {cid}", f"    claim: {q('Synthetic claim: ' + quote[:120])}", f"    quote: {q(quote)}",
                      f"    topics: [{', '.join(topics)}]", f"    status: {rng.choice(STATUSES)}",
                      f"    claimant: {q(rng.choice(['the author', 'an official', 'a ministry spokesperson']))}"]
            if rng.random() < 0.5:
                lines.append(f"    event_date: \"{year - rng.randint(0, 2)}-{rng.randint(1, 12):02d}\"")
            if entity:
                lines.append(f"    entities: [{entity[0]}]")
            if claim_ids and rng.random() < 0.2:
                lines += ["    relations:", f"      - type: {rng.choice(['corroborates', 'contradicts', 'updates'])}",
                          f"        claim: {rng.choice(claim_ids[-500:])}"]
        claim_ids += [cid for cid, _, _ in claims]
        (src / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.sources, args.out, args.seed)


if __name__ == "__main__":
    main()
