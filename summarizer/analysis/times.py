"""When a claim holds, read from the article's own words ("on Monday", "last week", "since February 24",
"until at least March", "in 2028"): the time expressions of a claim's evidence, preferring those its
statement repeats. Read by rule rather than asked of the model: copying a phrase needs no language
model, the small model invented dates the article does not give ("May 2023" for "in May"), and every
key the model does not write is a decoding step saved on each claim."""

from __future__ import annotations

import re

# Month and day names are matched case-sensitively ("May" the month, not "may" the verb; "March", not
# "marched"); the connecting words in any case ("Last week", "last week").
_MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = (r"(?:weekend|week|month|year|quarter|summer|winter|spring|autumn|fall|season|decade|century|day|"
         r"hour|night|morning|afternoon|evening)")
_COUNT = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a couple of|"
          r"\d{1,3})")
_PREP = r"(?:since|until|till|by|from|before|after|as of|on|in|during|through|between|for|at)"
_PART = r"(?:early|late|mid-|mid|the start of|the end of|the beginning of|the middle of)"
_LEAD = rf"(?:{_PREP}\s+)?(?:(?:the\s+)?{_PART}\s*)?"
_YEAR = r"(?:19|20)\d\d(?!\d|,\d)"  # not the "2,000" of a count

_PATTERNS = [
    rf"(?:until|by|before|through)\s+at\s+least\s+(?:{_DAY}|{_MONTH}(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+{_YEAR})?|{_YEAR})",
    rf"{_LEAD}(?:the\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?![\d,])(?:st|nd|rd|th)?)(?:,?\s+{_YEAR})?",
    rf"between\s+{_PART}?\s*{_MONTH}\s+and\s+{_PART}?\s*{_MONTH}(?:\s+{_YEAR})?",
    rf"{_LEAD}{_MONTH}(?:\s+(?:and|to|or)\s+{_PART}?\s*{_MONTH})?(?:\s+{_YEAR})?",
    rf"{_LEAD}{_DAY}(?:\s+(?:morning|afternoon|evening|night))?",
    rf"(?:{_PREP}\s+)?(?:(?:early|later?|earlier)\s+)?(?:last|this|next|earlier\s+this|later\s+this)\s+{_UNIT}",
    rf"{_COUNT}\s+{_UNIT}s?\s+(?:ago|earlier|later)",
    rf"(?:(?:over|in|for|during|within)\s+)?the\s+(?:past|last|next|coming|previous|following)\s+(?:{_COUNT}\s+)?{_UNIT}s?",
    rf"(?:in|during|for|over)\s+recent\s+{_UNIT}s",
    rf"(?:in|during|for|by)\s+the\s+(?:first|second|third|fourth|final|last)\s+(?:quarter|half)(?:\s+of\s+(?:the\s+year|{_YEAR}))?",
    rf"(?:by|before|until|at|from)\s+the\s+(?:end|start|beginning|middle)\s+of\s+(?:the\s+|this\s+|next\s+|last\s+)?(?:{_UNIT}|decade|{_MONTH}|{_YEAR})(?:\s+{_YEAR})?",
    rf"{_PREP}\s+the\s+{_UNIT}",
    r"(?:yesterday|today|tonight|tomorrow)",
    rf"{_LEAD}(?:the\s+)?(?:19|20)\d0s",
    rf"{_PREP}\s+{_YEAR}(?:\s+(?:and|to)\s+{_YEAR})?",
    rf"(?:every|each)\s+{_UNIT}(?:\s+since\s+{_YEAR})?",
]
# Whole words only ("this weekend" is not "this week"; "Augusta" holds no "August"); at each place the
# longest phrase wins, whichever pattern finds it.
_TIME = re.compile(rf"(?<![\w-])(?<!\d[,.])(?:{'|'.join(f'(?:{p})' for p in _PATTERNS)})(?![\w-])", re.IGNORECASE)
_EACH = [re.compile(rf"(?<![\w-])(?<!\d[,.])(?:{p})(?![\w-])", re.IGNORECASE) for p in _PATTERNS]
_NOT_TIMES = re.compile(r"^(?:May|Today|Sunday)$")  # bare, these are a verb or a title ("USA Today") as often


def time_expressions(text: str) -> list[str]:
    """The time expressions of text, as written, in reading order (the longest match at each place)."""
    found, at = [], 0
    while (m := _TIME.search(text, at)) is not None:
        start = m.start()
        end = max((e.end() for e in (p.match(text, start) for p in _EACH) if e), default=m.end())
        phrase = text[start:end].strip(" ,")
        if not (_NOT_TIMES.match(phrase) or _titled(text, start, end) or _amount(text, start, phrase)):
            found.append(phrase)
        at = end
    return found


_CHANGED = re.compile(r"(?:fell|falls?|rose|rises?|dropped|drops?|increased|increases?|decreased|decreases?|grew|grows?|"
                      r"cut|cuts|climbed|declined|jumped|slid|slipped|gained|shrank|raised|lowered|reduced|up|down)\s*$",
                      re.IGNORECASE)


def _amount(text: str, start: int, phrase: str) -> bool:
    """A bare year after a change: "output fell by 2000 barrels" is an amount, not a time."""
    return bool(re.fullmatch(rf"by\s+{_YEAR}", phrase, re.IGNORECASE)) and bool(_CHANGED.search(text[:start]))


def _titled(text: str, start: int, end: int) -> bool:
    """A day or 'Today' inside a name: "the Mail on Sunday", "USA Today"."""
    before = text[:start].rstrip()
    return bool(re.search(r"(?:Mail|Times|Post|Telegraph|Star|Herald|Mirror|USA)$", before)) and \
        bool(re.fullmatch(r"(?:on\s+)?(?:Sunday|Today)", text[start:end].strip(), re.IGNORECASE))


def time_of(statement: str, evidence: str) -> str | None:
    """When the claim holds: the time expressions of its evidence that its statement repeats, else the
    evidence's only one; None when the evidence gives none, or several and the statement picks none."""
    given = time_expressions(evidence)
    if not given:
        return None
    low = statement.lower()
    said = [g for g in given if re.search(rf"(?<!\w){re.escape(_core(g))}(?!\w)", low)]
    if said:
        return "; ".join(dict.fromkeys(said))
    return given[0] if len(given) == 1 else None


def _core(phrase: str) -> str:
    """A phrase without its leading preposition: the statement may say "in March" for "until March"."""
    return re.sub(rf"^{_LEAD}", "", phrase, flags=re.IGNORECASE).lower() or phrase.lower()
