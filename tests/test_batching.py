"""How a batch step of side-by-side sequences spends its rows: prompt-lookup drafts ride along only where
they fill the matrix kernels' last tile of rows, and the tokens they give up leave the step entirely."""

from __future__ import annotations

from summarizer.backends.batching import WIDE_STEP, BatchEngine, Request, fill_tile, share
from summarizer.backends.decoding import Sequence


def running(n: int, draft: int, tile: int) -> tuple[BatchEngine, list[Request]]:
    engine = BatchEngine(slots=n)
    engine.tile = tile
    requests = []
    for slot in range(1, n + 1):
        seq = Sequence(prompt=list(range(50)), matcher=None, max_tokens=100, vocab=None, speculative=False)
        seq._fed, seq._draft = [900 + slot, *range(10, 10 + draft)], list(range(10, 10 + draft))
        seq.stats.drafted = draft
        requests.append(Request(seq, reserve=100, slot=slot))
    return engine, requests


def test_a_tile_at_least_half_used_is_filled_and_an_emptier_one_is_not():
    assert fill_tile(8, 16) == 8
    assert fill_tile(13, 16) == 3
    assert fill_tile(7, 16) == 0  # less than half a tile: its rows are cheaper than a full tile
    assert fill_tile(16, 16) == 0 and fill_tile(32, 16) == 0
    assert fill_tile(1000, 16) == 8  # a step with prompts too: 62 tiles and 8 rows
    assert fill_tile(3, 4) == 1 and fill_tile(2, 4) == 2 and fill_tile(5, 4) == 0
    assert fill_tile(9, 1) == 0  # weights not repacked: no tile to fill


def test_draft_rows_are_shared_in_turn_so_each_keeps_its_first_tokens():
    assert share(8, [8] * 8) == [1] * 8
    assert share(3, [8, 0, 8, 8]) == [1, 0, 1, 1]
    assert share(5, [1, 8]) == [1, 4]
    assert share(20, [2, 3]) == [2, 3]  # never more than was proposed


def test_a_wide_step_keeps_only_the_drafts_that_fill_its_last_tile():
    engine, reqs = running(8, draft=8, tile=16)
    engine._fit_drafts(0, reqs, len(reqs))  # 8 next tokens: 8 more rows fill the tile of 16
    assert [len(r.seq.draft) for r in reqs] == [1] * 8
    assert sum(len(r.seq.pending) for r in reqs) == 16
    assert all(r.seq.pending == [900 + r.slot, 10] for r in reqs)
    assert sum(r.seq.stats.drafted for r in reqs) == 8  # the dropped draft tokens are not counted as drafted

    engine, reqs = running(6, draft=8, tile=16)
    engine._fit_drafts(1, reqs, len(reqs) + 1)  # an admitted prompt's row and 6 tokens: 7 rows, left as they are
    assert [len(r.seq.draft) for r in reqs] == [0] * 6
    assert all(len(r.seq.pending) == 1 for r in reqs)


def test_few_sequences_keep_the_drafts_they_would_have_had():
    engine, reqs = running(WIDE_STEP - 1, draft=8, tile=16)
    engine._fit_drafts(0, reqs, len(reqs))
    assert [len(r.seq.draft) for r in reqs] == [2] * (WIDE_STEP - 1)
    engine, reqs = running(1, draft=8, tile=16)
    engine._fit_drafts(0, reqs, 1)
    assert len(reqs[0].seq.draft) == 8


class _Matcher:  # a grammar that allows anything and never ends
    def compute_ff_tokens(self):
        return []

    def consume_token(self, token):
        pass

    def is_stopped(self):
        return False

    def validate_tokens(self, tokens):
        return len(tokens)


class _Vocab:  # a model that always picks token 3
    eos = {0}

    def pick(self, matcher, row, closing=False):
        return 3


class _Context:  # the KV cache calls of a llama.cpp context, doing nothing
    def kv_cache_seq_rm(self, *args):
        pass

    def kv_cache_seq_cp(self, *args):
        pass


def steps(tile: int, n: int = 8) -> list[list]:
    """The rows of the first two steps of n sequences decoding side by side: their prompts, then their tokens.
    Each prompt repeats its first tokens, so that after token 3 the prompt proposes a draft."""
    engine = BatchEngine(slots=n)
    engine.ctx, engine.n_ctx, engine.tile = _Context(), 4096, tile
    decoded: list[list] = []
    engine._decode = lambda entries: decoded.append([list(e) for e in entries])
    engine._logits = lambda i: None
    for k in range(n):
        prompt = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20 + k, 1, 2]
        engine._queue.append(Request(Sequence(prompt, _Matcher(), 100, _Vocab()), reserve=108))
    for _ in range(2):
        admitted, new_prefix = engine._admit()
        assert not engine._step(admitted, new_prefix)
    return decoded


def test_a_step_of_eight_sequences_fills_its_tile_with_one_draft_token_each():
    prompts, tokens = steps(tile=16)
    assert len(tokens) == 16  # 8 next tokens and 8 drafted ones, verified in the same evaluation
    assert all(wants_logits for *_, wants_logits in tokens)
    assert sorted(tok for tok, *_ in tokens) == [3] * 8 + [4] * 8  # each sequence's draft: what followed 1 2 3

    _, tokens = steps(tile=1)  # where filling the tile was not measured to pay: no draft in a wide step
    assert len(tokens) == 8 and {tok for tok, *_ in tokens} == {3}

    _, tokens = steps(tile=16, n=2)  # two sequences: a quarter draft each, as before
    assert sorted(tok for tok, *_ in tokens) == [3, 3, 4, 4, 5, 5]


def test_a_new_prefix_is_counted_once_when_the_requests_that_share_it_are_admitted():
    # eight requests share a 300-token article prefix; each needs its own 20 prompt tokens and a 100-token
    # answer: 300 + 8 x 120 = 1,260 cells. Counting the shared prefix once per request (8 x 420 = 3,360)
    # admitted only the first few of them into a cache of 2,048 cells
    engine = BatchEngine(slots=8)
    engine.ctx, engine.n_ctx = _Context(), 2048
    article = list(range(1000, 1300))
    for k in range(8):
        engine._queue.append(Request(Sequence(article + [20 + k] * 20, _Matcher(), 100, _Vocab()), reserve=100))
    admitted, new_prefix = engine._admit()
    assert len(admitted) == 8 and not engine._queue
    assert new_prefix[:300] == article
    assert engine._used(new_prefix) == 319 + 101 + 7 * 120  # the prefix once; each its own tokens and answer

    engine = BatchEngine(slots=8)  # where they do not all fit, the cache still caps them
    engine.ctx, engine.n_ctx = _Context(), 800
    for k in range(8):
        engine._queue.append(Request(Sequence(article + [20 + k] * 20, _Matcher(), 100, _Vocab()), reserve=100))
    admitted, new_prefix = engine._admit()
    assert len(admitted) == 4  # 420 cells for the first (the prefix, its answer), 120 for each further: 780



def test_a_second_article_waits_while_many_requests_of_the_first_hold_its_prefix():
    # each running request counts the part of a replaced prefix it shares: with eleven tasks of article A
    # running, article B's prefix waits (its tasks would start beside A's and A's re-asks, arriving later,
    # would then make A's prefix again); once few of A's are left, B's start
    engine = BatchEngine(slots=16)
    engine.ctx, engine.n_ctx = _Context(), 4096
    a, b = list(range(1000, 1300)), list(range(2000, 2300))
    for k in range(11):
        engine._queue.append(Request(Sequence(a + [20 + k] * 20, _Matcher(), 100, _Vocab()), reserve=100))
    admitted, prefix = engine._admit()
    assert len(admitted) == 11
    engine._prefix, engine._generation = prefix, engine._generation + 1  # what _step makes of it
    for k in range(4):
        engine._queue.append(Request(Sequence(b + [40 + k] * 20, _Matcher(), 100, _Vocab()), reserve=100))
    assert engine._admit() == ([], None)
    for slot in list(engine._active)[3:]:  # eight of A's tasks finish
        engine._active.pop(slot)
    admitted, prefix = engine._admit()
    assert len(admitted) == 4 and prefix[:300] == b
