"""Progress on stderr: a rich progress bar on a terminal, a plain line per finished stage otherwise,
nothing with --quiet. rich honours NO_COLOR. The library reports progress as (stage, done, total)."""

from __future__ import annotations

import sys
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
