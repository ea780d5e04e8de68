"""Rules that find web boilerplate in scraped article text: navigation words, app and newsletter
prompts, teasers, bylines, disclaimers and "Related Stories" link lists. Rules, not site strings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Removal:
    start: int
    end: int
    kind: str


_END_PUNCT = tuple('.!?"\u201d\u2019\')')
_QUOTE_END = re.compile(r"[.!?,][\"\u201d\u2019')]+$")
_NAV_PHRASES = re.compile(
    r"^(open in app|download (the )?app|get the app|sign in|sign up|log ?in|register|subscribe( now)?|menu|home|"
    r"search|share( this( article| story)?)?|advertisement|ad|sponsored|skip to (main )?content|follow us.*|"
    r"read more|click here.*|accept( all)? cookies|back to top|print|comments?|listen to (this )?(article|story))$",
    re.I)
_NEWSLETTER = re.compile(r"\b(newsletter|sign up|subscribe)\b", re.I)
_LINK_LIST_HEADING = re.compile(
    r"^(related|more from|more on|also read|read also|recommended|trending|top stories|latest( news)?|"
    r"you (may|might) also like|popular|most read|further reading|more stories)\b", re.I)
_DISCLAIMER = re.compile(
    r"^(disclaimer|editor'?s note|note to readers)\b|auto-?published|auto-?generated from|"
    r"has not been (reviewed|edited) by", re.I)
# the staff credit that closes a wire story: "(Reporting by A; Editing by B)", "AP writer C contributed to this report."
_CREDIT = re.compile(r"^\(?(?:(?:additional )?reporting by|writing by|editing by)\b.*$|"
                     r"^[^.!?\"\u201c]{3,120}\bcontributed(?: reporting)? to this (?:report|story|article)\.?\)?$", re.I)
_BYLINE = re.compile(r"^By\s+[A-Z][\w.&' -]{1,60}(\s*[|\u2022,]\s*.*)?$")
_UPDATED = re.compile(r"\b(?:Updated|Published|Posted|Last updated)\s*:?\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})")
_META_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+", re.I)
_SIGN_OFF = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,9}|[A-Z]{2,6}(?:/[A-Z]{2,6})?)\)\s*$")
_ELLIPSIS = re.compile(r"(\.\.\.|\u2026)\s*$")


def _lines(text: str):
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(raw)


def _words(s: str) -> int:
    return len(s.split())


def _is_prose(s: str) -> bool:
    return s.rstrip().endswith(_END_PUNCT) and _words(s) >= 8


def _ends_sentence(s: str) -> bool:
    """Prose ends with a full stop, or a quote closed after one ('... he said."'); a headline may end with a
    quoted word ('treasurer calls plan "fantasy"') and is still no sentence."""
    if s.endswith(('"', "\u201d", "\u2019", "'", ")")):
        return bool(_QUOTE_END.search(s))
    return s.endswith(_END_PUNCT)


def find_boilerplate(text: str) -> tuple[list[Removal], str | None, str | None]:
    """Return (removed spans, headline, ISO date from page metadata)."""
    lines = [(s, e, body) for s, e, body in _lines(text) if body.strip()]
    removals: list[Removal] = []
    title: str | None = None
    date: str | None = None
    seen_prose = False
    in_link_list = False
    stripped_all = [b.strip() for _, _, b in lines]

    for idx, (start, end, body) in enumerate(lines):
        s = body.strip()
        lead = len(body) - len(body.lstrip())
        s_start, s_end = start + lead, start + lead + len(s)

        def drop(kind: str) -> None:
            removals.append(Removal(s_start, s_end, kind))

        if in_link_list:
            if _is_prose(s) and _words(s) >= 12:
                in_link_list = False
            else:
                drop("related-links")
                continue
        if _LINK_LIST_HEADING.match(s) and _words(s) <= 5 and not s.endswith(_END_PUNCT):
            drop("related-links")
            in_link_list = True
            continue
        if _NAV_PHRASES.match(s.rstrip(":")):
            drop("navigation")
            continue
        if _words(s) <= 3 and not s.endswith(_END_PUNCT):
            drop("navigation")
            continue
        if _NEWSLETTER.search(s) and _words(s) <= 20 and not seen_prose_about_news(s):
            drop("newsletter")
            continue
        if _DISCLAIMER.search(s):
            drop("disclaimer")
            continue
        if _CREDIT.match(s) and _words(s) <= 40:
            drop("credit")
            continue
        if _BYLINE.match(s) or (_UPDATED.search(s) and _words(s) <= 14 and not s.endswith(".")):
            m = _UPDATED.search(s)
            if m and not date:
                date = _iso(m.group("date"))
            drop("byline")
            continue
        m = _ELLIPSIS.search(s)
        if m:
            stem = s[:m.start()].rstrip()
            if len(stem) >= 20 and any(o.startswith(stem) and o != s for o in stripped_all[idx + 1:] + stripped_all[:idx]):
                drop("teaser")
                continue
        if not seen_prose and not _ends_sentence(s) and title is None and 4 <= _words(s) <= 25:
            title = s
            drop("headline")
            continue

        meta = _META_DATE.match(body)
        if meta:
            date = date or meta.group("date")
            removals.append(Removal(start + meta.start(), start + meta.end(), "metadata"))
        seen_prose = True

    _strip_sign_off(text, lines, removals)
    return removals, title, date


def seen_prose_about_news(s: str) -> bool:
    """A sentence that mentions subscribing but reads as news (ends in a full stop and is long)."""
    return _is_prose(s) and _words(s) > 20


def _strip_sign_off(text: str, lines, removals: list[Removal]) -> None:
    """The agency tag that closes a wire story, e.g. '... achieved". (ANI)'."""
    removed = {(r.start, r.end) for r in removals}
    for start, end, body in reversed(lines):
        s = body.strip()
        lead = len(body) - len(body.lstrip())
        s_start = start + lead
        if any(r.start <= s_start < r.end for r in removals) or (s_start, s_start + len(s)) in removed:
            continue
        m = _SIGN_OFF.search(s)
        if m and m.start() > 0:
            removals.append(Removal(s_start + m.start(), s_start + len(s), "sign-off"))
        return


def _iso(value: str) -> str | None:
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
