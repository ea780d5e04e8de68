"""How a claim's source is written everywhere (brief, Markdown, review page, timeline, eval report):
"Name (role, organisation) via Relay". One function, so every view names a source the same way; and whether
two claims have one source under two names."""

from __future__ import annotations

import re

from summarizer.analysis.fidelity import name_words
from summarizer.analysis.vocabulary import ROLE_WORDS
from summarizer.models import Claim


def speaker_label(c: Claim, *, detail: bool = False) -> str:
    """The speaker (for the article's own voice: its outlet when known), with role and organisation when
    `detail` (leaving out what the name already says), then " via " and the relays."""
    s = c.speaker
    who = (c.outlet or "the article") if s.is_article else s.name
    if detail:
        extra = ", ".join(x for x in (s.role, s.organisation) if x and x.lower() not in who.lower())
        who += f" ({extra})" if extra else ""
    if c.attribution:
        who += " via " + ", ".join(c.attribution)
    return who


# what a name may leave out and still be the same source's: articles and joining words only. "Ministry" and
# "agency" stay, so the defence ministry is not listed under the civil defence agency
_ARTICLES = ("the", "a", "an", "of", "and", "for")


def sources(claims: list[Claim]) -> list[str]:
    """Who made the claims (people, organisations; the article's own voice aside), in order of appearance,
    each source once under its fullest name: "Kesić" and "Dalibor Kesić" are listed as "Finance Minister
    Dalibor Kesić" when the article also names him so."""
    out: list[str] = []
    for name in dict.fromkeys(c.speaker.name for c in claims if not c.speaker.is_article):
        words = name_words(_compact(name), _ARTICLES)
        matches = []  # (words shared, index) of the names listed that this one writes in full or in part
        for k, kept in enumerate(out):
            apart = _apart(name.lower(), kept.lower())
            mine, other = words - apart, name_words(_compact(kept), _ARTICLES) - apart
            if kept.lower() == name.lower() or mine and other and (mine <= other or other <= mine) \
                    and not _person_and_body(name, kept) and not _person_and_body(kept, name):
                matches.append((len(mine & other), k))
        if matches:  # "Haruna spokeswoman Emily Carter" is Emily Carter, listed already, not Haruna
            k = max(matches, key=lambda m: (m[0], -m[1]))[1]
            out[k] = max(out[k], name, key=len)
        else:
            out.append(name)
    return out


# a person named after the body and role they speak for: "AeroLusa chief executive Paulo Menezes"
_DESCRIBED = re.compile(rf"\b(?:{ROLE_WORDS})\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,2}})$")
_BODY_WORD = re.compile(r"\b(?:Association|Union|Council|Party|Ministry|Agency|Group|Federation|Committee|Commission|"
                        r"Office|Bank|Company|Institute|Alliance|Coalition|Court|Police|Army|Forces|Service)$")


def _person_and_body(person: str, body: str) -> bool:
    """`person` names someone of the body `body` names, whose own name `body` lacks: listed apart ("AeroLusa" and
    "AeroLusa chief executive Paulo Menezes")."""
    m = _DESCRIBED.search(person)
    return bool(m) and not _BODY_WORD.search(m.group("who")) \
        and not name_words(m.group("who")) & name_words(body)


def speaker_text(c: Claim) -> str:
    """A claim's source as the article describes it: its name, role and organisation, in one string."""
    return " ".join(filter(None, (c.speaker.name, c.speaker.role, c.speaker.organisation)))


def relays(claims: list[Claim]) -> list[str]:
    """Who relayed the claims (outlets, agencies, platforms), in order of appearance; a relay that also
    makes claims of its own is listed among the sources only."""
    speakers = {c.speaker.name.lower() for c in claims}
    return list(dict.fromkeys(r for c in claims for r in c.attribution if r.lower() not in speakers))


_ANOTHER = re.compile(r"^(?:another|a second|a third|a fourth|a further|one other|other)\s", re.I)


def same_source(a: Claim, b: Claim) -> bool:
    """One source under two names ('Heldmann', 'German carmaker Heldmann') is still one source."""
    if a.speaker.is_article or b.speaker.is_article:
        return a.speaker.is_article and b.speaker.is_article
    x, y = _compact(a.speaker.name), _compact(b.speaker.name)
    if x != y and any(_ANOTHER.match(n) and not re.match(r"(?i:the)\s", m) for n, m in (
            (a.speaker.name, b.speaker.name), (b.speaker.name, a.speaker.name))):
        return False  # "Another passenger said": not the passenger named before (but "the other passenger" is)
    if x == y or _within(x, y) or _within(y, x) or _of_state(x, y) or _of_state(y, x) or _share(name_words(x), name_words(y) - _apart(x, y)) \
            or _describes(a.speaker.name, b.speaker.name) or _describes(b.speaker.name, a.speaker.name) \
            or _initials(a.speaker.name, b.speaker.name) or _initials(b.speaker.name, a.speaker.name):
        return True
    # a chief executive speaks for the company: the organisation of one is the other, or both share one
    ao, bo = _body(a.speaker.organisation).lower(), _body(b.speaker.organisation).lower()
    xo, yo = name_words(ao), name_words(bo)
    return _share(xo, name_words(y) - _apart(ao, y)) or _share(xo, yo - _apart(ao, bo)) \
        or _share(yo, name_words(x) - _apart(bo, x))


# words that say what kind of body a source is, not which one: "Harbourline Bank" is not "the Reserve Bank"
_GENERIC = {w[:6] for w in ("bank group company council union party ministry agency department office service government "
                            "authority commission committee board institute association federation university "
                            "hospital court police army forces team firm fund bureau centre center foundation trust "
                            "securities capital partners holdings").split()}


def _share(a: set[str], b: set[str]) -> bool:
    """Two names' distinctive words name one source: they share a word that is not only a kind of body, or
    they share such a word and one of the names has no other ("the bank" for "the Reserve Bank")."""
    shared = a & b
    if shared - _GENERIC:
        return True
    if shared and any(x.startswith(y[:3]) or y.startswith(x[:3]) for x in a - _GENERIC for y in b - _GENERIC
                      if min(len(x), len(y)) >= 3):
        return True  # "the Met Police", "the Metropolitan Police"
    return bool(shared) and (not a - _GENERIC or not b - _GENERIC)


def _describes(description: str, name: str) -> bool:
    """'the central bank' and 'the German bank' describe 'the Bank of England' and 'Deutsche Bank': "the", lower-case
    words or a people's adjective, then a noun that is a word of the name."""
    m = re.fullmatch(r"(?:the|a|an)\s+(?:(?:[a-z][\w'’-]*|[A-Z][a-z]+(?:an|ese|ish|ic|i))\s+)*(?P<head>[a-z]{3,})",
                     description.strip())
    return m is not None and m.group("head")[:6] in name_words(name)


# peoples' adjectives that end in -i ("Israeli rights group B'Tselem" is not Israel; "Saudi" opens Saudi Arabia's name)
_IN_I = r"israeli|iraqi|pakistani|bangladeshi|kuwaiti|qatari|emirati|somali|yemeni|omani|nepali|azerbaijani|bahraini"


def _demonyms(*names: str) -> set[str]:
    """Name words that only say where a source is from, before its own words in every name: "the Galician
    Marine Monitoring Institute" and "the Galician government's fisheries department" are two sources."""
    found = [{w[:6] for w in re.findall(rf"\b([a-z]+(?:ian|ean|ese|ish|an|ic)|{_IN_I})\s+[a-z]", n)} for n in names]
    return set.intersection(*found) if found else set()


# the organs that speak for a country: "Russia" and "the Russian defence ministry" are one side
_STATE = re.compile(r"\b(?:government|military|army|armed|forces|troops|navy|air force|defen[cs]e|ministry|ministers?|"
                    r"chancellor|ambassador|envoy|king|queen|emperor|"
                    r"officials?|authorities|president|prime minister|premier|embassy|foreign|intelligence|state|"
                    r"diplomats?|leaders?|leadership|regime|cabinet|parliament|kremlin|police|junta)\b")


def _compact(name: str) -> str:
    """A name in lower case with a compound written as one word: "the coastguard" is "the Coast Guard"."""
    return re.sub(r"\bcoast\s+guard\b", "coastguard", name.lower())


def _of_state(country: str, name: str) -> bool:
    """A country and its state's organs are one source: "Iran" and "the Iranian foreign ministry", "Japan" and
    "Japanese Prime Minister Shigeru Ishiba" (the people's adjective begins with the country's name)."""
    return bool(re.fullmatch(r"[a-z]{3,}", country)) and _STATE.search(name) is not None \
        and re.search(rf"\b{re.escape(country)}[a-z]*\s", name) is not None


def _within(part: str, name: str) -> bool:
    """One name written whole inside the other ("heldmann" in "german carmaker heldmann"), as words: "australia"
    is not in "the australian beef exporters association"."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", name) is not None


def _apart(x: str, y: str) -> set[str]:
    """Name words that say where a source is from and so do not make two names one source: a people's adjective
    before both names' own words (`_demonyms`), or before the words of a body that is not the country's state,
    when the other name is the country: "Australia" is not "the Australian Beef Exporters Association"."""
    apart = _demonyms(x, y)
    for one, other in ((x, y), (y, x)):
        if not _STATE.search(one):
            apart |= _demonyms(one) & {w[:6] for w in re.findall(r"[a-z]+", other)} - _demonyms(other)
    return apart


def _initials(short: str, full: str) -> bool:
    """'the ONS' is the Office for National Statistics: an acronym of the capitalised words of the full name."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", full))
    return len(initials) >= 3 and any(acronym == initials for acronym in re.findall(r"\b[A-Z]{2,6}\b", short))


def _body(organisation: str | None) -> str:
    """The words that name an organisation's own body: "Heldmann's general works council" is the works
    council, not Heldmann."""
    parts = re.split(r"['’]s?\s+", organisation or "", maxsplit=1)
    return parts[1] if len(parts) == 2 and parts[1] else (organisation or "")
