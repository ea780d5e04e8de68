"""Scores of one Result against its gold (fixtures/gold/). The matching rule, documented in the
README: a prediction and a gold claim can match when their evidence spans overlap and their
statements share enough content words; pairs are taken best first, each claim used at most once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.evaluation.gold import GoldArticle, GoldClaim
from summarizer.models import Claim, Result
from summarizer.analysis.figures import IDS, numbers_in, unsupported_numbers

MIN_SIMILARITY = 0.3
_STOP = set("""a an the and or but of to in on at by for with from as is are was were be been being has have had that
this these those it its their they them he she his her which who what when where while than said says told
according also not about over more into after before has have north korean korea troops forces""".split())
_GENERIC = {"the", "of", "and", "military", "ministry", "official", "officials", "defence", "defense", "forces",
            "government", "reports", "intelligence", "article", "spokesperson", "agency", "news"}


def content_words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP}


def similarity(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _overlaps(p: Claim, g: GoldClaim) -> bool:
    return any(pe.start < ge.end and ge.start < pe.end for pe in p.evidence for ge in g.evidence)


def match(pred: list[Claim], gold: list[GoldClaim]) -> list[tuple[Claim, GoldClaim, float]]:
    pairs = [(similarity(p.statement, g.statement), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
             if _overlaps(p, g)]
    used_p, used_g, out = set(), set(), []
    for score, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if score >= MIN_SIMILARITY and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((pred[i], gold[j], score))
    return out


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 3 and w not in _GENERIC}


def same_speaker(p: Claim, g: GoldClaim) -> bool:
    if p.speaker.is_article or g.speaker.is_article:
        return p.speaker.is_article == g.speaker.is_article
    a = p.speaker.name.lower()
    for b in [g.speaker.name.lower(), *(x.lower() for x in g.speaker_aliases)]:
        if a in b or b in a:
            return True
    pw = _name_words(p.speaker.name) | _name_words(p.speaker.organisation or "")
    gw = _name_words(g.speaker.name) | _name_words(g.speaker.organisation or "")
    return bool(pw & gw)


def same_attribution(p: Claim, g: GoldClaim) -> bool:
    pa, ga = [x.lower() for x in p.attribution], [x.lower() for x in g.attribution]
    if not ga:
        return not pa
    return all(any(x in y or y in x for y in pa) for x in ga)


def quantities_found(p: Claim, g: GoldClaim) -> tuple[int, int]:
    """(gold figures whose value and qualifier the prediction has, gold figures)."""
    found = 0
    for gq in g.quantities:
        if any(abs(pq.value - gq.value) <= 1e-6 * max(1.0, abs(gq.value)) and (pq.qualifier or "") == (gq.qualifier or "")
               for pq in p.quantities):
            found += 1
    return found, len(g.quantities)


def brief_texts(result: Result) -> list[str]:
    b = result.brief
    if b is None:
        return []
    return ([b.title, b.bottom_line] + [p.text for p in b.key_points] + b.open_questions
            + [d.topic for d in b.disagreements] + [s.position for d in b.disagreements for s in d.sides])


@dataclass
class ArticleScore:
    values: dict[str, float]
    matches: list[tuple[Claim, GoldClaim, float]]
    missed: list[GoldClaim]
    extra: list[Claim]


def _ratio(n: float, d: float) -> float:
    return n / d if d else 1.0


def score(result: Result, gold: GoldArticle) -> ArticleScore:
    pred = result.claims
    matches = match(pred, gold.claims)
    matched_gold = {g.id for _, g, _ in matches}
    matched_pred = {p.id for p, _, _ in matches}
    precision = _ratio(len(matches), len(pred)) if pred else 0.0
    recall = _ratio(len(matches), len(gold.claims))
    key = [g for g in gold.claims if g.key]
    q_found = q_total = 0
    for p, g, _ in matches:
        f, t = quantities_found(p, g)
        q_found, q_total = q_found + f, q_total + t
    text = result.document.text
    spans = [e for c in pred for e in c.evidence]
    unsupported_claims = sum(len(unsupported_numbers(c.statement, " ".join(e.text for e in c.evidence))) for c in pred)
    claim_numbers = set().union(*(numbers_in(c.statement + " " + " ".join(e.text for e in c.evidence)) for c in pred)) \
        if pred else set()
    brief = brief_texts(result)
    unsupported_brief = sum(1 for t in brief for n in numbers_in(t) if n not in claim_numbers)
    carried = [m for m in gold.brief.must_carry if _carries(brief[1:], m.any_of, m.figures)]
    g_to_p = {g.id: p.id for p, g, _ in matches}
    covered = 0
    if result.brief:
        for d in gold.brief.disagreements:
            wanted = {g_to_p[c] for c in d.claims if c in g_to_p}
            if any(len(wanted & {i for s in bd.sides for i in s.claims}) >= 2 for bd in result.brief.disagreements):
                covered += 1
    rendered = "\n".join(brief).lower()
    forbidden = sum(1 for f in gold.brief.forbidden if re.search(rf"(?<!\w){re.escape(f.lower())}(?!\w)", rendered))
    u = result.usage
    failed_asks = sum(1 for w in result.warnings if "no valid answer" in w.message)
    asks = u.cache_hits + u.cache_misses
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    values = {
        "claim_precision": precision, "claim_recall": recall, "claim_f1": f1,
        "key_claim_recall": _ratio(sum(1 for g in key if g.id in matched_gold), len(key)),
        "speaker_accuracy": _ratio(sum(same_speaker(p, g) for p, g, _ in matches), len(matches)),
        "attribution_accuracy": _ratio(sum(same_attribution(p, g) for p, g, _ in matches), len(matches)),
        "quantity_accuracy": _ratio(q_found, q_total),
        "certainty_accuracy": _ratio(sum(p.certainty.hedged == g.certainty.hedged for p, g, _ in matches),
                                     len(matches)),
        "grounding_rate": _ratio(sum(text[e.start:e.end] == e.text for e in spans), len(spans)),
        "unsupported_numbers_claims": float(unsupported_claims),
        "unsupported_numbers_brief": float(unsupported_brief),
        "must_carry_coverage": _ratio(len(carried), len(gold.brief.must_carry)) if result.brief else 0.0,
        "disagreement_coverage": _ratio(covered, len(gold.brief.disagreements)) if result.brief else 0.0,
        "forbidden_hits": float(forbidden),
        "schema_valid_rate": _ratio(asks - failed_asks, asks),
        "reasks": float(u.reasks),
        "prompt_tokens": float(u.prompt_tokens),
        "completion_tokens": float(u.completion_tokens),
        "model_seconds": round(u.seconds, 2),
    }
    return ArticleScore(values=values, matches=matches,
                        missed=[g for g in gold.claims if g.id not in matched_gold],
                        extra=[p for p in pred if p.id not in matched_pred])


def _carries(texts: list[str], any_of: list[str], figures: list[str]) -> bool:
    joined = " ".join(texts).lower()
    if not any(a.lower() in joined for a in any_of):
        return False
    return not figures or any(f.lower() in joined for f in figures)


# higher is better unless listed here
LOWER_IS_BETTER = {"unsupported_numbers_claims", "unsupported_numbers_brief", "forbidden_hits", "reasks",
                   "prompt_tokens", "completion_tokens", "model_seconds"}


# -- the pair: a brief across two articles -----------------------------------------------------

def _value(text: str) -> float | None:
    found = numbers_in(text)
    return max(found) if found else None


def _spans(claim) -> set[tuple[int, int]]:
    return {(e.start, e.end) for e in claim.evidence}


def score_pair(col, pair, golds: dict[str, GoldArticle]) -> ArticleScore:
    """Timeline figures found (the right figure, from a claim on the gold claim's sentence, in the right
    article, and the figures of one gold quantity in one timeline group), conflicts found (a figure that
    changed, or opposing assertions, as a brief disagreement whose sides cover both gold sides), and
    figures in the brief that no claim carries."""
    article_id = {d.source: a.id for a, d in zip(col.articles, col.documents)}
    aid = {path: next((v for k, v in article_id.items() if k.endswith(path) or path.endswith(k)), None)
           for path in pair.articles}
    claims = {c.id: c for c in col.claims}

    def gold_claim(path, gid):
        return next(g for g in golds[path].claims if g.id == gid)

    def on_sentence(path, gid) -> set[str]:
        """Predicted claims of that article whose evidence shares a sentence with the gold claim's."""
        spans = _spans(gold_claim(path, gid))
        return {c.id for c in col.claims if c.article == aid[path] and _spans(c) & spans}

    found = total = 0
    for q in pair.changed_figures:
        hits = []
        for f in q.figures:
            total += 1
            near = on_sentence(f.article, f.claim)
            groups = [g.quantity for g in col.timeline for e in g.entries if e.claim in near and e.value == _value(f.text)]
            hits.append(groups)
        labels = [label for h in hits for label in set(h)]
        majority = max(set(labels), key=labels.count) if labels else None
        found += sum(1 for h in hits if majority in h)
    units = [[(f.article, f.claim, _value(f.text)) for f in q.figures] for q in pair.changed_figures
             if len({_value(f.text) for f in q.figures}) > 1]
    explicit = [[(s.article, s.claim, None) for s in c.sides] for c in pair.conflicts]
    covered = 0
    disagreements = col.brief.disagreements if col.brief else []
    for unit in units + explicit:
        for d in disagreements:
            sides = [{i for i in s.claims} for s in d.sides]
            touched = set()
            for article, gid, value in unit:
                near = on_sentence(article, gid)
                for n, side in enumerate(sides):
                    if side & near and (value is None or any(
                            value in numbers_in(claims[i].statement) for i in side & near)):
                        touched.add((n, value if value is not None else gid))
            if len({n for n, _ in touched}) >= 2 and len({v for _, v in touched}) >= 2:
                covered += 1
                break
    pred_numbers = set().union(*(numbers_in(c.statement + " " + " ".join(e.text for e in c.evidence))
                                 for c in col.claims)) if col.claims else set()
    # article dates, claim ids ("A1:C5") and article ids ("A2") are not figures
    brief = [re.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", IDS.sub(" ", t)) for t in brief_texts(col)]
    unsupported = sum(1 for t in brief for n in numbers_in(t) if n not in pred_numbers)
    u = col.usage
    values = {
        "timeline_figure_recall": _ratio(found, total),
        "conflict_coverage": _ratio(covered, len(units) + len(explicit)),
        "unsupported_numbers_brief": float(unsupported),
        "reasks": float(u.reasks),
        "prompt_tokens": float(u.prompt_tokens),
        "completion_tokens": float(u.completion_tokens),
        "model_seconds": round(u.seconds, 2),
    }
    return ArticleScore(values=values, matches=[], missed=[], extra=[])
