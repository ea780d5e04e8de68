"""Deterministic reading of figures: which numbers a text carries (to check that a statement or a brief
adds no figure its evidence lacks), quantities with qualifiers, and what a figure counts."""

from __future__ import annotations

import re

from summarizer.models import Claim, Quantity

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "dozen": 12, "half": 0.5, "third": 1 / 3, "quarter": 0.25,
    "first": 1, "second": 2, "fourth": 4, "fifth": 5,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
_QUALIFIERS = ("more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost",
               "about", "around", "approximately", "roughly", "over", "under", "some", "an estimated",
               "estimated", "close to", "as many as", "as few as")
_NUM = re.compile(
    r"(?P<qual>(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)?"
    r"(?P<cur>USD\s?|US\$|\$|€|£)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:st|nd|rd|th)?(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?"
    r"(?P<after>(?:\s+[A-Za-z][\w'-]*){0,3})", re.I)
_WORD_NUM = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


# claim ids ("C5", "[A1:C5]") and article ids ("A2") carry digits that are not figures
IDS = re.compile(r"\[?\b(?:A\d+:)?C\d+\b\]?|\bA\d+\b")


def numbers_in(text: str) -> set[float]:
    """Every figure written with digits in text, normalised ('5,000' -> 5000.0)."""
    return {float(t.replace(",", "")) for t in _TOKEN.findall(text)}


def numbers_supported(text: str) -> set[float]:
    """Figures a text supports: its digits plus numbers it spells out ('three weeks', 'a third')."""
    found = numbers_in(text)
    found |= {float(_WORDS[w.lower()]) for w in _WORD_NUM.findall(text)}
    return found


def unsupported_numbers(text: str, evidence: str) -> list[str]:
    """Figures written in text that the evidence does not carry, as written in text."""
    allowed = numbers_supported(evidence)
    out = []
    for t in _TOKEN.findall(text):
        if float(t.replace(",", "")) not in allowed:
            out.append(t)
    return out


def quantities(statement: str) -> list[Quantity]:
    """Figures of a statement with value, unit and qualifier, exactly as written there."""
    out = []
    for m in _NUM.finditer(statement):
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        unit, unit_end = _unit(m.group("after"))
        cur = (m.group("cur") or "").strip()
        if cur:
            unit = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}.get(cur, cur)
        qual = m.group("qual")
        text = statement[m.start(): m.start("after") + unit_end]
        out.append(Quantity(value=value, unit=unit, qualifier=" ".join(qual.lower().split()) if qual else None,
                            text=text.strip()))
    return out


_SKIP = {"more", "additional", "new", "other", "of", "the", "a", "an", "and", "in", "to", "for", "on", "at"}


def _unit(after: str) -> tuple[str | None, int]:
    """The counted noun after a figure: the first lowercase word that is not a filler, or a currency code."""
    for w in re.finditer(r"[A-Za-z][\w'-]*", after):
        word = w.group(0)
        if re.fullmatch(r"[A-Z]{3}", word):
            return word, w.end()
        if word[0].isupper():
            continue
        if word.lower() in _SKIP and word.lower() not in {"more", "additional", "new", "other"}:
            return None, 0
        if word.lower() in _SKIP:
            continue
        return word, w.end()
    return None, 0


# -- what a figure counts ------------------------------------------------------------------------

_PEOPLE = {"troops", "troop", "soldiers", "soldier", "forces", "personnel", "fighters", "servicemen"}
_CURRENCIES = {"USD", "EUR", "GBP", "SEK", "NOK", "DKK", "JPY", "CNY", "INR", "KRW", "RUB", "UAH", "CHF", "CAD"}
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)


def _window(statement: str, q: Quantity, following: list[Quantity]) -> str:
    """The statement from this figure up to the next figure (or the end): what the figure is about."""
    start = statement.find(q.text)
    if start < 0:
        return statement.lower()
    end = len(statement)
    for other in following:
        at = statement.find(other.text, start + len(q.text))
        if at > 0:
            end = min(end, at)
    return statement[start:end].lower()


def measure(claim: Claim, q: Quantity) -> str | None:
    """What a figure of a claim counts, as a short label, or None when it counts nothing nameable
    (ordinals, years, bare numbers)."""
    if _ORDINAL.search(q.text) or (q.value.is_integer() and 1900 <= q.value <= 2100 and not q.unit):
        return None
    index = claim.quantities.index(q)
    window = _window(claim.statement, q, claim.quantities[index + 1:])
    unit = (q.unit or "").lower()
    if q.unit and q.unit.upper() in _CURRENCIES:
        return f"amount ({q.unit.upper()})"
    if unit in {"casualties", "casualty"} or re.search(r"\bcasualt|\bkilled or (injured|wounded)\b|"
                                                      r"\b(injured|wounded) or killed\b", window):
        return "casualties"
    if re.search(r"\b(killed|dead|died|deaths)\b", window):
        return "killed"
    if re.search(r"\b(wounded|injured)\b", window):
        return "wounded"
    people = unit in _PEOPLE or bool(re.search(r"\b(troops|soldiers|forces|personnel)\b", window[:60]))
    if people:
        head = window[len(q.text.lower()):][:40]
        if re.search(r"\b(more|additional|extra|further|reinforcements?)\b", q.text.lower() + " " + head):
            return "additional troops"
        if re.search(r"\b(sent|send|sending|deployed|deploy|deployment|dispatched|stationed)\b", window):
            return "troops sent"
        return "troops"
    return unit or None
