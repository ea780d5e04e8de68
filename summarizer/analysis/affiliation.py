"""A speaker's role and organisation: what the model gives is kept only where the article gives it to that
speaker, and what the wording implies is found by rule ("Its spokeswoman, Lena Morva," speaks for the body
just named; "Chief executive Joost Verhaegen" for the company just named; "a company spokeswoman" for the
company that spoke last)."""

from __future__ import annotations

import re
from collections.abc import Callable

from summarizer.analysis.fidelity import name_words
from summarizer.analysis.reported import Reading, Source, is_document, kind_of, outlet_key
from summarizer.analysis.vocabulary import (A_BODY, COMPANY_ENDS, COMPANY_NAME, COMPANY_WORDS, CORPORATE_ROLES, NOT_A_PERSON,
                                            NOT_COMPANY, OFFICERS, ORG_WORDS)
from summarizer.models import Claim, Document


def shared_employers(claims: list[Claim], ruled: set[str]) -> list[Claim]:
    """A speaker's organisation, given at one claim ("Its spokeswoman, Lena Morva, said ..."), is theirs at
    every claim of the same name that has none ("She said the group had only returned fire."), when the claims
    give them one only, and it is a body of more than one word that is not the speaker itself (a single word is
    as often a place or a venue: "told parliament", "Cambados"), or one the wording gave by rule (`ruled`:
    "Chief executive Joost Verhaegen" just after "Carrow ... said")."""
    known: dict[str, set[str]] = {}
    for c in claims:
        org = c.speaker.organisation
        if not c.speaker.is_article and org and (len(org.split()) > 1 or org in ruled) \
                and not name_words(org) <= name_words(c.speaker.name):
            known.setdefault(c.speaker.name, set()).add(org)
    return [c.model_copy(update={"speaker": c.speaker.model_copy(update={"organisation": next(iter(orgs))})})
            if not c.speaker.is_article and not c.speaker.organisation
            and len(orgs := known.get(c.speaker.name, set())) == 1 else c for c in claims]


def in_text(value: str, text: str) -> bool:
    """Every word of value occurs in text as a word (a plural or possessive ending aside): a role or relay
    the model made up is not kept, nor "Martin Keller's law firm" because the article has "lawyer"."""
    text = text.lower()
    words = re.findall(r"[^\W_]{2,}", value.lower())
    return bool(words) and all(re.search(rf"\b{re.escape(w)}(?:e?s|['’]s?)?\b", text) for w in words)


_LEAD_THE = re.compile(r"(?i:the)\s")
# the last word of a body's name that many bodies share: "the Rapid Support Forces" is not named by "the Sudanese
# Armed Forces" (a surname names a person; this word names no one)
_GENERIC_LAST = re.compile(r"forces|army|party|front|movement|bank|council|union|group|association|federation|"
                           r"institute|office|agency|ministry|department|authority|commission|committee|court|police|"
                           r"service|services|trust|fund|foundation|alliance|coalition|network|society|organi[sz]ation|"
                           r"university|hospital|company|corporation|airlines?|airways|motors|energy|holdings")


def _surname(speaker: str) -> str | None:
    """The last word of a speaker's name that may name them alone ("Kesić"), lower-cased; a body's generic last
    word ("Forces") names no one."""
    words = speaker.split()
    last = words[-1] if words and words[-1][:1].isupper() else None
    return last.lower() if last and not _GENERIC_LAST.fullmatch(last.lower()) else None


def _described(value: str | None, speaker: str, evidence: str, doc: Document) -> str | None:
    """A role or organisation the model gave a speaker, kept only where the article gives it to them: in
    the claim's evidence or in a sentence that names the speaker ("Finance Minister Dalibor Kesić", not
    the central bank two paragraphs up)."""
    value = _clean(value)
    if not value:
        return None
    name = re.sub(r"^(?:the|a|an)\s+", "", speaker.lower())
    words = speaker.split()
    # a person named by surname alone ("Kesić said") is still named; a common noun ("the agency's total"
    # in the governor's sentence) names no one
    last = _surname(speaker) if len(words[-1] if words else "") > 3 else None
    naming = [s.text for s in doc.sentences if name in s.text.lower() or last and last in s.text.lower()]
    return value if any(in_text(value, t) for t in [evidence, *naming]) else None


def role_of(value: str | None, speaker: str, evidence: str, doc: Document) -> str | None:
    """The speaker's role, as _described, and standing next to their name somewhere (not "first officers",
    the people the association speaks of, in "It said the airline had told 140 first officers ...")."""
    value = None if is_document(speaker) else _described(value, speaker, evidence, doc)
    if value and kind_of(speaker) == "organisation" and (ORG_WORDS.search(speaker) or _LEAD_THE.match(speaker)) \
            and re.search(rf"\b(?:{OFFICERS}|{CORPORATE_ROLES})\b", value, re.I):
        return None  # "the association's chief executive" is the association's officer, not what it is
    if value and value == value.lower() and re.search(
            rf"\b(?:told|(?:speaking|spoke|talking|talked)\s+to|interview\s+with|writing\s+in)\s+(?:the\s+|a\s+|an\s+)?"
            rf"(?:[\w'’]+\s+){{0,2}}?{re.escape(value.strip())}\b", evidence, re.I):
        return None  # whom the speaker spoke to ("told the newspaper Kathimerini": newspaper), not what they are
    if value and re.fullmatch(r"(?:[\w-]+-)?[a-z]+ed", value.strip()):
        return None  # a verb of the sentence ("which part-funded the research"), not what the speaker is
    if value and re.fullmatch(r"[a-z]*[a-rt-z]s", value.strip()) and value.strip() not in speaker.lower():
        return None  # people the speaker speaks of ("several witnesses said officers fired"), unless the speaker is
        # them ("economists surveyed by the daily": economists)
    words = " ".join(w for w in re.findall(r"[^\W_]+", value or "") if len(w) > 3)  # "of", "the" may be the model's
    return value if value and _near(words or value, speaker, [evidence, *(x.text for x in doc.sentences)]) else None


def employer_of(value: str | None, speaker: str, evidence: str, doc: Document, via: list[str],
              publisher: str | None, relays: list[str] = ()) -> str | None:
    """The speaker's organisation, as _described, but never the outlet they spoke to ("a company
    spokeswoman told AFP": AFP relays her words, it does not employ her) nor the article's publisher, nor
    an outlet the speaker spoke to elsewhere in the article (`relays`), as the article describes it."""
    value = _described(value, speaker, evidence, doc)
    if value and not _near(value, speaker, [evidence, *(x.text for x in doc.sentences)]):
        return None  # named in the sentence, but not as the speaker's: "talks to sell the plant to carmaker Z"
    if value and (kind_of(value) == "outlet" or value in via) and any(
            outlet_key(value) == outlet_key(v) for v in [*via, *([publisher] if publisher else [])]):
        return None  # (a relay the wording found: "in an interview with Sky TG24")
    if value and any(_described_relay(value, v) for v in (*via, *relays)):
        return None  # "told local station WEBN", "told state broadcaster NHK": the relay, described (also at
        # her other claims: "'He never had a chance,' Carter said.")
    return _body_of(value, speaker, [evidence, *(x.text for x in doc.sentences)]) if value else value


def _described_relay(value: str, relay: str) -> bool:
    """`value` is the relay's own name after a few lower-case words that describe it ("local station WEBN",
    "the state broadcaster NHK"), perhaps after the place it is in ("Greece's public broadcaster ERT"); not a body
    of its own ("Ministry of Health" and a relay "Health", "the
    owner of WEBN", "the student newspaper" and a relay "the newspaper", which has no name of its own)."""
    if not re.sub(r"^(?:the|a|an)\s+", "", relay.strip(), flags=re.I)[:1].isupper():
        return False
    head, _, tail = value.rpartition(" ")
    while head and outlet_key(tail) != outlet_key(relay) and " " in head:  # a relay of several words
        head, _, word = head.rpartition(" ")
        tail = f"{word} {tail}"
    place = _PLACE_OF.match(head)  # "Greece's public broadcaster ERT", "Japan's NHK": where the relay is
    head = head[place.end():] if place else head
    return bool(head or place) and outlet_key(tail) == outlet_key(relay) and len(head.split()) <= 3 \
        and head == head.lower() and not _LINK.search(head)


_PLACE_OF = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?['’]s(?:\s+|$)")


_LINK = re.compile(r"\b(?:of|for|at|with|from|in|by|on)\b|['’]s\b")


# "a company spokeswoman", "the firm's chief executive": the company the story is about, named before
_COMPANY_VOICE = re.compile(r"^(?:a|an|the)\s+(?:company|firm)(?:'s|’s)?\s+(?:spokes(?:man|woman|person)|official|"
                            r"representative|chief executive|executive)$", re.I)


# a name inside a sentence that is no day, month or people's adjective
_OTHER_NAME = re.compile(r"(?<=[a-z,] )(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December)\b)"
                         r"(?![A-Z][a-z]+(?:an|ese|ish|ic)\s+[a-z])[A-Z][a-z]+")  # "seven German factories": no name


def company_of(speaker: str | None, sentence_id: str, doc: Document, readings: dict[str, Reading]) -> str | None:
    """The organisation of a speaker named only as the company's ("a company spokeswoman"): the nearest
    organisation that spoke before in the article ("Southfield Water rejected the findings."). A speaker
    introduced as "Its spokeswoman, Lena Morva," speaks for the organisation of the sentence or two before
    ("The Northern Front denied firing first."), a public body too; "Chief executive Joost Verhaegen" for the
    company of the sentence or two before."""
    if not speaker:
        return None
    before = [s.id for s in doc.sentences[:int(sentence_id[1:]) - 1]][::-1]
    text = doc.sentence(sentence_id).text
    if re.match(rf"An?\s+(?:{OFFICERS})\b,\s+{re.escape(speaker)}\b", text) or re.fullmatch(
            r"(?:a|an|the)\s+spokes(?:man|woman|person)", speaker, re.I) and speaker.lower() in text.lower():
        # (also a spokeswoman named by her office alone: "Spain's health ministry disputed the findings. A
        # spokeswoman said its own system had recorded 2,100 deaths")
        # "Police denied this. A spokesman, Inspector Alvaro Medina, told ...": the body of the sentence just
        # before, if it names no other ("Israel's military said it had struck Hamas targets") and is no crowd
        return _recent_body(before[:1], doc, readings, _OTHER_NAME, lambda s: (
            s.kind == "organisation" or s.kind == "name" and bool(COMPANY_NAME.search(s.name)))
            and not re.search(r"(?:ers|ists|ents|esses|ians)$", s.name) and s.name != speaker)
    if re.match(rf"(?:Its|Their)\s+(?:[a-z][\w'’-]*\s+){{0,3}}?(?:{OFFICERS})\b,?\s+{re.escape(speaker)}\b", text):
        # "The regulator said Southfield Water had polluted the river. Its chief executive ...": "Its" may be
        # the company the regulator spoke of
        body = _recent_body(before[:2], doc, readings, A_BODY, lambda s: s.kind == "organisation" or s.kind == "name" and (
            s.name.lower().startswith("the ") or len(s.name.split()) == 1))
        return body
    owner = re.search(rf"\b{re.escape(speaker)},\s+(?:{_OWNED.format('noun')}|{_FOR.format('for')})|"
                      rf"\b{_OWNED.format('other')},\s+{re.escape(speaker)}\b", text, re.I)
    if owner:  # "said Ana Ferreira, the group's emergency coordinator": the group named just before
        noun = (owner.group("noun") or owner.group("for") or owner.group("other")).lower()
        # "Israel's military said it had struck Hamas targets ... said Abu Obeida, the group's spokesman": the
        # group may be the other name; "Police said a group of protesters ...": the group named there
        other = re.compile(rf"{_OTHER_NAME.pattern}|(?i:\b{re.escape(noun)}\b)")
        if owner.group("for"):  # "a spokeswoman for the agency": a body whose own name has the noun, or that the
            # article called so ("Fair Finance Watch, a coalition of development charities, said")
            called = {m.group(1) for i in before[:2] for m in re.finditer(
                rf"([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}{re.escape(noun)}\b",
                doc.sentence(i).text)}
            return _recent_body(before[:2], doc, readings, other, lambda s: s.name != speaker and (
                noun in s.name.lower().split() or re.sub(r"^[Tt]he\s+", "", s.name) in called))
        return _recent_body(before[:2], doc, readings, other, lambda s: s.name != speaker and _called(s, noun))
    if re.search(rf"\b(?:{CORPORATE_ROLES})\s+{re.escape(speaker)}\b", text, re.I) \
            or re.match(rf"(?i:{CORPORATE_ROLES})\s+[A-Z]", speaker) and speaker in text:  # "Chief executive X"
        # "Chief executive Joost Verhaegen said" just after "Carrow ... said": Carrow's chief executive, unless
        # that sentence names another ("Jefferies said the recall would cost Carrow ...")
        return _recent_body(before[:2], doc, readings, _OTHER_NAME, lambda s: s.kind in ("organisation", "name")
                            and not NOT_COMPANY.search(s.name) and s.name != speaker
                            and (s.kind == "organisation" or len(s.name.split()) == 1 or bool(COMPANY_NAME.search(s.name))))
    if not _COMPANY_VOICE.match(speaker):
        return None
    return next((r.speaker.name for r in (readings.get(i) for i in before) if r is not None and r.speaker is not None
                 and r.speaker.kind in ("organisation", "name") and not _COMPANY_VOICE.match(r.speaker.name)
                 and not NOT_COMPANY.search(r.speaker.name)), None)


# "the group's emergency coordinator", "the ministry's spokesman": an officer of a body the article just named
_OWNED = rf"the\s+(?P<{{}}>[a-z]+)(?:'s|’s)\s+(?:[a-z][\w-]*\s+){{{{0,3}}}}?(?:{OFFICERS})\b"
# "Grace Mwansa, a spokeswoman for the agency,": an officer of a body the article just named (not "a spokeswoman
# for the Zambia Environmental Management Agency", which names it)
_FOR = rf"(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){{{{0,3}}}}?(?:{OFFICERS})\s+(?:for|at|of|with)\s+the\s+(?P<{{}}>[a-z]+)\b(?!\s+[A-Z])"
# what a body is called that may be any organisation ("the group's"), whatever its name
_ANY_BODY = {"group", "organisation", "organization", "charity", "agency", "body", "alliance", "coalition", "campaign", "movement",
             "network", "foundation"}



def _called(s: Source, noun: str) -> bool:
    """The source may be what the article calls "the <noun>": a body with that word in its name ("the health
    ministry" for "the ministry's"), a company for a company word, any body for "the group's"."""
    if noun in s.name.lower().split():
        return True
    body = s.kind == "organisation" or s.kind == "name" and bool(NOT_A_PERSON.search(s.name) or COMPANY_NAME.search(s.name))
    if noun in _ANY_BODY:
        return body
    return body and bool(re.fullmatch(COMPANY_WORDS, noun)) and not NOT_COMPANY.search(s.name)


_OPENS_WITH_COMPANY = re.compile(rf"^(?:The\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,3}}\s+(?:{COMPANY_ENDS})\b")


def _recent_body(before: list[str], doc: Document, readings: dict[str, Reading], another: re.Pattern,
                 fits: Callable[[Source], bool]) -> str | None:
    """The first source that `fits` among the sentences `before`, unless what its sentence says after naming it
    names `another` body, which the speaker might speak for instead."""
    found = next(((i, r.speaker.name) for i, r in ((i, readings.get(i)) for i in before) if r is not None
                  and r.speaker is not None and fits(r.speaker)), None)
    if found is None or any(_OPENS_WITH_COMPANY.match(doc.sentence(i).text) for i in before[:before.index(found[0])]):
        return None  # a nearer sentence about another company ("Airbus said ... Boeing Company shares fell.")
    said = doc.sentence(found[0]).text
    rest = said[said.find(found[1]) + len(found[1]):] if found[1] in said else said
    rest = re.sub(r"^,\s+(?:a|an|the)\s+[^,]{2,80},", " ", rest)  # its own description ("CareBridge
    # International, a relief agency working in the region, put ...") names no other body
    return None if another.search(rest) else re.sub(r"^The\b", "the", found[1])


# a body of an organisation ("Heldmann's general works council", "the airline's pilots' union"): not the
# organisation itself, whose words it opposes
_BODY = r"(?:works council|council|union|board|committee|association|federation|panel|staff)"


def _body_of(value: str, speaker: str, texts: list[str]) -> str:
    """The organisation as the article gives it next to the speaker: 'Heldmann' becomes "Heldmann's general
    works council" when that is what the speaker chairs."""
    if value.lower() in speaker.lower() or speaker.lower() in value.lower():
        return value  # the organisation speaks itself ("Heldmann rejected an accusation by its works council")
    rx = re.compile(re.escape(value) + rf"['’]s?\s+(?:[\w'’-]+\s+){{0,3}}?{_BODY}\b", re.I)
    key = speaker.split()[-1] if speaker.split() else speaker
    for text in texts:
        for m in re.finditer(re.escape(key), text):
            body = rx.search(text[max(0, m.start() - NEAR):m.end() + NEAR])
            if body:
                return body.group()
    return value


NEAR = 100  # characters between a speaker's name and the organisation the article gives them


def _near(value: str, speaker: str, texts: list[str]) -> bool:
    """The organisation stands next to the speaker's name somewhere ("Sabine Krell, who chairs Heldmann's
    general works council", "Lena Brand, chief executive of Voss"), not only somewhere in the sentence.
    A speaker the texts never name (a pronoun's) keeps what _described allowed."""
    name = re.sub(r"^(?:the|a|an)\s+", "", speaker.lower()).strip()
    last = _surname(speaker)
    named = False
    for text in texts:
        low = text.lower()
        for key in dict.fromkeys(k for k in (name, last) if k and len(k) > 3):
            for m in re.finditer(re.escape(key), low):
                named = True
                if in_text(value, text[max(0, m.start() - NEAR):m.end() + NEAR]):
                    return True
    return not named


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value if value and value.lower() not in {"null", "none", "n/a", "unknown"} else None
