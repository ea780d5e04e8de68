"""`summarize batch --engine ray`: the same batch on Ray Data. ray.data reads the inputs (article files
as bytes, JSONL files line by line; stdin is spooled to a file first), map_batches runs the articles on
a pool of actors, each holding one client (one loaded model for the local backend), and the driver
writes the records through the same Journal, so the output, resume and lock are those of the local
engine. RAY_ADDRESS or --ray-address attaches to a cluster; otherwise a small local Ray starts."""

from __future__ import annotations

import logging
import os
import warnings
from typing import Any

from summarizer import errors
from summarizer.config import Settings
from summarizer.corpus.journal import Journal
from summarizer.corpus.sources import Corpus, Item, parse_line
from summarizer.corpus.work import FATAL, Outcome, run_article
from summarizer.errors import BudgetExceeded, ConfigError

log = logging.getLogger("summarizer")
REMOTE_ACTOR_CPUS = 0.1  # an actor that waits on an endpoint hardly uses its CPU


def run_on_ray(corpus: Corpus, journal: Journal, tally, settings: Settings, *, with_brief: bool = True,
               address: str | None = None) -> None:
    """Run the articles of `corpus` not yet in `journal` on Ray; `tally` writes and counts each record."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(f"--engine ray needs Ray Data ({exc.name} is missing): pip install -e '.[ray]'") from None
    from summarizer.backends import get_backend

    backend = get_backend(settings.model, settings)  # an unknown model or a missing key stops us here
    remote = backend.parallel_clients
    backend.close()
    spooled = corpus.spool_stdin(journal.path.parent)
    started_ray = False
    try:
        to_run, skipped = corpus.count(journal.done)  # checks every line before Ray starts
        tally.summary.skipped = skipped
        if tally.progress:
            tally.progress.start(to_run, skipped)
        if to_run == 0:
            return
        started_ray = _init(ray, address or os.environ.get("RAY_ADDRESS") or None, settings, remote)
        dataset = _dataset(ray, corpus, frozenset(journal.done), settings, with_brief, remote, to_run)
        for row in _rows(ray, dataset):
            if row["fatal_type"]:
                raise getattr(errors, row["fatal_type"], errors.SummarizerError)(row["fatal"])
            tally.add(Outcome(row["id"], line=row["line"] or None, ok=bool(row["ok"]), tokens=int(row["tokens"])))
            if settings.token_budget is not None and tally.tokens >= settings.token_budget:
                raise BudgetExceeded(f"the token budget of {settings.token_budget:,} is spent ({tally.tokens:,} "
                                     "tokens); raise --token-budget / SUMMARIZER_TOKEN_BUDGET. Answers so far "
                                     "are cached")
    finally:
        if started_ray:
            ray.shutdown()
        if spooled is not None:
            spooled.unlink(missing_ok=True)


def _rows(ray, dataset):
    """The dataset's output rows as they come, without Ray's advice on tuning (UserWarnings); a failure
    inside Ray (an input file it cannot read, a lost node) becomes one line."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.")
        try:
            yield from dataset.iter_rows()
        except ray.exceptions.RayError as exc:
            first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise errors.SummarizerError(f"the batch on Ray failed: {first.strip()}") from None


def _init(ray, address: str | None, settings: Settings, remote: bool) -> bool:
    """Attach to `address`, or start a local Ray with few CPUs, no dashboard and quiet logs. False when
    Ray was already initialised by the caller (then it is left running)."""
    if ray.is_initialized():
        return False
    debug = log.isEnabledFor(logging.DEBUG)
    quiet = {"include_dashboard": False, "logging_level": logging.INFO if debug else logging.ERROR,
             "log_to_driver": debug}
    if address:
        ray.init(address=address, **quiet)
    else:  # the actors' CPUs, and one for reading the inputs
        ray.init(num_cpus=(1 if remote else max(1, settings.threads)) + 1, **quiet)
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.INFO if debug else logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return True


def _dataset(ray, corpus: Corpus, done: frozenset[str], settings: Settings, with_brief: bool, remote: bool,
             to_run: int):
    """Rows {id, kind, label, payload} from the inputs -> those not done -> one per block -> the actors."""
    files = {os.path.abspath(e.path): e.path for e in corpus.entries if e.kind == "file"}
    jsonl = {os.path.abspath(e.path): e.label for e in corpus.entries if e.kind == "jsonl"}
    parts = []
    if files:
        def file_row(row: dict[str, Any]) -> dict[str, Any]:
            name = files.get(row["path"]) or files[os.path.abspath(row["path"])]
            return {"id": name, "kind": "file", "label": name, "payload": row["bytes"]}

        parts.append(ray.data.read_binary_files(list(files), include_paths=True).map(file_row))
    if jsonl:
        def line_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
            label = jsonl.get(row["path"]) or jsonl[os.path.abspath(row["path"])]
            item = parse_line(row["text"], label, label)
            return [] if item is None else [{"id": item.id, "kind": "jsonl", "label": label,
                                             "payload": row["text"].encode("utf-8")}]

        parts.append(ray.data.read_text(list(jsonl), include_paths=True).flat_map(line_rows))
    dataset = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    with warnings.catch_warnings():  # the filter is a Python callable on purpose (a set of ids); no advice
        warnings.simplefilter("ignore", UserWarning)
        dataset = dataset.filter(lambda row: row["id"] not in done)
    dataset = dataset.repartition(target_num_rows_per_block=1)  # one article per block: spread over the actors
    actors = max(1, min(settings.concurrency, to_run))
    if remote:  # N articles in flight against the endpoint, as N actors
        compute, cpus = ray.data.ActorPoolStrategy(size=actors), REMOTE_ACTOR_CPUS
    else:  # each actor loads the model: start with one, add more while the cluster has room
        compute, cpus = ray.data.ActorPoolStrategy(min_size=1, max_size=actors), max(1, settings.threads)
    return dataset.map_batches(_summarizer_class(settings, with_brief), batch_size=1, compute=compute, num_cpus=cpus)


def _summarizer_class(settings: Settings, with_brief: bool) -> type:
    """The callable class of map_batches; settings travel in its closure, not as constructor arguments."""

    class Summarize:
        """One Ray actor: one client (hence one loaded model), an article per call."""

        def __init__(self) -> None:
            self.client = None

        def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
            out: dict[str, list] = {"id": [], "line": [], "ok": [], "tokens": [], "fatal": [], "fatal_type": []}
            for key, kind, label, payload in zip(batch["id"], batch["kind"], batch["label"], batch["payload"],
                                                   strict=True):
                outcome = self._one(str(key), str(kind), str(label), bytes(payload))
                fatal = outcome.fatal
                out["id"].append(outcome.id)
                out["line"].append(outcome.line or "")
                out["ok"].append(outcome.ok)
                out["tokens"].append(outcome.tokens)
                out["fatal"].append(str(fatal) if fatal else "")
                out["fatal_type"].append(_error_name(fatal) if fatal else "")
            return out

        def _one(self, key: str, kind: str, label: str, payload: bytes) -> Outcome:
            try:
                if self.client is None:
                    from summarizer.pipeline import open_client

                    self.client = open_client(settings)
                if kind == "file":
                    return run_article(Item(id=key, source=label, path=label), settings, self.client,
                                       with_brief=with_brief, data=payload)
                item = parse_line(payload, label, label)
                return run_article(item, settings, self.client, with_brief=with_brief)
            except FATAL as exc:
                return Outcome(key, fatal=exc)

        def __del__(self) -> None:
            if self.client is not None:
                self.client.close()

    return Summarize


def _error_name(exc: BaseException) -> str:
    """The summarizer.errors class to raise again in the driver (the base class for anything else)."""
    for cls in type(exc).__mro__:
        if getattr(errors, cls.__name__, None) is cls:
            return cls.__name__
    return "SummarizerError"
