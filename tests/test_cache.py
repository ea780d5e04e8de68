"""The answer cache stores JSON text only, never unpickles, and never keys on a secret."""

from __future__ import annotations

import os
import stat

import diskcache

from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.cache import AnswerCache, cache_clear, cache_info, cache_key


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
