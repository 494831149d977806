"""A seeded, deterministic synthetic dossier for benchmarks and scale tests.

    python bench/synth.py --sources 1000 --out /tmp/synth-1000 [--seed 0]

writes DIR/mkdocs.yml, DIR/docs/ and DIR/CONTRIBUTING.md (copies of this project's; the plugin
publishes CONTRIBUTING.md) and DIR/sources/: dossier.yml, topics.yml (six topics), entities.yml
(about N/5 people, organisations, weapon systems and aircraft, at most 500) and N sources.

Each source is a ``<slug>.txt`` of 5-10 KB of English-like news prose hard-wrapped at 80-95
columns (paragraphs, typographic quotes, apostrophes and dashes, the odd bulleted list and URL, a
masthead, headline, advertisement, related-article line and footer) and a ``<slug>.yml`` with 8-12
claims. Every quote is a verbatim sentence or clause of the text that carries a reference number
found nowhere else in it (so each quote occurs exactly once); some are written with straight
quotes where the text has curly ones, as annotators do. Claims have topics, statuses, claimants,
event dates, entities named in the sentence, and about one in five relates to a claim of another
source. Mastheads, headlines, adverts, related links and footers are declared as boilerplate.

The output passes ``dossier check`` with no error and no warning. Same N and seed: the same bytes.
Importable: ``generate(n, out, seed=0)``.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".dossier-synth"  # written into DIR; generate() only ever clears a folder that has it
MAX_ENTITIES = 500

TOPICS = [
    (
        "air-defence",
        "Air defence",
        "Air-defence systems delivered, maintained or discussed: launchers, radars, missiles.",
    ),
    ("financing", "Financing", "Loans, credit lines, arms payments and debts between Moscow and Caracas."),
    ("personnel", "Personnel", "Advisers, specialists, instructors and troops: how many, where, and for how long."),
    ("diplomacy", "Diplomacy", "Treaties, memoranda, visits and statements by both governments and their critics."),
    ("energy", "Energy", "Oil and gas: cargoes, refineries, joint ventures and the companies behind them."),
    ("industry", "Industry", "Factories, licences and maintenance centres for Russian equipment in Venezuela."),
]
TOPIC_WEIGHTS = [24, 22, 20, 20, 8, 6]

# (name, domain, usual kind); every domain matches its outlet, so `dossier check` gives no warning
OUTLETS = [
    ("Caribbean Wire", "caribbeanwire.example", "news"),
    ("The Northern Monitor", "northernmonitor.example", "news"),
    ("Defence Review Weekly", "defencereview.example", "analysis"),
    ("Andean Post", "andeanpost.example", "news"),
    ("Market Ledger", "marketledger.example", "news"),
    ("Policy Digest", "policydigest.example", "opinion"),
    ("Orinoco Herald", "orinocoherald.example", "news"),
    ("Baltic Security Review", "bsr.example", "analysis"),
    ("Latin Affairs Quarterly", "latinaffairs.example", "analysis"),
    ("Fact Desk", "factdesk.example", "fact-check"),
    ("Open Arms Register", "openarmsregister.example", "reference"),
    ("Energy Intelligence Letter", "eil.example", "news"),
]
KINDS = ["news", "analysis", "opinion", "fact-check", "reference"]
SECTIONS = ["Defence & Security", "World", "Americas", "Business", "Energy", "Politics", "Analysis"]

FIRST = [
    "Oleg",
    "Mikhail",
    "Sergei",
    "Yulia",
    "Anatoly",
    "Irina",
    "Viktor",
    "Pavel",
    "Natalia",
    "Arkady",
    "Vera",
    "Gennady",
    "Tamara",
    "Carlos",
    "María",
    "José",
    "Luisa",
    "Andrés",
    "Gabriela",
    "Rafael",
    "Elena",
    "Diego",
    "Carmen",
    "Ramón",
    "Beatriz",
    "James",
    "Sarah",
    "Michael",
    "Laura",
    "Thomas",
    "Rachel",
    "Daniel",
    "Helen",
]
LAST = [
    "Varnavin",
    "Kostrov",
    "Belyaev",
    "Tarasenko",
    "Zhukovsky",
    "Morozova",
    "Orlov",
    "Gromov",
    "Savelyev",
    "Lebedeva",
    "Rudakov",
    "Shelest",
    "Voronin",
    "Quintero",
    "Salazar",
    "Montilla",
    "Briceño",
    "Guédez",
    "Paredes",
    "Urdaneta",
    "Colmenares",
    "Rangel",
    "Aponte",
    "Villegas",
    "Whitfield",
    "Harrington",
    "Calloway",
    "Brennan",
    "Ashdown",
    "Pryce",
    "Okafor",
    "Lindqvist",
    "Haldane",
    "Marchetti",
]
ROLES = [
    "deputy defence minister",
    "a senior diplomat",
    "the ambassador in Caracas",
    "a spokesperson for the ministry",
    "an energy official",
    "a retired general",
    "an opposition deputy",
    "a presidential adviser",
    "the trade representative",
    "a defence analyst",
    "the finance minister",
    "a military attaché",
]
ORG_A = [
    "Volga",
    "Ural",
    "Caribe",
    "Orinoco",
    "Northern",
    "Andes",
    "Baltic",
    "Federal",
    "Meridian",
    "Sokol",
    "Tepuy",
    "Amur",
    "Llanos",
    "Polar",
    "Kama",
    "Zulia",
]
ORG_B = [
    "Machine Works",
    "Energy Holding",
    "Shipyards Group",
    "Credit Bank",
    "Avionics",
    "Oil Venture",
    "Arms Export Service",
    "Logistics",
    "Development Fund",
    "Defence Systems",
    "Petroleum Company",
    "Ammunition Plant",
    "Trading House",
    "Aviation Repair Centre",
]
SYSTEMS = [
    "Pantsir-S1",
    "Buk-M2E",
    "S-300VM",
    "Igla-S",
    "Tor-M2E",
    "Kornet-E",
    "Smerch",
    "Msta-S",
    "BTR-80A",
    "T-72B1",
    "Pechora-2M",
    "Osa-AKM",
]
AIRCRAFT = ["Su-30MK2", "Il-76", "An-124", "Mi-17V-5", "Mi-35M", "Tu-160", "Il-62M", "Mi-26T", "An-74", "Yak-130"]
PLACES = [
    "Caracas",
    "Maracay",
    "La Carlota",
    "Puerto Cabello",
    "Maracaibo",
    "Barcelona",
    "Valencia",
    "Barquisimeto",
    "San Fernando de Apure",
    "Ciudad Bolívar",
    "La Orchila",
    "Punto Fijo",
    "Moscow",
    "St Petersburg",
    "Havana",
    "Managua",
    "Cumaná",
    "El Libertador air base",
]
GROUPS = [
    "the Defence Ministry",
    "the Foreign Ministry",
    "the Kremlin",
    "the Venezuelan government",
    "the opposition-led National Assembly",
    "two officials familiar with the matter",
    "shipping data",
    "a person close to the Russian government",
    "the state news agency",
    "a Western intelligence assessment",
    "customs records",
    "a company statement",
]
CLAIMANTS = {
    "the Defence Ministry": "the Russian Defence Ministry",
    "the Foreign Ministry": "the Foreign Ministry",
    "the Kremlin": "the Kremlin",
    "the Venezuelan government": "the Venezuelan government",
    "the opposition-led National Assembly": "the National Assembly",
    "two officials familiar with the matter": "two unnamed officials",
    "shipping data": "the author",
    "a person close to the Russian government": "an unnamed source",
    "the state news agency": "the state news agency",
    "a Western intelligence assessment": "Western intelligence",
    "customs records": "the author",
    "a company statement": "the company",
}
RELATIONS = ["corroborates", "contradicts", "denies", "qualifies", "updates"]
RELATION_WEIGHTS = [45, 15, 8, 17, 15]
RELATION_NOTES = [
    "Same event, different figure.",
    "Later report on the same deal.",
    "An official account of the same events.",
    "Independent confirmation.",
]
FILLERS = 30  # sentence templates in Writer.filler
STRAIGHT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'"})  # what annotators type
PHRASES = [
    "a routine delivery",
    "purely defensive",
    "an act of friendship",
    "business as usual",
    "a matter for the two sovereign states",
    "entirely commercial",
    "a temporary measure",
    "nothing out of the ordinary",
    "a strategic partnership",
    "fully paid for",
]


@dataclass
class Entity:
    id: str
    name: str
    type: str
    description: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class PlannedClaim:
    id: str
    topic: str
    template: int
    relation: tuple[str, str, str | None] | None = None  # (type, other claim's id, note)
    status: str = "reported"
    speaker: str | None = None  # a person entity's id: the claim is that person's statement (denials are)


@dataclass
class Plan:
    slug: str
    outlet: tuple
    year: int
    month: int
    day: int
    precise: bool  # published to the day; otherwise to the month, with a note
    claims: list[PlannedClaim]
    via: tuple | None = None  # the outlet it relays, one of OUTLETS

    @property
    def origin(self) -> str:
        """Whose reporting the source is (evidence.Provenance.publisher): its via outlet, else its own."""
        return (self.via or self.outlet)[0]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def number(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}"


def date_label(year: int, month: int, day: int = 0) -> str:
    return (f"{day} " if day else "") + f"{calendar.month_name[month]} {year}"


def wrap(text: str, width: int) -> str:
    """Greedy hard wrap at spaces (hyphenated words and dashes are never split)."""
    lines, line, size = [], [], 0
    for word in text.split(" "):
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [], 0
        size += len(word) + (1 if line else 0)
        line.append(word)
    lines.append(" ".join(line))
    return "\n".join(lines)


def slugify(text: str) -> str:
    table = str.maketrans("áéíóúñü", "aeiounu")
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower().translate(table))
    return "-".join(part for part in out.split("-") if part)


def make_entities(rng: random.Random, count: int) -> dict[str, list[Entity]]:
    people = rng.sample(
        [(first, last) for first in FIRST for last in LAST], k=min(count * 4 // 10 + 1, len(FIRST) * len(LAST))
    )
    orgs = rng.sample([f"{a} {b}" for a in ORG_A for b in ORG_B], k=min(count * 3 // 10 + 1, len(ORG_A) * len(ORG_B)))
    systems = SYSTEMS + [f"{a}-{n}M" for a in ("Kord", "Strela", "Shtora", "Verba", "Krona") for n in range(1, 40)]
    aircraft = AIRCRAFT + [f"{a}-{n}" for a in ("Su", "Mi", "Il", "An", "Ka") for n in range(200, 240)]
    pools = {"person": [], "organisation": [], "weapon-system": [], "aircraft": []}
    seen_ids: set[str] = set()

    def add(kind: str, name: str, description: str, aliases=()) -> None:
        eid = slugify(name)
        if eid in seen_ids:
            return
        seen_ids.add(eid)
        pools[kind].append(Entity(eid, name, kind, description, list(aliases)))

    for first, last in people[: max(1, count * 4 // 10)]:
        add(
            "person",
            f"{first} {last}",
            f"Fictitious person, {rng.choice(ROLES)}.",
            [last] if rng.random() < 0.5 else [],
        )
    for name in orgs[: max(1, count * 3 // 10)]:
        add("organisation", name, "A fictitious company or agency.")
    for name in systems[: max(1, count * 2 // 10)]:
        add("weapon-system", name, "A weapon system (synthetic data).")
    for name in aircraft[: max(1, count - sum(len(p) for p in pools.values()))]:
        add("aircraft", name, "An aircraft type (synthetic data).")
    return pools


class Writer:
    """Writes one source: the text and the annotations, from its plan."""

    def __init__(self, rng: random.Random, pools: dict[str, list[Entity]], plans: list[Plan]):
        self.rng, self.pools, self.plans = rng, pools, plans
        self.deck: list[int] = []

    # -- pieces
    def entity(self, kind: str) -> Entity | None:
        pool = self.pools[kind]
        return self.rng.choice(pool) if pool and self.rng.random() < 0.7 else None

    def name(self, kind: str, fallback: list[str]) -> tuple[str, Entity | None]:
        e = self.entity(kind)
        if e is None:
            return self.rng.choice(fallback), None
        if e.aliases and self.rng.random() < 0.3:
            return e.aliases[0], e
        return e.name, e

    def person(self) -> tuple[str, Entity | None]:
        e = self.entity("person")
        if e is None:
            return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", None
        return e.name, e

    def filler(self, year: int) -> str:
        """A sentence of context (no claim), from a shuffled deck of templates so a text rarely repeats one."""
        rng = self.rng
        if not self.deck:
            self.deck = list(range(FILLERS))
            rng.shuffle(self.deck)
        k = self.deck.pop()
        place, other = rng.sample(PLACES, 2)
        month = calendar.month_name[rng.randint(1, 12)]
        if k == 0:
            who, _ = self.person()
            return f"{who}, {rng.choice(ROLES)}, declined to comment on the figures."
        if k == 1:
            org, _ = self.name("organisation", ORG_A)
            return f"{org} did not respond to a request for comment before publication."
        if k == 2:
            return (
                "Neither government has published the full text of the agreement, and officials in both "
                "capitals have given differing accounts of its terms."
            )
        if k == 3:
            return (
                f"Analysts in {place} cautioned that the numbers could not be verified independently and that "
                f"earlier estimates had proved {rng.choice(['too high', 'too low', 'unreliable'])}."
            )
        if k == 4:
            system, _ = self.name("weapon-system", SYSTEMS)
            return (
                f"The {system} is a mobile system designed to protect fixed sites — airfields, ports and "
                "command posts — from aircraft and cruise missiles."
            )
        if k == 5:
            return (
                f"Relations between Moscow and Caracas deepened after 2009, when the first large arms credits "
                f"were signed, and cooled somewhat over the {rng.randint(2014, 2017)}–{rng.randint(2018, 2021)} period."
            )
        if k == 6:
            return (
                "The opposition-controlled National Assembly has repeatedly questioned the terms of the loans, "
                "saying they were never submitted for approval."
            )
        if k == 7:
            return (
                f"Shipping data reviewed by this publication showed a Russian-flagged vessel leaving {place} on "
                f"{date_label(year, rng.randint(1, 12), rng.randint(1, 28))}."
            )
        if k == 8:
            who, _ = self.person()
            return (
                f"“We’re not hiding anything,” {who} told reporters in {place}, adding that the arrangements "
                f"were {rng.choice(PHRASES)}."
            )
        if k == 9:
            return (
                f"The shipment — the {rng.choice(['second', 'third', 'fourth', 'fifth'])} this year — was "
                f"escorted by a {rng.choice(['frigate', 'corvette', 'patrol ship'])} and a supply ship."
            )
        if k == 10:
            return (
                "Washington has imposed sanctions on several of the companies involved, which it accuses of "
                f"helping Caracas evade restrictions on {rng.choice(['oil exports', 'arms purchases', 'gold sales', 'bond trading'])}."
            )
        if k == 11:
            return (
                f"It’s unclear how many of the {rng.choice(['systems', 'aircraft', 'specialists', 'contracts'])} "
                f"remain operational, {rng.choice(['one analyst said', 'officials conceded', 'the report noted'])}."
            )
        if k == 12:
            return (
                f"Venezuela’s economy has contracted sharply since {rng.randint(2013, 2016)}, and its ability to "
                f"service foreign debts has {rng.choice(['collapsed', 'weakened', 'become a matter of speculation'])}."
            )
        if k == 13:
            return (
                f"Officials in {place} described the visit as {rng.choice(['cordial', 'productive', 'technical', 'long planned'])}; "
                f"the delegation left after {rng.randint(2, 9)} days."
            )
        if k == 14:
            return (
                f"Satellite images taken in {month} show new revetments at the base near {place}, though their "
                "purpose is not clear."
            )
        if k == 15:
            return (
                f"The figure of {number(rng, 20, 3000)} has circulated since at least {rng.randint(2010, 2024)}, "
                "but no primary document supporting it has been published."
            )
        if k == 16:
            return (
                f"The {rng.choice(['second', 'third', 'fourth'])} round of talks, held in {place} in {month}, "
                "ended without a public communiqué."
            )
        if k == 17:
            org, _ = self.name("organisation", ORG_A)
            return f"{org} has been under US sanctions since {rng.randint(2014, 2022)}, a designation it contests."
        if k == 18:
            return (
                f"Dock workers at {place} said the cargo had been unloaded at night, away from the main "
                "terminal, and that customs officers were kept off the quay."
            )
        if k == 19:
            craft, _ = self.name("aircraft", AIRCRAFT)
            return (
                f"An {craft} was tracked flying from {place} to {other} on "
                f"{date_label(year, rng.randint(1, 12), rng.randint(1, 28))}, according to public flight data."
            )
        if k == 20:
            who, _ = self.person()
            return (
                f"{who}, who has written widely on the relationship, called the reports "
                f"“{rng.choice(['overblown', 'plausible but unproven', 'a distraction', 'broadly accurate'])}”."
            )
        if k == 21:
            return (
                "In a statement, the ministry said it “does not comment on military-technical cooperation with "
                "partner states” and urged journalists to rely on official sources."
            )
        if k == 22:
            return (
                f"Venezuela’s oil output fell to about {number(rng, 400, 900)},000 barrels a day in "
                f"{rng.randint(2018, 2024)}, down from more than three million in the late 1990s."
            )
        if k == 23:
            return f"The embassy in {place} referred questions to the defence ministry in {other}."
        if k == 24:
            return (
                f"Independent researchers have catalogued at least {rng.randint(6, 90)} such flights since "
                f"{rng.randint(2012, 2022)}, most of them landing after dark."
            )
        if k == 25:
            return (
                f"Critics say the arrangement gives Moscow leverage over {rng.choice(['the oil sector', 'the armed forces', 'the debt talks'])}, "
                f"while supporters call it {rng.choice(PHRASES)}."
            )
        if k == 26:
            return "The report did not name its sources or explain how the figures were obtained."
        if k == 27:
            return (
                "Much of the equipment is decades old and depends on spare parts that only a handful of "
                "Russian factories still make."
            )
        if k == 28:
            a = rng.randint(50, 400)
            return f"The deal’s value was not disclosed; estimates range from ${a} million to ${a * rng.randint(2, 6)} million."
        return (
            f"Residents near {place} described convoys of lorries moving at night in {month}, some with covered loads."
        )

    def core(self, topic: str, template: int, code: str) -> tuple[str, str, list[Entity]]:
        """The claim's core clause (with the unique code), the annotator's paraphrase and the entities
        named in both."""
        rng = self.rng
        place = rng.choice(PLACES)
        ents: list[Entity] = []

        def named(kind: str, fallback: list[str]) -> str:
            text, e = self.person() if kind == "person" else self.name(kind, fallback)
            if e is not None and e not in ents:
                ents.append(e)
            return text

        def cap(text: str) -> str:
            return text[0].upper() + text[1:]

        if topic == "air-defence":
            system = named("weapon-system", SYSTEMS)
            if template == 0:
                n = number(rng, 2, 48)
                return (
                    f"{n} {system} launchers were delivered to {place} under contract No. {code}",
                    f"{n} {system} launchers were delivered to {place}.",
                    ents,
                )
            if template == 1:
                return (
                    f"technicians completed repairs on a {system} battery near {place}, logged as work order {code}",
                    f"A {system} battery near {place} was repaired by Russian technicians.",
                    ents,
                )
            return (
                f"a radar for the {system} network, item {code} on the manifest, reached {place} by sea",
                f"A radar for the {system} network was shipped to {place}.",
                ents,
            )
        if topic == "financing":
            n = number(rng, 50, 4000)
            if template == 1:
                return (
                    f"Caracas missed a payment of ${n} million due under schedule {code}",
                    f"Venezuela missed a ${n} million debt payment to Russia.",
                    ents,
                )
            org = named("organisation", ["a Russian state bank", "the Russian finance ministry"])
            if template == 0:
                return (
                    f"a loan of ${n} million, tranche {code}, was disbursed through {org}",
                    f"{cap(org)} disbursed a ${n} million loan to Venezuela.",
                    ents,
                )
            return (
                f"{org} agreed to restructure ${n} million of debt in agreement {code}",
                f"{cap(org)} agreed to restructure ${n} million of Venezuelan debt.",
                ents,
            )
        if topic == "personnel":
            n = number(rng, 10, 1200)
            if template == 0:
                craft = named("aircraft", AIRCRAFT)
                return (
                    f"{n} military advisers arrived in {place} aboard an {craft}, flight {code}",
                    f"{n} Russian military advisers arrived in {place} aboard an {craft}.",
                    ents,
                )
            if template == 1:
                return (
                    f"the contingent at {place} was cut to {n} specialists, according to roster {code}",
                    f"The Russian contingent at {place} was reduced to {n} specialists.",
                    ents,
                )
            who = named("person", [])
            return (
                f"{who} led a team of {n} instructors to {place} under mission order {code}",
                f"{who} led {n} Russian instructors to {place}.",
                ents,
            )
        if topic == "diplomacy":
            if template == 1:
                return (
                    f"the two governments issued joint statement {code} condemning \u201cunilateral sanctions\u201d",
                    "Russia and Venezuela jointly condemned sanctions.",
                    ents,
                )
            who = named("person", [])
            if template == 0:
                return (
                    f"{who} signed memorandum {code} on military-technical cooperation in {place}",
                    f"{who} signed a memorandum on military-technical cooperation.",
                    ents,
                )
            return (
                f"{who} said in {place} that protocol {code} would be ratified within a year",
                f"{who} said the cooperation protocol would be ratified within a year.",
                ents,
            )
        if topic == "energy":
            org = named("organisation", ["a Russian oil major", "a trading company"])
            if template == 0:
                n = number(rng, 100, 900)
                return (
                    f"{org} shipped {n},000 barrels of diluent to {place} under cargo note {code}",
                    f"{cap(org)} shipped {n},000 barrels of diluent to Venezuela.",
                    ents,
                )
            return (
                f"a stake in the {place} refinery passed to {org} in transaction {code}",
                f"{cap(org)} acquired a stake in the {place} refinery.",
                ents,
            )
        # industry
        if template == 0:
            system = named("weapon-system", SYSTEMS)
            return (
                f"an assembly line for {system} components opened in {place} under licence {code}",
                f"An assembly line for {system} components opened in {place}.",
                ents,
            )
        return (
            f"the ammunition plant in {place} was handed to a Russian operator as project {code}",
            f"A Russian operator took over the ammunition plant in {place}.",
            ents,
        )

    def claim_sentence(self, core: str) -> tuple[str, str, str]:
        """A sentence around the core clause: (sentence, quote as it stands in the text, attribution)."""
        rng = self.rng
        group = rng.choice(GROUPS)
        k = rng.randrange(5)
        if k == 0:
            sentence = (
                f"{core[0].upper() + core[1:]}, {group} {rng.choice(['said', 'showed', 'indicated', 'confirmed'])}."
            )
            quote = sentence if rng.random() < 0.5 else core[0].upper() + core[1:]
        elif k == 1:
            sentence = f"According to {group}, {core}."
            quote = sentence if rng.random() < 0.3 else core
        elif k == 2:
            sentence = f"{core[0].upper() + core[1:]} — {rng.choice(['a detail', 'a figure', 'a claim'])} first reported by {group}."
            quote = core[0].upper() + core[1:]
        elif k == 3:
            sentence = f"{core[0].upper() + core[1:]}, in what {group} called “{rng.choice(PHRASES)}”."
            quote = sentence if rng.random() < 0.6 else core[0].upper() + core[1:]
        else:
            sentence = f"In {calendar.month_name[rng.randint(1, 12)]}, {core}, {group} said."
            quote = core
        return sentence, quote, CLAIMANTS[group]

    def headline(self, topic: str) -> str:
        rng = self.rng
        system, place = rng.choice(SYSTEMS), rng.choice(PLACES)
        return {
            "air-defence": f"Russia Sends {rng.choice(['More', 'New', 'Additional'])} {system} Systems to {place}",
            "financing": f"Caracas {rng.choice(['Seeks', 'Misses', 'Renegotiates'])} Payments on Russian Loans",
            "personnel": f"Russian Advisers {rng.choice(['Arrive in', 'Leave', 'Return to'])} {place}",
            "diplomacy": f"Moscow and Caracas {rng.choice(['Sign', 'Extend', 'Review'])} Cooperation Deals",
            "energy": f"Russian Oil Interests in {place} Under {rng.choice(['Scrutiny', 'Pressure', 'Review'])}",
            "industry": f"{system} Maintenance Centre {rng.choice(['Opens', 'Expands', 'Stalls'])} in {place}",
        }[topic]

    # -- one source
    def source(self, index: int, plan: Plan) -> tuple[str, str]:
        rng = self.rng
        outlet, domain, usual_kind = plan.outlet
        lead_topic = plan.claims[0].topic
        headline = self.headline(lead_topic)
        related = self.headline(rng.choice([t[0] for t in TOPICS]))
        while headline in related:
            related = self.headline(rng.choice([t[0] for t in TOPICS]))
        width = rng.randint(80, 95)

        # claims: core clause, sentence, quote
        claims = []
        for j, planned in enumerate(plan.claims):
            code = f"{index + 1}-{j + 1:02d}"
            core, paraphrase, ents = self.core(planned.topic, planned.template, code)
            sentence, quote, claimant = self.claim_sentence(core)
            claims.append((planned, sentence, quote, paraphrase, ents, claimant))

        # body: filler sentences with the claim sentences spread through them
        goal = rng.randint(5000, 10000)
        fillers, size = [], sum(len(c[1]) + 1 for c in claims)
        while size < goal - 400:
            sentence = self.filler(plan.year)
            fillers.append(sentence)
            size += len(sentence) + 1
        positions = sorted(rng.randrange(len(fillers) + 1) for _ in claims)
        sentences: list[str] = []
        ci = 0
        for i in range(len(fillers) + 1):
            while ci < len(claims) and positions[ci] == i:
                sentences.append(claims[ci][1])
                ci += 1
            if i < len(fillers):
                sentences.append(fillers[i])
        paragraphs: list[str] = []
        i = 0
        while i < len(sentences):
            k = rng.randint(2, 5)
            paragraphs.append(wrap(" ".join(sentences[i : i + k]), width))
            i += k

        # boilerplate and extras, each on its own line(s)
        masthead = f"{outlet.upper()} | {rng.choice(SECTIONS)}"
        footer = f"© {plan.year} {outlet}. All rights reserved. Republication without permission is prohibited."
        newsletter = f"Sign up for the {outlet} morning briefing: news from Caracas and Moscow in your inbox."
        author = self.person()[0] if rng.random() < 0.7 else None
        published = date_label(plan.year, plan.month, plan.day) if plan.precise else date_label(plan.year, plan.month)
        head = [masthead, "", headline, "", (f"By {author}, " if author else "") + published]
        n_par = len(paragraphs)
        body: list[str] = list(paragraphs)
        adverts = [rng.randint(1, max(1, n_par - 1))]
        if adverts[0] + 2 < n_par and rng.random() < 0.3:  # a second advert: both then need a suffix
            adverts.append(adverts[0] + 2)
        for at in sorted(adverts, reverse=True):
            body.insert(at, "Advertisement")
        body.insert(rng.randint(1, len(body) - 1), f"Related: {related}")
        if rng.random() < 0.3:  # a short bulleted list
            items = [
                f"  \u2022 {rng.choice(['Delivery', 'Payment', 'Visit', 'Inspection'])} in {rng.choice(PLACES)}, "
                f"{date_label(plan.year, rng.randint(1, 12))}"
                for _ in range(rng.randint(2, 4))
            ]
            body.insert(rng.randint(1, len(body)), "\n".join(items))
        if rng.random() < 0.3:  # a link, listed under "Links in the text"
            body.append(f"Documents cited in this article: https://www.{domain}/documents/{plan.year}/{index + 1}")
        # the words after each advert, for a suffix when there are two
        advert_suffixes = [" ".join(body[i + 1].split()[:6]) for i, part in enumerate(body) if part == "Advertisement"]
        if len(advert_suffixes) > 1 and len(set(advert_suffixes)) < len(advert_suffixes):
            body.remove("Advertisement")
            advert_suffixes = advert_suffixes[1:]
        boilerplate = [(masthead, None, "masthead"), (headline, None, "headline, shown as the page title")]
        boilerplate += [
            ("Advertisement", suffix if len(advert_suffixes) > 1 else None, "advertisement")
            for suffix in advert_suffixes
        ]
        boilerplate += [
            (f"Related: {related}", None, "related-article link"),
            (footer, None, "copyright footer"),
            (newsletter, None, "newsletter prompt"),
        ]
        text = "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n\n" + footer + "\n" + newsletter + "\n"

        # annotations
        kind = usual_kind if rng.random() < 0.8 else rng.choice(KINDS)
        lines = [
            "# yaml-language-server: $schema=../build_dossier/schemas/annotation.schema.json",
            "source:",
            f"  title: {q(headline)}",
            f"  outlet: {q(outlet)}",
        ]
        if author:
            lines.append(f"  author: {q(author)}")
        if plan.precise:
            lines.append(f'  published: "{plan.year}-{plan.month:02d}-{plan.day:02d}"')
        else:
            lines += [
                f'  published: "{plan.year}-{plan.month:02d}"',
                "  published_note: The page gives only the month; the day is not known.",
            ]
        lines += [
            f"  url: https://www.{domain}/{plan.year}/{plan.month:02d}/{plan.slug}",
            f"  kind: {kind}",
            "  language: en",
        ]
        if plan.via:
            other = plan.via
            lines += [
                "  via:",
                f"    outlet: {q(other[0])}",
                f"    url: https://www.{other[1]}/{plan.year}/{index + 1}",
                "    note: The report summarises an article first published there.",
            ]
        lines += ["text:", "  wrapped: true", "  boilerplate:"]
        for passage, suffix, reason in boilerplate:
            lines.append(f"    - passage: {q(passage)}")
            if suffix:
                lines.append(f"      suffix: {q(suffix)}")
            lines.append(f"      reason: {reason}")
        lines.append("claims:")
        for planned, _sentence, quote, paraphrase, ents, claimant in claims:
            written = quote
            if rng.random() < 0.4:  # annotators often type straight quotes and apostrophes
                written = written.translate(STRAIGHT)
            topics = [planned.topic]
            if rng.random() < 0.3:
                extra = rng.choices([t[0] for t in TOPICS], weights=TOPIC_WEIGHTS)[0]
                if extra != planned.topic:
                    topics.append(extra)
            lines += [
                f"  - id: {planned.id}",
                f"    claim: {q(paraphrase)}",
                f"    quote: {q(written)}",
                f"    topics: [{', '.join(topics)}]",
                f"    status: {planned.status}",
                f"    claimant: {q(claimant)}",
            ]
            r = rng.random()
            if r < 0.6:
                ey = plan.year - (rng.random() < 0.3)
                em = rng.randint(1, plan.month if ey == plan.year else 12)
                if r < 0.25:
                    ed = rng.randint(1, calendar.monthrange(ey, em)[1])
                    if (ey, em) == (plan.year, plan.month):
                        ed = min(ed, plan.day or 1)
                    lines.append(f'    event_date: "{ey}-{em:02d}-{ed:02d}"')
                elif r < 0.5:
                    lines += [
                        f'    event_date: "{ey}-{em:02d}"',
                        "    event_note: Month inferred from the sequence of events described.",
                    ]
                else:
                    lines.append(f'    event_date: "{ey}"')
            if ents:
                lines.append(f"    entities: [{', '.join(e.id for e in ents)}]")
            if planned.speaker:
                lines += ["    origin:", f"      party: {planned.speaker}", "      channel: statement"]
            if planned.relation:
                kind, target, note = planned.relation
                lines += ["    relations:", f"      - type: {kind}", f"        claim: {target}"]
                if note:
                    lines.append(f"        note: {q(note)}")
        return text, "\n".join(lines) + "\n"


def plan_sources(rng: random.Random, n: int, people: list[Entity]) -> list[Plan]:
    plans = []
    templates = {"air-defence": 3, "financing": 3, "personnel": 3, "diplomacy": 3, "energy": 2, "industry": 2}
    topic_ids = [t[0] for t in TOPICS]
    for s in range(n):
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        year = rng.randint(2009, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        abbr = "".join(w[0] for w in outlet[0].lower().split() if w != "the")
        lead = rng.choices(topic_ids, weights=TOPIC_WEIGHTS)[0]
        claims = []
        for j in range(rng.randint(8, 12)):
            topic = lead if j == 0 or rng.random() < 0.4 else rng.choices(topic_ids, weights=TOPIC_WEIGHTS)[0]
            template = rng.randrange(templates[topic])
            claims.append(
                PlannedClaim(f"{abbr}{year % 100:02d}-{s + 1}-{topic.split('-')[0]}-{j + 1}", topic, template)
            )
        slug = f"{slugify(outlet[0].removeprefix('The '))}-{year}-{lead}-{s + 1}"
        via = OUTLETS[(OUTLETS.index(outlet) + 1) % len(OUTLETS)] if rng.random() < 0.1 else None
        plans.append(Plan(slug, outlet, year, month, day, rng.random() < 0.85, claims, via))

    # assessments, then relations to claims of other sources, then the statuses those earn under the
    # methodology's rules, so that `dossier check` finds nothing to report
    for plan in plans:
        for claim in plan.claims:
            claim.status = "assessment" if rng.random() < 0.16 else "reported"
    links: dict[str, list[tuple[str, PlannedClaim, Plan, bool]]] = {}  # id -> (type, other, its plan, outgoing)
    for plan in plans:
        for claim in plan.claims:
            if len(plans) > 1 and rng.random() < 0.2:
                other = plans[rng.randrange(len(plans) - 1)]
                if other is plan:
                    other = plans[-1]
                target = rng.choice(other.claims)
                kind = rng.choices(RELATIONS, weights=RELATION_WEIGHTS)[0]
                if kind in ("corroborates", "contradicts") and (claim.status == "assessment") != (
                    target.status == "assessment"
                ):
                    kind = "qualifies"  # an assessment is not evidence for or against a fact
                if kind == "denies":
                    claim.speaker = rng.choice(people).id  # a denial is a party's own statement
                note = rng.choice(RELATION_NOTES) if rng.random() < 0.5 else None
                claim.relation = (kind, target.id, note)
                links.setdefault(claim.id, []).append((kind, target, other, True))
                links.setdefault(target.id, []).append((kind, claim, plan, False))
    for plan in plans:
        for claim in plan.claims:
            if claim.status != "assessment":
                claim.status = earned(claim, plan, links.get(claim.id, []))
    return plans


def earned(claim: PlannedClaim, plan: Plan, links: list) -> str:
    """The status the relations earn (evidence.earned_status, for synthetic origins: a claim is its
    speaker's or, without one, its source's outlet's)."""

    def origin(c: PlannedClaim, p: Plan) -> set[str]:
        return {c.speaker} | ({p.via[0]} if p.via else set()) if c.speaker else {p.origin}

    factual = [(kind, other, p, out) for kind, other, p, out in links if other.status != "assessment"]
    if any(kind == "contradicts" for kind, *_ in factual):
        return "disputed"
    if any(kind == "denies" and not out for kind, _, _, out in links):
        return "denied"
    if any(kind == "corroborates" and not origin(claim, plan) & origin(other, p) for kind, other, p, _ in factual):
        return "corroborated"
    return "reported"


def generate(n: int, out, seed: int = 0) -> Path:
    """Write a synthetic dossier of ``n`` sources into ``out`` (replacing an earlier one there)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SystemExit(f"{out} exists and was not made by synth.py; give an empty or new folder")
        for name in ("sources", "docs"):
            shutil.rmtree(out / name, ignore_errors=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"synthetic dossier: {n} sources, seed {seed}\n")
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copy(ROOT / "CONTRIBUTING.md", out / "CONTRIBUTING.md")
    shutil.copytree(ROOT / "docs", out / "docs")
    src = out / "sources"

    rng = random.Random(seed)
    pools = make_entities(rng, max(4, min(n // 5, MAX_ENTITIES)))
    plans = plan_sources(rng, n, pools["person"])
    writer = Writer(rng, pools, plans)

    (src / "dossier.yml").write_text(
        f"title: {q(f'A synthetic dossier of {n:,} sources')}\n"
        "description: Generated text for benchmarks and scale tests; every outlet, person and claim in it is fictitious.\n"
        "licence: CC0 1.0\n",
        encoding="utf-8",
    )
    (src / "topics.yml").write_text(
        "topics:\n"
        + "".join(f"  - id: {tid}\n    title: {q(title)}\n    description: {q(desc)}\n" for tid, title, desc in TOPICS),
        encoding="utf-8",
    )
    entity_lines = ["entities:"]
    for kind in ("person", "organisation", "weapon-system", "aircraft"):
        for e in pools[kind]:
            entity_lines += [
                f"  - id: {e.id}",
                f"    name: {q(e.name)}",
                f"    type: {e.type}",
                f"    description: {q(e.description)}",
            ]
            if e.aliases:
                entity_lines.append(f"    aliases: [{', '.join(q(a) for a in e.aliases)}]")
    (src / "entities.yml").write_text("\n".join(entity_lines) + "\n", encoding="utf-8")

    for index, plan in enumerate(plans):
        text, annotations = writer.source(index, plan)
        (src / f"{plan.slug}.txt").write_text(text, encoding="utf-8")
        (src / f"{plan.slug}.yml").write_text(annotations, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, required=True, help="number of sources")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (new, empty or an earlier output)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.sources, args.out, args.seed)


if __name__ == "__main__":
    main()
