"""The dossier's vocabulary: statuses, source kinds, relation types, origin channels and entity
types, with the labels readers see.  The JSON Schemas list the same values (``tests/test_schema.py``
ties them together); everything else reads them from here."""

from __future__ import annotations

from collections.abc import Iterable

# status -> (label, one-line definition shown with every badge)
STATUSES = {
    "reported": ("Reported", "One origin in this dossier reports it; nothing here confirms or contradicts it."),
    "corroborated": ("Corroborated", "At least one other report from an independent origin supports the whole claim."),
    "disputed": ("Disputed", "Another claim in this dossier contradicts it: both cannot be true."),
    "denied": ("Denied", "A party concerned has denied it. A denial is not proof that it is false."),
    "assessment": ("Assessment", "An estimate, interpretation or forecast, not a reported fact."),
}
STATUS_LABELS = {key: label for key, (label, _) in STATUSES.items()}

# a finding's evidence, from the claims it cites (findings.strength) -> (label, definition); the
# methodology's "Findings" section defines the same scale, anchored as #strength-<key>
STRENGTHS = {
    "corroborated": ("Corroborated", "Every factual claim it cites has two or more independent sources."),
    "partly-corroborated": (
        "Partly corroborated",
        "Some of the factual claims it cites have two or more independent sources; the others rest on one origin each.",
    ),
    "single-source": ("Single-source", "Each factual claim it cites rests on one origin."),
    "contested": ("Contested", "At least one claim it cites is disputed or denied; its caveat says which."),
    "analysis": ("Analysis", "It cites only assessments: estimates, interpretations or forecasts."),
}

KINDS = {
    "news": "News",
    "analysis": "Analysis",
    "opinion": "Opinion",
    "fact-check": "Fact-check",
    "reference": "Reference",
}

# relation type -> (how it reads from the other claim's side, whether it bears on statuses)
RELATIONS = {
    "corroborates": ("corroborated by", True),
    "contradicts": ("contradicted by", True),
    "denies": ("denied by", True),
    "qualifies": ("qualified by", False),
    "updates": ("updated by", False),
}
INVERSE = {kind: inverse for kind, (inverse, _) in RELATIONS.items()}

# origin channel -> how the trail names it
CHANNELS = {
    "statement": "statement",
    "document": "document",
    "reporting": "own reporting",
    "tracking": "tracking data",
    "unnamed": "unnamed sources",
}
DENIAL_CHANNELS = ("statement", "document")  # a denial is a party's own word

# entity type -> (singular, plural), in the order entity lists group them
ENTITY_TYPES = {
    "person": ("Person", "People"),
    "organisation": ("Organisation", "Organisations"),
    "outlet": ("Outlet", "Outlets"),
    "document": ("Document", "Documents"),
    "tracker": ("Tracking service", "Tracking services"),
    "weapon-system": ("Weapon system", "Weapon systems"),
    "aircraft": ("Aircraft", "Aircraft"),
}
ORIGIN_TYPES = ("person", "organisation", "outlet", "document", "tracker")  # entities that can be an origin


def spelled_out(values: Iterable[str], last: str = "or") -> str:
    """Values as a sentence lists them: "a, b or c"."""
    listed = list(values)
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} {last} {listed[-1]}"
