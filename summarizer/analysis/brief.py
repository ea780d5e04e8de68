"""The brief, from the claims alone. What it covers and its key points are planned and stated by rule
(plan.py): every point restates its claims with their source and hedges. The model writes the title
and the bottom line from the top points; that text must carry no figure, no certainty and no source its
cited claims lack (fidelity.py); a bottom line that fails is replaced by rule with a warning (re-asked first
only with Settings.brief_retries).
Disagreements between sources are found by rule (conflicts.py) and quote the claims themselves."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from itertools import combinations
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

import summarizer.prompts as prompts
from summarizer.analysis import conflicts, denials, plan
from summarizer.analysis.fidelity import (attribution_problem, bound_problem, figure_problem, hedge_problem,
                                           idle_citation_problem, misattribution_problem, negation_problem,
                                           quantifier_problem, source_names, support_problem, unnamed_source_problem)
from summarizer.analysis.speakers import relays, same_source, sources, speaker_label
from summarizer.analysis.words import content_words, dice
from summarizer.models import ArticleRef, Brief, Claim, Disagreement, Document, KeyPoint, Side, Usage, Warning_
from summarizer.structured.client import StructuredClient

PROMPT = "brief"
BOTTOM_POINTS = 4  # the model writes the bottom line from this many top points
MIN_POINTS = 3


def title_problem(title: str, by_id: dict[str, Claim], known: list[str]) -> str | None:
    """A title may say no more than a brief sentence: no certainty above the claims it restates (those
    sharing three content words, half of the title's, one of them said by at most two claims: a label such as
    "North Korean troops in Kursk" names the topic, it restates nothing), and no figure or source that no claim
    has."""
    words, said = content_words(title), {i: content_words(c.statement) for i, c in by_id.items()}
    claims_with = Counter(w for ws in said.values() for w in ws)
    restated = [i for i, ws in said.items() if len(shared := words & ws) >= 3 and len(shared) >= len(words) / 2
                and any(claims_with[w] <= 2 for w in shared)]
    return (hedge_problem(title, by_id, restated) or figure_problem(title, by_id, list(by_id))
            or bound_problem(title, by_id, list(by_id)) or attribution_problem(title, by_id, list(by_id), known)
            or misattribution_problem(title, by_id, known))


TITLE_MAX = 120  # characters; the answer's grammar stops a longer title mid-word

# a headline that gives its news as someone's: "Zambian villagers say river poisoned after copper mine spill"
_HEADLINE_SAYS = re.compile(r"^(?P<who>[^;:]+?)\s+(?:say|says|said|claim|claims|allege|alleges|fear|fears|warn|warns)\s+"
                            r"(?P<what>[^;:]+)", re.I)
_ATTRIBUTED = re.compile(r"\b(?:say|says|said|claimed|allege|alleges|alleged|according|fear|fears|feared|warn|warns|"
                         r"warned|accuse|accuses|accused|report|reports|reported|reportedly|estimate|estimates|"
                         r"estimated)\b|\bclaims?\s+(?=[\w$])|[:'\"‘“]", re.I)  # ("Harbourline Claims 1.2 Million
# Hit", but "Company Rejects Claim" at the end: a claim named is no attribution)


def headline_problem(title: str, headline: str | None, by_id: dict[str, Claim]) -> str | None:
    """A title may not state as fact what the article's headline gives as someone's word and no claim states:
    "Zambian River Poisoned" for "Zambian villagers say river poisoned"."""
    said = _HEADLINE_SAYS.match(headline or "")
    if not said or _ATTRIBUTED.search(title):
        return None
    claimed = set().union(*(content_words(" ".join([c.statement, *(e.text for e in c.evidence)]))
                            for c in by_id.values()))
    names = " ".join(re.findall(r"(?<=\s)[A-Z][\w'’-]*", said.group("what")))  # "Texas": a place, no one's word
    theirs = content_words(said.group("what")) - claimed - content_words(said.group("who")) - content_words(names)
    taken = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if content_words(w) & theirs]
    return (f"{title[:60]!r} states as fact what the headline gives as the word of {said.group('who').strip()} "
            f"({', '.join(repr(w) for w in taken)}); say who says it") if taken else None


def _title(candidates: list[str | None], by_id: dict[str, Claim], known: list[str],
           headline: str | None = None) -> tuple[str, list[str]]:
    """The first candidate (the model's title, the article's headline, the bottom line's opening words) that
    passes title_problem and headline_problem; the problems of those passed over become warnings."""
    dropped = []
    for k, text in enumerate(" ".join(t.split()) for t in candidates if t and t.strip()):
        problem = ("it was cut off at the length limit" if k == 0 and len(text) >= TITLE_MAX else None) \
            or title_problem(text, by_id, known) or headline_problem(text, headline, by_id)
        if problem is None:
            return text, dropped
        dropped.append(f"title {text[:60]!r} left out: {problem}")
    return "Brief", dropped


def known_sources(claims: list[Claim]) -> list[str]:
    """Every source name the claims know: speakers, organisations and relays."""
    names: dict[str, None] = {}
    for c in claims:
        for n in source_names(c):
            names[n] = None
    return list(names)


CHECKS = 20  # bump when sentence_problems, the draft's validators or _salvage change (see client.ask)


def _opens_quote(c: Claim) -> bool:
    """Evidence that opens with a quotation mark: someone's own words, whatever kind the model gave."""
    return c.evidence[0].text.lstrip()[:1] in "\"“"


def _quoted(c: Claim) -> bool:
    """A claim of someone's quoted words: kind 'quote', or evidence that opens with a quotation mark."""
    return c.kind == "quote" or _opens_quote(c)


def recite(text: str, by_id: dict[str, Claim], cited: list[str], offered: list[str], known: list[str],
           most: int = 4) -> list[str] | None:
    """The claims a brief sentence restates, when those it cites fail a check: among the cited claims and
    those of the points it was written from, the set with which every check passes that is closest to its
    own citations (fewest ids added or removed, then fewest ids), less any claim it passes without. None
    when no set passes. A small model often cites one point too many (whose source it then does not name)
    or one too few."""
    pool = [i for i in dict.fromkeys([*cited, *offered]) if i in by_id][:8]
    best: tuple[tuple[int, int], list[str]] | None = None
    for size in range(1, min(most, len(pool)) + 1):
        for ids in combinations(pool, size):
            score = (len(set(ids) ^ set(cited)), size)
            if (best is None or score < best[0]) and not sentence_problems(text, by_id, list(ids), known):
                best = (score, list(ids))
    if best is None:
        return None
    kept = best[1]
    for i in list(kept):  # a claim the sentence passes without is not one it restates
        if len(kept) > 1 and not sentence_problems(text, by_id, [k for k in kept if k != i], known):
            kept = [k for k in kept if k != i]
    return kept


def sentence_problems(text: str, by_id: dict[str, Claim], ids: list[str], known: list[str]) -> list[str]:
    """Everything a brief sentence must not do to the claims it cites (fidelity.py)."""
    return [p for p in (figure_problem(text, by_id, ids), hedge_problem(text, by_id, ids),
                        attribution_problem(text, by_id, ids, known), unnamed_source_problem(text, by_id, ids),
                        support_problem(text, by_id, ids), idle_citation_problem(text, by_id, ids),
                        quantifier_problem(text, by_id, ids), negation_problem(text, by_id, ids),
                        bound_problem(text, by_id, ids), misattribution_problem(text, by_id, known)) if p]


def brief_model(claims: list[Claim], known: list[str], offered: list[str] | None = None) -> type[BaseModel]:
    """The answer schema of the brief call; `offered` are the claims of the points the model is given,
    among which a bottom line's citations are corrected (recite) before it counts as failing."""
    by_id = {c.id: c for c in claims}
    ClaimId = Literal[tuple(by_id)]  # type: ignore[valid-type]
    all_ids = list(by_id)

    class BriefDraft(BaseModel):
        model_config = ConfigDict(extra="forbid")
        title: str = Field(min_length=3, max_length=TITLE_MAX)
        bottom_line: str = Field(min_length=8, max_length=400)
        bottom_line_claims: list[ClaimId] = Field(min_length=1, max_length=4)
        open_questions: list[str] = Field(max_length=2)

        @model_validator(mode="after")
        def _faithful(self):
            problems = sentence_problems(self.bottom_line, by_id, list(self.bottom_line_claims), known)
            fixed = recite(self.bottom_line, by_id, list(self.bottom_line_claims), offered or [], known) \
                if problems else None
            if fixed is not None:  # the model's sentence stands; its citations are the claims it restates
                self.bottom_line_claims, problems = fixed, []
            problems += [p for p in [figure_problem(self.title, by_id, all_ids)] if p]
            problems += [p for q in self.open_questions for p in [figure_problem(q, by_id, all_ids)] if p]
            if problems:
                raise ValueError("; ".join(problems))
            return self

        @field_validator("open_questions")
        @classmethod
        def _short_questions(cls, v: list[str]) -> list[str]:
            return [q for q in (" ".join(x.split()) for x in v) if q]

    return BriefDraft


@dataclass
class Written:
    """A brief (None when none could be written), what was dropped on the way, and what it cost."""
    brief: Brief | None
    warnings: list[Warning_] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def write_brief(doc: Document | None, claims: list[Claim], client: StructuredClient,
                articles: list[ArticleRef] | None = None, reasks: int = 0) -> Written:
    """The brief of one article (doc), or across several (articles; claim ids then start with the article).
    Its key points are planned and stated by rule (plan.py); the model writes the title and the bottom
    line from the top points, checked like every brief sentence, and replaced by rule when it fails.
    `reasks`: how often a failed answer is asked again before that (Settings.brief_retries)."""
    claims = [c for c in claims if c.kind != "instruction"]  # text aimed at a model never shapes the brief
    if not claims:
        return Written(None, [Warning_(stage="brief", message="no claims were extracted, so no brief was written")])
    by_id, known = {c.id: c for c in claims}, known_sources(claims)
    found = conflicts.candidates(claims)
    ranked = plan.topics(claims, found)
    points = plan.key_points(ranked, limit=len(ranked) + len(found))
    top = points[:BOTTOM_POINTS]
    rows = [{"text": p.text, "claims": p.claims} for p in top]
    if articles:
        refs = [a.model_dump(exclude={"source"}) for a in articles]  # where the files lie must not change the answer
        messages = prompts.render(PROMPT, boundary=prompts.boundary_for(json.dumps([rows, refs])), points=rows,
                                  title=None, date=None, articles=refs)
    else:
        messages = prompts.render(PROMPT, boundary=prompts.boundary_for(json.dumps(rows)), points=rows,
                                  title=doc.title, date=doc.date)
    offered = [i for p in top for i in p.claims]
    answer = client.ask(messages, brief_model(claims, known, offered), max_tokens=300, label="brief",
                        salvage=_salvage, checks=CHECKS, reasks=reasks)
    out = Written(None, [Warning_(stage="brief", message=m) for m in answer.warnings], answer.usage)
    draft = answer.data or {}
    if draft.get("bottom_line"):
        bottom, bottom_ids = bottom_line(draft["bottom_line"]), list(dict.fromkeys(draft["bottom_line_claims"]))
        if sentence_problems(bottom, by_id, bottom_ids, known):  # cut to its first sentences
            fixed = recite(bottom, by_id, bottom_ids, offered, known)
            bottom, bottom_ids = (bottom, fixed) if fixed is not None else (None, [])
    else:
        bottom, bottom_ids = None, []
    disputed = disagreements(found)
    if bottom is not None and one_sided(bottom_ids, [[s.claims for s in d.sides] for d in disputed], by_id,
                                        lead=claims[0].id):
        out.warnings.append(Warning_(stage="brief", message="the model's bottom line stated one side of a "
                                     "disagreement only; replaced by rule"))
        bottom, bottom_ids = None, []
    if bottom is not None and (lost := dangling(bottom_ids, found, by_id)):
        out.warnings.append(Warning_(stage="brief", message=f"the model's bottom line cites {lost}, a denial that "
                                     "points back to a claim it does not cite; replaced by rule"))
        bottom, bottom_ids = None, []
    if bottom is None:
        out.warnings.append(Warning_(stage="brief", message="bottom line stated by rule from the top key point"))
        bottom, bottom_ids = _rule_bottom_line(points, ranked, by_id, known, doc.title if doc else None)
    opening = bottom.split()
    opening = " ".join(opening[:12]).rstrip(",;:") + ("…" if len(opening) > 12 else "")
    title, dropped = _title([draft.get("title"), doc.title if doc else None, opening], by_id, known,
                            doc.title if doc else None)
    out.warnings += [Warning_(stage="brief", message=m) for m in dropped]
    points = [_without(p, bottom_ids, by_id) for p in points]
    kept = _distinct([p for p in points if not (repeats(p.text, bottom) or restates(p, bottom, bottom_ids))])
    limit = max(MIN_POINTS, min(plan.points_limit(ranked), len(ranked)))
    out.brief = Brief(
        title=title, bottom_line=bottom, bottom_line_claims=bottom_ids, key_points=whole_sides(kept, limit, disputed),
        disagreements=disputed, open_questions=list(draft.get("open_questions") or []),
        sources=sources(claims), relays=relays(claims))
    return out


def whole_sides(points: list[KeyPoint], limit: int, disputed: list[Disagreement]) -> list[KeyPoint]:
    """The first `limit` points, but never one side of a disagreement without its other sides: a side cut
    off by the limit comes in, and the last points that state no side make room for it."""
    dispute_of = {i: k for k, d in enumerate(disputed) for side in d.sides for i in side.claims}
    chosen = points[:limit]
    started = {dispute_of[i] for p in chosen for i in p.claims if i in dispute_of}
    missing = [p for p in points[limit:] if any(dispute_of.get(i) in started for i in p.claims)]
    out = chosen + missing
    for p in reversed(chosen):
        if len(out) <= limit:
            break
        if not any(i in dispute_of for i in p.claims):
            out.remove(p)
    return out


def one_sided(cited: list[str], disagreements: list[list[list[str]]], by_id: dict[str, Claim],
              lead: str | None = None) -> bool:
    """A bottom line that states one side of a disagreement and no other takes that side: a brief's first
    sentence must not settle what its sources dispute (a minister's "inflation will be below 5% by the
    summer" as the bottom line of a story in which a forecaster expects 8% to 10%). The article's own lead
    claim (`lead`) may stand alone: the brief then follows the reporter's lead, not a side it picked; and a
    denial that says what it denies ("denied a report that it plans to close three plants") states both
    sides itself."""
    told = set(cited)
    for sides in disagreements:
        touched = [side for side in sides if told & set(side)]
        if len(sides) < 2 or len(touched) != 1 or lead in told:
            continue
        if not any(denials.names_what_it_denies(by_id[i].statement) for i in told & set(touched[0]) if i in by_id):
            return True
    return False


def dangling(cited: list[str], found: list, by_id: dict[str, Claim]) -> str | None:
    """A cited denial that names what it denies only by pointing back ("did not recognise that figure") while
    the claim it answers is not cited: read after another claim, "that figure" would mean that claim's."""
    for i in cited:
        if i in by_id and denials.points_back(by_id[i].statement):
            answered = {x.id for f in found if i in (f.a.id, f.b.id) for x in (f.a, f.b)} - {i}
            if answered and not answered & set(cited):
                return i
    return None


def _rule_bottom_line(points: list[KeyPoint], ranked: list[plan.Topic], by_id: dict[str, Claim],
                      known: list[str], headline: str | None = None) -> tuple[str, list[str]]:
    """The bottom line by rule. When the article's lead claim is one side of a disagreement (a death toll
    that a governor puts higher), both sides, one sentence each: the lead is not skipped for a lesser point
    because sources differ on it (each side by its own first claim). Otherwise the lead's point unless it is a
    quote, ranked below the second plain point or shares fewer than two words with the headline (a feature's
    opening anecdote, "Manuel Outeiral cut the engine of his boat", is no bottom line); else the top point
    that is neither one side of a disagreement nor a quote ("a rope like this weighed 120 kilos" is none
    either)."""
    owners = plan.point_topics(ranked)
    top = min(ranked, key=lambda t: t.first) if ranked else None
    if top is not None and top.kind == "disagreement":
        sides = [p for p, t in zip(points, owners) if t is top][:2]  # each side by its first claim
        ids = [p.claims[0] for p in sides]
        text = " ".join(plan.say(by_id[i]) for i in ids)
        if len(sides) == 2 and not any(_opens_quote(by_id[p.claims[0]]) for p in sides) and bottom_line(text) == text \
                and not sentence_problems(text, by_id, ids, known):
            return text, ids
    plain = [p for p, t in zip(points, owners) if t.kind != "disagreement"]
    first = next((p for p, t in zip(points, owners) if t is top and not _quoted(by_id[p.claims[0]])), None)
    if top is not None and top.kind != "disagreement" and first is not None and first in plain[:2] and headline \
            and len(content_words(first.text) & content_words(headline)) >= 2 and not first.text.rstrip(".").endswith("?"):
        return first.text, first.claims  # the article's lead ("A magnitude 6.9 earthquake struck ..."), not a
        # detail ranked above it ("The quake hit at 4:12 a.m. at a depth of about 35 kilometres")
    lead = next((p for p in plain if not _quoted(by_id[p.claims[0]])), plain[0] if plain else points[0])
    return lead.text, lead.claims


def _without(point: KeyPoint, stated: list[str], by_id: dict[str, Claim]) -> KeyPoint:
    """A point of several claims (a side of a disagreement) less the claims the bottom line states already."""
    rest = [i for i in point.claims if i not in stated]
    if len(point.claims) < 2 or len(rest) in (0, len(point.claims)):
        return point
    return KeyPoint(text=" ".join(plan.say(by_id[i]) for i in rest), claims=rest, origin=point.origin)


def repeats(a: str, b: str) -> bool:
    """Two brief sentences that say the same: nearly the same characters, or nearly the same content words,
    and both deny or neither does ("rejected an accusation that it had opened talks" is the other side of
    "it had opened talks").
    (The quick ratios bound the full one from above, so most pairs never pay for it.)"""
    if denials.denies(a) != denials.denies(b):  # a denial does not repeat what it denies
        return False
    same = difflib.SequenceMatcher(None, a.lower(), b.lower())
    return same.real_quick_ratio() > 0.85 and same.quick_ratio() > 0.85 and same.ratio() > 0.85 or dice(a, b) >= 0.8


def restates(point: KeyPoint, bottom: str, bottom_ids: list[str]) -> bool:
    """A point the bottom line already makes: it cites only claims the bottom line cites, and one sentence
    of the bottom line shares at least half the content words of the two (the bottom line is often a point
    in other words: "denies closing three plants" for "denied a newspaper report that it plans to close
    three of its seven German factories"). A point whose claim the bottom line cites but does not state
    (it shares few words) stays."""
    from summarizer.ingest.document import split_sentences

    if not set(point.claims) <= set(bottom_ids):
        return False
    return any(dice(point.text, bottom[a:b]) >= 0.5 for a, b in split_sentences(bottom, 0, len(bottom)))


def _distinct(points: list[KeyPoint]) -> list[KeyPoint]:
    """A point that repeats an earlier one says nothing new, so it is left out."""
    kept: list[KeyPoint] = []
    for p in points:
        if not any(repeats(p.text, k.text) for k in kept):
            kept.append(p)
    return kept


def disagreements(found: list) -> list[Disagreement]:
    """Found by rule, not written by the model: each side quotes its sources' claims (a source under two
    names, same_source, is one side; so are the sources that answer the same claim and never
    each other: a company's denial of a report and its chief executive's "the figures in that report are
    wrong" stand together against the report; a disagreement left with one side is none).
    (The 1.5B default model, asked for disagreements, wrote sides such as 'likely' from source 'C1'.)"""
    out = []
    for topic, group in conflicts.groups(found):
        sides = _opposed(group, found) or _by_source(group)
        if len(sides) < 2:
            continue
        out.append(Disagreement(topic=topic, origin="rule", sides=[
            Side(source=", ".join(dict.fromkeys(speaker_label(c) for c in _one_per_source(side))),
                 position=" ".join(plan.named(c, after_own=k > 0 and same_source(c, side[k - 1]))
                                   for k, c in enumerate(side)), claims=[c.id for c in side]) for side in sides]))
    return out


def _one_per_source(side: list[Claim]) -> list[Claim]:
    """The first claim of each source on a side (a ministry and its spokeswoman are named once)."""
    return [c for k, c in enumerate(side) if not any(same_source(o, c) for o in side[:k])]


def _by_source(group: list[Claim]) -> list[list[Claim]]:
    sides: list[list[Claim]] = []  # one side per source: a company and its chief executive are one
    for c in group:
        home = next((side for side in sides if same_source(side[0], c)), None)
        if home is None:
            sides.append([c])
        else:
            home.append(c)
    return sides


def _opposed(group: list[Claim], found: list) -> list[list[Claim]] | None:
    """Two sides of opposing assertions: the claims each pair sets against each other, coloured so that no
    pair is on one side and no source on both. None when the pairs allow no such split (or are figures,
    whose sides are their sources)."""
    ids = {c.id for c in group}
    pairs = [(x.a.id, x.b.id) for x in found if x.kind == "assertions" and {x.a.id, x.b.id} <= ids]
    if not pairs or any(x.kind != "assertions" for x in found if {x.a.id, x.b.id} <= ids):
        return None
    side: dict[str, int] = {}
    for c in group:  # in article order, so the first claim's side comes first
        if c.id in side:
            continue
        side[c.id], todo = 0, [c.id]
        while todo:
            here = todo.pop()
            for a, b in pairs:
                other = b if a == here else a if b == here else None
                if other is None:
                    continue
                if other not in side:
                    side[other] = 1 - side[here]
                    todo.append(other)
                elif side[other] == side[here]:
                    return None
    split = [[c for c in group if side[c.id] == k] for k in (0, 1)]
    if any(same_source(a, b) for a in split[0] for b in split[1]):
        return None
    return [s for s in split if s]


def bottom_line(text: str, max_sentences: int = 2) -> str:
    """At most two complete sentences: a bottom line, not a summary; a fragment cut off is dropped."""
    from summarizer.ingest.document import split_sentences

    text = " ".join(text.split())
    spans = split_sentences(text, 0, len(text))
    complete = [text[a:b] for a, b in spans if text[a:b].rstrip('"\u201d)').endswith((".", "!", "?"))]
    if not complete:
        return text
    return " ".join(complete[:max_sentences])


def _salvage(raw: str | None, errors: list[str]) -> tuple[dict | None, list[str]]:
    """After the last ask: keep the title if it is usable; the bottom line is then
    stated by rule (write_brief), never kept when it failed its checks."""
    try:
        data = json.loads(raw or "")
        title = data.get("title") if isinstance(data.get("title"), str) else None
        return {"title": title, "bottom_line": None, "bottom_line_claims": [], "open_questions": []}, \
            [f"bottom line dropped: {errors[-1] if errors else 'invalid'}"]
    except (ValueError, AttributeError):
        return None, ["brief model answer unusable (" + "; ".join(errors[-1:]) + "); bottom line stated by rule"]
