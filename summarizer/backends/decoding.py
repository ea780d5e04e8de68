"""One answer being decoded greedily, constrained by its llguidance matcher, as a state machine that a
batch engine (batching.py) drives: after each evaluation it is given the logits it asked for and says
which tokens to evaluate next. Two speed-ups leave the output exactly as plain greedy decoding would:
- tokens the grammar forces (JSON keys and punctuation) are evaluated together;
- prompt-lookup drafts: when the last tokens also occur in the prompt, the tokens that followed them
  there are proposed and verified in the same evaluation; only those the model itself would pick stay.
Claims copy names and phrases from the article, so many drafted tokens are accepted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where decoding starts: a fully cached run never loads it
    import numpy as np

NGRAM = 3
DRAFT = 8
# With this few tokens of the budget left, decoding steers to the shortest valid ending, so even a
# rambling model returns complete, schema-valid JSON instead of being cut off.
CLOSING_RESERVE = 80


@dataclass
class DecodeStats:
    drafted: int = 0
    accepted: int = 0
    forced: int = 0
    steps: int = 0


class Vocab:
    """What every sequence of one model shares: its size, end tokens, and the tokens that only close JSON."""

    def __init__(self, tokenizer, n_vocab: int, eos: set[int], closers: list[int]):
        from llguidance.numpy import allocate_token_bitmask

        self.tokenizer = tokenizer
        self.n_vocab = n_vocab
        self.eos = eos
        import numpy as np

        self.closing = np.zeros(n_vocab, dtype=bool)
        self.closing[closers] = True
        self.bitmask = allocate_token_bitmask(1, tokenizer.vocab_size)  # used by one thread, the engine's

    def pick(self, matcher, logits: np.ndarray, closing: bool = False) -> int:
        """The greedy token among those the grammar allows (only closing tokens when `closing`)."""
        import numpy as np
        from llguidance.numpy import fill_next_token_bitmask

        fill_next_token_bitmask(matcher, self.bitmask)
        allowed = np.unpackbits(self.bitmask[0].view(np.uint8), bitorder="little")[:self.n_vocab].astype(bool)
        row = np.where(allowed, logits, -np.inf)
        if closing and (allowed & self.closing).any():
            row[~self.closing] = -np.inf
        return int(np.argmax(row))


class Sequence:
    """An answer after `prompt`: feed() says what to evaluate next, then accept(rows) takes the logits."""

    def __init__(self, prompt: list[int], matcher, max_tokens: int, vocab: Vocab, speculative: bool = True):
        self.prompt = prompt
        self.matcher = matcher
        self.max_tokens = max_tokens
        self.vocab = vocab
        self.out: list[int] = []
        self.stats = DecodeStats()
        self.finish: str | None = None  # "stop" or "length" once done
        self.n_past = 0  # positions of this sequence in the KV cache (prompt included)
        self.index: dict[tuple, int] = {}
        if speculative:
            for i in range(len(prompt) - NGRAM):
                self.index[tuple(prompt[i:i + NGRAM])] = i + NGRAM  # the latest occurrence wins
        self._fed: list[int] = []
        self._draft: list[int] = []

    @property
    def done(self) -> bool:
        return self.finish is not None

    def _end(self, reason: str | None = None) -> None:
        self.finish = reason or ("stop" if self.matcher.is_accepting() else "length")

    def feed_prompt(self, start: int) -> list[int]:
        """The prompt tokens still to evaluate when the first `start` are already in the KV cache."""
        self.n_past = start
        self._fed = self.prompt[start:]
        self._draft = []
        return self._fed

    def accept(self, rows: list[np.ndarray], draft_room: int = DRAFT) -> list[int]:
        """Given the logits rows of what was fed (one row, or one per token when a draft was verified),
        consume what the model picks and return the tokens to evaluate next ([] when finished). After a
        draft, n_past drops the rejected positions: the engine removes them from the KV cache."""
        self.n_past += len(self._fed)
        logits = rows[-1]
        if self._draft:  # rows[i] follows fed[i]: the draft is kept while the model agrees with it
            base = self.n_past - len(self._fed)
            kept = 0
            for i, proposed in enumerate(self._draft):
                if self.vocab.pick(self.matcher, rows[i], False) != proposed or proposed in self.vocab.eos:
                    break
                self.matcher.consume_token(proposed)
                self.out.append(proposed)
                kept += 1
                if self.matcher.is_stopped():
                    self.stats.accepted += kept
                    self._end("stop")
                    return []
            self.stats.accepted += kept
            self.n_past = base + 1 + kept
            logits = rows[kept]
        self._draft = []
        self._fed = self._next(logits, draft_room)
        return self._fed

    def _next(self, logits: np.ndarray, draft_room: int) -> list[int]:
        if len(self.out) >= self.max_tokens:
            self._end()
            return []
        forced = self.matcher.compute_ff_tokens()[: self.max_tokens - len(self.out)]
        if forced:
            self.matcher.consume_tokens(forced)
            self.out.extend(forced)
            self.stats.forced += len(forced)
            if self.matcher.is_stopped():
                self._end("stop")
                return []
            return forced
        tok = self.vocab.pick(self.matcher, logits, len(self.out) >= self.max_tokens - CLOSING_RESERVE)
        self.matcher.consume_token(tok)
        if tok in self.vocab.eos or self.matcher.is_stopped():
            if tok not in self.vocab.eos:
                self.out.append(tok)
            self._end("stop")
            return []
        self.out.append(tok)
        if len(self.out) >= self.max_tokens:
            self._end()
            return []
        draft = self._lookup() if self.index and draft_room > 0 else []
        room = min(draft_room, self.max_tokens - len(self.out) - CLOSING_RESERVE)
        draft = draft[: max(0, min(self.matcher.validate_tokens(draft), room))] if draft else []
        self._draft = draft
        self.stats.drafted += len(draft)
        return [tok, *draft]

    def _lookup(self) -> list[int]:
        key = tuple((self.prompt[-NGRAM:] + self.out)[-NGRAM:])  # not a copy of the whole prompt per token
        at = self.index.get(key)
        return self.prompt[at:at + DRAFT] if at is not None else []

    def trim_draft(self, keep: int) -> None:
        """Keep only the first `keep` tokens of the draft proposed for the next evaluation."""
        cut = len(self._draft) - max(0, keep)
        if cut > 0:
            self._draft = self._draft[:len(self._draft) - cut]
            self._fed = self._fed[:len(self._fed) - cut]
            self.stats.drafted -= cut

    @property
    def draft(self) -> list[int]:
        """The drafted tokens at the end of `pending`, to be verified by the next evaluation."""
        return self._draft

    @property
    def pending(self) -> list[int]:
        """The tokens to evaluate next (given by the last feed_prompt or accept)."""
        return self._fed

    @property
    def wants_all_logits(self) -> bool:
        """Whether the last feed needs a logits row per token (a draft to verify) or only the last."""
        return bool(self._draft)
