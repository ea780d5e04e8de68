"""Which words hedge a claim, and how strongly: one table on the UK PHIA probability yardstick, used by
extraction (to mark a claim hedged from the words its statement and evidence share) and by every check of
the brief."""

from __future__ import annotations

import re

# level -> the words that signal it, strongest level first (a phrase is matched before its parts)
LEVELS: list[tuple[str, tuple[str, ...]]] = [
    ("almost certain", ("almost certainly", "almost certain", "virtually certain")),
    ("highly likely", ("highly likely", "very likely", "highly probable")),
    ("highly unlikely", ("highly unlikely", "very unlikely")),
    ("remote chance", ("remote chance",)),
    ("unlikely", ("unlikely", "improbable")),
    ("likely", ("probably", "likely", "probable", "believed", "appears", "appear", "seems", "apparently",
                "estimated", "reportedly")),
    ("realistic possibility", ("may", "might", "could", "possibly", "perhaps", "suggest", "suggests", "suggested",
                               "realistic possibility", "unconfirmed")),
]
# The hedges of a claim: the words of the yardstick that both its statement and its evidence use (the
# model is not asked for them).
CUES = ("almost certainly", "almost certain", "virtually certain", "highly likely", "very likely", "highly unlikely",
        "very unlikely", "remote chance", "unlikely", "probably", "probable", "likely", "believed", "reportedly",
        "apparently", "appears", "appear", "seems", "suggest", "suggests", "suggested", "possibly", "allegedly",
        "estimated", "unconfirmed")
# A modal verb of possibility and an expectation hedge too ("rivers could rise further", "records may have been
# exposed", "may not be safe", "is expected to save", "expects inflation to peak"), read in the text as written: not
# an ability ("could not say", "they could hear gunfire", "what they could from their homes"), the month ("in May")
# or a comparison ("as expected", "higher than many had expected", "weaker-than-expected", "in line with what
# analysts expected").
_MODAL = re.compile(r"\b(?P<w>may|might|could)\b(?:(?<=could)(?!\s+(?:still\s+)?(?:not|hear|see|feel|smell|taste|barely|"
                    r"hardly|only|afford|swim|read|remember)\b|n['’]t)|(?<!could))(?=\s+(?:well\s+|still\s+|yet\s+|also\s+|even\s+|"
                    r"soon\s+|have\s+|be\s+)?[a-z]{2,})(?!\s+(?:from|to|for|with|in|on|at|of|about|and|or|but|the|a|an|"
                    r"this|that|it|they|he|she|we|you)\b)")
_REPORTED_FEAR = re.compile(r"\b(?:(?:reports?|fears?|concerns?|warnings?|worries|claims?|suggestions?|allegations?|"
                            r"evidence|signs?|risks?)\s+that|amid\s+(?:fears|concerns|worries))\s+[^,;:]*$", re.I)
_EXPECTED = re.compile(r"(?<![-\w])(?P<w>expect(?:s|ed)?)\b(?!\s+(?:of|from)\b)", re.I)
_COMPARED_TO_EXPECTED = re.compile(r"\b(?:as|than|what)\s+(?:[a-z]+\s+){0,3}$", re.I)  # "than many had expected"


def _has(cue: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(cue)}\b", text) is not None


def expects(text: str) -> bool:
    """The text gives an expectation ("is expected to save", "expects inflation to peak"), not a comparison with
    one ("sooner than expected", "as widely expected")."""
    return any(not _compared(text[:m.start()]) for m in _EXPECTED.finditer(text))


def _compared(before: str) -> bool:
    """The words before an "expected" compare with it: "sooner than", "as widely", "weaker-than-"."""
    return bool(_COMPARED_TO_EXPECTED.search(before)) or before.endswith("-")


def is_hedge(words: str) -> bool:
    """Whether words hold a hedge of the yardstick ('probably', 'is believed to'), not only a figure's
    qualifier ('about', 'nearly') or a figure."""
    low = words.lower()
    return any(_has(c, low) for _, cues in LEVELS for c in cues) or expects(words)


def certainty_level(hedges: list[str]) -> str:
    """The yardstick level of a claim with these hedge words; 'asserted' when there are none."""
    if not hedges:
        return "asserted"
    words = " ".join(h.lower() for h in hedges)
    for level, cues in LEVELS:
        if any(_has(c, words) for c in cues):
            return level
    return "realistic possibility"


# a comparison of chances is a finding, not a hedge: "drinkers were 14% less likely to develop heart failure"
_COMPARED = re.compile(r"\b(?:less|more)\s+(?:un)?likely\b(?!\s+than\s+not)")  # "more likely than not" hedges


def shared_hedges(statement: str, evidence: str) -> list[str]:
    """Every cue that both the statement and its evidence use, a phrase before its parts ('highly likely',
    not also 'likely'), then the modal verbs and expectations both use; 'less likely' and 'more likely' compare
    chances and hedge nothing."""
    found: list[str] = []
    low_s, low_e = _COMPARED.sub(" ", statement.lower()), _COMPARED.sub(" ", evidence.lower())
    for cue in CUES:
        if _has(cue, low_s) and _has(cue, low_e) and not any(cue in h or h in cue for h in found):
            found.append(cue)
    for pattern in (_MODAL, _EXPECTED):
        theirs = {m.group("w").lower() for m in pattern.finditer(evidence)}
        for m in pattern.finditer(statement):
            if _REPORTED_FEAR.search(statement[:m.start()]) or pattern is _EXPECTED and _compared(statement[:m.start()]):
                continue  # "would recall 180,000 scooters after reports that their batteries could overheat": what
                # others fear, not how sure the claim is
            if m.group("w").lower() in theirs and m.group("w").lower() not in found:
                found.append(m.group("w").lower())
    return found
