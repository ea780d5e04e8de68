"""The output of a batch: a JSONL file that only ever grows by whole lines. One process at a time (an
fcntl lock on FILE.lock beside it while a batch runs); each record is one os.write of a complete line
(O_APPEND), then fsync, so a SIGKILL loses nothing written and tears no line; a partial last line left
by a crash in the middle of a write (a full disk, a power cut) is cut off when the file is opened again."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from pathlib import Path

from summarizer.errors import OutputError

log = logging.getLogger("summarizer")
_CHUNK = 1 << 16


class Journal:
    """Open with `with Journal(path) as journal:`; `done` holds the ids that have an ok record."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.done: set[str] = set()
        self.failed_before = 0  # ids whose last record is an error: this run retries them
        self.dropped = 0  # bytes of a torn last line cut off on opening
        self._fd: int | None = None
        self._lock_fd: int | None = None
        self._created = False
        self._write_lock = threading.Lock()

    def __enter__(self) -> Journal:
        if self.path.is_dir():
            raise OutputError(f"--output {self.path}: is a directory")
        self._lock_fd = self._take_lock()
        try:
            self._created = not self.path.exists()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self._cut_torn_tail()
            self._index()
        except OSError as exc:
            self.close()
            raise OutputError(f"--output {self.path}: cannot write there ({exc.strerror or exc})") from None
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _take_lock(self) -> int:
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(f"--output {self.path}: cannot create the lock file {self.lock_path} "
                                  f"({exc.strerror or exc})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                os.close(fd)
                raise OutputError(f"--output {self.path}: another summarize batch (pid {holder or '?'}) is writing "
                                  "it; wait for it to finish or choose another output file") from None
            try:  # the holder before us removes the file as it lets go: a lock on that old file is no lock
                if os.fstat(fd).st_ino == os.stat(self.lock_path).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return fd

    def _cut_torn_tail(self) -> None:
        """A last line without its newline can only be the start of a record whose write was cut short:
        drop it (its article runs again)."""
        size = os.fstat(self._fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as fh:
            end = size
            while end > 0:
                start = max(0, end - _CHUNK)
                fh.seek(start)
                chunk = fh.read(end - start)
                if end == size and chunk.endswith(b"\n"):
                    return
                newline = chunk.rfind(b"\n")
                if newline >= 0:
                    end = start + newline + 1
                    break
                end = start
        os.ftruncate(self._fd, end)
        os.fsync(self._fd)
        self.dropped = size - end
        log.warning("%s: dropped an incomplete last line (%d bytes) left by an interrupted run; its article runs "
                    "again", self.path, self.dropped)

    def _index(self) -> None:
        """The ids with an ok record, and the count of ids whose last record is an error."""
        failed: set[str] = set()
        bad = 0
        with open(self.path, "rb") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                    key, status = record["id"], record["status"]
                except (ValueError, KeyError, TypeError):
                    bad += 1
                    continue
                if status == "ok":
                    self.done.add(key)
                    failed.discard(key)
                elif key not in self.done:
                    failed.add(key)
        self.failed_before = len(failed)
        if bad:
            log.warning("%s: %d line(s) are not batch records and were ignored", self.path, bad)

    def append(self, line: str) -> None:
        """Add one record (a JSON text without newline) as one write of a complete line, then fsync.
        Safe to call from several threads."""
        data = line.encode("utf-8") + b"\n"
        with self._write_lock:
            start = os.fstat(self._fd).st_size
            try:
                written = os.write(self._fd, data)
                if written != len(data):  # a full disk: never leave a torn line behind
                    raise OSError(f"wrote {written} of {len(data)} bytes")
                os.fsync(self._fd)
            except OSError as exc:
                try:
                    os.ftruncate(self._fd, start)
                except OSError:
                    pass
                raise OutputError(f"--output {self.path}: cannot write ({getattr(exc, 'strerror', None) or exc})") \
                    from None

    def close(self) -> None:
        if self._fd is not None:
            empty = os.fstat(self._fd).st_size == 0
            os.close(self._fd)
            self._fd = None
            if empty and self._created:  # nothing was written (bad input, an error before the first article)
                self.path.unlink(missing_ok=True)
        if self._lock_fd is not None:
            self.lock_path.unlink(missing_ok=True)  # still holding the lock: see _take_lock
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None
