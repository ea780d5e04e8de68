"""`summarize batch` as a library call: run_batch() streams the inputs, skips what the output already
holds, runs the rest on an engine (threads here, or Ray: ray_engine.py) and appends each record as its
article finishes. The local engine keeps N articles in flight, each worker thread with a client from a
ClientSource: its own (remote endpoints), or one shared client (a loaded model)."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from summarizer.config import Settings
from summarizer.corpus.journal import Journal
from summarizer.corpus.sources import Corpus, Item
from summarizer.corpus.work import Outcome, run_article
from summarizer.errors import BackendError, UsageError
from summarizer.structured.client import StructuredClient

ENGINES = ("local", "ray")


@dataclass
class BatchSummary:
    output: Path
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    tokens: int = 0
    seconds: float = 0.0
    engine: str = "local"

    def line(self) -> str:
        return (f"batch: {self.ok} ok, {self.errors} failed, {self.skipped} skipped, {self.seconds:.1f} s, "
                f"{self.tokens:,} tokens -> {self.output}")


class Progress(Protocol):
    """What run_batch reports to (render.progress.BatchProgress is one)."""

    def start(self, total: int | None, skipped: int = 0) -> None: ...
    def advance(self, ok: bool) -> None: ...
    def finish(self, summary: str) -> None: ...


class Tally:
    """Writes each finished article's record and counts it; shared by the worker threads. STREAK articles
    in a row failed by the backend mean the endpoint is down, not that they are bad: the batch stops."""

    STREAK = 20

    def __init__(self, journal: Journal, summary: BatchSummary, progress: Progress | None):
        self.journal, self.summary, self.progress = journal, summary, progress
        self._lock = threading.Lock()
        self._streak = 0

    @property
    def tokens(self) -> int:
        return self.summary.tokens

    def add(self, outcome: Outcome) -> None:
        with self._lock:
            self.summary.tokens += outcome.tokens
            if outcome.line is None:
                return
            self.journal.append(outcome.line)
            self.summary.ok += outcome.ok
            self.summary.errors += not outcome.ok
            self._streak = self._streak + 1 if outcome.backend_failed else 0
            down = self._streak == self.STREAK
        if self.progress:
            self.progress.advance(outcome.ok)
        if down:
            raise BackendError(f"{self.STREAK} articles in a row failed at the model (the last: "
                               f"{json.loads(outcome.line)['error']}); stopping, the endpoint looks down. "
                               "Run the same command again to retry them")


# -- clients ---------------------------------------------------------------------------------------

class ClientSource(Protocol):
    """Gives each worker thread the client it must use; `threads`: how many may run at once."""

    threads: int

    def get(self) -> StructuredClient: ...
    def close(self) -> None: ...


class PerThreadClients:
    """Each worker thread its own client (StructuredClient is not promised to be thread-safe; a backend
    for a remote endpoint is cheap to create)."""

    def __init__(self, factory: Callable[[], StructuredClient], threads: int):
        self.factory, self.threads = factory, threads
        self._local = threading.local()
        self._all: list[StructuredClient] = []
        self._lock = threading.Lock()

    def get(self) -> StructuredClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = self.factory()
            with self._lock:
                self._all.append(client)
        return client

    def close(self) -> None:
        for client in self._all:
            client.close()


class SharedClient:
    """One client, hence one loaded model, for the whole batch; with a backend that decodes several
    calls side by side (the local one), `threads` articles feed its batches at once."""

    def __init__(self, client: StructuredClient, threads: int = 1):
        self.client, self.threads = client, threads

    def get(self) -> StructuredClient:
        return self.client

    def close(self) -> None:
        self.client.close()


def clients_for(settings: Settings) -> ClientSource:
    """The clients a batch on settings.model uses. Creating the backend here makes an unknown model or
    a missing API key stop the batch before any article runs."""
    from summarizer.backends import get_backend
    from summarizer.pipeline import open_client

    backend = get_backend(settings.model, settings)
    if backend.parallel_clients:
        backend.close()
        return PerThreadClients(lambda: open_client(settings), settings.concurrency)
    return SharedClient(open_client(settings, backend), threads=settings.concurrency if backend.parallel > 1 else 1)


# -- the batch -------------------------------------------------------------------------------------

def run_batch(inputs: list[str], output: str | Path, settings: Settings, *, with_brief: bool = True,
              engine: str = "local", ray_address: str | None = None, progress: Progress | None = None,
              clients: ClientSource | None = None) -> BatchSummary:
    """Summarize every article of `inputs` (files, directories, globs, .jsonl files, '-' for JSONL on
    stdin) into `output`, one JSON line per article (models.BatchOk / BatchError), skipping the ids that
    already have an ok line there. Returns the counts; raises what stops the whole batch (bad input,
    configuration, a spent token budget: the records written so far stay). `clients`: for the local
    engine, where worker threads get their clients (default: clients_for(settings))."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    started = time.monotonic()
    corpus = Corpus(inputs, output)
    summary = BatchSummary(Path(output), engine=engine)
    with Journal(output) as journal:
        tally = Tally(journal, summary, progress)
        try:
            if engine == "ray":
                from summarizer.corpus.ray_engine import run_on_ray

                run_on_ray(corpus, journal, tally, settings, with_brief=with_brief, address=ray_address)
            else:
                _run_local(corpus, journal, tally, settings, with_brief, clients)
        finally:
            summary.seconds = time.monotonic() - started
            if progress:
                progress.finish(summary.line())
    return summary


def _run_local(corpus: Corpus, journal: Journal, tally: Tally, settings: Settings, with_brief: bool,
               clients: ClientSource | None) -> None:
    counts = corpus.count(journal.done)  # checks every JSONL line before the first article runs
    clients = clients or clients_for(settings)
    if tally.progress:
        tally.progress.start(counts[0] if counts else None, counts[1] if counts else 0)
    todo: queue.Queue[Item | None] = queue.Queue(maxsize=clients.threads)
    stop = threading.Event()
    fatal: list[BaseException] = []

    def worker() -> None:
        while (item := todo.get()) is not None:
            if stop.is_set():
                continue
            try:
                outcome = run_article(item, settings, clients.get(), with_brief=with_brief,
                                      spent_before=tally.tokens)
                if outcome.fatal is not None:
                    fatal.append(outcome.fatal)
                    stop.set()
                tally.add(outcome)
            except BaseException as exc:  # noqa: BLE001 - an output error, or a bug: stop the batch
                fatal.append(exc)
                stop.set()

    threads = [threading.Thread(target=worker, name=f"batch-{n}", daemon=True) for n in range(clients.threads)]
    for t in threads:
        t.start()
    try:
        for item in corpus.items():
            if stop.is_set():
                break
            if item.id in journal.done:
                tally.summary.skipped += 1
                continue
            _put(todo, item, stop)
    except KeyboardInterrupt:  # leave at once: the daemon threads end with the process, written lines are whole
        stop.set()
        raise
    except BaseException:
        _drain(todo, threads)  # bad input further on: the articles in flight still finish and are written
        clients.close()
        raise
    _drain(todo, threads)
    clients.close()
    if fatal:
        raise fatal[0]


def _drain(todo: queue.Queue, threads: list[threading.Thread]) -> None:
    """Tell each worker to stop once the queue is empty, and wait for them."""
    for _ in threads:
        _put(todo, None, None)
    for t in threads:
        while t.is_alive():
            t.join(0.2)  # a timed join keeps Ctrl-C working


def _put(todo: queue.Queue, item: Item | None, stop: threading.Event | None) -> None:
    """Queue an item, waiting in short steps so that Ctrl-C and a stopped batch are noticed."""
    while True:
        try:
            todo.put(item, timeout=0.2)
            return
        except queue.Full:
            if stop is not None and stop.is_set():
                return
