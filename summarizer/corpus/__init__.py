"""Corpora: `summarize batch` over many articles, streamed, resumable and concurrent (runner.py), on
threads or on Ray Data (ray_engine.py); sources.py reads the inputs, journal.py writes the output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.corpus.runner import BatchSummary, run_batch  # noqa: F401

__all__ = ["BatchSummary", "run_batch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from summarizer.corpus import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'summarizer.corpus' has no attribute {name!r}")
