"""What a brief sentence may say, given the claims it cites: no figure they do not carry, no more certainty
than they have (a hedged claim keeps a hedge of its level or weaker, or the source's own quoted words),
and no source that is not theirs. The brief's validators, its repair rules and the evaluation use these."""

from __future__ import annotations

import re

from summarizer.analysis.figures import IDS, quantities, unsupported_numbers
from summarizer.analysis.hedges import LEVELS, expects
from summarizer.analysis.reported import VERBS
from summarizer.analysis.vocabulary import COMPANY_NAME, PERSON_ROLES
from summarizer.analysis.words import content_words
from summarizer.models import Claim

# distance from certainty of each yardstick level: a hedge is at least as weak as another when its distance is
# at least as large, on the same side of even chances
_P = {"asserted": 1.0, "almost certain": 0.95, "highly likely": 0.85, "likely": 0.65, "realistic possibility": 0.45,
      "unlikely": 0.25, "highly unlikely": 0.12, "remote chance": 0.05}
_NAME_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "by", "its", "their", "his", "her", "reports",
              "report", "said", "says", "sources", "source", "officials", "official", "who", "which", "that", "article",
              "according", "via", "news", "agency", "spokesperson", "spokesman", "minister", "ministry", "government"}


def support_text(claims: dict[str, Claim], ids: list[str]) -> str:
    """What cited claims support: their statements, their evidence, and their article's date."""
    return " ".join(f"{claims[i].statement} {' '.join(e.text for e in claims[i].evidence)} {claims[i].published or ''}"
                    for i in ids if i in claims)


def figure_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    bad = unsupported_numbers(IDS.sub(" ", text), support_text(claims, ids))
    if bad:
        return (f"{text[:60]!r} has figures {bad} that none of its cited claims {ids} carries; cite the claim "
                "that gives the figure or leave the figure out")
    return None


SUPPORTED = 0.75  # share of a brief sentence's content words its cited claims must carry


def support_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A brief sentence adds nothing its cited claims do not say: most of its content words occur in
    their statements or evidence (source names and hedges count as theirs)."""
    words = content_words(IDS.sub(" ", text))
    if len(words) < 4:
        return None
    have = content_words(support_text(claims, ids) + " " + " ".join(
        " ".join(source_names(claims[i]) + claims[i].certainty.hedge_words) for i in ids if i in claims))
    for part in [text, *_CLAUSE.split(text)[1:]]:  # the whole, and each clause after the first: a long
        # sentence that restates its claim may not hide a clause of its own ("..., but the figure was inflated")
        words = content_words(IDS.sub(" ", part))
        missing = sorted(words - have)
        if len(words) >= 4 and len(missing) > (1 - SUPPORTED) * len(words):
            return (f"{text[:60]!r} says things its cited claims {ids} do not ({', '.join(missing[:5])}); restate "
                    "only what the cited claims say")
    return None


# qualifiers that bound a figure: without them "at least 312 dead" becomes an exact toll
BOUNDS = frozenset({"more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost", "over",
                    "under", "close to", "as many as", "as few as", "below", "above"})


# a bound the text words itself: "has passed 312", "a minimum of 312", "312 or more", "65 and older"
_BOUND_BEFORE = re.compile(r"\b(?:passed|passes|passing|exceeded|exceeds|topped|tops|surpassed|surpasses|beyond|"
                           r"minimum of|maximum of|younger than|older than|fewer than|less than|more than|over-?|"
                           r"under-?|upwards of|in excess of)\s*$", re.I)
_BOUND_AFTER = re.compile(r"\s*(?:or (?:more|fewer|less|over|under|above|below)|and (?:older|over|above|up|younger|"
                          r"under|below)|plus\b|\+)", re.I)
_SPAN = re.compile(r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)$", re.I)


def bound_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A brief sentence or title keeps a figure's bound: a figure it gives bare ("rises to 312") is one its
    cited claims give bare at least once, not only as "at least 312" or "nearly 300"."""
    given: dict[float, set[str | None]] = {}
    for i in ids:
        if i in claims:
            for x in (claims[i].statement, *(e.text for e in claims[i].evidence)):
                for q in quantities(x):
                    bound = q.qualifier in BOUNDS and not (q.qualifier in ("over", "under") and _SPAN.match(
                        q.text.split()[-1]))  # "over 3 days" is a time, not a bound
                    given.setdefault(q.value, set()).add(q.qualifier.lower() if bound else None)
    said = IDS.sub(" ", text)
    for q in quantities(said):
        at = said.find(q.text)
        worded = at >= 0 and (_BOUND_BEFORE.search(said[:at]) or _BOUND_AFTER.match(said[at + len(q.text):]))
        if q.qualifier is None and not worded and (quals := given.get(q.value)) and None not in quals:
            return (f"{text[:60]!r} gives {q.text!r} bare where its cited claims say '{sorted(quals)[0]} {q.text}'; "
                    "keep the figure's qualifier")
    return None


# a negation and the words it negates: "no pilots would be made redundant", "will not close the plant"
_NEGATION = r"(?:no|not|never|nor|none of the|n[’']t)"
_NEGATED = re.compile(rf"\b{_NEGATION}\s+((?:[\w'’-]+\s+){{2,}}?[\w'’-]+)(?=\s*(?:[,.;:!?]|$|\s+(?:and|but|or)\b))", re.I)


def _affirms(text: str, phrase: str) -> bool:
    """The text says `phrase` at least once without a negation right before it."""
    return any(not re.search(rf"\b{_NEGATION}\s*$", text[:m.start()])
               for m in re.finditer(rf"\b{re.escape(phrase)}\b", text))


def negation_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A brief sentence keeps its claims' negations: what a cited claim says is not so ("no pilots would be
    made redundant") is not said to be so ("disputes that pilots would be made redundant") unless a cited
    claim says it without the negation too."""
    low = " ".join(text.lower().split())
    support = [" ".join(x.lower().split()) for i in ids if i in claims
               for x in (claims[i].statement, *(e.text for e in claims[i].evidence))]
    for phrase in dict.fromkeys(m.group(1) for x in support for m in _NEGATED.finditer(x)):
        if len(phrase.split()) >= 3 and _affirms(low, phrase) and not any(_affirms(x, phrase) for x in support):
            return (f"{text[:60]!r} says {phrase!r} where its cited claims {ids} say it is not so; keep the "
                    "negation")
    return None


# words that say how much of a group holds a view: "most economists" is not "several economists"
QUANTIFIERS = ("most", "majority", "minority", "several", "many", "few", "some", "all", "every", "none", "half",
               "handful", "nobody", "everyone", "everybody")


def quantifier_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A brief sentence says how many of a group only as its cited claims do: every quantifier it uses
    ("most", "several", "all", ...) is a word of their statements or evidence."""
    support = support_text(claims, ids).lower()
    for word in QUANTIFIERS:
        if re.search(rf"\b{word}\b", text, re.I) and not re.search(rf"\b{word}\b", support):
            given = [q for q in QUANTIFIERS if re.search(rf"\b{q}\b", support)]
            return (f"{text[:60]!r} says '{word}' but its cited claims {ids} do not; say how many as they do"
                    + (f" ({', '.join(repr(q) for q in given)})" if given else ""))
    return None


_CLAUSE = re.compile(r",?\s+(?:but|while|whereas|although|though)\s+|;\s+|,\s+and\s+|"
                     r",\s+(?=(?:citing|blaming|because|due to|amid|after|following)\b)", re.I)  # ", citing weak demand"


def idle_citation_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """Every claim a sentence cites is one it states: the sentence uses at least one word that claim has and
    its other cited claims lack (in statement, evidence or source names). A bottom line on a withdrawal
    that also cites the other side's "recaptured the region" sends the reader to a claim it never makes."""
    if len(ids) < 2:
        return None
    said = content_words(IDS.sub(" ", text))
    own = {i: _claim_words(claims[i]) for i in ids if i in claims}
    for i, words in own.items():
        others = frozenset().union(*(w for j, w in own.items() if j != i))
        if not (words - others) & said:
            return (f"{text[:60]!r} cites claim {i} but states nothing of it that its other cited claims do not "
                    "say; cite only the claims the sentence restates")
    return None


def _claim_words(c: Claim) -> frozenset[str]:
    return content_words(" ".join([c.statement, *(e.text for e in c.evidence), *source_names(c)]))


def hedge_levels(text: str) -> list[str]:
    """The yardstick levels of the hedge words a text uses."""
    low = text.lower()
    found = []
    for level, cues in LEVELS:
        if any(re.search(rf"\b{re.escape(c)}\b", low) for c in cues) \
                or level == "realistic possibility" and expects(text):
            found.append(level)
    return found


def _at_most_as_certain(level: str, claim_level: str) -> bool:
    p, q = _P[level], _P[claim_level]
    if level == claim_level or level == "realistic possibility":
        return True
    same_side = (p - 0.5) * (q - 0.5) > 0
    return same_side and abs(p - 0.5) <= abs(q - 0.5)


def hedge_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A sentence restating a hedged claim must keep a hedge of the claim's level or weaker, or quote the
    source's own words (a quotation holding the claim's hedge word)."""
    levels = hedge_levels(text)
    quoted = " ".join(re.findall(r"[\"“']([^\"“”']{3,})[\"”']", text)).lower()
    for i in ids:
        c = claims.get(i)
        if c is None or not c.certainty.hedged or c.certainty.level == "asserted":
            continue
        if any(_at_most_as_certain(level, c.certainty.level) for level in levels):
            continue
        if quoted and any(h.lower() in quoted for h in c.certainty.hedge_words):
            continue
        words = ", ".join(repr(h) for h in c.certainty.hedge_words) or c.certainty.level
        return (f"{text[:60]!r} states as certain what claim {i} hedges ({words}); keep the hedge "
                f"('{c.certainty.hedge_words[0] if c.certainty.hedge_words else 'likely'}') or a weaker one")
    return None


def name_words(text: str, stop: set[str] | tuple[str, ...] = _NAME_STOP) -> set[str]:
    """The distinctive words of a source's name ('Oleksandr Kindratenko' -> {'oleksa', 'kindra'}); `stop`
    is the words that say nothing about which source it is."""
    return {w[:6] for w in re.findall(r"[a-z][a-z'’-]{2,}", text.lower()) if w not in stop}


_COUNTED = re.compile(r"(?:one|two|three|four|five|several|a few)\s+(?=(?:people|persons?|sources?|officials?|executives?|"
                      r"diplomats?)\s)", re.I)


def names_source(text: str, name: str, stop: set[str] | tuple[str, ...] = _NAME_STOP) -> bool:
    """The text names the source called `name`: one of the name's distinctive words is a word of the text, or
    another form of a proper name ('Ukraine', 'Ukrainian': the same first six letters) written with a capital.
    A lower-case word matches only itself: 'the islands' is no mention of 'Island councillor Magnus Flett'. An
    owner in the name is not the source ('Peru' does not name "Peru's civil defence agency")."""
    if counted := _COUNTED.match(name.strip()):  # "two people familiar with the matter": no word of it names them
        return name.strip()[counted.end():].lower() in text.lower()  # ("two years" does not), only the description
    words = re.findall(r"[^\W\d_][\w'’-]{2,}", name)
    own = {w.lower() for w in _words(" ".join(w for w in words if not re.search(r"['’]s$", w)))} - set(stop)
    own = own or {w.lower() for w in _words(name)} - set(stop)
    for w in _words(text):
        low = w.lower()
        if low in own or w[:1].isupper() and any(len(o) >= 5 and o[:6] == low[:6] for o in own):
            return True
    return False


def _words(text: str) -> list[str]:
    """Words of three letters or more, with any possessive 's cut off ("Flett's" -> "Flett")."""
    return [re.sub(r"['’]s$", "", w) for w in re.findall(r"[^\W\d_][\w'’-]{2,}", text)]


def source_names(c: Claim) -> list[str]:
    """The names a claim's source goes by: speaker, role, organisation, relays."""
    names = [c.speaker.name, c.speaker.organisation or "", *c.attribution]
    return [n for n in names if n and not c.speaker.is_article or n in c.attribution]


def attribution_problem(text: str, claims: dict[str, Claim], ids: list[str],
                        known: list[str] | None = None) -> str | None:
    """Every source the sentence names must be a source of a claim it cites (speaker, organisation or
    relay) or be named in that claim's evidence. `known`: every source name the claims know (all
    speakers, organisations and relays); without it, only 'according to X' phrases are checked."""
    cited = [claims[i] for i in ids if i in claims]
    allowed: set[str] = set()
    for c in cited:
        allowed |= name_words(" ".join([*source_names(c), c.speaker.role or "", *(e.text for e in c.evidence)]))
    named = [m.group(1) for m in re.finditer(r"\baccording to (?:the )?([^,.;:()]{2,80})", text, re.I)]
    named += [n for n in (known or []) if _named_as_source(text, n)]
    for name in named:
        words = name_words(name)  # at least half of its words: "Parents at St Aidan's Primary" is not named by
        if words and 2 * len(words & allowed) < len(words):  # "three primary schools" in a cited sentence
            return (f"{text[:60]!r} names {name.strip()!r}, but none of its cited claims {ids} comes from them; "
                    "say only who the cited claims come from")
    return None


def unnamed_source_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """A sentence that restates a claim of a named source names that source (its name, organisation or
    role: 'Kesić', 'the finance minister', 'the federation'): a forecaster's view is not the brief's fact."""
    for i in ids:
        c = claims.get(i)
        if c is None or c.speaker.is_article:
            continue
        own = " ".join([c.speaker.name, c.speaker.organisation or "", c.speaker.role or ""])
        if name_words(own, _FILLER) and not names_source(text, own, _FILLER):
            return (f"{text[:60]!r} restates claim {i} without naming its source ({c.speaker.name}); "
                    "say who says it")
    return None


# here a role or a document ('the finance minister', 'the report') names its source too
_FILLER = ("the", "and", "for")


# what several sources do ("Prosecutors claim ...", "Economists expect ...")
_PLURAL_VERBS = r"claim|allege|argue|contend|insist|maintain|believe|estimate|report|warn|deny|accuse|expect|note|say"
_SAYS = re.compile(rf"^(?:'s|’s)?\s*(?:,[^,]{{0,60}},)?\s*(?:\w+\s+){{0,2}}?(?:{VERBS}|{_PLURAL_VERBS})\b", re.I)
_BY = re.compile(r"(?:according to|as stated by|as reported by|said|says|told|via|by|from)\s+(?:the\s+)?$", re.I)


# verbs whose clause is another source's account or no account: "denies shelling", "rejects Holm's claims"
_NOT_AN_ACCOUNT = re.compile(r"(?i:den(?:y|ies|ied)|reject(?:s|ed)?|disput(?:e|es|ed)|dismiss(?:es|ed)?|refut(?:e|es|ed)|"
                             r"accus(?:e|es|ed)|urg(?:e|es|ed)|found|call(?:s|ed)?)$")
_PASSIVE_AFTER = re.compile(r"\s*(?:of|to|for|as|by|responsible|guilty|liable)\b", re.I)


def misattribution_problem(text: str, claims: dict[str, Claim], known: list[str]) -> str | None:
    """What the text has a source say ("Northern Front claims rebels fired mortar rounds", "Health Minister
    claims cases are rising") is said by one of that source's claims: at least half of the content words of
    the clause after "X says" are in one of them. X is a source's name or a speaker's role or title. A title
    may not hand one side's account to the other."""
    for name in known:
        if not _named_as_source(text, name):
            continue
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]{2,}", name) if w.lower() not in _NAME_STOP]
        if not words:
            continue
        theirs = [c for c in claims.values() if name_words(name) & name_words(" ".join(source_names(c)))]
        for m in re.finditer(rf"\b{re.escape(words[-1])}\b(?:['’]s?)?", text, re.I):
            if (clause := _unsaid(text, m.end(), theirs, name=name)) is not None:
                return (f"{text[:60]!r} has {name} say {clause!r}, which none of their claims says; "
                        "give each source only its own account")
    for role, theirs in _roles(claims).items():  # "Health Minister Claims ...": the minister's claims
        for m in re.finditer(rf"\b{re.escape(role)}\b(?!['’])", text, re.I):
            before = text[:m.start()].split()
            if before and (re.fullmatch(r"(?:to|of|for|by|with|against)", before[-1], re.I) or re.search(r"['’]s?$", before[-1])
                           or before[-1][:1].isupper() and before[-1].lower() not in role
                           and before[-1].lower() not in ("the", "a", "an", "its", "our", "their")):
                continue  # "Adviser to Health Minister Says", "Ukrainian President Says" (another president)
            if (clause := _unsaid(text, m.end(), theirs, name=role)) is not None:
                return (f"{text[:60]!r} has the {role} say {clause!r}, which none of their claims says; "
                        "give each source only its own account")
    for m in _ACCORDING_TO.finditer(text):  # "Rovers have not agreed a fee, according to Spanish media": the
        # media reported the deal the club denies; what the text gives them must be their claim or their report
        who, said = m.group("who").strip(), content_words(m.group("clause"))
        pool = [t for c in claims.values() if name_words(who) & name_words(" ".join(source_names(c)))
                for t in (c.statement, *(e.text for e in c.evidence))]
        reported = re.compile(rf"\b{re.escape(who)}\s+(?:[\w'’-]+\s+){{0,2}}?(?:{VERBS})\s+(?:that\s+)?(?P<what>[^.;]+)|"
                              rf"(?P<before>[^.;\"”]+?)[,\"”]+\s+(?:the\s+)?{re.escape(who)}\s+(?:{VERBS})\b", re.I)
        pool += [r.group("what") or r.group("before") for c in claims.values() for e in c.evidence
                 for r in reported.finditer(e.text)]  # what the evidence has them report, after or before the verb
        if pool and len(said) >= 2 and not any(3 * len(said & content_words(p)) >= len(said) for p in pool):
            return (f"{text[:60]!r} gives {m.group('clause').strip()[:50]!r} as what {who} says, which none of "
                    "their claims says; give each source only its own account")
    return None


def _unsaid(text: str, at: int, theirs: list[Claim], name: str = "") -> str | None:
    """The clause that `text` has its source say after position `at` ("says rebels fired first"), when none of
    `theirs` (that source's claims, statement or evidence) holds half of its content words. A role between the
    source's `name` and the verb that is another form of its word makes another sayer ("Health minister says" is
    the minister, not the health ministry; "Hamas official says" is Hamas's); so does any other role after a
    role ("Health Minister Adviser says")."""
    says = _SAYS.match(text[at:])
    own = {w[:6] for w in re.findall(r"[a-z]+", name.lower())}
    gap = [w for w in says.group(0).split()[:-1] if PERSON_ROLES.fullmatch(w)] if says else []
    if says is None or any(w.lower()[:6] in own or PERSON_ROLES.fullmatch(name) for w in gap) or re.search(r"\b(?:not|never)\b|n[’']t\b", says.group(0), re.I) \
            or _NOT_AN_ACCOUNT.match(text[at:][says.start():says.end()].split()[-1]) \
            or _PASSIVE_AFTER.match(text[at + says.end():]):
        return None  # "denies shelling Kessa" answers another's account; "accused of shelling" is done to them
    clause = re.split(r"[,;:]|[.!?](?:\s|$)|\s+(?:but|while|as|after)\s+|\s+and\s+(?=[A-Z])", text[at + says.end():])[0]
    said = content_words(clause)  # their claims in their own words too: the evidence
    if len(said) >= 2 and not any(2 * len(said & content_words(t)) >= len(said) for c in theirs
                                  for t in (c.statement, *(e.text for e in c.evidence))):
        return clause.strip()
    return None


# a title before a person's name: "Health Minister Karim Osei", "Prime Minister Jan Novak"
_TITLE = re.compile(r"^(?P<title>(?:[A-Z][a-z]+\s+){0,2}?(?:Minister|President|Secretary|Governor|Mayor|Chancellor|"
                    r"Premier|Senator|Chairman|Chairwoman|Director|Commissioner|Ambassador|Prosecutor|Judge|General|"
                    r"Colonel|Chief))\s+[A-Z]")


def _roles(claims: dict[str, Claim]) -> dict[str, list[Claim]]:
    """Each speaker's role or title ("health minister", "Health Minister" of "Health Minister Karim Osei"), of
    four letters or more, with the claims of the speakers who have it."""
    out: dict[str, list[Claim]] = {}
    for c in claims.values():
        if c.speaker.is_article:
            continue
        title = _TITLE.match(c.speaker.name) if not COMPANY_NAME.search(c.speaker.name) else None  # "General Motors"
        for role in {r.lower() for r in (c.speaker.role, title and title.group("title")) if r and len(r) >= 4}:
            out.setdefault(role, []).append(c)
    for role, theirs in out.items():  # "Karim Osei" is the "Health Minister Karim Osei" of another claim
        people = {c.speaker.name.split()[-1] for c in theirs}
        theirs += [c for c in claims.values() if not c.speaker.is_article and c not in theirs
                   and c.speaker.name.split()[-1] in people]
    return out


_ACCORDING_TO = re.compile(r"(?:^|[.;:]\s+)(?P<clause>(?:[^.;:]|\.(?=\d)|(?<=\b[A-Z])\.)+?),?\s+according\s+to\s+"
                           r"(?:the\s+)?"
                           r"(?P<who>[^,.;:()]{2,60}?)\s*(?=[,.;:()]|$)", re.I)


def _named_as_source(text: str, name: str) -> bool:
    """The sentence gives `name` as the source of something: 'according to X', 'X said', 'X told', or the
    source note '(X via Y)' of a rule-made point; a mere mention ('more than the agency's total') is not."""
    if not _mentions(text, name):
        return False
    low, words = text.lower(), [w for w in re.findall(r"[A-Za-z][\w'’-]{2,}", name) if w.lower() not in _NAME_STOP]
    for w in words:
        for m in re.finditer(rf"\b{re.escape(w.lower())}\b", low):
            after, before = text[m.end():m.end() + 80], text[max(0, m.start() - 40):m.start()]
            note = text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start()) and text.rstrip(". ").endswith(")")
            if _SAYS.match(after) or _BY.search(before) or note:
                return True
    return False


def _mentions(text: str, name: str) -> bool:
    """The text names the source: all of the name's distinctive words, or its last distinctive word when
    that is a proper name ('Kindratenko' for 'Oleksandr Kindratenko')."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]{2,}", name) if w.lower() not in _NAME_STOP]
    if not words:
        return False
    low = text.lower()
    if all(re.search(rf"\b{re.escape(w.lower())}", low) for w in words):
        return True
    last = words[-1]
    return last[:1].isupper() and len(words) > 1 and re.search(rf"\b{re.escape(last)}\b", text) is not None
