"""Progress on stderr: a rich progress bar on a terminal, a plain line per finished stage otherwise,
nothing with --quiet. rich honours NO_COLOR. The library reports progress as (stage, done, total);
a batch reports each finished article to a BatchProgress, which ends with a one-line summary."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any


class StageProgress:
    """A callable `(stage, done, total)` for summarize(); use as a context manager."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._bar: Any = None
        self._task = None
        self._stage = None

    def __enter__(self) -> StageProgress:
        if not self.quiet and self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description:>14}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=False)
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, stage: str, n: int, total: int) -> None:
        if self.quiet:
            return
        if self._bar is None:
            if n >= total:
                sys.stderr.write(f"{stage}: {n}/{total}\n")
                sys.stderr.flush()
            return
        if stage != self._stage:
            self._task = self._bar.add_task(stage, total=total)
            self._stage = stage
        self._bar.update(self._task, completed=n, total=total)


class BatchProgress:
    """Progress of `summarize batch`: on a terminal one bar (done / total, articles per minute, ETA,
    failures so far), otherwise a plain line every `every` articles (every 1 % of a larger batch) and
    after the last; at the end the summary line. Thread-safe: articles finish on worker threads."""

    def __init__(self, quiet: bool = False, every: int = 10, tty: bool | None = None):
        self.quiet = quiet
        self.every = every
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.total: int | None = None
        self.done = self.failed = 0
        self.started = False
        self._started = time.monotonic()
        self._lock = threading.Lock()
        self._bar: Any = None
        self._task = None

    def start(self, total: int | None, skipped: int = 0) -> None:
        """`total`: the articles to run (None: not known, stdin); `skipped`: done by an earlier run."""
        self.total, self._started, self.started = total, time.monotonic(), True
        if self.quiet:
            return
        if skipped:
            sys.stderr.write(f"batch: {skipped} article(s) already done in the output are skipped\n")
        if self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[info]}"), console=Console(stderr=True), transient=False)
            self._task = self._bar.add_task("batch", total=total, info="")
            self._bar.start()

    def advance(self, ok: bool) -> None:
        with self._lock:
            self.done += 1
            self.failed += not ok
            if self.quiet:
                return
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done, info=self._info())
            elif self.done % max(self.every, (self.total or 0) // 100) == 0 or self.done == self.total:
                of = f"/{self.total}" if self.total is not None else ""
                sys.stderr.write(f"batch: {self.done}{of} articles, {self._info()}\n")
                sys.stderr.flush()

    def _info(self) -> str:
        minutes = max(time.monotonic() - self._started, 1e-6) / 60
        rate = self.done / minutes
        eta = ""
        if self.total is not None and rate > 0 and self.done < self.total:
            left = int((self.total - self.done) / rate * 60)
            eta = f", ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"
        return f"{rate:.1f} articles/min{eta}, {self.failed} failed"

    def finish(self, summary: str) -> None:
        """Stop the bar and write the summary line (none when the batch stopped before it started)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if not self.quiet and self.started:
            sys.stderr.write(summary + "\n")
            sys.stderr.flush()
