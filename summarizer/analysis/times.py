"""When a claim holds, read from the article's own words ("on Monday", "last week", "since February 24",
"until at least March", "in 2028"): the time expressions of a claim's evidence, preferring those its
statement repeats. Read by rule rather than asked of the model: copying a phrase needs no language
model, the small model invented dates the article does not give ("May 2023" for "in May"), and every
key the model does not write is a decoding step saved on each claim."""

from __future__ import annotations

import re

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = r"(?:day|week|weekend|month|year|quarter|summer|winter|spring|autumn|fall|season|decade|century)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|\d{1,3})"
_LEAD = r"(?:(?:since|until|till|by|from|before|after|as of|on|in|during|through|between|early|late|mid-?)\s+)?"

_PATTERNS = [
    rf"(?:until|by|before|through)\s+at\s+least\s+(?:{_DAY}|{_MONTH}(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)",
    rf"{_LEAD}(?:the\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)(?:,?\s+(?:19|20)\d\d)?",
    rf"between\s+(?:mid-?|early\s+|late\s+)?{_MONTH}\s+and\s+(?:mid-?|early\s+|late\s+)?{_MONTH}(?:\s+(?:19|20)\d\d)?",
    rf"{_LEAD}{_MONTH}(?:\s+(?:and|to|or)\s+(?:mid-?|early\s+|late\s+)?{_MONTH})?(?:\s+(?:19|20)\d\d)?",
    rf"{_LEAD}{_DAY}(?:\s+(?:morning|afternoon|evening|night))?",
    rf"(?:(?:early|later?|earlier)\s+)?(?:last|this|next|earlier\s+this|later\s+this)\s+{_UNIT}",
    rf"{_COUNT}\s+{_UNIT}s?\s+ago",
    rf"(?:over\s+|in\s+|for\s+|during\s+)?the\s+(?:past|last|next|coming|previous)\s+(?:{_COUNT}\s+)?{_UNIT}s?",
    r"\b(?:yesterday|today|tonight|tomorrow)\b",
    r"(?:since|until|by|from|before|after|as of|in|during)\s+(?:the\s+(?:early|mid|late)\s+)?(?:19|20)\d0s",
    r"(?:since|until|till|by|from|before|after|as of|in|during|between)\s+(?:19|20)\d\d(?:\s+and\s+(?:19|20)\d\d)?",
    rf"(?:every|each)\s+{_UNIT}(?:\s+since\s+(?:19|20)\d\d)?",
]
_TIME = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def time_expressions(text: str) -> list[str]:
    """The time expressions of text, as written, in reading order (the longest match at each place)."""
    found = []
    for m in _TIME.finditer(text):
        phrase = m.group(0).strip(" ,")
        if re.search(r"\bmay\b", phrase, re.IGNORECASE) and (
                not re.search(r"\bMay\b", phrase) or phrase == "May"):
            continue  # "may" the verb; a bare "May" is the verb as often as the month
        found.append(phrase)
    return found


def time_of(statement: str, evidence: str) -> str | None:
    """When the claim holds: the time expressions of its evidence that its statement repeats, else the
    evidence's only one; None when the evidence gives none, or several and the statement picks none."""
    given = time_expressions(evidence)
    if not given:
        return None
    low = statement.lower()
    said = [g for g in given if _core(g) in low]
    if said:
        return "; ".join(dict.fromkeys(said))
    return given[0] if len(given) == 1 else None


def _core(phrase: str) -> str:
    """A phrase without its leading preposition: the statement may say "in March" for "until March"."""
    return re.sub(rf"^{_LEAD}", "", phrase, flags=re.IGNORECASE).lower() or phrase.lower()
