"""Greedy decoding on llama.cpp, constrained by an llguidance matcher, with two speed-ups that leave
the output exactly as plain greedy decoding would make it:
- tokens the grammar forces (JSON keys and punctuation) are evaluated in one batch;
- prompt-lookup drafts: when the last tokens also occur in the prompt, the tokens that followed them
  there are proposed and verified in one batch; only those the model itself would pick are kept.
Claims copy names and phrases from the article, so many drafted tokens are accepted."""

from __future__ import annotations

from dataclasses import dataclass

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


class ConstrainedDecoder:
    def __init__(self, llm, tokenizer, eos: set[int], closers: list[int], speculative: bool = True):
        from llguidance.numpy import allocate_token_bitmask

        self.llm = llm
        self.eos = eos
        self.n_vocab = llm.n_vocab()
        self.bitmask = allocate_token_bitmask(1, tokenizer.vocab_size)
        self.closing = np.zeros(self.n_vocab, dtype=bool)
        self.closing[closers] = True
        self.speculative = speculative

    # -- llama.cpp batch evaluation with the logits we need ----------------------------------------

    def logits(self, i: int = -1) -> np.ndarray:
        """A copy of the logits row for output i of the last evaluated batch."""
        return np.ctypeslib.as_array(self.llm._ctx.get_logits_ith(i), shape=(self.n_vocab,)).copy()

    def prefill(self, prompt: list[int]) -> tuple[int, np.ndarray]:
        """Evaluate the prompt, reusing the longest prefix already in the KV cache.
        Returns the length of the reused prefix and the logits after the last prompt token."""
        llm = self.llm
        common = 0
        limit = min(llm.n_tokens, len(prompt) - 1)  # the last prompt token is always evaluated for logits
        ids = llm.input_ids
        while common < limit and ids[common] == prompt[common]:
            common += 1
        # Reuse only a real shared prefix (the system prompt and article of the previous call). Where
        # little is shared, start from zero: then a prompt is always evaluated in the same chunks,
        # whatever ran before, and greedy decoding gives the same answer in a cold run and a partly
        # cached one (a few shared tokens shift llama.cpp's batch boundaries and its float sums).
        if common < len(prompt) // 2:
            common = 0
        llm.n_tokens = common
        llm.eval(prompt[common:])
        return common, self.logits()

    def _eval(self, tokens: list[int], all_logits: bool) -> list[np.ndarray]:
        llm = self.llm
        n_past = llm.n_tokens
        llm._ctx.kv_cache_seq_rm(-1, n_past, -1)
        llm._batch.set_batch(batch=tokens, n_past=n_past, logits_all=all_logits)
        llm._ctx.decode(llm._batch)
        llm.input_ids[n_past:n_past + len(tokens)] = tokens
        llm.n_tokens = n_past + len(tokens)
        rows = range(len(tokens)) if all_logits else [len(tokens) - 1]
        return [self.logits(i) for i in rows]

    def _truncate(self, n_tokens: int) -> None:
        self.llm.n_tokens = n_tokens
        self.llm._ctx.kv_cache_seq_rm(-1, n_tokens, -1)

    # -- choosing a token --------------------------------------------------------------------------

    def pick(self, matcher, logits: np.ndarray, closing: bool = False) -> int:
        """The greedy token among those the grammar allows (only closing tokens when `closing`)."""
        from llguidance.numpy import fill_next_token_bitmask

        fill_next_token_bitmask(matcher, self.bitmask)
        allowed = np.unpackbits(self.bitmask[0].view(np.uint8), bitorder="little")[:self.n_vocab].astype(bool)
        row = np.where(allowed, logits, -np.inf)
        if closing and (allowed & self.closing).any():
            row[~self.closing] = -np.inf
        return int(np.argmax(row))

    @staticmethod
    def _draft(index: dict[tuple, int], context: list[int], prompt: list[int]) -> list[int]:
        key = tuple(context[-NGRAM:])
        at = index.get(key)
        return prompt[at:at + DRAFT] if at is not None else []

    # -- the loop ----------------------------------------------------------------------------------

    def run(self, prompt: list[int], logits: np.ndarray, matcher, max_tokens: int) -> tuple[list[int], str, DecodeStats]:
        """Decode after `prompt` (already evaluated; `logits` are its last row). Returns tokens, finish reason."""
        stats = DecodeStats()
        index: dict[tuple, int] = {}
        if self.speculative:
            for i in range(len(prompt) - NGRAM):
                index[tuple(prompt[i:i + NGRAM])] = i + NGRAM  # the latest occurrence wins
        out: list[int] = []
        while len(out) < max_tokens:
            forced = matcher.compute_ff_tokens()[: max_tokens - len(out)]
            if forced:
                matcher.consume_tokens(forced)
                out.extend(forced)
                stats.forced += len(forced)
                if matcher.is_stopped():
                    return out, "stop", stats
                logits = self._eval(forced, all_logits=False)[-1]
                continue
            tok = self.pick(matcher, logits, len(out) >= max_tokens - CLOSING_RESERVE)
            matcher.consume_token(tok)
            if tok in self.eos or matcher.is_stopped():
                if tok not in self.eos:
                    out.append(tok)
                return out, "stop", stats
            out.append(tok)
            draft = self._draft(index, prompt + out, prompt) if self.speculative else []
            draft = draft[: max(0, min(matcher.validate_tokens(draft), max_tokens - len(out) - CLOSING_RESERVE))]
            if not draft:
                logits = self._eval([tok], all_logits=False)[-1]
                continue
            base = self.llm.n_tokens
            rows = self._eval([tok, *draft], all_logits=True)
            stats.drafted += len(draft)
            kept = 0
            for i, proposed in enumerate(draft):
                if self.pick(matcher, rows[i], False) != proposed or proposed in self.eos:
                    break
                matcher.consume_token(proposed)
                out.append(proposed)
                kept += 1
                if matcher.is_stopped():
                    stats.accepted += kept
                    return out, "stop", stats
            stats.accepted += kept
            self._truncate(base + 1 + kept)
            logits = rows[kept]
        return out, "stop" if matcher.is_accepting() else "length", stats
