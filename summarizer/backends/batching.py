"""Continuous batching on one llama.cpp context: the answers asked for by several threads at once are
decoded as parallel sequences in one batch per step (llama.cpp's examples/parallel, in Python).

- The KV cache is unified; sequence 0 holds the last shared prefix (system prompt and article). A new
  request that shares most of its prompt with it is copied from it (llama_memory_seq_cp: no
  evaluation); a new prefix is evaluated once, for every request admitted with it in that step, from
  where it departs from the old one. Its head, the system turn that every article shares, is evaluated
  on its own and its KV state stored on disk (HeadStore): later processes load it instead.
- Each sequence has its own llguidance matcher, forced tokens and prompt-lookup drafts (decoding.py);
  a finished sequence's slot takes the next waiting request; re-asks simply arrive as new requests.
- Deterministic: a step waits until every task thread of the open `tasks()` sessions is waiting (or
  done), and requests are admitted in the order of their prompt tokens: the same tasks make the same
  batches, hence the same answers, run after run."""

from __future__ import annotations

import ctypes
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.backends.decoding import DRAFT, Sequence
from summarizer.errors import BackendError, ContextOverflow, TaskFailed

PREFIX = 0  # the sequence id that holds the shared prefix
SHARE = 0.5  # reuse the prefix when it covers at least this share of a prompt
# Prompt-lookup drafts pay when a step would otherwise evaluate one token; with several sequences in the
# batch the step is already wide (on 2 CPU cores a step of 8 tokens costs 4.5 single-token steps, one of
# 32 tokens 13), so drafts shrink as more sequences decode side by side. From WIDE_STEP sequences on, drafts
# only fill the matrix kernels' last tile of rows, where that was measured to pay (see fill_tile).
WIDE_STEP = 4


class Cancelled(BackendError):
    """The run was interrupted while this answer was being decoded; nothing of it is kept."""


@dataclass
class Request:
    seq: Sequence
    reserve: int  # KV cells its answer may need (max tokens and a draft); admission adds its prompt's
    slot: int = -1
    source: str | None = None  # "old" or "new": the prefix it shares, if any
    generation: int = 0  # which prefix it shares: cells of a replaced prefix stay in use until it finishes
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    shared: int = 0  # prompt tokens taken from the prefix
    head: int = 0  # prompt tokens every article shares (the system prompt): their KV state may be stored


@dataclass
class BatchStats:  # steps taken, tokens evaluated, and how many sequences each step held (size -> steps)
    steps: int = 0
    tokens: int = 0
    sizes: dict[int, int] = field(default_factory=dict)
    heads_evaluated: int = 0  # system prompts evaluated on their own (then stored, with a store)
    heads_loaded: int = 0  # system prompts loaded from the store instead


class BatchEngine:
    """Decodes Requests submitted from any number of threads; `slots` sequences at a time."""

    def __init__(self, slots: int):
        self.slots = slots
        self.ctx = None  # attached once the model is loaded: task sessions can open before that
        self.tile = 1  # batch rows the model's matrix kernels take at a time (local.row_tile)
        self.n_vocab = 0
        self.n_ctx = 0
        self._batch = None
        self._cond = threading.Condition()
        self._queue: list[Request] = []
        self._active: dict[int, Request] = {}
        self._expected = 0  # task threads of the open tasks() sessions that have not finished
        self._prefix: list[int] = []
        self._generation = 0  # bumped whenever the shared prefix is replaced
        self._trim: int | None = None  # cut the prefix's cells to this length before the next step
        self._cancelled = False
        self._driver: threading.Thread | None = None
        self.stats = BatchStats()
        self.heads: HeadStore | None = None  # stored KV states of prompt heads, set by the backend

    def attach(self, ctx, n_vocab: int, n_ctx: int, make_batch: Callable[[int], object]) -> None:
        """The llama.cpp context to decode in (unified KV cache with n_ctx cells, slots + 1 sequences) and a
        factory of llama_batch structs with room for n tokens."""
        self.ctx, self.n_vocab, self.n_ctx, self._cancelled, self.tile = ctx, n_vocab, n_ctx, False, 1
        self._batch = make_batch(n_ctx)

    def detach(self) -> bool:
        """Free the context after cancelling whatever still waits; False when a step still runs after 5 s
        (Ctrl-C on a loaded machine): its context and model stay, freeing them under it would crash."""
        self.cancel()
        driver = self._driver
        if self.ctx is None or driver is not None and (driver.join(timeout=5) or driver.is_alive()):
            return self.ctx is None
        import llama_cpp

        llama_cpp.llama_batch_free(self._batch)
        self.ctx.close()
        self.ctx, self._batch, self._prefix, self._cancelled = None, None, [], False
        return True

    # -- called from task threads ------------------------------------------------------------------

    @contextmanager
    def tasks(self, n: int) -> Iterator[Callable[[], None]]:
        """Announce n task threads; each calls the yielded `finished()` once when it will ask no more."""
        left = [0]
        self._expect(n, left)
        try:
            yield lambda: self._expect(-1, left)
        finally:
            self._expect(-left[0], left)

    def _expect(self, n: int, left: list[int]) -> None:
        with self._cond:
            n = max(n, -left[0])  # a session never gives back more threads than it announced
            self._expected, left[0] = self._expected + n, left[0] + n
            self._cond.notify_all()

    def submit(self, request: Request) -> None:
        """Queue a request and block until its sequence is finished (or failed)."""
        need = len(request.seq.prompt) + request.reserve
        if need > self.n_ctx:
            raise ContextOverflow(f"the prompt and answer need {need} tokens; the context holds {self.n_ctx}")
        with self._cond:
            if self._cancelled:
                raise Cancelled("interrupted")
            self._queue.append(request)
            self._ensure_driver()
            self._cond.notify_all()
        request.done.wait()
        if request.error is not None:
            raise request.error

    def cancel(self) -> None:
        """Fail every waiting and active request (Ctrl-C): no answer of theirs is returned or cached."""
        with self._cond:
            self._cancelled = True
            for r in self._queue + list(self._active.values()):
                r.error = Cancelled("interrupted")
                r.done.set()
            self._queue.clear()
            self._active.clear()
            self._cond.notify_all()

    # -- the driver thread -------------------------------------------------------------------------

    def _ensure_driver(self) -> None:
        if self._driver is None or not self._driver.is_alive():
            self._driver = threading.Thread(target=self._drive, name="summarizer-decoder", daemon=True)
            self._driver.start()

    def _ready(self) -> bool:
        waiting = len(self._queue) + len(self._active)
        return waiting > 0 and waiting >= self._expected

    def _drive(self) -> None:
        while True:
            with self._cond:
                ready = self._cond.wait_for(lambda: self._cancelled or self._ready(), timeout=30)
                if self._cancelled or not (ready or self._queue or self._active):  # interrupted, or idle
                    self._driver = None
                    return
                if not ready:
                    continue
                admitted, new_prefix = self._admit()
            try:
                finished = self._step(admitted, new_prefix)
            except BaseException as exc:  # noqa: BLE001 - a failed decode fails the requests in it
                finished = list(self._active.values())
                for r in finished:
                    r.error = exc if isinstance(exc, BackendError) else TaskFailed(f"decoding failed: {exc}")
                if self.ctx is not None:  # the prefix may be recorded but not evaluated: the next one starts afresh
                    self.ctx.kv_cache_seq_rm(PREFIX, -1, -1)
                self._prefix, self._generation = [], self._generation + 1
            with self._cond:
                for r in finished:
                    self._active.pop(r.slot, None)
                    self.ctx.kv_cache_seq_rm(r.slot, -1, -1)
                    r.done.set()
                self._cond.notify_all()

    def _used(self, new: list[int] | None = None) -> int:
        """KV cells the active requests may need at most: the prefix (`new`, the one this step will make, if
        any), each one's own prompt tokens and answer budget, and the shared part of any prefix replaced
        since it started, counted for each of them. (Those shared parts are the same first cells for all the
        requests of one prefix, so this is more than they hold. Counting each once admitted the second part
        of a long article beside the first, and the mussel story, in two parts, took 366 s against 313 s in
        a cold eval, its other articles within 10%: likely the first part's re-asks, arriving once the
        second prefix has replaced it, each made it again. Counted so, a new prefix waits until few of the
        old one's requests are left.)"""
        prefix, generation = (self._prefix, self._generation) if new is None else (new, self._generation + 1)
        return len(prefix) + sum(r.reserve + (r.shared if r.generation != generation else 0)
                                 for r in self._active.values())

    def _admit(self) -> tuple[list[Request], list[int] | None]:
        """Waiting requests into free slots, in the order of their prompts, while the KV cache has room.
        Each takes what it shares with the prefix; the first that shares too little makes the new
        prefix (returned; later requests of this step may share it instead)."""
        self._queue.sort(key=lambda r: r.seq.prompt)
        admitted: list[Request] = []
        free = [s for s in range(1, self.slots + 1) if s not in self._active]
        new: list[int] | None = None
        while self._queue and free:
            r = self._queue[0]
            prompt = r.seq.prompt
            source, k = None, _common(new if new is not None else self._prefix, prompt)
            if k >= len(prompt) * SHARE:
                source = "new" if new is not None else "old"
            elif new is None:
                source, k = "new", len(prompt) - 1
            else:
                k = 0
            need = (len(prompt) - k) + r.reserve
            making = prompt[:-1] if source == "new" and new is None else None  # the prefix it would make
            if self._used(new if new is not None else making) + need > self.n_ctx:
                if self._active or admitted:
                    break
                if source == "old":  # alone, but the prefix is longer than what it shares: keep only that
                    self._trim = k
                    self._prefix = self._prefix[:k]
            self._queue.pop(0)
            if making is not None:
                new = making
            r.shared, r.source = k, source
            r.generation = self._generation + (1 if source == "new" or new is not None else 0)
            r.reserve += len(prompt) - k
            r.slot = free.pop(0)
            self._active[r.slot] = r
            admitted.append(r)
        return admitted, new

    # -- one step ------------------------------------------------------------------------------------

    def _step(self, admitted: list[Request], new_prefix: list[int] | None) -> list[Request]:
        """Evaluate one batch: the prompts of newly admitted requests (a new shared prefix once) and the
        next tokens of every running sequence; hand each sequence its logits. Returns the finished."""
        entries: list[list] = []  # [token, position, sequence ids, wants logits]
        owners: list[tuple[Request, list[int]]] = []  # request, its logits rows in the batch
        if self._trim is not None:
            self.ctx.kv_cache_seq_rm(PREFIX, self._trim, -1)
            self._trim = None
        for r in admitted:
            if r.source == "old":  # copied, not evaluated
                self.ctx.kv_cache_seq_cp(PREFIX, r.slot, 0, r.shared)
        if new_prefix is not None:
            sharers = [r for r in admitted if r.source == "new"]
            kept = self._replace_prefix(new_prefix, max(r.head for r in sharers))
            for r in sharers:
                self.ctx.kv_cache_seq_cp(PREFIX, r.slot, 0, min(kept, r.shared))
            for pos in range(kept, len(new_prefix)):
                entries.append([new_prefix[pos], pos, [PREFIX] + [r.slot for r in sharers if pos < r.shared], False])
        for r in admitted:
            for i, tok in enumerate(r.seq.feed_prompt(r.shared)):
                entries.append([tok, r.shared + i, [r.slot], False])
            owners.append((r, [len(entries) - 1]))
        running = [r for r in self._active.values() if r not in admitted]
        self._fit_drafts(len(entries), running, len(admitted) + len(running))
        for r in running:
            start = len(entries)
            fed = r.seq.pending
            for i, tok in enumerate(fed):
                entries.append([tok, r.seq.n_past + i, [r.slot], False])
            rows = list(range(start, len(entries)))
            owners.append((r, rows if r.seq.wants_all_logits else rows[-1:]))
        for _, rows in owners:
            for i in rows:
                entries[i][3] = True
        self._decode(entries)
        self.stats.steps += 1
        self.stats.tokens += len(entries)
        self.stats.sizes[len(owners)] = self.stats.sizes.get(len(owners), 0) + 1
        finished = []
        for r, rows in owners:
            try:
                nxt = r.seq.accept([self._logits(i) for i in rows], draft_room=DRAFT)  # cut by _fit_drafts
                self.ctx.kv_cache_seq_rm(r.slot, r.seq.n_past, -1)  # rejected draft positions
            except Exception as exc:  # noqa: BLE001 - one sequence's failure is its own
                r.error = exc if isinstance(exc, BackendError) else TaskFailed(f"decoding failed: {exc}")
                nxt = []
            r.seq.stats.steps += 1
            if r.seq.done or not nxt:
                finished.append(r)
        return finished

    def time_steps(self, widths: list[int], runs: int = 4) -> list[float]:
        """Median milliseconds of a step of each width (ordinary tokens on a free sequence, in turn after one
        unmeasured round), with the KV cache left as it was: called before any request, at load."""
        import statistics
        import time

        times: dict[int, list[float]] = {w: [] for w in widths}
        for round_ in range(runs + 1):
            for w in widths:
                start = time.perf_counter()
                try:
                    self._decode([[1000 + i, i, [1], i == w - 1] for i in range(w)])
                finally:
                    self.ctx.kv_cache_seq_rm(1, -1, -1)
                if round_:
                    times[w].append((time.perf_counter() - start) * 1000)
        return [round(statistics.median(times[w]), 1) for w in widths]

    def _fit_drafts(self, rows: int, running: list[Request], sequences: int) -> None:
        """Cut the drafts the running sequences proposed to what this step of `sequences` sequences affords:
        a whole draft for one alone, a quarter each for a few, and from WIDE_STEP on only what fills the last
        tile of rows (`rows`: the step's rows before the running sequences' tokens)."""
        if sequences < WIDE_STEP:
            for r in running:
                r.seq.trim_draft(DRAFT if sequences <= 1 else DRAFT // 4)
            return
        rows += sum(len(r.seq.pending) - len(r.seq.draft) for r in running)
        keep = share(fill_tile(rows, self.tile), [len(r.seq.draft) for r in running])
        for r, k in zip(running, keep):
            r.seq.trim_draft(k)

    def _replace_prefix(self, new_prefix: list[int], head: int) -> int:
        """Make new_prefix the shared prefix; returns how many of its first tokens are in the KV cache
        already: its `head` (the system prompt) when the old prefix had it (the last article's), else
        loaded from the HeadStore, else evaluated on its own and stored there; without a head, what it has
        in common with the old prefix."""
        kept = common_length(self._prefix, new_prefix)
        if head:  # the rest is evaluated from the head on, as in a fresh process: batches and answers alike
            kept = min(kept, head)
        if kept < head <= len(new_prefix):  # evaluated on its own with or without a store: the same numbers
            tokens = new_prefix[:head]
            self.ctx.kv_cache_seq_rm(PREFIX, -1, -1)
            if self.heads is not None and self.heads.load(self.ctx, PREFIX, tokens):
                self.stats.heads_loaded += 1
            else:
                self._decode([[tok, pos, [PREFIX], False] for pos, tok in enumerate(tokens)])
                self.stats.tokens += len(tokens)
                self.stats.heads_evaluated += 1
                if self.heads is not None:
                    self.heads.save(self.ctx, PREFIX, tokens)
            kept = head
        else:
            self.ctx.kv_cache_seq_rm(PREFIX, kept, -1)
        self._prefix = new_prefix
        self._generation += 1
        return kept

    def _decode(self, entries: list[list]) -> None:
        import llama_cpp

        b = self._batch
        b.n_tokens = len(entries)
        for i, (tok, pos, seqs, logits) in enumerate(entries):
            b.token[i] = tok
            b.pos[i] = pos
            b.n_seq_id[i] = len(seqs)
            for j, s in enumerate(seqs):
                b.seq_id[i][j] = s
            b.logits[i] = logits
        code = llama_cpp.llama_decode(self.ctx.ctx, b)
        if code != 0:
            raise ContextOverflow(f"llama_decode returned {code}: the KV cache ({self.n_ctx} cells) is full")

    def _logits(self, i: int):  # a numpy row (numpy and llama.cpp load when a step runs, not on a cached run)
        import llama_cpp
        import numpy as np

        ptr = llama_cpp.llama_get_logits_ith(self.ctx.ctx, i)
        return np.ctypeslib.as_array(ptr, shape=(self.n_vocab,)).copy()


def fill_tile(rows: int, tile: int) -> int:
    """Draft rows worth adding to a step of `rows` rows (tile 1: none). llama.cpp's repacked Q4_K kernels on x86
    take the rows 16 at a time, the rest 4 at a time and the last rows % 4 one by one, so a step that ends
    in at least half a tile costs less per row once the tile is full (Intel Xeon, 2 threads: 8 rows 238 ms,
    12 rows 283 ms, 15 rows 338 ms, 16 rows 289 ms); about half of the draft tokens are accepted. Steps are
    cut into ubatches of 512 rows, a multiple of 16, so the last tile of the step is the last of its ubatch."""
    left = rows % tile
    return tile - left if left and left * 2 >= tile else 0


def share(rows: int, drafts: list[int]) -> list[int]:
    """How many tokens of each draft to keep so that `rows` draft tokens are evaluated in all: one at a time
    in turn, so that each keeps its first tokens, the likeliest to be accepted."""
    keep = [0] * len(drafts)
    while rows > 0 and any(k < d for k, d in zip(keep, drafts)):
        for i, d in enumerate(drafts):
            if rows > 0 and keep[i] < d:
                keep[i] += 1
                rows -= 1
    return keep


def common_length(a: list[int], b: list[int]) -> int:
    """How many first tokens a and b share."""
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def _common(prefix: list[int], prompt: list[int]) -> int:
    """Tokens prompt shares with prefix, at most all but its last (always evaluated, for its logits)."""
    return common_length(prefix, prompt[:-1])


class HeadStore:
    """KV states of prompt heads that every article shares (the system prompt), kept on disk beside the
    model like llama.cpp's prompt cache: evaluated once per model, prompt text and llama.cpp build, then
    loaded instead (~15 MB, a few ms, against ~5 s to evaluate 500 tokens on 2 cores). The state holds no
    article text. A file that is unreadable, altered or refused by llama.cpp is evaluated again."""

    def __init__(self, directory: Path, model_sha256: str, build: str = ""):
        # build: what else makes this build's kernels round differently (its binary, whether weights are repacked)
        self.directory, self.model, self.build = directory, model_sha256, build

    def path(self, tokens: list[int]) -> Path:
        import llama_cpp

        # the build's CPU features too: kernels of another build (AVX-512 or not, repacked weights or not)
        # round differently, and a state they made would give other answers than evaluating the head here
        build = llama_cpp.llama_print_system_info().decode(errors="replace")
        key = hashlib.sha256(f"{self.model}:{llama_cpp.__version__}:{build}:{self.build}:{tokens}".encode()).hexdigest()
        return self.directory / f"{self.model[:16]}.head-{key[:16]}.kv"

    def load(self, ctx, seq: int, tokens: list[int]) -> bool:
        import llama_cpp

        try:
            data = self.path(tokens).read_bytes()
        except OSError:
            return False
        digest, payload = data[:32], data[32:]
        if not payload or hashlib.sha256(payload).digest() != digest:
            return False
        buffer = (ctypes.c_uint8 * len(payload)).from_buffer_copy(payload)
        read = llama_cpp.llama_state_seq_set_data(ctx.ctx, buffer, len(payload), seq)
        if read == len(payload) and llama_cpp.llama_memory_seq_pos_max(ctx.memory, seq) == len(tokens) - 1:
            return True
        ctx.kv_cache_seq_rm(seq, -1, -1)
        return False

    def save(self, ctx, seq: int, tokens: list[int]) -> None:
        """Best effort: written whole (temp file, then rename) or not at all."""
        import llama_cpp

        size = llama_cpp.llama_state_seq_get_size(ctx.ctx, seq)
        buffer = (ctypes.c_uint8 * size)()
        if llama_cpp.llama_state_seq_get_data(ctx.ctx, buffer, size, seq) != size:
            return
        payload = bytes(buffer)
        path = self.path(tokens)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except OSError:
            pass
