"""Long articles in parts: each part is a stretch of sentences that fits the model's context, with a
few sentences of its neighbours around it for context. Every sentence is the target of exactly one part,
and ids and offsets stay those of the whole document, so the parts' claims merge without arithmetic."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.models import Document

OVERLAP = 2  # sentences of context shared by neighbouring parts of a long article


@dataclass(frozen=True)
class Part:
    """A stretch of a long article shown to the model: `targets` are extracted from it, the overlap
    sentences on either side are context only, so every sentence is the target of exactly one part."""
    context: list[str]
    targets: list[str]


def split_parts(doc: Document, part_chars: int, overlap: int = OVERLAP) -> list[Part]:
    """The whole article as one part when it fits in part_chars, else consecutive parts that do, each
    with `overlap` sentences of the neighbouring parts around it. Sentence ids and offsets stay those of
    the whole document, so the claims of all parts merge without any offset arithmetic."""
    ids = [s.id for s in doc.sentences]
    size = {s.id: len(s.text) + 8 for s in doc.sentences}
    if sum(size.values()) <= part_chars:
        return [Part(ids, ids)]
    typical = sorted(size.values())[len(size) // 2]
    core_budget = max(part_chars // 2, part_chars - 2 * overlap * typical)
    cores: list[list[int]] = [[]]
    used = 0
    for i, sid in enumerate(ids):
        if cores[-1] and used + size[sid] > core_budget:
            cores.append([])
            used = 0
        cores[-1].append(i)
        used += size[sid]
    parts = []
    for core in cores:
        first, last = core[0], core[-1]
        total = sum(size[ids[i]] for i in core)
        for _ in range(overlap):  # context on both sides, while it fits
            for j in (first - 1, last + 1):
                if 0 <= j < len(ids) and total + size[ids[j]] <= part_chars:
                    total += size[ids[j]]
                    first, last = min(first, j), max(last, j)
        parts.append(Part([ids[i] for i in range(first, last + 1)], [ids[i] for i in core]))
    return parts


