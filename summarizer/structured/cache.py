"""On-disk answer cache (diskcache). Keys are content hashes; values are JSON text only.
A SafeDisk refuses to unpickle anything, so a planted row in the database cannot run code."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import diskcache

from summarizer.errors import CacheError

log = logging.getLogger("summarizer")

FORMAT_VERSION = 1


class UnsafeCacheEntry(Exception):
    """A cache row that is not plain JSON text (for instance a pickle planted by someone else)."""


class SafeDisk(diskcache.Disk):
    """diskcache Disk that stores and reads str keys and str values only; it never unpickles."""

    def put(self, key):
        if not isinstance(key, str):
            raise TypeError("cache keys are str")
        return key, True

    def get(self, key, raw):
        if not raw:
            raise UnsafeCacheEntry("refusing to unpickle a cache key")
        return key

    def store(self, value, read, key=diskcache.core.UNKNOWN):
        if read or not isinstance(value, str):
            raise TypeError("cache values are JSON text")
        return super().store(value, read, key=key)

    def fetch(self, mode, filename, value, read):
        if mode not in (diskcache.core.MODE_RAW, diskcache.core.MODE_TEXT):  # never MODE_PICKLE
            raise UnsafeCacheEntry(f"refusing a cache value stored in mode {mode} (only JSON text is read)")
        return super().fetch(mode, filename, value, read)


RESULT_PREFIX = "result-"  # keys of whole results (pipeline.summarize); the others are model answers


def cache_key(parts: dict[str, Any]) -> str:
    """Content address over everything that changes the answer; callers never pass secrets."""
    blob = json.dumps({"format": FORMAT_VERSION, **parts}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class AnswerCache:
    """JSON answers by key. Any failure to use the cache becomes a logged warning, never a crash."""

    def __init__(self, directory: Path | None, enabled: bool = True, refresh: bool = False):
        self.directory = directory
        self.refresh = refresh
        self.warnings: list[str] = []
        self._cache: diskcache.Cache | None = None
        if enabled and directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                self._cache = _open(directory)
            except sqlite3.DatabaseError as exc:
                if _is_locked(exc):
                    self._warn(f"cache at {directory} is locked by another process ({exc}); continuing without it")
                else:
                    self._rebuild(directory, exc)
            except OSError as exc:
                self._warn(f"cache at {directory} unusable ({exc}); continuing without it")

    def _rebuild(self, directory: Path, exc: Exception) -> None:
        """A database that is not one (truncated, overwritten): keep it aside for inspection, start afresh."""
        import time

        aside = directory / f"cache.db.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            (directory / "cache.db").rename(aside)
            for suffix in ("-wal", "-shm"):
                (directory / f"cache.db{suffix}").unlink(missing_ok=True)
            self._cache = _open(directory)
            self._warn(f"cache database at {directory} was corrupt ({exc}); moved to {aside.name}, started a new one")
        except (OSError, sqlite3.Error) as again:
            self._warn(f"cache at {directory} unusable ({again}); continuing without it")

    def _warn(self, message: str) -> None:
        """Kept for the run's result, which reports it once (the CLI prints the result's warnings)."""
        log.debug(message)
        self.warnings.append(message)

    @property
    def active(self) -> bool:
        return self._cache is not None

    def get(self, key: str) -> Any | None:
        if self._cache is None or self.refresh:
            return None
        try:
            text = self._cache.get(key)
        except UnsafeCacheEntry as exc:
            self._warn(f"cache entry {key[:12]} ignored and removed: {exc}")
            self.discard(key)
            return None
        except (OSError, sqlite3.Error) as exc:
            self._give_up("read", exc)
            return None
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError:
            self._warn(f"cache entry {key[:12]} is not valid JSON; removed")
            self.discard(key)
            return None

    def set(self, key: str, value: Any) -> None:
        if self._cache is None:
            return
        try:
            self._cache.set(key, json.dumps(value, ensure_ascii=False, sort_keys=True))
        except (OSError, sqlite3.Error) as exc:
            self._give_up("write", exc)

    def _give_up(self, what: str, exc: Exception) -> None:
        """A locked or broken database: warn once and run on without the cache (waiting on every call
        would multiply the lock time-out by the number of calls)."""
        self._warn(f"cache {what} failed ({exc}); continuing without the cache for this run")
        try:
            self._cache.close()
        except Exception:  # noqa: BLE001 - it is already broken
            pass
        self._cache = None

    def discard(self, key: str) -> None:
        try:
            self._cache.delete(key)
        except Exception:  # noqa: BLE001 - a broken row must not stop the run
            pass

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()


LOCK_TIMEOUT = 5.0  # seconds SQLite waits for another process's write lock


def _open(directory: Path) -> diskcache.Cache:
    """diskcache retries a locked database for 60 s while opening; a short write-lock probe first makes a
    cache held by another process fail after LOCK_TIMEOUT instead."""
    db = directory / "cache.db"
    if db.exists():
        probe = sqlite3.connect(db, timeout=LOCK_TIMEOUT)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
        finally:
            probe.close()
    return diskcache.Cache(str(directory), disk=SafeDisk, eviction_policy="none", timeout=LOCK_TIMEOUT)


def _is_locked(exc: Exception) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def cache_info(directory: Path) -> dict[str, Any]:
    entries = results = 0
    if (directory / "cache.db").exists():
        try:
            with _open(directory) as c:
                entries = len(c)
                # counted in SQL: reading keys through diskcache would unpickle a planted non-text key
                results = c._sql("SELECT COUNT(*) FROM Cache WHERE raw = 1 AND key LIKE ?",
                                 (RESULT_PREFIX + "%",)).fetchone()[0]
        except sqlite3.Error as exc:
            raise CacheError(f"cache at {directory} cannot be read ({exc}); the next run rebuilds it") from None
    size = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) if directory.exists() else 0
    return {"path": str(directory), "entries": entries, "results": results, "bytes": size}


def cache_clear(directory: Path) -> int:
    if not (directory / "cache.db").exists():
        return 0
    try:
        with _open(directory) as c:
            return c.clear()
    except sqlite3.Error as exc:
        raise CacheError(f"cache at {directory} cannot be cleared ({exc})") from None
