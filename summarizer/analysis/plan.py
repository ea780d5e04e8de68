"""What a brief covers, decided by rule: the claims are grouped into topics (a disagreement between
sources, a counted quantity, or claims that say the same thing), the topics are ranked (lede position,
figures, named sources, disagreement, hedges), and each top topic gets a key point stated from its own
claims, with their source and hedges, so a point can neither overstate nor misattribute them. The
sides of a disagreement get a point each, so the brief gives every side its say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.analysis.conflicts import Candidate
from summarizer.analysis.speakers import same_source
from summarizer.analysis.fidelity import hedge_levels, names_source
from summarizer.analysis.figures import measure, names_a_thing
from summarizer.analysis.reported import VERBS
from summarizer.analysis.speakers import speaker_label
from summarizer.analysis.words import dice
from summarizer.models import Claim, KeyPoint

_PRONOUN_SUBJECT = re.compile(rf"^(He|She|It|They)\s+(?:also\s+|later\s+)?(?:{VERBS})\b")
# the same pronoun as the subject of the attribution that ends a statement: "..., she told broadcaster SIC." (a
# reporting verb and a few words that are no clause of their own: not "..., he told police he had drunk two beers",
# "After the match, he admitted the penalty was soft" or "..., she said, according to Reuters")
_PRONOUN_TAIL = re.compile(r",[\"'\u201d\u2019]?\s+(he|she|it|they)\s+(?:also\s+|later\s+)?(?:said|says|told|tells|added|adds|"
                           r"wrote|writes|noted|warned|warns|explained|stressed|insisted|argued|cautioned|predicted|"
                           r"estimated|estimates|claimed|claims|acknowledged|conceded)"
                           r"(?:\s+(?!(?:he|she|it|they|that|we|i)\b)[\w.'’-]+){0,6}[.!?]?$", re.I)
# a name a pronoun can stand for: a person's full name ("Ana Correia", "Erik ten Hag") for he and she, a body named
# with "the" or a name for it, "the" for they (not "Her deputy Rui Lopes", not "Doctors")
_PERSON_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:(?:de|da|do|dos|van|von|der|den|ten|ter|bin|al|el|la|le|di|du)\s+)?"
                          r"[A-Z][\w'’-]+)+")
_BODY_NAME = {"he": _PERSON_NAME, "she": _PERSON_NAME, "it": re.compile(r"the\s.+|[A-Z].*"),
              "they": re.compile(r"the\s.+")}
SAME_TOPIC = 0.45  # content-word overlap at which two claims say the same thing
MAX_POINTS = 8
SPREAD = 0.5  # score a topic loses for each point its source already has


@dataclass
class Topic:
    kind: str  # "disagreement", "figure" or "event"
    label: str
    claims: list[Claim] = field(default_factory=list)
    sides: list[list[Claim]] = field(default_factory=list)  # a disagreement's sides, one list per source
    score: float = 0.0

    @property
    def first(self) -> int:
        return min(_position(c) for c in self.claims)


def _position(c: Claim) -> int:
    ev = c.evidence[0]
    m = re.search(r"\d+", ev.sentence_id)
    return (int(c.article[1:]) if c.article and c.article[1:].isdigit() else 0) * 10_000 + (int(m.group()) if m else 0)


def topics(claims: list[Claim], conflicts: list[Candidate]) -> list[Topic]:
    """Claims into topics: each disagreement first, then what a figure counts, then the same statement."""
    claims = [c for c in claims if c.kind != "instruction"]
    placed: set[str] = set()
    out: list[Topic] = []
    opposed = {frozenset((x.a.id, x.b.id)) for x in conflicts}
    for cand in conflicts:
        ids = {cand.a.id, cand.b.id}
        if ids <= placed:
            continue
        home = next((t for t in out if ids & {c.id for c in t.claims}), None)
        if home is not None and cand.kind == "figures" and cand.topic != home.label:
            continue  # a claim with two figures (troops sent, casualties) is in one of their disputes
        if home is None:
            out.append(Topic("disagreement", cand.topic, [cand.a, cand.b], [[cand.a], [cand.b]]))
        else:  # a further answer in a disagreement already found joins its source's side (or is a new side),
            # never a side it is set against
            new = cand.a if cand.a.id not in placed else cand.b
            side = next((s for s in home.sides if (same_source(s[0], new) if cand.kind == "assertions" else
                                                   s[0].speaker.name == new.speaker.name)
                         and not any(frozenset((o.id, new.id)) in opposed for o in s)), None)
            if side is None:
                home.sides.append([new])
            else:
                side.append(new)
            home.claims.append(new)
        placed |= ids
    by_measure: dict[str, Topic] = {}
    for c in claims:
        if c.id in placed:
            continue
        labels = [measure(c, q) for q in c.quantities]
        label = next((x for x in labels if names_a_thing(x)), None)
        if label:
            topic = by_measure.get(label)
            if topic is None:
                topic = by_measure[label] = Topic("figure", label)
                out.append(topic)
            topic.claims.append(c)
            placed.add(c.id)
    for c in claims:
        if c.id in placed:
            continue
        home = next((t for t in out if t.kind == "event" and dice(t.claims[0].statement, c.statement) >= SAME_TOPIC),
                    None)
        if home is None:
            out.append(Topic("event", c.statement[:60], [c]))
        else:
            home.claims.append(c)
        placed.add(c.id)
    return rank(out)


def rank(found: list[Topic]) -> list[Topic]:
    """Most important first: early in its article, with figures, from named sources, disputed, hedged."""
    length: dict[int, int] = {}
    for c in (c for t in found for c in t.claims):
        article = _position(c) // 10_000
        length[article] = max(length.get(article, 1), _position(c) % 10_000)
    everyone = [c for t in found for c in t.claims]
    for t in found:
        lede = max(1.0 - (_position(c) % 10_000 - 1) / length[_position(c) // 10_000] for c in t.claims)
        named = any(not c.speaker.is_article for c in t.claims)
        t.score = (3.0 * lede + 1.5 * any(c.quantities for c in t.claims) + 1.0 * named
                   + 8.0 * max(_centrality(c, everyone) for c in t.claims)
                   + 1.0 * (t.kind == "disagreement") + 0.3 * any(c.certainty.hedged for c in t.claims)
                   + 0.3 * min(3, len(t.claims) - 1))
    return _spread(sorted(found, key=lambda t: (-t.score, t.first)))


def _spread(ranked: list[Topic], penalty: float = SPREAD) -> list[Topic]:
    """The same topics, each next one taken greedily after lowering its score by `penalty` for every point
    its source already has: a source's fifth point must say much more than another source's first, so
    one voice does not fill the brief (an opposition leader's six points and no rebuttal)."""
    left, out, given = list(ranked), [], []
    while left:
        def adjusted(t: Topic) -> float:
            lead = voices(t)[0]
            return t.score - penalty * sum(same_source(lead, c) for c in given)
        best = max(left, key=lambda t: (adjusted(t), -t.first))
        left.remove(best)
        out.append(best)
        given += voices(best)
    return out


def _centrality(c: Claim, everyone: list[Claim]) -> float:
    """How much a claim shares with the rest of the article (mean content-word overlap): what the story is
    about scores high, a scene-setting anecdote low, wherever it stands."""
    others = [o for o in everyone if o is not c]
    return sum(dice(c.statement, o.statement) for o in others) / len(others) if others else 0.0


def named(c: Claim, after_own: bool = False) -> str:
    """A claim's statement with a pronoun subject replaced by its source's name ("She said engineers had
    flagged the buildings" -> "Selin Ozturk said ...", "..., she told broadcaster SIC" -> "..., Ana Correia
    told broadcaster SIC"), unless the sentence before it is its source's own."""
    text = c.statement.strip()
    if c.speaker.is_article or after_own:
        return text
    if pronoun := _PRONOUN_SUBJECT.match(text):
        return c.speaker.name[:1].upper() + c.speaker.name[1:] + text[pronoun.end(1):]
    if (tail := _PRONOUN_TAIL.search(text)) and not names_source(text, c.speaker.name) \
            and _BODY_NAME[tail.group(1).lower()].fullmatch(c.speaker.name):
        return text[:tail.start(1)] + c.speaker.name + text[tail.end(1):]
    return text


def say(c: Claim, after_own: bool = False) -> str:
    """A claim as a brief sentence: its statement (a pronoun subject replaced by the source's name), its
    source (unless the statement names it already), and its hedge when the statement dropped it.
    `after_own`: the sentence before it in the point is its source's own, which named them ("Abashidze
    denied that. He said ..."): the pronoun stays and no source is added."""
    text = named(c, after_own).rstrip(".")  # "He said wages rose" -> "Dalibor Kesić said ..."
    pronoun = _PRONOUN_SUBJECT.match(c.statement.strip()) or _PRONOUN_TAIL.search(c.statement.strip())
    # "..., Ana Correia told broadcaster SIC": the source and its relays are in the sentence
    told = text != c.statement.strip().rstrip(".") and all(r.lower() in text.lower() for r in c.attribution)
    notes = []
    if (not c.speaker.is_article or c.attribution) and not (after_own and pronoun):
        source = speaker_label(c)
        if not (names_source(text, c.speaker.name) or told) or c.speaker.is_article:
            notes.append(source)
    if c.certainty.hedged and not hedge_levels(text) and c.certainty.hedge_words:
        notes.append(f"hedged: '{c.certainty.hedge_words[0]}'")
    if notes:
        return f"{text} ({'; '.join(notes)})."
    # a statement that ends inside a quotation keeps its own stop: "... 'a worst case, not a forecast.'"
    return text if re.search(r"[.!?][\"'\u2019\u201d]+$|[!?]$", text) else text + "."


def representative(t: Topic) -> Claim:
    """The claim that states a topic best: figures first, then the earliest."""
    return sorted(t.claims, key=lambda c: (-len(c.quantities), _position(c)))[0]


def voices(t: Topic) -> list[Claim]:
    """The claim each source of a topic gets a point for: a disagreement's sides; otherwise the topic's
    representative claim, then one claim of every other source in it (a minister's forecast of the
    inflation rate is not hidden behind the article's figure for last month, nor one source's words behind
    another's on the same subject)."""
    if t.kind == "disagreement":
        return [side[0] for side in t.sides]
    out = [representative(t)]
    for c in sorted(t.claims, key=lambda c: (-len(c.quantities), _position(c))):
        if not any(same_source(c, o) for o in out):
            out.append(c)
    return out


MAX_WITH_SIDES = 12  # points at most when the article's disagreements need more room
REST = 4  # points left for the rest of the article beside the sides of its disagreements


def points_limit(ranked: list[Topic]) -> int:
    """How many key points a brief has: MAX_POINTS, or more when its disagreements have many sides (every
    side its point, and REST points for the rest of the article), up to MAX_WITH_SIDES."""
    sides = sum(len(t.sides) for t in ranked if t.kind == "disagreement")
    return min(MAX_WITH_SIDES, max(MAX_POINTS, sides + REST))


SIDE_CLAIMS = 3  # claims a side's point states at most: its position and the answers it gives


def key_points(ranked: list[Topic], limit: int = MAX_POINTS) -> list[KeyPoint]:
    """One point per top topic and source in it, stated by rule from its claims; each side of a disagreement
    its own point, stating the side's claims in the topic (a figure and what its source says of the other
    side's count), so an answer is never left out while the claim it answers is in."""
    points: list[KeyPoint] = []
    for t in ranked:
        if len(points) >= limit:
            break
        if t.kind == "disagreement":
            points += [side_point(side) for side in t.sides]
        else:
            points += [KeyPoint(text=say(c), claims=[c.id], origin="rule") for c in voices(t)]
    return points


def side_point(side: list[Claim], leave_out: set[str] = frozenset()) -> KeyPoint:
    """A side of a disagreement as one point: its claims in article order, those in `leave_out` (stated
    elsewhere already) aside."""
    told = [c for c in side if c.id not in leave_out][:SIDE_CLAIMS] or side[:1]
    told.sort(key=_position)
    said = [say(c, after_own=k > 0 and same_source(c, told[k - 1])) for k, c in enumerate(told)]
    return KeyPoint(text=" ".join(said), claims=[c.id for c in told], origin="rule")


def point_topics(ranked: list[Topic]) -> list[Topic]:
    """The topic of each point key_points() makes, in the same order."""
    return [t for t in ranked for _ in voices(t)]
