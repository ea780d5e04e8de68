"""The answer cache stores JSON text only, never unpickles, and never keys on a secret."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time

import diskcache

from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.structured.cache import AnswerCache, cache_clear, cache_info, cache_key

from .helpers import claims_env, run, write_article


class _Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):  # unpickling this writes the marker file
        return (open, (self.marker, "w"))


def test_planted_pickle_does_not_run(tmp_path):
    directory = tmp_path / "cache"
    marker = tmp_path / "pwned"
    key = cache_key({"anything": 1})
    with diskcache.Cache(str(directory)) as evil:  # the default Disk pickles objects
        evil.set(key, _Payload(str(marker)))
    cache = AnswerCache(directory)
    assert cache.get(key) is None
    assert not marker.exists()
    assert any("refusing" in w for w in cache.warnings)
    assert cache.get(key) is None and not marker.exists()  # the planted row was removed


def test_values_round_trip_as_json_small_and_large(tmp_path):
    cache = AnswerCache(tmp_path / "c")
    small, large = {"a": [1, 2]}, {"text": "x" * 100_000}
    cache.set("k1", small)
    cache.set("k2", large)
    assert cache.get("k1") == small and cache.get("k2") == large
    assert cache_info(tmp_path / "c")["entries"] == 2
    assert cache_clear(tmp_path / "c") == 2 and cache.get("k1") is None


def test_cache_directory_is_private(tmp_path):
    AnswerCache(tmp_path / "private")
    assert stat.S_IMODE(os.stat(tmp_path / "private").st_mode) == 0o700


def test_refresh_ignores_cached_answers(tmp_path):
    AnswerCache(tmp_path / "c").set("k", {"v": 1})
    assert AnswerCache(tmp_path / "c", refresh=True).get("k") is None


def test_api_key_is_not_part_of_the_cache_identity():
    a = OpenAIBackend("openai/m", "m", base_url=None, api_key="sk-secret-one")
    b = OpenAIBackend("openai/m", "m", base_url=None, api_key="sk-secret-two")
    assert a.identity() == b.identity()
    assert "sk-secret" not in repr(a) and "sk-secret" not in str(a.identity())


def test_unusable_cache_directory_warns_and_continues(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = AnswerCache(blocker / "cache")
    assert not cache.active and cache.warnings
    cache.set("k", {"v": 1})
    assert cache.get("k") is None


def _plant(directory, marker, key):
    """Rows a default diskcache writes for objects: pickled values (inline and in a file) and a pickled key."""
    with diskcache.Cache(str(directory)) as evil:
        evil.set(key, _Payload(str(marker)))
        evil.set(key + "-big", [_Payload(str(marker))] + ["x" * 50_000])  # large: stored in a file
        evil.set(("tuple", "key"), _Payload(str(marker)))


def test_planted_pickles_do_not_run_on_any_read_path(tmp_path):
    directory, marker = tmp_path / "cache", tmp_path / "pwned"
    key = cache_key({"anything": 2})
    _plant(directory, marker, key)
    cache = AnswerCache(directory)
    assert cache.get(key) is None and cache.get(key + "-big") is None
    assert cache_info(directory)["entries"] == 1  # the two read were removed; the pickled key is left
    assert cache_clear(directory) == 1
    assert not marker.exists()


def test_planted_pickles_do_not_run_through_the_cli(tmp_path):
    directory, marker = tmp_path / "cache", tmp_path / "pwned"
    _plant(directory, marker, cache_key({"anything": 3}))
    for args in (["cache", "info", "--cache-dir", directory], ["cache", "clear", "--cache-dir", directory]):
        out = run(*args)
        assert out.returncode == 0, out.stderr
    assert not marker.exists()


def test_corrupt_database_is_set_aside_and_rebuilt(tmp_path):
    directory = tmp_path / "cache"
    AnswerCache(directory).set("k", {"v": 1})
    (directory / "cache.db").write_bytes(b"this is not an sqlite database" * 100)
    cache = AnswerCache(directory)
    assert cache.active and any("was corrupt" in w for w in cache.warnings)
    assert list(directory.glob("cache.db.corrupt-*"))
    cache.set("k", {"v": 2})
    assert AnswerCache(directory).get("k") == {"v": 2}


def test_corrupt_database_through_the_cli_warns_and_succeeds(tmp_path):
    article = write_article(tmp_path)
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / "cache.db").write_bytes(b"\x00garbage" * 4096)
    out = run(article, "--claims", "--model", "fake", "--cache-dir", directory, env=claims_env(tmp_path, article))
    assert out.returncode == 0 and "was corrupt" in out.stderr and out.stdout.startswith("# Claims")
    info = run("cache", "info", "--cache-dir", directory)
    assert info.returncode == 0 and "entries: 3" in info.stdout


def test_locked_database_warns_once_and_the_run_goes_on(tmp_path):
    directory = tmp_path / "cache"
    AnswerCache(directory).set("k", {"v": 1})
    holder = sqlite3.connect(directory / "cache.db", timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another process is writing and does not let go
    try:
        started = time.monotonic()
        cache = AnswerCache(directory)
        for i in range(5):
            assert cache.get(f"k{i}") is None
            cache.set(f"k{i}", {"v": i})
        assert time.monotonic() - started < 15  # one lock time-out, not one per call
        assert len(cache.warnings) == 1 and "lock" in cache.warnings[0]
    finally:
        holder.rollback()
        holder.close()
    assert AnswerCache(directory).get("k") == {"v": 1}


def test_eight_processes_on_one_cache_end_with_one_consistent_entry_per_answer(tmp_path):
    article = write_article(tmp_path)
    directory = tmp_path / "shared-cache"
    env = {**os.environ, **claims_env(tmp_path, article)}
    args = [sys.executable, "-m", "summarizer", str(article), "--claims", "--format", "json", "--model", "fake",
            "--cache-dir", str(directory), "-q"]
    procs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(8)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [e for _, e in outs]
    claims = {json.dumps(json.loads(o)["claims"], sort_keys=True) for o, _ in outs}
    assert len(claims) == 1 and not any(e.strip() for _, e in outs)
    info = cache_info(directory)  # one answer per sentence and one whole result, however many processes wrote them
    assert (info["entries"], info["results"]) == (4, 1)
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    usage = json.loads(again.stdout)["usage"]
    assert usage["cache_hits"] == 3 and usage["cache_misses"] == 0


def test_cache_dir_flag_is_used_and_private(tmp_path):
    article = write_article(tmp_path)
    directory = tmp_path / "elsewhere" / "cache"
    out = run(article, "--claims", "--model", "fake", "--cache-dir", directory, env=claims_env(tmp_path, article))
    assert out.returncode == 0, out.stderr
    assert (cache_info(directory)["entries"], cache_info(directory)["results"]) == (4, 1)  # 3 answers, 1 result
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    assert not (tmp_path / "cache").exists()  # not the default location
