"""Bounded retries for any backend that talks over a network: exponential backoff with jitter, or the
server's Retry-After, counted and reported; a wait longer than MAX_RETRY_AFTER fails at once instead of
hanging a batch. Backends decide what is worth retrying; this module decides how long to wait."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TypeVar

from summarizer.errors import BackendError

log = logging.getLogger("summarizer")
T = TypeVar("T")
RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
BACKOFF_BASE, BACKOFF_CAP = 0.5, 8.0  # seconds: 0.5, 1, 2, 4, 8 ... with jitter
MAX_RETRY_AFTER = 120


@dataclass(frozen=True)
class Retryable:
    """A failure worth another attempt: why (for the log and the final error) and the server's wait, if any."""
    reason: str
    wait: float | None = None


def backoff(attempt: int) -> float:
    """Seconds before retry number attempt + 1: 0.5, 1, 2 ... capped at 8, times a jitter in [0.5, 1)."""
    return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt) * (0.5 + random.random() / 2)


def with_retries(attempt: Callable[[], T], classify: Callable[[Exception], Retryable | None], *,
                 max_retries: int, where: str, setting: str = "SUMMARIZER_HTTP_RETRIES") -> tuple[T, int]:
    """(attempt()'s value, retries spent). `classify` returns a Retryable for a failure worth repeating,
    None to let the exception through (it may also raise an error of its own)."""
    retries = 0
    while True:
        try:
            return attempt(), retries
        except Exception as exc:  # noqa: BLE001 - classify decides
            verdict = classify(exc)
            if verdict is None:
                raise
        if retries >= max_retries:
            raise BackendError(f"{where}: {verdict.reason}; gave up after {retries + 1} attempts ({setting})")
        delay = verdict.wait if verdict.wait is not None else backoff(retries)
        if delay > MAX_RETRY_AFTER:
            raise BackendError(f"{where}: {verdict.reason}; the server asks to wait {delay:.0f} s, more than "
                               f"{MAX_RETRY_AFTER} s")
        retries += 1
        log.warning("%s: %s; retry %d of %d in %.1f s", where, verdict.reason, retries, max_retries, delay)
        time.sleep(delay)


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from a Retry-After (seconds or an HTTP date) or retry-after-ms header, when one was sent."""
    headers = headers or {}
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        if headers.get("retry-after"):
            return max(0.0, float(headers["retry-after"]))
    except ValueError:
        try:
            when = parsedate_to_datetime(headers["retry-after"])
            return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
        except (TypeError, ValueError, KeyError):
            return None
    return None
