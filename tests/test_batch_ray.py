"""`summarize batch --engine ray` on a local Ray instance writes the same records as the single-process
batch (timings aside), into the same kind of output: resumable, one line per article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .faultserver import FaultServer
from .helpers import storm_article, storm_model

pytestmark = [pytest.mark.ray, pytest.mark.server]
pytest.importorskip("ray.data")


def batch(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}  # a local Ray, whatever the shell says
    return subprocess.run([sys.executable, "-m", "summarizer", "batch", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=600)


def comparable(path: Path) -> dict[str, dict]:
    """The records by id, without what differs from run to run: the timings."""
    out = {}
    for line in path.read_text().splitlines():
        record = json.loads(line)
        if record["status"] == "ok":
            del record["result"]["usage"]["seconds"]
        out[record["id"]] = record
    return out


def test_ray_engine_writes_the_same_records_as_the_single_process_batch(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(storm_article(n))
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"j{n}", "text": storm_article(n + 3), "date": "2025-06-01"}) + "\n"
                            for n in range(3)))
    with FaultServer([], storm_model) as server:
        common = [folder, feed, "--brief", "--model", "openai/careful", "--base-url", server.url, "--json-mode",
                  "json_schema", "--concurrency", "2"]
        local = batch(*common, "--cache-dir", tmp_path / "cache-local", "-o", tmp_path / "local.jsonl")
        on_ray = batch(*common, "--cache-dir", tmp_path / "cache-ray", "--engine", "ray", "-o", tmp_path / "ray.jsonl")
        assert on_ray.returncode == local.returncode == 10, on_ray.stderr[-2000:]
        assert "batch: 6 ok, 1 failed, 0 skipped" in on_ray.stderr
        assert comparable(tmp_path / "ray.jsonl") == comparable(tmp_path / "local.jsonl")
        assert len(comparable(tmp_path / "ray.jsonl")) == 7
        # resumable like the local engine: the done articles are skipped, the failed one is retried
        again = batch(*common, "--cache-dir", tmp_path / "cache-ray", "--engine", "ray", "-o", tmp_path / "ray.jsonl")
    assert again.returncode == 10 and "batch: 0 ok, 1 failed, 6 skipped" in again.stderr
    assert "Traceback" not in on_ray.stderr + again.stderr
